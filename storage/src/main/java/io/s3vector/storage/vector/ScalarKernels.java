package io.s3vector.storage.vector;

/**
 * The reference kernels: plain loops with pgvector's arithmetic (float accumulation, the final
 * step in double). {@link PanamaKernels} is tested against these.
 */
public final class ScalarKernels implements DistanceKernels {

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

  @Override
  public double distance(
      DistanceMetric metric, float[] a, int aOffset, float[] b, int bOffset, int dim) {
    return Distances.distance(this, metric, a, aOffset, b, bOffset, dim);
  }

  @Override
  public void distances(
      DistanceMetric metric, float[] query, float[] block, int rows, int dim, double[] out,
      boolean forRanking) {
    Distances.distances(this, metric, query, block, rows, dim, out, forRanking);
  }
}
