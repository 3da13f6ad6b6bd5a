package io.s3vector.storage.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels on the Vector API: whole SIMD registers ({@link FloatVector#SPECIES_PREFERRED}) over
 * the body and a scalar loop over the tail shorter than one register. Lane-wise accumulation sums
 * in a different order from the scalar loop, so results agree to float rounding, not bit for bit;
 * but the order is fixed, so one input always gives the same float (interpreted or compiled).
 * Only loaded when {@code jdk.incubator.vector} is readable ({@link VectorizationProvider}).
 *
 * <p>Each loop runs in three parts, as Lucene's: four registers at a time into four independent
 * accumulators, then one register at a time into the first, then the scalar tail. One FMA chain
 * would wait out the FMA's latency (about four cycles) on every step; four chains keep the two
 * FMA units busy, and the loop is then bound by its loads. The accumulators are combined in a
 * fixed order ({@link #combine}) before {@link #sumLanes}.
 */
public final class PanamaKernels implements DistanceKernels {

  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();
  /** Floats per step of the unrolled loop (LANES is a power of two, so this one is too). */
  private static final int STRIDE = 4 * LANES;

  /** Floats per register of the preferred species ({@link VectorizationProvider} checks it). */
  static int lanes() {
    return LANES;
  }

  private static FloatVector load(float[] array, int offset) {
    return FloatVector.fromArray(SPECIES, array, offset);
  }

  /** The end of the unrolled loop's range: {@code dim} rounded down to a whole step. */
  private static int unrolledBound(int dim) {
    return dim & -STRIDE;
  }

  @Override
  public float squaredL2(float[] a, int aOffset, float[] b, int bOffset, int dim) {
    int i = 0;
    float sum = 0;
    int bound = SPECIES.loopBound(dim);
    if (bound > 0) {
      FloatVector acc0 = FloatVector.zero(SPECIES);
      FloatVector acc1 = acc0;
      FloatVector acc2 = acc0;
      FloatVector acc3 = acc0;
      for (int unrolled = unrolledBound(dim); i < unrolled; i += STRIDE) {
        FloatVector d0 = load(a, aOffset + i).sub(load(b, bOffset + i));
        FloatVector d1 = load(a, aOffset + i + LANES).sub(load(b, bOffset + i + LANES));
        FloatVector d2 = load(a, aOffset + i + 2 * LANES).sub(load(b, bOffset + i + 2 * LANES));
        FloatVector d3 = load(a, aOffset + i + 3 * LANES).sub(load(b, bOffset + i + 3 * LANES));
        acc0 = d0.fma(d0, acc0);
        acc1 = d1.fma(d1, acc1);
        acc2 = d2.fma(d2, acc2);
        acc3 = d3.fma(d3, acc3);
      }
      for (; i < bound; i += LANES) {
        FloatVector d = load(a, aOffset + i).sub(load(b, bOffset + i));
        acc0 = d.fma(d, acc0);
      }
      sum = sumLanes(combine(acc0, acc1, acc2, acc3));
    }
    for (; i < dim; i++) {
      float diff = a[aOffset + i] - b[bOffset + i];
      sum += diff * diff;
    }
    return sum;
  }

  @Override
  public float dotProduct(float[] a, int aOffset, float[] b, int bOffset, int dim) {
    int i = 0;
    float sum = 0;
    int bound = SPECIES.loopBound(dim);
    if (bound > 0) {
      FloatVector acc0 = FloatVector.zero(SPECIES);
      FloatVector acc1 = acc0;
      FloatVector acc2 = acc0;
      FloatVector acc3 = acc0;
      for (int unrolled = unrolledBound(dim); i < unrolled; i += STRIDE) {
        acc0 = load(a, aOffset + i).fma(load(b, bOffset + i), acc0);
        acc1 = load(a, aOffset + i + LANES).fma(load(b, bOffset + i + LANES), acc1);
        acc2 = load(a, aOffset + i + 2 * LANES).fma(load(b, bOffset + i + 2 * LANES), acc2);
        acc3 = load(a, aOffset + i + 3 * LANES).fma(load(b, bOffset + i + 3 * LANES), acc3);
      }
      for (; i < bound; i += LANES) {
        acc0 = load(a, aOffset + i).fma(load(b, bOffset + i), acc0);
      }
      sum = sumLanes(combine(acc0, acc1, acc2, acc3));
    }
    for (; i < dim; i++) {
      sum += a[aOffset + i] * b[bOffset + i];
    }
    return sum;
  }

  @Override
  public float l1(float[] a, int aOffset, float[] b, int bOffset, int dim) {
    int i = 0;
    float sum = 0;
    int bound = SPECIES.loopBound(dim);
    if (bound > 0) {
      FloatVector acc0 = FloatVector.zero(SPECIES);
      FloatVector acc1 = acc0;
      FloatVector acc2 = acc0;
      FloatVector acc3 = acc0;
      for (int unrolled = unrolledBound(dim); i < unrolled; i += STRIDE) {
        acc0 = acc0.add(load(a, aOffset + i).sub(load(b, bOffset + i)).abs());
        acc1 = acc1.add(load(a, aOffset + i + LANES).sub(load(b, bOffset + i + LANES)).abs());
        acc2 = acc2.add(
            load(a, aOffset + i + 2 * LANES).sub(load(b, bOffset + i + 2 * LANES)).abs());
        acc3 = acc3.add(
            load(a, aOffset + i + 3 * LANES).sub(load(b, bOffset + i + 3 * LANES)).abs());
      }
      for (; i < bound; i += LANES) {
        acc0 = acc0.add(load(a, aOffset + i).sub(load(b, bOffset + i)).abs());
      }
      sum = sumLanes(combine(acc0, acc1, acc2, acc3));
    }
    for (; i < dim; i++) {
      sum += Math.abs(a[aOffset + i] - b[bOffset + i]);
    }
    return sum;
  }

  @Override
  public float squaredNorm(float[] a, int aOffset, int dim) {
    int i = 0;
    float sum = 0;
    int bound = SPECIES.loopBound(dim);
    if (bound > 0) {
      FloatVector acc0 = FloatVector.zero(SPECIES);
      FloatVector acc1 = acc0;
      FloatVector acc2 = acc0;
      FloatVector acc3 = acc0;
      for (int unrolled = unrolledBound(dim); i < unrolled; i += STRIDE) {
        FloatVector v0 = load(a, aOffset + i);
        FloatVector v1 = load(a, aOffset + i + LANES);
        FloatVector v2 = load(a, aOffset + i + 2 * LANES);
        FloatVector v3 = load(a, aOffset + i + 3 * LANES);
        acc0 = v0.fma(v0, acc0);
        acc1 = v1.fma(v1, acc1);
        acc2 = v2.fma(v2, acc2);
        acc3 = v3.fma(v3, acc3);
      }
      for (; i < bound; i += LANES) {
        FloatVector v = load(a, aOffset + i);
        acc0 = v.fma(v, acc0);
      }
      sum = sumLanes(combine(acc0, acc1, acc2, acc3));
    }
    for (; i < dim; i++) {
      sum += a[aOffset + i] * a[aOffset + i];
    }
    return sum;
  }

  /**
   * One pass over both vectors with three sums (dot, |a|², |b|²), each in its own accumulators: a
   * third of the loads of three separate passes. Unrolled by two, not four, as Lucene's cosine:
   * two steps already give six independent FMA chains, and twelve accumulators plus the loads
   * would not fit the sixteen registers of AVX2.
   */
  @Override
  public double cosineDistance(float[] a, int aOffset, float[] b, int bOffset, int dim) {
    int i = 0;
    float dot = 0;
    float normA = 0;
    float normB = 0;
    int bound = SPECIES.loopBound(dim);
    if (bound > 0) {
      FloatVector dot0 = FloatVector.zero(SPECIES);
      FloatVector dot1 = dot0;
      FloatVector normA0 = dot0;
      FloatVector normA1 = dot0;
      FloatVector normB0 = dot0;
      FloatVector normB1 = dot0;
      for (int unrolled = dim & -(2 * LANES); i < unrolled; i += 2 * LANES) {
        FloatVector a0 = load(a, aOffset + i);
        FloatVector b0 = load(b, bOffset + i);
        FloatVector a1 = load(a, aOffset + i + LANES);
        FloatVector b1 = load(b, bOffset + i + LANES);
        dot0 = a0.fma(b0, dot0);
        normA0 = a0.fma(a0, normA0);
        normB0 = b0.fma(b0, normB0);
        dot1 = a1.fma(b1, dot1);
        normA1 = a1.fma(a1, normA1);
        normB1 = b1.fma(b1, normB1);
      }
      for (; i < bound; i += LANES) {
        FloatVector a0 = load(a, aOffset + i);
        FloatVector b0 = load(b, bOffset + i);
        dot0 = a0.fma(b0, dot0);
        normA0 = a0.fma(a0, normA0);
        normB0 = b0.fma(b0, normB0);
      }
      dot = sumLanes(dot0.add(dot1));
      normA = sumLanes(normA0.add(normA1));
      normB = sumLanes(normB0.add(normB1));
    }
    for (; i < dim; i++) {
      float x = a[aOffset + i];
      float y = b[bOffset + i];
      dot += x * y;
      normA += x * x;
      normB += y * y;
    }
    return Distances.cosine(dot, normA, normB);
  }

  /** The four accumulators' lane-wise sum, always in this order (see {@link #sumLanes}). */
  private static FloatVector combine(
      FloatVector acc0, FloatVector acc1, FloatVector acc2, FloatVector acc3) {
    return acc0.add(acc1).add(acc2.add(acc3));
  }

  /** For {@link #sumLanes}: the lanes rotated by 8, 4, 2 and 1 (those shorter than the register). */
  private static final VectorShuffle<Float> ROTATE_8 = rotation(8);
  private static final VectorShuffle<Float> ROTATE_4 = rotation(4);
  private static final VectorShuffle<Float> ROTATE_2 = rotation(2);
  private static final VectorShuffle<Float> ROTATE_1 = rotation(1);

  private static VectorShuffle<Float> rotation(int shift) {
    return VectorShuffle.fromOp(SPECIES, lane -> (lane + shift) % LANES);
  }

  /**
   * The lanes' sum as a fixed tree of lane-wise adds, which Java specifies exactly. {@code
   * reduceLanes(ADD)} leaves the order open, and the interpreter and the JIT-compiled intrinsic
   * choose differently: the same distance would round differently before and after compilation,
   * and an exact top-k could disagree with itself. Package-private for the benchmark's baseline.
   */
  static float sumLanes(FloatVector acc) {
    // LANES is a constant to the JIT: the untaken branches vanish, the shuffles are constants
    FloatVector v = acc;
    if (LANES > 8) {
      v = v.add(v.rearrange(ROTATE_8));
    }
    if (LANES > 4) {
      v = v.add(v.rearrange(ROTATE_4));
    }
    if (LANES > 2) {
      v = v.add(v.rearrange(ROTATE_2));
    }
    if (LANES > 1) {
      v = v.add(v.rearrange(ROTATE_1));
    }
    return v.lane(0);
  }
}
