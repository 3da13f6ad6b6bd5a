package io.s3vector.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.bench.BruteForce;
import io.s3vector.bench.Dataset;
import io.s3vector.bench.FashionMnist;
import io.s3vector.bench.GroundTruthCache;
import io.s3vector.bench.Metric;
import io.s3vector.bench.VectorFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's data: Fashion-MNIST read from Debian's IDX files is the data set ann-benchmarks
 * publishes, our exact search reproduces its ground truth, and ground truth is cached.
 */
class BenchDatasetTest {

  /**
   * The first ten neighbours of test images 0, 1 and 999 in ann-benchmarks'
   * fashion-mnist-784-euclidean ground truth (its groundtruth.ivecs), nearest first.
   */
  private static final int[][] ANN_BENCHMARKS_TOP10 = {
    {18094, 53939, 18352, 52468, 15081, 29768, 21342, 17346, 45266, 18339},
    {8572, 31348, 3884, 9533, 36846, 24556, 28082, 55959, 47667, 30373},
    {49609, 44225, 51327, 58621, 14038, 47098, 58526, 36753, 35708, 30111},
  };
  private static final int[] QUERY_IDS = {0, 1, 999};

  @Test
  void debianFilesHoldTheWholeDataSetAsPixelValues() throws IOException {
    float[][] base = FashionMnist.base(FashionMnist.defaultFolder(), -1);
    float[][] queries = FashionMnist.queries(FashionMnist.defaultFolder(), 1000);
    assertEquals(60_000, base.length);
    assertEquals(1000, queries.length);
    assertEquals(784, base[0].length);
    float max = 0;
    for (float[] image : base) {
      for (float pixel : image) {
        assertTrue(pixel >= 0 && pixel <= 255 && pixel == Math.rint(pixel), "a byte value: " + pixel);
        max = Math.max(max, pixel);
      }
    }
    assertEquals(255, max);
  }

  @Test
  void exactSearchReproducesAnnBenchmarksGroundTruth(@TempDir Path cacheDir) throws IOException {
    float[][] base = FashionMnist.base(FashionMnist.defaultFolder(), -1);
    float[][] firstThousand = FashionMnist.queries(FashionMnist.defaultFolder(), 1000);
    float[][] queries = Arrays.stream(QUERY_IDS).mapToObj(q -> firstThousand[q]).toArray(float[][]::new);
    int[][] ours = new GroundTruthCache(cacheDir).topK("fashion-mnist", base, queries, 10, Metric.L2);
    for (int i = 0; i < QUERY_IDS.length; i++) {
      assertArrayEquals(ANN_BENCHMARKS_TOP10[i], ours[i], "query " + QUERY_IDS[i]);
    }
  }

  @Test
  void groundTruthIsComputedOnceThenReadFromTheCache(@TempDir Path cacheDir) throws IOException {
    Dataset data = Dataset.synthetic(500, 8, 4, 5, Metric.L2);
    GroundTruthCache cache = new GroundTruthCache(cacheDir);
    int[][] first = cache.topK("t", data.base(), data.queries(), 5, Metric.L2);
    assertArrayEquals(BruteForce.topK(data.base(), data.queries(), 5, Metric.L2), first);
    List<Path> files;
    try (var listing = Files.list(cacheDir)) {
      files = listing.toList();
    }
    assertEquals(1, files.size(), "one cache file: " + files);
    // a second call reads the file: prove it by planting other (well-formed) answers in it
    int[][] planted = {{9, 8, 7, 6, 5}, {1, 2, 3, 4, 5}, {0, 0, 0, 0, 0}, {4, 4, 4, 4, 4}};
    VectorFiles.writeIvecs(files.get(0), planted);
    assertArrayEquals(planted, cache.topK("t", data.base(), data.queries(), 5, Metric.L2));
    // another k, metric or data is another file
    cache.topK("t", data.base(), data.queries(), 3, Metric.L2);
    cache.topK("t", data.base(), data.queries(), 5, Metric.COSINE);
    try (var listing = Files.list(cacheDir)) {
      assertEquals(3, listing.count());
    }
    // a file cut short (a killed run) is computed again
    Files.write(files.get(0), new byte[] {5, 0, 0});
    assertArrayEquals(first, cache.topK("t", data.base(), data.queries(), 5, Metric.L2));
    assertArrayEquals(first, VectorFiles.readIvecs(files.get(0), -1), "rewritten");
  }

  @Test
  void tiesGoToTheLowerRowId() {
    float[][] base = {{3, 0}, {1, 0}, {0, 1}, {1, 0}, {-1, 0}};
    int[] top = BruteForce.topK(base, new float[] {0, 0}, 4, Metric.L2);
    assertArrayEquals(new int[] {1, 2, 3, 4}, top, "all four at distance 1, by id");
  }

  @Test
  void aMissingDataSetNamesTheCommandThatInstallsIt(@TempDir Path empty) {
    IOException e = assertThrows(IOException.class, () -> FashionMnist.base(empty, 10));
    assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
  }

  @Test
  void syntheticDataIsReproducibleAndRecallCountsTies() {
    Dataset a = Dataset.synthetic(2000, 16, 5, 10, Metric.L2);
    Dataset b = Dataset.synthetic(2000, 16, 5, 10, Metric.L2);
    assertTrue(Arrays.deepEquals(a.base(), b.base()), "a fixed seed");
    assertArrayEquals(a.groundTruth()[0], b.groundTruth()[0]);
    assertEquals(1.0, a.recall(0, a.groundTruth()[0], Metric.L2));
    int[] half = Arrays.copyOf(a.groundTruth()[0], 10);
    for (int i = 5; i < 10; i++) {
      half[i] = -1;
    }
    assertEquals(0.5, a.recall(0, half, Metric.L2));
  }
}
