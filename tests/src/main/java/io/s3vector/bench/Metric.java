package io.s3vector.bench;

/** pgvector's distance operators, with the reference distance computed in double precision. */
public enum Metric {
  /** {@code <->}, {@code vector_l2_ops}. */
  L2("<->", "vector_l2_ops"),
  /** {@code <#>}: the negative inner product, {@code vector_ip_ops}. */
  NEGATIVE_INNER_PRODUCT("<#>", "vector_ip_ops"),
  /** {@code <=>}, {@code vector_cosine_ops}. */
  COSINE("<=>", "vector_cosine_ops"),
  /** {@code <+>}, {@code vector_l1_ops}. */
  L1("<+>", "vector_l1_ops");

  private final String operator;
  private final String opclass;

  Metric(String operator, String opclass) {
    this.operator = operator;
    this.opclass = opclass;
  }

  public String operator() {
    return operator;
  }

  public String opclass() {
    return opclass;
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
