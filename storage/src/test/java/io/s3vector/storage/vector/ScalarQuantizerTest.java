package io.s3vector.storage.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * int8 codes: a prepared query's distance (scalar reference and Vector API loops) equals the plain
 * decoded {@link ScalarQuantizer#distance} to float rounding, and ranking by codes keeps the float
 * ranking's top 10 within its top 40.
 */
class ScalarQuantizerTest {

  private static final DistanceMetric[] METRICS = DistanceMetric.values();

  /** Gaussian clusters around uniform centres, one dimension in ten spread ten times wider. */
  private static float[] clustered(int rows, int dim, int clusters, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[][] centres = new float[clusters][dim];
    for (float[] c : centres) {
      for (int d = 0; d < dim; d++) {
        c[d] = (float) (random.nextDouble() * 2 - 1) * (d % 10 == 0 ? 10 : 1);
      }
    }
    float[] out = new float[rows * dim];
    for (int r = 0; r < rows; r++) {
      float[] c = centres[random.nextInt(clusters)];
      for (int d = 0; d < dim; d++) {
        out[r * dim + d] = c[d] + (float) (gaussian(random) * 0.3);
      }
    }
    return out;
  }

  private static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  private static float[] normalised(float[] v, int rows, int dim) {
    float[] out = new float[v.length];
    for (int r = 0; r < rows; r++) {
      double norm = 0;
      for (int d = 0; d < dim; d++) {
        norm += v[r * dim + d] * v[r * dim + d];
      }
      for (int d = 0; d < dim; d++) {
        out[r * dim + d] = (float) (v[r * dim + d] / Math.sqrt(norm));
      }
    }
    return out;
  }

  @Test
  void preparedDistancesEqualTheDecodedOnesOnBothKernels() {
    // odd dimensions exercise the unrolled body, the one-register loop and the scalar tail
    for (int dim : new int[] {1, 7, 16, 33, 128, 784}) {
      int rows = 200;
      float[] data = clustered(rows + 20, dim, 8, dim);
      ScalarQuantizer q = ScalarQuantizer.train(data, rows, dim, null);
      byte[] codes = new byte[rows * dim];
      for (int r = 0; r < rows; r++) {
        q.encode(data, r * dim, codes, r * dim);
      }
      boolean panama = VectorizationProvider.vectorized() && PanamaCodeKernels.supported();
      for (DistanceMetric metric : METRICS) {
        for (int t = 0; t < 20; t++) {
          float[] query = Arrays.copyOfRange(data, (rows + t) * dim, (rows + t + 1) * dim);
          ScalarQuantizer.Query scalar = q.prepareScalar(metric, query);
          ScalarQuantizer.Query vector = panama
              ? q.prepare(metric, query, new PanamaCodeKernels()) : q.prepare(metric, query);
          for (int r = 0; r < rows; r++) {
            float reference = q.distance(metric, query, codes, r * dim);
            float tolerance = 1e-4f * (Math.abs(reference) + magnitude(query, q, dim)) + 1e-5f;
            String what = metric + " dim " + dim + " row " + r;
            assertEquals(reference, scalar.distance(codes, r * dim), tolerance, what + " scalar");
            assertEquals(reference, vector.distance(codes, r * dim), tolerance, what + " panama");
          }
        }
      }
    }
  }

  /** A scale for the rounding error of a sum over the dimensions. */
  private static float magnitude(float[] query, ScalarQuantizer q, int dim) {
    float[] min = q.min();
    float[] step = q.step();
    double sum = 0;
    for (int d = 0; d < dim; d++) {
      double hi = Math.abs(min[d]) + 255 * step[d];
      sum += (Math.abs(query[d]) + hi) * (Math.abs(query[d]) + hi);
    }
    return (float) sum;
  }

  @Test
  void theCodedTopTenLiesWithinTheFloatTopForty() {
    int dim = 128;
    int rows = 5000;
    int queries = 50;
    float[] raw = clustered(rows + queries, dim, 20, 7);
    for (DistanceMetric metric : METRICS) {
      float[] data = metric == DistanceMetric.COSINE ? normalised(raw, rows + queries, dim) : raw;
      ScalarQuantizer q = ScalarQuantizer.train(data, rows, dim, null);
      byte[] codes = new byte[rows * dim];
      for (int r = 0; r < rows; r++) {
        q.encode(data, r * dim, codes, r * dim);
      }
      DistanceKernels exact = ScalarKernels.INSTANCE;
      int hits = 0;
      for (int t = 0; t < queries; t++) {
        float[] query = Arrays.copyOfRange(data, (rows + t) * dim, (rows + t + 1) * dim);
        ScalarQuantizer.Query prepared = q.prepare(metric, query);
        Integer[] byFloat = order(rows, r -> exact.distance(metric, query, 0, data, r * dim, dim));
        Integer[] byCode = order(rows, r -> prepared.distance(codes, r * dim));
        java.util.Set<Integer> top40 = new java.util.HashSet<>(Arrays.asList(byCode).subList(0, 40));
        for (int i = 0; i < 10; i++) {
          if (top40.contains(byFloat[i])) {
            hits++;
          }
        }
      }
      double recall = hits / (10.0 * queries);
      assertTrue(recall >= 0.97, metric + ": float top-10 within code top-40 " + recall);
    }
  }

  private static Integer[] order(int rows, java.util.function.IntToDoubleFunction distance) {
    double[] d = new double[rows];
    Integer[] order = new Integer[rows];
    for (int r = 0; r < rows; r++) {
      d[r] = distance.applyAsDouble(r);
      order[r] = r;
    }
    Arrays.sort(order, (a, b) -> Double.compare(d[a], d[b]));
    return order;
  }

  @Test
  void theVectorApiKernelsAreChosenWhenTheFloatKernelsAre() {
    assumeTrue(VectorizationProvider.vectorized() && PanamaCodeKernels.supported());
    assertTrue(VectorizationProvider.codeKernels() instanceof PanamaCodeKernels);
    assertTrue(VectorizationProvider.chooseCodeKernels(false) instanceof ScalarCodeKernels);
  }
}
