package io.s3vector.storage.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.engine.StoreDatabase;
import io.s3vector.storage.index.hnsw.HnswBuilder;
import io.s3vector.storage.manifest.SegmentRef;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tiered merge policy: a table loaded in many batches converges to a few segments. */
class MergePolicyTest {

  private static final int DIM = 4;
  private static final IndexDefinition INDEX =
      IndexDefinition.of("t_idx", "embedding", DistanceMetric.L2);

  @TempDir Path root;

  private static TableSchema schema() {
    return new TableSchema("t", List.of(Fixtures.column("id", ColumnType.INT8),
        Fixtures.vector("embedding", DIM)), List.of());
  }

  private static float[] vector(long id) {
    Random random = new Random(id * 31 + 7);
    float[] v = new float[DIM];
    for (int d = 0; d < DIM; d++) {
      v[d] = random.nextFloat();
    }
    return v;
  }

  private static List<Object[]> rows(long from, int count) {
    List<Object[]> rows = new ArrayList<>();
    for (long id = from; id < from + count; id++) {
      rows.add(new Object[] {id, vector(id)});
    }
    return rows;
  }

  private static StoreOptions options(boolean compaction) {
    return StoreOptions.builder().compaction(compaction).compactionThreshold(32)
        .smallSegmentRows(10_000).keepManifests(10).manifestRetention(Duration.ofMinutes(2))
        .deleteGrace(Duration.ofMillis(200)).build();
  }

  /** Polls until the table has at most {@code max} segments, each large one with the graph. */
  private static List<SegmentRef> awaitConverged(StoreDatabase db, int max) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      List<SegmentRef> segments = db.manifest().table("t").segments();
      boolean graphs = segments.stream().allMatch(s ->
          s.rows() < StoreOptions.DEFAULT_MIN_INDEXED_SEGMENT_ROWS || s.hasIndex(INDEX.name()));
      if ((segments.size() <= max && graphs) || System.nanoTime() > deadline) {
        return segments;
      }
      Thread.sleep(50);
    }
  }

  private static void assertIdsInOrder(TableSnapshot snapshot, long n) {
    List<Object[]> all = Fixtures.readAll(snapshot);
    assertEquals(n, all.size());
    for (int i = 0; i < n; i++) {
      assertEquals((long) i, all.get(i)[0], "row " + i);
    }
  }

  /** The k nearest distances by brute force. */
  private static double[] exact(float[] query, long n, int k) {
    double[] all = new double[(int) n];
    for (int i = 0; i < n; i++) {
      float[] v = vector(i);
      double sum = 0;
      for (int d = 0; d < DIM; d++) {
        double diff = v[d] - query[d];
        sum += diff * diff;
      }
      all[i] = Math.sqrt(sum);
    }
    Arrays.sort(all);
    return Arrays.copyOf(all, k);
  }

  @Test
  void sixtyBatchesConvergeToFewSegmentsWithTheSameRowsAndResults() throws Exception {
    int batches = 60;
    int batch = 1_000;
    long n = (long) batches * batch;
    List<NearestRows> before = new ArrayList<>();
    float[][] queries = new float[20][];
    for (int q = 0; q < queries.length; q++) {
      queries[q] = vector(1_000_000 + q);
    }
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root), options(false))) {
      db.createTable(schema(), false);
      Table table = db.table("t").orElseThrow();
      table.createIndex(INDEX);
      for (int b = 0; b < batches; b++) {
        table.append(rows((long) b * batch, batch));
      }
      assertEquals(batches, db.manifest().table("t").segments().size());
      TableSnapshot snapshot = table.snapshot();
      for (float[] query : queries) {
        before.add(snapshot.vectorSearch(INDEX, query, 10, 400, null));
      }
    }
    // reopened with merging on: the table converges in the background
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root), options(true))) {
      long t0 = System.nanoTime();
      List<SegmentRef> segments = awaitConverged(db, 8);
      assertTrue(segments.size() <= 8, "segments: " + segments.stream().map(SegmentRef::rows).toList());
      assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(30).toNanos());
      for (SegmentRef segment : segments) {
        assertTrue(segment.hasIndex(INDEX.name()), "a merged segment without the graph");
      }
      TableSnapshot snapshot = db.table("t").orElseThrow().snapshot();
      assertIdsInOrder(snapshot, n);
      for (int q = 0; q < queries.length; q++) {
        NearestRows after = snapshot.vectorSearch(INDEX, queries[q], 10, 400, null);
        double[] expected = exact(queries[q], n, 10);
        assertArrayEquals(expected, before.get(q).distances(), 1e-6, "before, query " + q);
        assertArrayEquals(expected, after.distances(), 1e-6, "after, query " + q);
        assertArrayEquals(before.get(q).rowNumbers(), after.rowNumbers(), "query " + q);
      }
    }
  }

  /**
   * Under a stream of single-row commits the packs are folded together, without the indexed
   * segments before them (folding those too rewrote up to 10,000 rows at every fold); those merge
   * by tiers in the same pass.
   */
  @Test
  void packsFoldWithoutTheIndexedSegmentsBeforeThemWhichMergeByTiers() {
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root), options(false))) {
      db.createTable(schema(), false);
      Table table = db.table("t").orElseThrow();
      table.createIndex(INDEX);
      for (int b = 0; b < 5; b++) {
        table.append(rows(b * 1_000L, 1_000));
      }
      for (int i = 0; i < 40; i++) {
        table.append(rows(5_000L + i, 1));
      }
      assertEquals(2, db.compact("t"));
      List<SegmentRef> segments = db.manifest().table("t").segments();
      assertEquals(List.of(5_000L, 40L), segments.stream().map(SegmentRef::rows).toList());
      assertTrue(segments.get(0).hasIndex(INDEX.name()));
      assertIdsInOrder(table.snapshot(), 5_040);
    }
  }

  @Test
  void mergingIndexedSegmentsExtendsTheLargestGraphInsteadOfRebuildingIt() {
    StoreOptions options = StoreOptions.builder().compaction(false).compactionThreshold(32)
        .smallSegmentRows(100).build();
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root), options)) {
      db.createTable(schema(), false);
      Table table = db.table("t").orElseThrow();
      table.createIndex(INDEX);
      // one large indexed segment after a small one, then small ones: one tier of five
      table.append(rows(0, 1_000));
      table.append(rows(1_000, 4_000));
      for (int b = 0; b < 3; b++) {
        table.append(rows(5_000 + b * 1_000L, 1_000));
      }
      long built = HnswBuilder.graphsBuilt();
      long extended = HnswBuilder.graphsExtended();
      long trained = io.s3vector.storage.index.ivf.IvfIndex.trainings();
      assertEquals(1, db.compact("t"));
      assertEquals(built, HnswBuilder.graphsBuilt(), "no graph built from scratch");
      assertEquals(extended + 1, HnswBuilder.graphsExtended(), "the 4,000-row graph extended");
      assertEquals(trained, io.s3vector.storage.index.ivf.IvfIndex.trainings(),
          "no k-means: the 4,000-row segment's 63 centroids serve 8,000 rows");
      List<SegmentRef> segments = db.manifest().table("t").segments();
      assertEquals(List.of(8_000L), segments.stream().map(SegmentRef::rows).toList());
      assertTrue(segments.get(0).hasIndex(INDEX.name()));
      TableSnapshot snapshot = table.snapshot();
      assertIdsInOrder(snapshot, 8_000);
      for (int q = 0; q < 20; q++) {
        float[] query = vector(2_000_000 + q);
        assertArrayEquals(exact(query, 8_000, 10),
            snapshot.vectorSearch(INDEX, query, 10, 400, null).distances(), 1e-6, "query " + q);
      }
    }
    // and the extended graph is what a restart loads
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root), options)) {
      long built = HnswBuilder.graphsBuilt();
      float[] query = vector(3_000_000);
      assertArrayEquals(exact(query, 8_000, 10), db.table("t").orElseThrow().snapshot()
          .vectorSearch(INDEX, query, 10, 400, null).distances(), 1e-6);
      assertEquals(built, HnswBuilder.graphsBuilt());
    }
  }

  @Test
  void mergingNeverLosesConcurrentAppends() throws Exception {
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root), options(true))) {
      db.createTable(schema(), false);
      Table table = db.table("t").orElseThrow();
      long n = 0;
      for (int b = 0; b < 30; b++) {
        table.append(rows(n, 1_000));
        n += 1_000;
      }
      table.createIndex(INDEX); // while merges are under way: merged segments get it too
      AtomicReference<Throwable> failed = new AtomicReference<>();
      long from = n;
      Thread appender = Thread.ofPlatform().start(() -> {
        try {
          for (int b = 0; b < 300; b++) {
            int size = b % 10 == 0 ? 1_000 : 7;
            table.append(rows(from + (long) b * 1_000, size));
          }
        } catch (Throwable e) {
          failed.set(e);
        }
      });
      appender.join();
      if (failed.get() != null) {
        throw new AssertionError(failed.get());
      }
      // ids: the first 30,000, then per batch b the ids from + b * 1000 ...
      List<Long> expected = new ArrayList<>();
      for (long id = 0; id < n; id++) {
        expected.add(id);
      }
      for (int b = 0; b < 300; b++) {
        int size = b % 10 == 0 ? 1_000 : 7;
        for (int i = 0; i < size; i++) {
          expected.add(from + (long) b * 1_000 + i);
        }
      }
      List<SegmentRef> segments = awaitConverged(db, 8);
      assertTrue(segments.size() <= 8, "segments: " + segments.stream().map(SegmentRef::rows).toList());
      List<Object[]> all = Fixtures.readAll(db.table("t").orElseThrow().snapshot());
      assertEquals(expected, all.stream().map(r -> (Long) r[0]).toList());
      for (SegmentRef segment : segments) {
        assertTrue(segment.rows() < StoreOptions.DEFAULT_MIN_INDEXED_SEGMENT_ROWS
            || segment.hasIndex(INDEX.name()), "a merged segment without the graph");
      }
    }
  }

  @Test
  void planMergesTiersAndKeepsTheCountSmall() {
    List<SegmentRef> four = sized(2_500, 2_500, 2_500, 2_500);
    assertEquals(null, Compactor.plan(four, s -> true, s -> 0L, 1_000));
    List<SegmentRef> five = sized(40_000, 1_000, 1_000, 1_000, 1_000, 900);
    assertEquals(five.subList(1, 6), Compactor.plan(five, s -> true, s -> 0L, 1_000));
    // small commits: a run of at least five small segments is folded whole, however long
    List<SegmentRef> tiny = sized(1, 1, 1, 1, 1, 1, 1, 1);
    assertEquals(tiny, Compactor.plan(tiny, s -> true, s -> 0L, 1_000));
    assertEquals(null, Compactor.plan(sized(1, 1, 1, 1), s -> true, s -> 0L, 1_000));
    List<SegmentRef> log = new ArrayList<>(sized(50_000));
    log.addAll(sized(new long[3_000]).stream().map(r -> new SegmentRef(r.id(), 1)).toList());
    assertEquals(log.subList(1, 3_001), Compactor.plan(log, s -> true, s -> 0L, 1_000));
    List<SegmentRef> nine = sized(100_000, 1, 100_000, 2, 100_000, 3, 100_000, 4, 100_000);
    assertEquals(nine.subList(0, 2), Compactor.plan(nine, s -> true, s -> 0L, 1_000));
    List<SegmentRef> full = sized(2_000_000, 2_000_000, 2_000_000, 2_000_000, 2_000_000);
    assertEquals(null, Compactor.plan(full, s -> true, s -> 0L, 1_000));
  }

  private static List<SegmentRef> sized(long... rows) {
    List<SegmentRef> segments = new ArrayList<>();
    for (long r : rows) {
      segments.add(new SegmentRef(java.util.UUID.randomUUID().toString(), r, List.of()));
    }
    return segments;
  }
}
