package io.s3vector.storage.vector;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link CodeKernels} on the Vector API: each step loads one register's worth of codes as bytes
 * (a quarter-width byte vector: 16 bytes for 16 float lanes), widens them to floats ({@code B2F})
 * and runs the FMA chain of {@link PanamaKernels} on them, two accumulators, then the scalar
 * tail. The codes are a quarter of the floats' bytes, so a graph walk that misses the cache on
 * every node loads a quarter of the memory. Lanes are summed by a fixed rotation tree, as in
 * {@link PanamaKernels} (the interpreter and the compiled code give the same float). Only loaded
 * when {@code jdk.incubator.vector} is readable and a float register has 8 or 16 lanes ({@link
 * VectorizationProvider}): a byte vector is at least 64 bits wide.
 */
final class PanamaCodeKernels implements CodeKernels {

  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = FLOATS.length();
  private static final VectorSpecies<Byte> BYTES = supported(LANES)
      ? VectorSpecies.of(byte.class, VectorShape.forBitSize(8 * LANES))
      : null;
  private static final int STRIDE = 2 * LANES;

  /** Whether float registers of {@code lanes} lanes have a byte species of as many lanes. */
  static boolean supported(int lanes) {
    return lanes == 8 || lanes == 16;
  }

  static boolean supported() {
    return supported(LANES);
  }

  @Override
  public float squaredL2(float[] shifted, float[] negStep, byte[] codes, int at, int dim) {
    int i = 0;
    float sum = 0;
    int bound = FLOATS.loopBound(dim);
    if (bound > 0) {
      FloatVector acc0 = FloatVector.zero(FLOATS);
      FloatVector acc1 = acc0;
      for (int unrolled = dim & -STRIDE; i < unrolled; i += STRIDE) {
        FloatVector c0 = (FloatVector) ByteVector.fromArray(BYTES, codes, at + i)
            .convertShape(VectorOperators.B2F, FLOATS, 0);
        FloatVector c1 = (FloatVector) ByteVector.fromArray(BYTES, codes, at + i + LANES)
            .convertShape(VectorOperators.B2F, FLOATS, 0);
        FloatVector d0 = c0.fma(FloatVector.fromArray(FLOATS, negStep, i),
            FloatVector.fromArray(FLOATS, shifted, i));
        FloatVector d1 = c1.fma(FloatVector.fromArray(FLOATS, negStep, i + LANES),
            FloatVector.fromArray(FLOATS, shifted, i + LANES));
        acc0 = d0.fma(d0, acc0);
        acc1 = d1.fma(d1, acc1);
      }
      for (; i < bound; i += LANES) {
        FloatVector c = (FloatVector) ByteVector.fromArray(BYTES, codes, at + i)
            .convertShape(VectorOperators.B2F, FLOATS, 0);
        FloatVector d = c.fma(FloatVector.fromArray(FLOATS, negStep, i),
            FloatVector.fromArray(FLOATS, shifted, i));
        acc0 = d.fma(d, acc0);
      }
      FloatVector v = acc0.add(acc1);
      v = LANES > 8 ? v.add(v.rearrange(ROTATE_8)) : v;
      v = v.add(v.rearrange(ROTATE_4));
      v = v.add(v.rearrange(ROTATE_2));
      sum = v.add(v.rearrange(ROTATE_1)).lane(0);
    }
    for (; i < dim; i++) {
      float diff = Math.fma(codes[at + i], negStep[i], shifted[i]);
      sum = Math.fma(diff, diff, sum);
    }
    return sum;
  }

  @Override
  public float l1(float[] shifted, float[] negStep, byte[] codes, int at, int dim) {
    int i = 0;
    float sum = 0;
    int bound = FLOATS.loopBound(dim);
    if (bound > 0) {
      FloatVector acc0 = FloatVector.zero(FLOATS);
      FloatVector acc1 = acc0;
      for (int unrolled = dim & -STRIDE; i < unrolled; i += STRIDE) {
        FloatVector c0 = (FloatVector) ByteVector.fromArray(BYTES, codes, at + i)
            .convertShape(VectorOperators.B2F, FLOATS, 0);
        FloatVector c1 = (FloatVector) ByteVector.fromArray(BYTES, codes, at + i + LANES)
            .convertShape(VectorOperators.B2F, FLOATS, 0);
        acc0 = acc0.add(c0.fma(FloatVector.fromArray(FLOATS, negStep, i),
            FloatVector.fromArray(FLOATS, shifted, i)).abs());
        acc1 = acc1.add(c1.fma(FloatVector.fromArray(FLOATS, negStep, i + LANES),
            FloatVector.fromArray(FLOATS, shifted, i + LANES)).abs());
      }
      for (; i < bound; i += LANES) {
        FloatVector c = (FloatVector) ByteVector.fromArray(BYTES, codes, at + i)
            .convertShape(VectorOperators.B2F, FLOATS, 0);
        acc0 = acc0.add(c.fma(FloatVector.fromArray(FLOATS, negStep, i),
            FloatVector.fromArray(FLOATS, shifted, i)).abs());
      }
      FloatVector v = acc0.add(acc1);
      v = LANES > 8 ? v.add(v.rearrange(ROTATE_8)) : v;
      v = v.add(v.rearrange(ROTATE_4));
      v = v.add(v.rearrange(ROTATE_2));
      sum = v.add(v.rearrange(ROTATE_1)).lane(0);
    }
    for (; i < dim; i++) {
      sum += Math.abs(Math.fma(codes[at + i], negStep[i], shifted[i]));
    }
    return sum;
  }

  @Override
  public float dot(float[] scaled, byte[] codes, int at, int dim) {
    int i = 0;
    float sum = 0;
    int bound = FLOATS.loopBound(dim);
    if (bound > 0) {
      FloatVector acc0 = FloatVector.zero(FLOATS);
      FloatVector acc1 = acc0;
      for (int unrolled = dim & -STRIDE; i < unrolled; i += STRIDE) {
        FloatVector c0 = (FloatVector) ByteVector.fromArray(BYTES, codes, at + i)
            .convertShape(VectorOperators.B2F, FLOATS, 0);
        FloatVector c1 = (FloatVector) ByteVector.fromArray(BYTES, codes, at + i + LANES)
            .convertShape(VectorOperators.B2F, FLOATS, 0);
        acc0 = c0.fma(FloatVector.fromArray(FLOATS, scaled, i), acc0);
        acc1 = c1.fma(FloatVector.fromArray(FLOATS, scaled, i + LANES), acc1);
      }
      for (; i < bound; i += LANES) {
        FloatVector c = (FloatVector) ByteVector.fromArray(BYTES, codes, at + i)
            .convertShape(VectorOperators.B2F, FLOATS, 0);
        acc0 = c.fma(FloatVector.fromArray(FLOATS, scaled, i), acc0);
      }
      FloatVector v = acc0.add(acc1);
      v = LANES > 8 ? v.add(v.rearrange(ROTATE_8)) : v;
      v = v.add(v.rearrange(ROTATE_4));
      v = v.add(v.rearrange(ROTATE_2));
      sum = v.add(v.rearrange(ROTATE_1)).lane(0);
    }
    for (; i < dim; i++) {
      sum = Math.fma(scaled[i], codes[at + i], sum);
    }
    return sum;
  }

  private static final VectorShuffle<Float> ROTATE_8 = rotation(8);
  private static final VectorShuffle<Float> ROTATE_4 = rotation(4);
  private static final VectorShuffle<Float> ROTATE_2 = rotation(2);
  private static final VectorShuffle<Float> ROTATE_1 = rotation(1);

  private static VectorShuffle<Float> rotation(int shift) {
    return VectorShuffle.fromOp(FLOATS, i -> (i + shift) % LANES);
  }
}
