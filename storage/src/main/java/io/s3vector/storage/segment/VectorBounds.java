package io.s3vector.storage.segment;

/**
 * A ball holding every non-NULL vector of one column of a segment: a search skips the segment
 * when even the nearest point of the ball is farther (L2) than the k-th result found so far.
 *
 * @param centroid the mean of the vectors
 * @param radius the largest L2 distance from the centroid to a vector, rounded up a little so
 *     float rounding in the kernels can never make the bound wrong
 */
public record VectorBounds(float[] centroid, double radius) {

  /** Bounds of the non-NULL rows of a vector column, or null when all are NULL. */
  static VectorBounds of(ColumnData column) {
    int dim = column.dimension();
    float[] vectors = column.vectors();
    double[] sum = new double[dim];
    int count = 0;
    for (int r = 0; r < column.rows(); r++) {
      if (column.isNull(r)) {
        continue;
      }
      count++;
      for (int i = 0; i < dim; i++) {
        sum[i] += vectors[r * dim + i];
      }
    }
    if (count == 0) {
      return null;
    }
    float[] centroid = new float[dim];
    for (int i = 0; i < dim; i++) {
      centroid[i] = (float) (sum[i] / count);
    }
    double radius = 0;
    for (int r = 0; r < column.rows(); r++) {
      if (column.isNull(r)) {
        continue;
      }
      double squared = 0;
      for (int i = 0; i < dim; i++) {
        double d = vectors[r * dim + i] - (double) centroid[i];
        squared += d * d;
      }
      radius = Math.max(radius, Math.sqrt(squared));
    }
    if (!Double.isFinite(radius)) {
      return null;
    }
    return new VectorBounds(centroid, radius * (1 + 1e-5) + 1e-6);
  }

  /**
   * The smallest L2 distance any vector in the ball can have from {@code query} (a float-exact
   * distance may exceed it slightly, never fall below it by more than the radius' margin).
   */
  public double minL2Distance(float[] query) {
    double squared = 0;
    for (int i = 0; i < centroid.length; i++) {
      double d = query[i] - (double) centroid[i];
      squared += d * d;
    }
    return Math.sqrt(squared) - radius;
  }
}
