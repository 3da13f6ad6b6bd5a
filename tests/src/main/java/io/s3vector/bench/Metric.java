package io.s3vector.bench;

import io.s3vector.storage.vector.DistanceMetric;

/**
 * pgvector's distance operators, with the reference distance computed in double precision. The
 * reference is deliberately independent of the server's kernels: it is the ground truth that
 * recall is measured against. Operator and opclass names come from {@link DistanceMetric}.
 */
public enum Metric {
  L2(DistanceMetric.L2),
  NEGATIVE_INNER_PRODUCT(DistanceMetric.NEGATIVE_INNER_PRODUCT),
  COSINE(DistanceMetric.COSINE),
  L1(DistanceMetric.L1);

  private final DistanceMetric pgvector;

  Metric(DistanceMetric pgvector) {
    this.pgvector = pgvector;
  }

  /** The SQL operator, e.g. {@code <->}. */
  public String operator() {
    return pgvector.operator();
  }

  /** The HNSW operator class, e.g. {@code vector_l2_ops}. */
  public String opclass() {
    return pgvector.opclass();
  }

  /** The distance in double precision, as pgvector defines it. */
  public double distance(float[] a, float[] b) {
    switch (this) {
      case L2 -> {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
          double d = (double) a[i] - b[i];
          sum += d * d;
        }
        return Math.sqrt(sum);
      }
      case NEGATIVE_INNER_PRODUCT -> {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
          sum += (double) a[i] * b[i];
        }
        return -sum;
      }
      case COSINE -> {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
          dot += (double) a[i] * b[i];
          na += (double) a[i] * a[i];
          nb += (double) b[i] * b[i];
        }
        return 1 - dot / Math.sqrt(na * nb);
      }
      case L1 -> {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
          sum += Math.abs((double) a[i] - b[i]);
        }
        return sum;
      }
      default -> throw new AssertionError(this);
    }
  }
}
