package io.s3vector.storage.index.hnsw;

import io.s3vector.storage.objectstore.LocalObjectStore;
import io.s3vector.storage.vector.DistanceKernels;
import io.s3vector.storage.vector.DistanceMetric;
import io.s3vector.storage.vector.VectorizationProvider;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Heap held by one loaded graph, as a segment's graph cache holds it: before (float32 vectors, as
 * the graph was loaded until the int8 change) and after (int8 codes and the quantizer). Builds an
 * L2 graph of clustered synthetic rows (m 16, ef_construction 64), writes it to a temporary local
 * folder, then loads it in each form from the stored arrays and a copy of the vectors (as a load
 * reads the segment's column), and prints {@link HnswGraph#byteSize} and the heap used after a
 * full GC with the graph held, less the heap used without it. A benchmark, not a test:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Xmx3g -cp storage/target/classes:storage/target/test-classes:$CP \
 *     io.s3vector.storage.index.hnsw.GraphHeapBenchmark 100000 128
 * </pre>
 */
public final class GraphHeapBenchmark {

  private static volatile Object held;

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int dim = args.length > 1 ? Integer.parseInt(args[1]) : 128;
    int threads = Runtime.getRuntime().availableProcessors();
    DistanceKernels kernels = VectorizationProvider.kernels();
    float[] vectors = VectorSets.clustered(rows, dim, 1000, 7).data();
    Path root = Files.createTempDirectory("s3vector-heap");
    LocalObjectStore store = new LocalObjectStore(root);
    String group = "t/segment/hnsw_idx/";
    long t0 = System.nanoTime();
    HnswGraph built = HnswBuilder.build(DistanceMetric.L2, new HnswParams(16, 64), vectors, rows,
        dim, null, kernels, 42, threads);
    System.out.printf("%d x %d: built in %.1f s on %d threads%n", rows, dim,
        (System.nanoTime() - t0) / 1e9, threads);
    HnswSegmentIndex.write(store, group, built, "idx", "embedding");
    built = null;
    long baseline = usedAfterGc();
    // before: the float graph, its vectors a copy of the column as SegmentIndexes.load made
    HnswGraph floats = HnswSegmentIndex.read(store, group)
        .graph(Arrays.copyOf(vectors, vectors.length), kernels);
    held = floats;
    long floatHeap = usedAfterGc() - baseline;
    long floatSize = floats.byteSize();
    held = null;
    floats = null;
    baseline = usedAfterGc();
    // after: the graph with codes, the column only read while loading
    float[] column = Arrays.copyOf(vectors, vectors.length);
    HnswGraph codes = HnswSegmentIndex.read(store, group).graphWithCodes(column, kernels);
    column = null;
    held = codes;
    long codeHeap = usedAfterGc() - baseline;
    long codeSize = codes.byteSize();
    System.out.printf("float32 vectors: byteSize %,d B, heap held %,d B%n", floatSize, floatHeap);
    System.out.printf("int8 codes:      byteSize %,d B, heap held %,d B (%.2f of float32)%n",
        codeSize, codeHeap, (double) codeHeap / floatHeap);
    held = null;
  }

  private static long usedAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
