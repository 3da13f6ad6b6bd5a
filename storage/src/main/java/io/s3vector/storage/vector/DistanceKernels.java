package io.s3vector.storage.vector;

/**
 * The distance hot path over primitive arrays. One scalar reference implementation and one on
 * the Vector API ({@code jdk.incubator.vector}); {@code VectorizationProvider} picks one at start.
 * Vectors are addressed as (array, offset) so that rows of a flat chunk need no copies. Sums are
 * accumulated in float like pgvector, except {@link #l2Distance} which takes the square root as a
 * double.
 */
public interface DistanceKernels {

  /** Sum of squared differences (no square root). */
  float squaredL2(float[] a, int aOffset, float[] b, int bOffset, int dim);

  /**
   * {@code out[i] = squaredL2(query, 0, vectors, nodes[i] * dim, dim)} for {@code i < count}: a
   * graph walk's distances to a node's fresh neighbours, which the Vector API kernels measure
   * four at a time (one query load for four rows, four independent chains of loads).
   */
  default void squaredL2(float[] query, float[] vectors, int[] nodes, int count, int dim,
      float[] out) {
    for (int i = 0; i < count; i++) {
      out[i] = squaredL2(query, 0, vectors, nodes[i] * dim, dim);
    }
  }

  float dotProduct(float[] a, int aOffset, float[] b, int bOffset, int dim);

  float l1(float[] a, int aOffset, float[] b, int bOffset, int dim);

  /** Sum of squares of one vector (its squared norm). */
  float squaredNorm(float[] a, int aOffset, int dim);

  /**
   * pgvector's {@code cosine_distance}: {@code 1 - dot/sqrt(|a|²|b|²)} in double, the similarity
   * clamped to [-1, 1], NaN when a norm is zero. The three float sums are taken in one pass
   * over both vectors (each read once instead of twice), then finished by the shared step in
   * {@code Distances}, so every implementation rounds the last step identically.
   */
  double cosineDistance(float[] a, int aOffset, float[] b, int bOffset, int dim);

  /**
   * The distance pgvector's operator for {@code metric} returns, as a double: L2 is
   * {@code sqrt(squaredL2)}, inner product is {@code -dot}, cosine is {@code 1 - dot/(|a||b|)}
   * (NaN when a norm is zero, as in pgvector), L1 the sum of absolute differences.
   */
  default double distance(
      DistanceMetric metric, float[] a, int aOffset, float[] b, int bOffset, int dim) {
    return Distances.distance(this, metric, a, aOffset, b, bOffset, dim);
  }

  /**
   * The distances from {@code query} to {@code rows} consecutive vectors of {@code block} starting
   * at row 0, written to {@code out[0..rows)}. For ranking only: L2 may be written squared
   * (monotone) when {@code forRanking} is true.
   */
  default void distances(
      DistanceMetric metric, float[] query, float[] block, int rows, int dim, double[] out,
      boolean forRanking) {
    Distances.distances(this, metric, query, block, rows, dim, out, forRanking);
  }
}
