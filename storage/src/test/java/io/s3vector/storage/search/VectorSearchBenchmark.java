package io.s3vector.storage.search;

import io.s3vector.storage.engine.StoreDatabase;
import io.s3vector.storage.index.hnsw.VectorSets;
import io.s3vector.storage.manifest.SegmentRef;
import io.s3vector.storage.manifest.TableEntry;
import io.s3vector.storage.objectstore.LocalObjectStore;
import io.s3vector.storage.table.ColumnType;
import io.s3vector.storage.table.Fixtures;
import io.s3vector.storage.table.IndexDefinition;
import io.s3vector.storage.table.NearestRows;
import io.s3vector.storage.table.StoreOptions;
import io.s3vector.storage.table.Table;
import io.s3vector.storage.table.TableSchema;
import io.s3vector.storage.table.TableSnapshot;
import io.s3vector.storage.vector.DistanceMetric;
import io.s3vector.storage.write.Compactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * CREATE INDEX, a cold first query after reopening, recall@10 and queries per second through
 * {@link TableSnapshot#vectorSearch} on a local folder (the storage layer without SQL or wire).
 * A benchmark, not a test:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Xmx6g -cp storage/target/classes:storage/target/test-classes:$CP \
 *     io.s3vector.storage.table.VectorSearchBenchmark fashion 60000 [segments]
 * ... VectorSearchBenchmark synthetic 100000 [segments]
 * </pre>
 *
 * <p>{@code -Def=40,100} chooses the ef_search values (default 10,20,40,80,200). With {@code -Ds3vector.compaction=false} the appended segments stay as they are; else the
 * benchmark waits (up to 10 minutes) until background merging has converged — no merge planned,
 * every segment with graphs — before it measures.
 */
public final class VectorSearchBenchmark {

  public static void main(String[] args) throws Exception {
    String set = args.length > 0 ? args[0] : "fashion";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 60_000;
    int segments = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    VectorSets.BaseAndQueries data = VectorSets.benchmarkData(set, n, 128, 1000);
    VectorSets.Vectors base = data.base();
    VectorSets.Vectors queries = data.queries();
    Path root = Files.createTempDirectory("s3vector-bench");
    IndexDefinition index = IndexDefinition.of("bench_idx", "embedding", DistanceMetric.L2);
    boolean compaction = Boolean.parseBoolean(System.getProperty("s3vector.compaction", "true"));
    StoreOptions options = StoreOptions.builder().compaction(compaction).build();
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root), options)) {
      db.createTable(new TableSchema("bench", List.of(Fixtures.column("id", ColumnType.INT8),
          Fixtures.vector("embedding", base.dim())), List.of()), false);
      Table table = db.table("bench").orElseThrow();
      long t0 = System.nanoTime();
      int per = (n + segments - 1) / segments;
      for (int from = 0; from < n; from += per) {
        List<Object[]> rows = new ArrayList<>();
        for (int r = from; r < Math.min(n, from + per); r++) {
          rows.add(new Object[] {(long) r, base.row(r)});
        }
        table.append(rows);
      }
      System.out.printf("%s %d x %d in %d segments: append %.1f s%n", set, n, base.dim(),
          segments, (System.nanoTime() - t0) / 1e9);
      long t1 = System.nanoTime();
      table.createIndex(index);
      System.out.printf("CREATE INDEX (m 16, ef_construction 64): %.1f s%n",
          (System.nanoTime() - t1) / 1e9);
      if (compaction) {
        long t3 = System.nanoTime();
        while (System.nanoTime() - t3 < 600e9 && !converged(db.manifest().table("bench"))) {
          Thread.sleep(200);
        }
        System.out.printf("merging converged after %.1f s more%n", (System.nanoTime() - t3) / 1e9);
      }
      System.out.printf("segments: %s%n",
          db.manifest().table("bench").segments().stream().map(SegmentRef::rows).toList());
    }
    double[] kth = VectorSets.kthDistances(base, queries, 10, VectorSets.L2);
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root), options)) {
      TableSnapshot snapshot = db.table("bench").orElseThrow().snapshot();
      long t2 = System.nanoTime();
      snapshot.vectorSearch(index, queries.row(0), 10, 40, null);
      System.out.printf("first query after reopening (graph and vectors loaded): %.0f ms%n",
          (System.nanoTime() - t2) / 1e6);
      int[] efs = java.util.Arrays.stream(System.getProperty("ef", "10,20,40,80,200").split(","))
          .mapToInt(Integer::parseInt).toArray();
      for (int ef : efs) {
        int hits = 0;
        for (int q = 0; q < queries.rows(); q++) {
          NearestRows found = snapshot.vectorSearch(index, queries.row(q), 10, ef, null);
          hits += VectorSets.hits(base, queries.row(q), found.rowNumbers(), kth[q], VectorSets.L2);
        }
        System.out.printf("ef_search %3d: recall@10 %.4f, %6.0f queries/s (1 thread), %6.0f (2)%n",
            ef, hits / (10.0 * queries.rows()), qps(snapshot, index, queries, ef, 1, null),
            qps(snapshot, index, queries, ef, 2, null));
      }
      System.out.printf("1%% filter, ef_search 40: %6.0f queries/s (1 thread)%n",
          qps(snapshot, index, queries, 40, 1, row -> row % 100 == 7));
    }
  }

  private static boolean converged(TableEntry entry) {
    for (SegmentRef segment : entry.segments()) {
      if (segment.rows() >= StoreOptions.DEFAULT_MIN_INDEXED_SEGMENT_ROWS
          && !segment.hasIndex("bench_idx")) {
        return false;
      }
    }
    return Compactor.plan(entry.segments(), segment -> segment.rows() > 0, segment -> 0L,
        StoreOptions.DEFAULT_MIN_INDEXED_SEGMENT_ROWS) == null;
  }

  private static double qps(TableSnapshot snapshot, IndexDefinition index,
      VectorSets.Vectors queries, int ef, int threads, java.util.function.LongPredicate accept)
      throws InterruptedException {
    int total = 2 * queries.rows();
    AtomicInteger next = new AtomicInteger();
    Thread[] workers = new Thread[threads];
    long t = System.nanoTime();
    for (int w = 0; w < threads; w++) {
      workers[w] = Thread.ofPlatform().start(() -> {
        for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
          snapshot.vectorSearch(index, queries.row(i % queries.rows()), 10, ef, accept);
        }
      });
    }
    for (Thread worker : workers) {
      worker.join();
    }
    return total / ((System.nanoTime() - t) / 1e9);
  }
}
