package io.s3vector.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.bench.BruteForce;
import io.s3vector.bench.Dataset;
import io.s3vector.bench.Metric;
import io.s3vector.bench.VectorFiles;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The benchmark's readers and reference search agree with the data set's own ground truth. */
class BenchDatasetTest {

  @Test
  void bruteForceMatchesTheShippedGroundTruth() throws Exception {
    Path dir = ExactSearchDatasetTest.datasets().resolve("fashion-mnist-784-euclidean");
    float[][] base = VectorFiles.readFvecs(dir.resolve("base.fvecs.gz"), -1);
    float[][] queries = VectorFiles.readFvecs(dir.resolve("query.fvecs.gz"), 4);
    int[][] truth = VectorFiles.readIvecs(dir.resolve("groundtruth.ivecs.gz"), 4);
    float[][] truthDistances = VectorFiles.readFvecs(dir.resolve("groundtruth-distances.fvecs.gz"), 4);
    assertEquals(60_000, base.length);
    assertEquals(100, truth[0].length);
    int[][] ours = BruteForce.topK(base, queries, 100, Metric.L2);
    for (int q = 0; q < queries.length; q++) {
      assertArrayEquals(truth[q], ours[q], "query " + q);
      assertEquals(truthDistances[q][99], Metric.L2.distance(base[ours[q][99]], queries[q]), 1e-3);
    }
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
