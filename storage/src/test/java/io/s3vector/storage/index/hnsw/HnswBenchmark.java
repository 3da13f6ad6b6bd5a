package io.s3vector.storage.index.hnsw;

import io.s3vector.storage.vector.DistanceKernels;
import io.s3vector.storage.vector.DistanceMetric;
import io.s3vector.storage.vector.VectorizationProvider;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Build time, recall@10 and queries per second of the graph alone (no storage, no SQL), for
 * Fashion-MNIST or clustered synthetic vectors. A benchmark, not a test: run it by hand,
 *
 * <pre>
 * mvn -o -q -pl storage test-compile
 * java --add-modules jdk.incubator.vector -Xmx6g -cp storage/target/classes:storage/target/test-classes:$(cat cp.txt) \
 *     io.s3vector.storage.index.hnsw.HnswBenchmark fashion 60000
 * ... HnswBenchmark synthetic 1000000 128
 * </pre>
 *
 * {@code -Dorder=ivf} builds an IVF index first and inserts in its cluster order ({@link
 * InsertionOrder}), as CREATE INDEX does; without it, rows are inserted in id order.
 * {@code -Dforms=floats,codes} searches the graph with float32 vectors (as built) and then with
 * int8 codes (as a segment caches it, {@link HnswGraph#withCodes()}); {@code -Def=40,100}
 * chooses the ef values.
 */
public final class HnswBenchmark {

  public static void main(String[] args) throws Exception {
    String set = args.length > 0 ? args[0] : "fashion";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 60_000;
    int threads = Integer.getInteger("threads", Runtime.getRuntime().availableProcessors());
    int m = Integer.getInteger("m", 16);
    int efConstruction = Integer.getInteger("efConstruction", 64);
    VectorSets.BaseAndQueries data = VectorSets.benchmarkData(set, n,
        args.length > 2 ? Integer.parseInt(args[2]) : 128, 300);
    VectorSets.Vectors base = data.base();
    VectorSets.Vectors queries = data.queries();
    DistanceKernels kernels = VectorizationProvider.kernels();
    System.out.printf("%s: %d x %d, m=%d ef_construction=%d, %d threads, kernels %s%n", set,
        base.rows(), base.dim(), m, efConstruction, threads, kernels.getClass().getSimpleName());
    int[] order = null;
    if ("ivf".equals(System.getProperty("order"))) { // cluster by cluster after a skeleton
      long i0 = System.nanoTime();
      order = io.s3vector.storage.index.ivf.IvfIndex.build(DistanceMetric.L2, base.data(),
          base.rows(), base.dim(), null, kernels, 42).listRows();
      System.out.printf("ivf %.1f s%n", (System.nanoTime() - i0) / 1e9);
    }
    long t0 = System.nanoTime();
    HnswGraph graph = HnswBuilder.build(DistanceMetric.L2, new HnswParams(m, efConstruction),
        base.data(), base.rows(), base.dim(), null, kernels, 42, threads, order);
    double build = (System.nanoTime() - t0) / 1e9;
    System.out.printf("build %.1f s (%.0f vectors/s)%n", build, base.rows() / build);
    HnswGraph floats = graph;
    HnswGraph codes = graph.withCodes();
    for (String form : System.getProperty("forms", "floats").split(",")) {
      System.out.printf("graph with %s (byteSize %,d B)%n", form,
          (form.equals("codes") ? codes : floats).byteSize());
      search(form.equals("codes") ? codes : floats, base, queries, threads);
    }
  }

  /** recall@10 (the walk's own ranking, no re-rank) and queries per second at several ef. */
  private static void search(HnswGraph graph, VectorSets.Vectors base, VectorSets.Vectors queries,
      int threads) throws InterruptedException {
    double[] kth = VectorSets.kthDistances(base, queries, 10, VectorSets.L2);
    for (int ef : java.util.Arrays.stream(System.getProperty("ef", "10,20,40,80,120,200").split(","))
        .mapToInt(Integer::parseInt).toArray()) {
      HnswSearcher searcher = new HnswSearcher();
      int hits = 0;
      for (int q = 0; q < queries.rows(); q++) {
        int found = Math.min(10, searcher.search(graph, queries.row(q), Math.max(ef, 10), null));
        long[] rows = new long[found];
        for (int i = 0; i < found; i++) {
          rows[i] = searcher.node(i);
        }
        hits += VectorSets.hits(base, queries.row(q), rows, kth[q], VectorSets.L2);
      }
      // throughput: every thread searching, several passes over the queries
      float[][] qs = new float[queries.rows()][];
      for (int q = 0; q < qs.length; q++) {
        qs[q] = queries.row(q);
      }
      int passes = 3;
      AtomicInteger next = new AtomicInteger();
      long t1 = System.nanoTime();
      Thread[] workers = new Thread[threads];
      for (int t = 0; t < threads; t++) {
        workers[t] = Thread.ofPlatform().start(() -> {
          HnswSearcher s = new HnswSearcher();
          for (int i = next.getAndIncrement(); i < passes * qs.length; i = next.getAndIncrement()) {
            s.search(graph, qs[i % qs.length], Math.max(ef, 10), null);
          }
        });
      }
      for (Thread w : workers) {
        w.join();
      }
      double seconds = (System.nanoTime() - t1) / 1e9;
      // one client: one thread
      long t2 = System.nanoTime();
      for (int i = 0; i < qs.length; i++) {
        searcher.search(graph, qs[i], Math.max(ef, 10), null);
      }
      double single = (System.nanoTime() - t2) / 1e9;
      System.out.printf("ef_search %3d: recall@10 %.4f, %.0f queries/s on %d threads, %.0f on 1%n",
          ef, hits / (10.0 * queries.rows()), passes * qs.length / seconds, threads,
          qs.length / single);
    }
  }
}
