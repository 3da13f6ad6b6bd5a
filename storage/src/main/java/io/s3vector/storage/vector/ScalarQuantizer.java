package io.s3vector.storage.vector;

/**
 * int8 scalar quantization per dimension: a value {@code x} of dimension {@code d} is stored as
 * the byte {@code round((x - min[d]) / step[d]) - 128}, so the 256 codes span {@code [min, max]}
 * of that dimension over the vectors the quantizer was trained on (values outside are clamped).
 * A code is a quarter of a float32 vector: the compact form both the cold path (codes read by
 * byte range) and the in-memory graph rank candidates with, before an exact float32 re-rank.
 *
 * <p>{@link #distance} ranks only: it is the metric's distance between the query and the decoded
 * code (squared for L2; for cosine the caller passes normalised vectors, trained and encoded
 * normalised, and gets {@code -dot}).
 */
public final class ScalarQuantizer {

  private static final int LEVELS = 255;

  private final float[] min;
  private final float[] step;

  public ScalarQuantizer(float[] min, float[] step) {
    if (min.length != step.length) {
      throw new IllegalArgumentException("min and step differ in length");
    }
    this.min = min;
    this.step = step;
  }

  /** Per dimension the least and greatest value of the non-NULL rows (nulls may be null). */
  public static ScalarQuantizer train(float[] vectors, int rows, int dim, boolean[] nulls) {
    float[] lo = new float[dim];
    float[] hi = new float[dim];
    java.util.Arrays.fill(lo, Float.POSITIVE_INFINITY);
    java.util.Arrays.fill(hi, Float.NEGATIVE_INFINITY);
    for (int r = 0; r < rows; r++) {
      if (nulls != null && nulls[r]) {
        continue;
      }
      int at = r * dim;
      for (int d = 0; d < dim; d++) {
        float x = vectors[at + d];
        if (x < lo[d]) {
          lo[d] = x;
        }
        if (x > hi[d]) {
          hi[d] = x;
        }
      }
    }
    float[] step = new float[dim];
    for (int d = 0; d < dim; d++) {
      if (lo[d] > hi[d]) { // no rows
        lo[d] = 0;
        hi[d] = 0;
      }
      float range = hi[d] - lo[d];
      step[d] = range > 0 && Float.isFinite(range) ? range / LEVELS : 1f;
    }
    return new ScalarQuantizer(lo, step);
  }

  public int dimension() {
    return min.length;
  }

  public float[] min() {
    return min.clone();
  }

  public float[] step() {
    return step.clone();
  }

  /** Writes the code of {@code vector[from, from + dim)} to {@code codes[at, at + dim)}. */
  public void encode(float[] vector, int from, byte[] codes, int at) {
    for (int d = 0; d < min.length; d++) {
      float level = Math.round((vector[from + d] - min[d]) / step[d]);
      int q = (int) Math.max(0, Math.min(LEVELS, level));
      codes[at + d] = (byte) (q - 128);
    }
  }

  /** Decodes {@code codes[at, at + dim)} into {@code out[to, to + dim)}. */
  public void decode(byte[] codes, int at, float[] out, int to) {
    for (int d = 0; d < min.length; d++) {
      out[to + d] = min[d] + (codes[at + d] + 128) * step[d];
    }
  }

  /**
   * The ranking distance between {@code query} and the decoded code at {@code codes[at]}: squared
   * L2, the negative inner product (also for cosine, over normalised vectors), or L1.
   */
  public float distance(DistanceMetric metric, float[] query, byte[] codes, int at) {
    float sum = 0;
    switch (metric) {
      case L2 -> {
        for (int d = 0; d < min.length; d++) {
          float diff = query[d] - (min[d] + (codes[at + d] + 128) * step[d]);
          sum += diff * diff;
        }
      }
      case NEGATIVE_INNER_PRODUCT, COSINE -> {
        for (int d = 0; d < min.length; d++) {
          sum -= query[d] * (min[d] + (codes[at + d] + 128) * step[d]);
        }
      }
      case L1 -> {
        for (int d = 0; d < min.length; d++) {
          sum += Math.abs(query[d] - (min[d] + (codes[at + d] + 128) * step[d]));
        }
      }
    }
    return sum;
  }
}
