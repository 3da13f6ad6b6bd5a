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

  /**
   * {@code out[r * count + c]} = {@code |c|² - 2 x·c} for the row {@code x} at {@code
   * vectors[offsets[r]]} and centroid {@code c}, for {@code r < rows} and {@code c < count}: the
   * squared L2 distance less {@code |x|²}, so for one row it orders the centroids as their
   * distances do (a k-means assignment). The centroids are stored column by column, dimension
   * {@code d} of centroid {@code c} at {@code columns[d * count + c]}, and {@code norms[c]} is
   * {@code |c|²} ({@link #columns}, {@link #squaredNorm}). No horizontal sums: lane j of a
   * register holds centroid c + j while a row's x[d] is broadcast to all lanes, each register of
   * centroids loaded serves several rows, and one FMA per dimension and pair (the difference
   * form took a subtraction too). The expanded form rounds relative to the norms, not to the
   * distance: fine for choosing among centroids, not for ranking near-duplicates.
   */
  default void squaredL2LessRowNorm(float[] vectors, int[] offsets, int rows, float[] columns,
      float[] norms, int count, int dim, float[] out) {
    for (int r = 0; r < rows; r++) {
      int x = offsets[r];
      int to = r * count;
      java.util.Arrays.fill(out, to, to + count, 0f);
      for (int d = 0, base = 0; d < dim; d++, base += count) {
        float v = vectors[x + d];
        for (int c = 0; c < count; c++) {
          out[to + c] += v * columns[base + c];
        }
      }
      for (int c = 0; c < count; c++) {
        out[to + c] = norms[c] - 2 * out[to + c];
      }
    }
  }

  /** {@code rows} vectors of {@code dim} (row-major) column by column, for {@link #squaredL2LessRowNorm}. */
  static float[] columns(float[] rowMajor, int rows, int dim) {
    float[] columns = new float[rows * dim];
    for (int r = 0; r < rows; r++) {
      for (int d = 0; d < dim; d++) {
        columns[d * rows + r] = rowMajor[r * dim + d];
      }
    }
    return columns;
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
