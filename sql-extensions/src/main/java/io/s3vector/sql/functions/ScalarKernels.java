package io.s3vector.sql.functions;

import io.s3vector.storage.vector.DistanceKernels;
import io.s3vector.storage.vector.DistanceMetric;

/**
 * pgvector's distance loops in plain Java: sums accumulated in float as pgvector's C does, so
 * results match it bit for bit. Used when the storage module's SIMD kernels are not available.
 */
public final class ScalarKernels implements DistanceKernels {
  public static final ScalarKernels INSTANCE = new ScalarKernels();

  @Override
  public float squaredL2(float[] a, int ao, float[] b, int bo, int dim) {
    float sum = 0f;
    for (int i = 0; i < dim; i++) {
      float d = a[ao + i] - b[bo + i];
      sum += d * d;
    }
    return sum;
  }

  @Override
  public float dotProduct(float[] a, int ao, float[] b, int bo, int dim) {
    float sum = 0f;
    for (int i = 0; i < dim; i++) {
      sum += a[ao + i] * b[bo + i];
    }
    return sum;
  }

  @Override
  public float l1(float[] a, int ao, float[] b, int bo, int dim) {
    float sum = 0f;
    for (int i = 0; i < dim; i++) {
      sum += Math.abs(a[ao + i] - b[bo + i]);
    }
    return sum;
  }

  @Override
  public float squaredNorm(float[] a, int ao, int dim) {
    float sum = 0f;
    for (int i = 0; i < dim; i++) {
      sum += a[ao + i] * a[ao + i];
    }
    return sum;
  }

  @Override
  public double distance(DistanceMetric metric, float[] a, int ao, float[] b, int bo, int dim) {
    return switch (metric) {
      case L2 -> Math.sqrt(squaredL2(a, ao, b, bo, dim));
      case NEGATIVE_INNER_PRODUCT -> -(double) dotProduct(a, ao, b, bo, dim);
      case L1 -> l1(a, ao, b, bo, dim);
      case COSINE -> {
        float dot = 0f;
        float na = 0f;
        float nb = 0f;
        for (int i = 0; i < dim; i++) {
          dot += a[ao + i] * b[bo + i];
          na += a[ao + i] * a[ao + i];
          nb += b[bo + i] * b[bo + i];
        }
        double similarity = (double) dot / Math.sqrt((double) na * (double) nb);
        if (Double.isNaN(similarity)) {
          yield Double.NaN;
        }
        yield 1.0 - Math.max(-1.0, Math.min(1.0, similarity));
      }
    };
  }

  @Override
  public void distances(
      DistanceMetric metric, float[] query, float[] block, int rows, int dim, double[] out,
      boolean forRanking) {
    for (int r = 0; r < rows; r++) {
      out[r] = distance(metric, query, 0, block, r * dim, dim);
    }
  }
}
