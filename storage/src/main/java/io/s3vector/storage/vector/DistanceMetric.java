package io.s3vector.storage.vector;

/** The four pgvector distances, each with its operator and HNSW operator class. */
public enum DistanceMetric {
  /** {@code <->}, {@code l2_distance}, {@code vector_l2_ops}. */
  L2("<->", "vector_l2_ops"),
  /** {@code <#>}: the negative inner product, {@code vector_ip_ops}. */
  NEGATIVE_INNER_PRODUCT("<#>", "vector_ip_ops"),
  /** {@code <=>}, {@code cosine_distance}, {@code vector_cosine_ops}. */
  COSINE("<=>", "vector_cosine_ops"),
  /** {@code <+>}, {@code l1_distance}, {@code vector_l1_ops}. */
  L1("<+>", "vector_l1_ops");

  private final String operator;
  private final String opclass;

  DistanceMetric(String operator, String opclass) {
    this.operator = operator;
    this.opclass = opclass;
  }

  public String operator() {
    return operator;
  }

  public String opclass() {
    return opclass;
  }
}
