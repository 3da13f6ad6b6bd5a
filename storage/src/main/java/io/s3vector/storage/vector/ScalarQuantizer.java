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
 * normalised, and gets {@code -dot}). It is the plain reference; a search that measures many
 * codes against one query {@link #prepare}s it once and measures with {@link Query#distance}, the
 * same value to float rounding, on the Vector API when the JVM has it ({@link
 * VectorizationProvider}).
 */
public final class ScalarQuantizer {

  /** The highest level of an int8 code: 256 levels, 0 to 255. */
  public static final int LEVELS = 255;

  private final int levels;
  private final float[] min;
  private final float[] step;
  /** {@code -step}, and {@code min + 128 * step} (the value of code 0), for prepared queries. */
  private final float[] negStep;
  private final float[] zero;

  public ScalarQuantizer(float[] min, float[] step) {
    this(min, step, LEVELS);
  }

  /**
   * A quantizer whose codes run from level 0 to {@code levels} (at most {@link #LEVELS}; {@link
   * SixBitCodes#LEVELS} for 6-bit codes); a code is still the byte {@code level - 128},
   * so the distances and prepared queries are the same for all.
   */
  public ScalarQuantizer(float[] min, float[] step, int levels) {
    if (min.length != step.length) {
      throw new IllegalArgumentException("min and step differ in length");
    }
    if (levels < 1 || levels > LEVELS) {
      throw new IllegalArgumentException("levels " + levels);
    }
    this.levels = levels;
    this.min = min;
    this.step = step;
    this.negStep = new float[min.length];
    this.zero = new float[min.length];
    for (int d = 0; d < min.length; d++) {
      negStep[d] = -step[d];
      zero[d] = min[d] + 128 * step[d];
    }
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
      include(vectors, r * dim, lo, hi);
    }
    return fromRange(lo, hi);
  }

  /**
   * Widens {@code [lo, hi]} per dimension to include {@code vector[from, from + lo.length)}: for
   * training on rows one at a time ({@link #fromRange}), e.g. normalised into a scratch row.
   */
  public static void include(float[] vector, int from, float[] lo, float[] hi) {
    for (int d = 0; d < lo.length; d++) {
      float x = vector[from + d];
      if (x < lo[d]) {
        lo[d] = x;
      }
      if (x > hi[d]) {
        hi[d] = x;
      }
    }
  }

  /**
   * The quantizer spanning {@code [lo[d], hi[d]]} per dimension ({@code lo > hi}: no rows, the
   * dimension codes 0); the arrays are taken, not copied.
   */
  public static ScalarQuantizer fromRange(float[] lo, float[] hi) {
    return fromRange(lo, hi, LEVELS);
  }

  /** As {@link #fromRange(float[], float[])} with codes of {@code levels + 1} levels. */
  public static ScalarQuantizer fromRange(float[] lo, float[] hi, int levels) {
    int dim = lo.length;
    float[] step = new float[dim];
    for (int d = 0; d < dim; d++) {
      if (lo[d] > hi[d]) { // no rows
        lo[d] = 0;
        hi[d] = 0;
      }
      float range = hi[d] - lo[d];
      step[d] = range > 0 && Float.isFinite(range) ? range / levels : 1f;
    }
    return new ScalarQuantizer(lo, step, levels);
  }

  public int dimension() {
    return min.length;
  }

  /** The highest level of this quantizer's codes. */
  public int levels() {
    return levels;
  }

  public float[] min() {
    return min.clone();
  }

  public float[] step() {
    return step.clone();
  }

  /** Heap bytes of this quantizer (for a cache's weight). */
  public long byteSize() {
    return 16L * min.length + 96;
  }

  /** Writes the code of {@code vector[from, from + dim)} to {@code codes[at, at + dim)}. */
  public void encode(float[] vector, int from, byte[] codes, int at) {
    for (int d = 0; d < min.length; d++) {
      float level = Math.round((vector[from + d] - min[d]) / step[d]);
      int q = (int) Math.max(0, Math.min(levels, level));
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

  /**
   * {@code query} moved next to the code domain once ({@link CodeKernels}), to measure many codes
   * against it with {@link Query#distance}: the kernels chosen for this JVM.
   */
  public Query prepare(DistanceMetric metric, float[] query) {
    return prepare(metric, query, VectorizationProvider.codeKernels());
  }

  /** As {@link #prepare(DistanceMetric, float[])} with the scalar reference loops. */
  public Query prepareScalar(DistanceMetric metric, float[] query) {
    return prepare(metric, query, ScalarCodeKernels.INSTANCE);
  }

  Query prepare(DistanceMetric metric, float[] query, CodeKernels kernels) {
    int dim = min.length;
    float[] q = new float[dim];
    float constant = 0;
    if (metric == DistanceMetric.L2 || metric == DistanceMetric.L1) {
      for (int d = 0; d < dim; d++) {
        q[d] = query[d] - zero[d];
      }
    } else {
      for (int d = 0; d < dim; d++) {
        q[d] = query[d] * step[d];
        constant += query[d] * zero[d];
      }
    }
    return new Query(metric, q, negStep, constant, dim, kernels);
  }

  /**
   * One query prepared for {@link #distance(byte[], int)}: the same value as {@link
   * ScalarQuantizer#distance} to float rounding. Immutable; one per query.
   */
  public static final class Query {
    private final DistanceMetric metric;
    private final float[] q;
    private final float[] negStep;
    private final float constant;
    private final int dim;
    private final CodeKernels kernels;

    private Query(DistanceMetric metric, float[] q, float[] negStep, float constant, int dim,
        CodeKernels kernels) {
      this.metric = metric;
      this.q = q;
      this.negStep = negStep;
      this.constant = constant;
      this.dim = dim;
      this.kernels = kernels;
    }

    /** The ranking distance to the code at {@code codes[at]} (see {@link ScalarQuantizer#distance}). */
    public float distance(byte[] codes, int at) {
      return switch (metric) {
        case L2 -> kernels.squaredL2(q, negStep, codes, at, dim);
        case L1 -> kernels.l1(q, negStep, codes, at, dim);
        case NEGATIVE_INNER_PRODUCT, COSINE -> -(constant + kernels.dot(q, codes, at, dim));
      };
    }

    /**
     * As {@link #distance(byte[], int)} for a row of 6-bit codes as {@link SixBitCodes} packs it
     * at {@code packed[at]}, measured without unpacking it.
     */
    public float distanceSixBit(byte[] packed, int at) {
      return switch (metric) {
        case L2 -> kernels.squaredL2SixBit(q, negStep, packed, at, dim);
        case L1 -> kernels.l1SixBit(q, negStep, packed, at, dim);
        case NEGATIVE_INNER_PRODUCT, COSINE -> -(constant + kernels.dotSixBit(q, packed, at, dim));
      };
    }
  }
}
