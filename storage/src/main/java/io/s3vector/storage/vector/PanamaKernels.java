package io.s3vector.storage.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels on the Vector API: whole SIMD registers ({@link FloatVector#SPECIES_PREFERRED}) over
 * the body and a scalar loop over the tail shorter than one register. Lane-wise accumulation sums
 * in a different order from the scalar loop, so results agree to float rounding, not bit for bit.
 * Only loaded when {@code jdk.incubator.vector} is readable ({@link VectorizationProvider}).
 */
public final class PanamaKernels implements DistanceKernels {

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
      sum = acc.reduceLanes(VectorOperators.ADD);
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
      sum = acc.reduceLanes(VectorOperators.ADD);
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
      sum = acc.reduceLanes(VectorOperators.ADD);
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
      sum = acc.reduceLanes(VectorOperators.ADD);
    }
    for (; i < dim; i++) {
      sum += a[aOffset + i] * a[aOffset + i];
    }
    return sum;
  }
}
