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
    double[] center = new double[dim]; // the float centroid, as the distances below see it
    for (int i = 0; i < dim; i++) {
      centroid[i] = (float) (sum[i] / count);
      center[i] = centroid[i];
    }
    // the largest squared distance, one square root at the end; four sums per row let the
    // additions overlap (a merge of a million rows spent a third of its time here)
    double largest = 0;
    for (int r = 0; r < column.rows(); r++) {
      if (column.isNull(r)) {
        continue;
      }
      int base = r * dim;
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      int i = 0;
      for (; i + 3 < dim; i += 4) {
        double d0 = vectors[base + i] - center[i];
        double d1 = vectors[base + i + 1] - center[i + 1];
        double d2 = vectors[base + i + 2] - center[i + 2];
        double d3 = vectors[base + i + 3] - center[i + 3];
        s0 += d0 * d0;
        s1 += d1 * d1;
        s2 += d2 * d2;
        s3 += d3 * d3;
      }
      for (; i < dim; i++) {
        double d = vectors[base + i] - center[i];
        s0 += d * d;
      }
      double squared = (s0 + s1) + (s2 + s3);
      if (Double.isNaN(squared)) {
        return null;
      }
      largest = Math.max(largest, squared);
    }
    double radius = Math.sqrt(largest);
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
