package io.s3vector.storage.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DistanceKernelsTest {

  private static final int[] DIMS = {1, 3, 7, 8, 15, 16, 17, 31, 100, 784, 1000};
  private final DistanceKernels scalar = new ScalarKernels();
  private final DistanceKernels panama = new PanamaKernels();

  @Test
  void theVectorApiIsUsedWhenItsModuleIsReadable() {
    // surefire runs with --add-modules jdk.incubator.vector (see the parent POM)
    assertTrue(VectorizationProvider.vectorized());
  }

  @Test
  void panamaMatchesScalarOnRandomInputsAndOffsets() {
    Random random = new Random(42);
    for (int dim : DIMS) {
      for (int trial = 0; trial < 5; trial++) {
        int aOffset = random.nextInt(5);
        int bOffset = random.nextInt(5);
        float[] a = randomVector(random, aOffset + dim);
        float[] b = randomVector(random, bOffset + dim);
        String where = "dim " + dim;
        close(scalar.squaredL2(a, aOffset, b, bOffset, dim), panama.squaredL2(a, aOffset, b, bOffset, dim), where);
        close(scalar.dotProduct(a, aOffset, b, bOffset, dim), panama.dotProduct(a, aOffset, b, bOffset, dim), where);
        close(scalar.l1(a, aOffset, b, bOffset, dim), panama.l1(a, aOffset, b, bOffset, dim), where);
        close(scalar.squaredNorm(a, aOffset, dim), panama.squaredNorm(a, aOffset, dim), where);
        close(scalar.cosineDistance(a, aOffset, b, bOffset, dim),
            panama.cosineDistance(a, aOffset, b, bOffset, dim), where + " cosine");
        for (DistanceMetric metric : DistanceMetric.values()) {
          close(scalar.distance(metric, a, aOffset, b, bOffset, dim),
              panama.distance(metric, a, aOffset, b, bOffset, dim), where + " " + metric);
        }
      }
    }
  }

  /**
   * Dimensions around the steps of the Panama loops (one register, the two-register cosine step,
   * the four-register step) on this machine's vector width: each part of the loop (unrolled,
   * single register, scalar tail) runs alone and after the others.
   */
  @Test
  void panamaMatchesScalarAroundTheUnrolledSteps() {
    int lanes = PanamaKernels.lanes();
    int[] dims = {lanes - 1, lanes, lanes + 1, 2 * lanes - 1, 2 * lanes, 2 * lanes + 1,
        3 * lanes + 2, 4 * lanes - 1, 4 * lanes, 4 * lanes + 1, 5 * lanes, 5 * lanes + 3,
        8 * lanes, 8 * lanes + lanes + 7, 12 * lanes + 2 * lanes - 1};
    Random random = new Random(5);
    for (int dim : dims) {
      if (dim < 1) {
        continue;
      }
      for (int trial = 0; trial < 5; trial++) {
        int aOffset = random.nextInt(lanes);
        int bOffset = random.nextInt(lanes);
        float[] a = randomVector(random, aOffset + dim);
        float[] b = randomVector(random, bOffset + dim);
        String where = "dim " + dim + " (" + lanes + " lanes)";
        close(exactSquaredL2(a, aOffset, b, bOffset, dim), panama.squaredL2(a, aOffset, b, bOffset, dim), where);
        close(exactDot(a, aOffset, b, bOffset, dim), panama.dotProduct(a, aOffset, b, bOffset, dim), where);
        close(scalar.l1(a, aOffset, b, bOffset, dim), panama.l1(a, aOffset, b, bOffset, dim), where);
        close(exactDot(a, aOffset, a, aOffset, dim), panama.squaredNorm(a, aOffset, dim), where);
        double cosine = 1 - exactDot(a, aOffset, b, bOffset, dim)
            / Math.sqrt(exactDot(a, aOffset, a, aOffset, dim) * exactDot(b, bOffset, b, bOffset, dim));
        close(cosine, panama.cosineDistance(a, aOffset, b, bOffset, dim), where + " cosine");
        close(cosine, scalar.cosineDistance(a, aOffset, b, bOffset, dim), where + " cosine");
      }
    }
  }

  /** A node's neighbours measured together give each one's distance, in both kernel sets. */
  @Test
  void squaredL2OfManyRowsMatchesOneRowAtATime() {
    Random random = new Random(8);
    for (int dim : DIMS) {
      int rows = 40;
      float[] vectors = randomVector(random, rows * dim);
      float[] query = randomVector(random, dim);
      for (int count : new int[] {0, 1, 3, 4, 5, 8, 11, 33}) {
        int[] nodes = new int[count];
        for (int i = 0; i < count; i++) {
          nodes[i] = random.nextInt(rows);
        }
        for (DistanceKernels kernels : new DistanceKernels[] {scalar, panama}) {
          float[] out = new float[count + 1];
          out[count] = -1; // past count: untouched
          kernels.squaredL2(query, vectors, nodes, count, dim, out);
          for (int i = 0; i < count; i++) {
            close(exactSquaredL2(query, 0, vectors, nodes[i] * dim, dim), out[i],
                kernels.getClass().getSimpleName() + " dim " + dim + " row " + i + " of " + count);
          }
          assertEquals(-1f, out[count]);
        }
      }
    }
  }

  /**
   * Rows against centroids stored column by column give each pair's squared distance less the
   * row's squared norm, to rounding relative to the norms.
   */
  @Test
  void squaredL2LessRowNormMatchesOnePairAtATime() {
    Random random = new Random(9);
    for (int dim : DIMS) {
      for (int count : new int[] {1, 3, 16, 17, 32, 33, 64, 65, 200}) {
        for (int rows : new int[] {1, 3, 4, 6, 9}) {
          float[] centroids = randomVector(random, count * dim);
          float[] columns = DistanceKernels.columns(centroids, count, dim);
          float[] norms = new float[count];
          for (int c = 0; c < count; c++) {
            norms[c] = scalar.squaredNorm(centroids, c * dim, dim);
          }
          float[] vectors = randomVector(random, 12 * dim + 3);
          int[] offsets = new int[rows];
          for (int r = 0; r < rows; r++) {
            offsets[r] = random.nextInt(12) * dim + random.nextInt(4);
          }
          for (DistanceKernels kernels : new DistanceKernels[] {scalar, panama}) {
            float[] out = new float[rows * count + 1];
            out[rows * count] = -1; // past the last row: untouched
            kernels.squaredL2LessRowNorm(vectors, offsets, rows, columns, norms, count, dim, out);
            for (int r = 0; r < rows; r++) {
              double rowNorm = exactSquaredL2(vectors, offsets[r], new float[dim], 0, dim);
              for (int c = 0; c < count; c++) {
                double expected = exactSquaredL2(vectors, offsets[r], centroids, c * dim, dim);
                double scale = rowNorm + norms[c];
                assertEquals(expected, out[r * count + c] + rowNorm, 1e-5 * Math.max(1, scale),
                    kernels.getClass().getSimpleName() + " dim " + dim + " row " + r + " of "
                        + rows + ", centroid " + c + " of " + count);
              }
            }
            assertEquals(-1f, out[rows * count]);
          }
        }
      }
    }
  }

  /**
   * The scalar cosine in one pass sums each of its three sums in the same order as the separate
   * kernels, so it equals the three-pass value bit for bit (as pgvector's functions compute it).
   */
  @Test
  void scalarCosineInOnePassEqualsThreePasses() {
    Random random = new Random(3);
    for (int dim : DIMS) {
      float[] a = randomVector(random, dim + 2);
      float[] b = randomVector(random, dim + 1);
      assertEquals(
          Distances.cosine(scalar.dotProduct(a, 2, b, 1, dim), scalar.squaredNorm(a, 2, dim),
              scalar.squaredNorm(b, 1, dim)),
          scalar.cosineDistance(a, 2, b, 1, dim), "dim " + dim);
    }
  }

  @Test
  void theScalarSwitchAndTheWidthCheckChooseTheScalarKernels() {
    assertSame(ScalarKernels.INSTANCE, VectorizationProvider.choose(true));
    assertTrue(VectorizationProvider.choose(false) instanceof PanamaKernels);
    assertFalse(VectorizationProvider.wideEnough(1)); // no SIMD: the JVM's one-lane species
    assertFalse(VectorizationProvider.wideEnough(2)); // 64-bit
    assertTrue(VectorizationProvider.wideEnough(4)); // SSE / NEON
    assertTrue(VectorizationProvider.wideEnough(16)); // AVX-512
  }

  /**
   * The same inputs give the same float, bit for bit, before and after the JIT compiles the
   * kernel: the exact top-k and the index's re-rank compare distances computed at different times.
   */
  @Test
  void panamaResultsDoNotChangeWhenTheJitCompilesTheKernel() {
    Random random = new Random(11);
    int dim = 784;
    float[] a = randomVector(random, dim);
    float[] b = randomVector(random, dim);
    float l2 = panama.squaredL2(a, 0, b, 0, dim);
    float dot = panama.dotProduct(a, 0, b, 0, dim);
    float l1 = panama.l1(a, 0, b, 0, dim);
    float norm = panama.squaredNorm(a, 0, dim);
    double cosine = panama.cosineDistance(a, 0, b, 0, dim);
    for (int i = 0; i < 300_000; i++) {
      assertEquals(l2, panama.squaredL2(a, 0, b, 0, dim), "squaredL2, call " + i);
      assertEquals(dot, panama.dotProduct(a, 0, b, 0, dim), "dotProduct, call " + i);
      assertEquals(l1, panama.l1(a, 0, b, 0, dim), "l1, call " + i);
      assertEquals(norm, panama.squaredNorm(a, 0, dim), "squaredNorm, call " + i);
      assertEquals(cosine, panama.cosineDistance(a, 0, b, 0, dim), "cosineDistance, call " + i);
    }
  }

  @Test
  void blockDistancesMatchSingleDistances() {
    Random random = new Random(7);
    int dim = 17;
    int rows = 9;
    float[] query = randomVector(random, dim);
    float[] block = randomVector(random, rows * dim + 5);
    double[] out = new double[rows];
    for (DistanceKernels kernels : new DistanceKernels[] {scalar, panama}) {
      for (DistanceMetric metric : DistanceMetric.values()) {
        kernels.distances(metric, query, block, rows, dim, out, false);
        for (int r = 0; r < rows; r++) {
          assertEquals(kernels.distance(metric, query, 0, block, r * dim, dim), out[r], 1e-9);
        }
      }
      kernels.distances(DistanceMetric.L2, query, block, rows, dim, out, true);
      assertEquals(kernels.squaredL2(query, 0, block, 0, dim), out[0], 1e-9, "squared for ranking");
    }
  }

  @Test
  void pgvectorSemantics() {
    float[] a = {1, 2, 3};
    float[] b = {3, 1, 2};
    for (DistanceKernels k : new DistanceKernels[] {scalar, panama}) {
      // SELECT '[1,2,3]' <-> '[3,1,2]' = 2.449489742783178 in pgvector
      assertEquals(2.449489742783178, k.distance(DistanceMetric.L2, a, 0, b, 0, 3), 1e-12);
      assertEquals(-11.0, k.distance(DistanceMetric.NEGATIVE_INNER_PRODUCT, a, 0, b, 0, 3));
      assertEquals(1 - 11.0 / 14.0, k.distance(DistanceMetric.COSINE, a, 0, b, 0, 3), 1e-7);
      assertEquals(4.0, k.distance(DistanceMetric.L1, a, 0, b, 0, 3));
      assertTrue(Double.isNaN(k.distance(DistanceMetric.COSINE, new float[3], 0, b, 0, 3)));
      assertTrue(Double.isNaN(k.cosineDistance(a, 0, new float[3], 0, 3)));
      assertTrue(Double.isNaN(k.cosineDistance(new float[40], 0, new float[40], 0, 40)));
      // opposite vectors: similarity clamped at -1, the distance at most 2
      float[] minus = {-1, -2, -3};
      double opposite = k.cosineDistance(a, 0, minus, 0, 3);
      assertTrue(opposite <= 2 && opposite > 2 - 1e-6, "opposite " + opposite);
      // parallel vectors: similarity rounds above 1 and is clamped, never a negative distance
      float[] c = {0.1f, 0.2f, 0.3f};
      float[] d = {0.2f, 0.4f, 0.6f};
      double cosine = k.distance(DistanceMetric.COSINE, c, 0, d, 0, 3);
      assertTrue(cosine >= 0 && cosine < 1e-6, "cosine " + cosine);
    }
  }

  private static double exactDot(float[] a, int aOffset, float[] b, int bOffset, int dim) {
    double sum = 0;
    for (int i = 0; i < dim; i++) {
      sum += (double) a[aOffset + i] * b[bOffset + i];
    }
    return sum;
  }

  private static double exactSquaredL2(float[] a, int aOffset, float[] b, int bOffset, int dim) {
    double sum = 0;
    for (int i = 0; i < dim; i++) {
      double d = (double) a[aOffset + i] - b[bOffset + i];
      sum += d * d;
    }
    return sum;
  }

  private static void close(double expected, double actual, String where) {
    double tolerance = 1e-4 * Math.max(1, Math.abs(expected));
    assertEquals(expected, actual, tolerance, where);
  }

  private static float[] randomVector(Random random, int length) {
    float[] v = new float[length];
    for (int i = 0; i < length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }
}
