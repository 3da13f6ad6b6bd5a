package io.s3vector.storage.index.ivf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.vector.DistanceKernels;
import io.s3vector.storage.vector.DistanceMetric;
import io.s3vector.storage.vector.VectorizationProvider;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The clusters of an IVF index: every row in its nearest centroid's list, and rebuilds that give the same lists. */
class KMeansTest {
  private static final DistanceKernels KERNELS = VectorizationProvider.kernels();
  private static final int DIM = 16;

  /** {@code rows} vectors around {@code centers} Gaussian centres. */
  private static float[] clustered(int rows, int centers, long seed) {
    Random random = new Random(seed);
    float[][] c = new float[centers][DIM];
    for (float[] center : c) {
      for (int d = 0; d < DIM; d++) {
        center[d] = (float) random.nextGaussian();
      }
    }
    float[] v = new float[rows * DIM];
    for (int r = 0; r < rows; r++) {
      float[] center = c[random.nextInt(centers)];
      for (int d = 0; d < DIM; d++) {
        v[r * DIM + d] = center[d] + 0.4f * (float) random.nextGaussian();
      }
    }
    return v;
  }

  @Test
  void everyRowGoesToItsNearestCentroidAndEveryListIsUsed() {
    int rows = 5_000;
    int lists = 70;
    float[] vectors = clustered(rows, 100, 7);
    int[] all = new int[rows];
    for (int r = 0; r < rows; r++) {
      all[r] = r;
    }
    float[] centroids = KMeans.train(vectors, DIM, all, lists, false, KERNELS, 3);
    int[] assigned = new int[rows];
    KMeans.nearest(vectors, DIM, all, rows, centroids, lists, KERNELS, assigned);
    int[] sizes = new int[lists];
    for (int r = 0; r < rows; r++) {
      sizes[assigned[r]]++;
      float mine = KERNELS.squaredL2(vectors, r * DIM, centroids, assigned[r] * DIM, DIM);
      for (int c = 0; c < lists; c++) {
        assertTrue(mine <= KERNELS.squaredL2(vectors, r * DIM, centroids, c * DIM, DIM),
            "row " + r + " is nearer to centroid " + c);
      }
    }
    for (int c = 0; c < lists; c++) {
      assertTrue(sizes[c] > 0, "list " + c + " is empty");
    }
  }

  @Test
  void aRebuildOfTheSameRowsGivesTheSameLists() {
    int rows = 30_000;
    float[] vectors = clustered(rows, 400, 11);
    IvfIndex a = IvfIndex.build(DistanceMetric.L2, vectors, rows, DIM, null, KERNELS, 5);
    IvfIndex b = IvfIndex.build(DistanceMetric.L2, vectors, rows, DIM, null, KERNELS, 5);
    assertEquals(a.head().lists(), b.head().lists());
    assertArrayEquals(a.listRows(), b.listRows());
    assertArrayEquals(a.codes(), b.codes());
  }
}
