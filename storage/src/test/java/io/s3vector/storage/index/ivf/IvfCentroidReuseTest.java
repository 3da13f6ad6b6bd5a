package io.s3vector.storage.index.ivf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.vector.DistanceKernels;
import io.s3vector.storage.vector.DistanceMetric;
import io.s3vector.storage.vector.VectorizationProvider;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** An IVF index built on centroids trained elsewhere (a merge's largest segment). */
class IvfCentroidReuseTest {
  private static final int DIM = 8;
  private static final DistanceKernels KERNELS = VectorizationProvider.kernels();

  private static float[] random(Random random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }

  @Test
  void centroidsServeUpToAboutTwiceTheRowsTheyWereTrainedFor() {
    assertTrue(IvfIndex.reusable(63, 4_000));
    assertTrue(IvfIndex.reusable(63, 8_000), "listsFor(8,000) = 89, 63 is 71% of it");
    assertFalse(IvfIndex.reusable(63, 9_000));
    assertFalse(IvfIndex.reusable(63, 16_000));
  }

  @Test
  void reusedCentroidsAreKeptAndEveryRowListedUnderItsNearest() {
    Random random = new Random(4);
    int rows = 3_000;
    float[] vectors = random(random, rows * DIM);
    float[] trained = IvfIndex.build(DistanceMetric.L2, vectors, 2_000, DIM, null, KERNELS, 1)
        .head().centroids();
    int lists = trained.length / DIM;
    long trainings = IvfIndex.trainings();
    IvfIndex ivf = IvfIndex.build(DistanceMetric.L2, vectors, rows, DIM, null, KERNELS, 1, trained);
    assertEquals(trainings, IvfIndex.trainings(), "no k-means");
    assertArrayEquals(trained, ivf.head().centroids());
    assertEquals(lists, ivf.head().lists());
    assertEquals(rows, ivf.listRows().length);
    for (int l = 0; l < lists; l++) {
      for (long p = ivf.head().offsets()[l]; p < ivf.head().offsets()[l + 1]; p++) {
        int row = ivf.listRows()[(int) p];
        float own = KERNELS.squaredL2(vectors, row * DIM, trained, l * DIM, DIM);
        for (int other = 0; other < lists; other++) {
          assertTrue(own <= KERNELS.squaredL2(vectors, row * DIM, trained, other * DIM, DIM) + 1e-4f,
              "row " + row + " listed under " + l + " but nearer to " + other);
        }
      }
    }
  }
}
