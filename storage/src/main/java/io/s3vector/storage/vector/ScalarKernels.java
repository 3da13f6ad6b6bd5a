package io.s3vector.storage.vector;

/**
 * The reference kernels: plain loops with pgvector's arithmetic (float accumulation, the final
 * step in double). {@link PanamaKernels} is tested against these.
 */
public final class ScalarKernels implements DistanceKernels {
  /** Stateless: one instance serves everyone. */
  public static final ScalarKernels INSTANCE = new ScalarKernels();

  @Override
  public float squaredL2(float[] a, int aOffset, float[] b, int bOffset, int dim) {
    float sum = 0;
    for (int i = 0; i < dim; i++) {
      float diff = a[aOffset + i] - b[bOffset + i];
      sum += diff * diff;
    }
    return sum;
  }

  @Override
  public float dotProduct(float[] a, int aOffset, float[] b, int bOffset, int dim) {
    float sum = 0;
    for (int i = 0; i < dim; i++) {
      sum += a[aOffset + i] * b[bOffset + i];
    }
    return sum;
  }

  @Override
  public float l1(float[] a, int aOffset, float[] b, int bOffset, int dim) {
    float sum = 0;
    for (int i = 0; i < dim; i++) {
      sum += Math.abs(a[aOffset + i] - b[bOffset + i]);
    }
    return sum;
  }

  @Override
  public float squaredNorm(float[] a, int aOffset, int dim) {
    float sum = 0;
    for (int i = 0; i < dim; i++) {
      sum += a[aOffset + i] * a[aOffset + i];
    }
    return sum;
  }

  /** The three sums in one loop; each is summed in the same order as its own loop above. */
  @Override
  public double cosineDistance(float[] a, int aOffset, float[] b, int bOffset, int dim) {
    float dot = 0;
    float normA = 0;
    float normB = 0;
    for (int i = 0; i < dim; i++) {
      float x = a[aOffset + i];
      float y = b[bOffset + i];
      dot += x * y;
      normA += x * x;
      normB += y * y;
    }
    return Distances.cosine(dot, normA, normB);
  }
}
