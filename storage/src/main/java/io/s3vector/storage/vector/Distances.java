package io.s3vector.storage.vector;

/**
 * pgvector's distance functions on top of any kernel's sums, so that every implementation
 * finishes them identically: {@code l2_distance} = {@code sqrt((double) squared)}, {@code <#>} =
 * {@code -(double) dot}, {@code cosine_distance} = {@code 1 - dot / sqrt(|a|² |b|²)} in double with
 * the similarity clamped to [-1, 1] (NaN when a norm is zero), {@code l1_distance} = the float sum.
 */
final class Distances {

  private Distances() {}

  static double distance(
      DistanceKernels kernels, DistanceMetric metric, float[] a, int aOffset, float[] b,
      int bOffset, int dim) {
    return switch (metric) {
      case L2 -> Math.sqrt(kernels.squaredL2(a, aOffset, b, bOffset, dim));
      case NEGATIVE_INNER_PRODUCT -> -(double) kernels.dotProduct(a, aOffset, b, bOffset, dim);
      case COSINE -> kernels.cosineDistance(a, aOffset, b, bOffset, dim);
      case L1 -> kernels.l1(a, aOffset, b, bOffset, dim);
    };
  }

  /** Cosine's last step from its three float sums ({@link DistanceKernels#cosineDistance}). */
  static double cosine(float dot, float normA, float normB) {
    double similarity = (double) dot / Math.sqrt((double) normA * (double) normB);
    if (similarity > 1) {
      similarity = 1;
    } else if (similarity < -1) {
      similarity = -1;
    }
    return 1 - similarity; // NaN stays NaN
  }

  static void distances(
      DistanceKernels kernels, DistanceMetric metric, float[] query, float[] block, int rows,
      int dim, double[] out, boolean forRanking) {
    switch (metric) {
      case L2 -> {
        for (int r = 0; r < rows; r++) {
          float squared = kernels.squaredL2(query, 0, block, r * dim, dim);
          out[r] = forRanking ? squared : Math.sqrt(squared);
        }
      }
      case NEGATIVE_INNER_PRODUCT -> {
        for (int r = 0; r < rows; r++) {
          out[r] = -(double) kernels.dotProduct(query, 0, block, r * dim, dim);
        }
      }
      case COSINE -> {
        // the query's norm is summed again per row: in the same pass it costs an FMA on data
        // already loaded, and the value equals the single distance's bit for bit
        for (int r = 0; r < rows; r++) {
          out[r] = kernels.cosineDistance(query, 0, block, r * dim, dim);
        }
      }
      case L1 -> {
        for (int r = 0; r < rows; r++) {
          out[r] = kernels.l1(query, 0, block, r * dim, dim);
        }
      }
    }
  }
}
