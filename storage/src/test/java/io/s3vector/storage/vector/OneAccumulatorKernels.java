package io.s3vector.storage.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The baseline of {@link KernelsBenchmark}: {@link PanamaKernels} as they were before the loops
 * got four accumulators and cosine one pass (commit bd895a8), one FMA chain per loop. Kept so
 * that before and after are measured in the same run on a noisy machine; not used elsewhere.
 */
final class OneAccumulatorKernels implements DistanceKernels {

  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  @Override
  public float squaredL2(float[] a, int aOffset, float[] b, int bOffset, int dim) {
    int i = 0;
    float sum = 0;
    int bound = SPECIES.loopBound(dim);
    if (bound > 0) {
      FloatVector acc = FloatVector.zero(SPECIES);
      for (; i < bound; i += SPECIES.length()) {
        FloatVector diff =
            FloatVector.fromArray(SPECIES, a, aOffset + i)
                .sub(FloatVector.fromArray(SPECIES, b, bOffset + i));
        acc = diff.fma(diff, acc);
      }
      sum = sumLanes(acc);
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
      FloatVector acc = FloatVector.zero(SPECIES);
      for (; i < bound; i += SPECIES.length()) {
        acc =
            FloatVector.fromArray(SPECIES, a, aOffset + i)
                .fma(FloatVector.fromArray(SPECIES, b, bOffset + i), acc);
      }
      sum = sumLanes(acc);
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
      FloatVector acc = FloatVector.zero(SPECIES);
      for (; i < bound; i += SPECIES.length()) {
        acc =
            acc.add(
                FloatVector.fromArray(SPECIES, a, aOffset + i)
                    .sub(FloatVector.fromArray(SPECIES, b, bOffset + i))
                    .abs());
      }
      sum = sumLanes(acc);
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
      FloatVector acc = FloatVector.zero(SPECIES);
      for (; i < bound; i += SPECIES.length()) {
        FloatVector v = FloatVector.fromArray(SPECIES, a, aOffset + i);
        acc = v.fma(v, acc);
      }
      sum = sumLanes(acc);
    }
    for (; i < dim; i++) {
      sum += a[aOffset + i] * a[aOffset + i];
    }
    return sum;
  }

  /** As before the one-pass kernel: a dot product and two norms, three passes. */
  @Override
  public double cosineDistance(float[] a, int aOffset, float[] b, int bOffset, int dim) {
    return Distances.cosine(dotProduct(a, aOffset, b, bOffset, dim), squaredNorm(a, aOffset, dim),
        squaredNorm(b, bOffset, dim));
  }

  private static final int LANES = SPECIES.length();
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
   * and an exact top-k could disagree with itself.
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
