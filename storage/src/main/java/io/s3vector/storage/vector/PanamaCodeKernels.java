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

  /*
   * 6-bit codes (SixBitCodes): for a dimension that is a multiple of 4 (q = dim / 4), lane j of
   * the nibble bytes at j and at j + q and of the pair byte at j hold dimensions j + k·q, k = 0..3;
   * each step makes those four registers of codes with masks and shifts and runs one FMA chain per
   * k. Other dimensions take the scalar loops.
   */

  @Override
  public float squaredL2SixBit(float[] shifted, float[] negStep, byte[] packed, int at, int dim) {
    if ((dim & 3) != 0) {
      return ScalarCodeKernels.INSTANCE.squaredL2SixBit(shifted, negStep, packed, at, dim);
    }
    int q = dim >> 2;
    int j = 0;
    float sum = 0;
    int bound = FLOATS.loopBound(q);
    if (bound > 0) {
      FloatVector acc0 = FloatVector.zero(FLOATS);
      FloatVector acc1 = acc0;
      FloatVector acc2 = acc0;
      FloatVector acc3 = acc0;
      for (; j < bound; j += LANES) {
        ByteVector low = ByteVector.fromArray(BYTES, packed, at + j);
        ByteVector high = ByteVector.fromArray(BYTES, packed, at + q + j);
        ByteVector pairs = ByteVector.fromArray(BYTES, packed, at + 2 * q + j);
        FloatVector d0 = floats(low.and((byte) 0x0F), pairs, 0)
            .fma(FloatVector.fromArray(FLOATS, negStep, j), FloatVector.fromArray(FLOATS, shifted, j));
        FloatVector d1 = floats(high.and((byte) 0x0F), pairs, 2)
            .fma(FloatVector.fromArray(FLOATS, negStep, j + q), FloatVector.fromArray(FLOATS, shifted, j + q));
        FloatVector d2 = floats(low.lanewise(VectorOperators.LSHR, 4), pairs, 4)
            .fma(FloatVector.fromArray(FLOATS, negStep, j + 2 * q), FloatVector.fromArray(FLOATS, shifted, j + 2 * q));
        FloatVector d3 = floats(high.lanewise(VectorOperators.LSHR, 4), pairs, 6)
            .fma(FloatVector.fromArray(FLOATS, negStep, j + 3 * q), FloatVector.fromArray(FLOATS, shifted, j + 3 * q));
        acc0 = d0.fma(d0, acc0);
        acc1 = d1.fma(d1, acc1);
        acc2 = d2.fma(d2, acc2);
        acc3 = d3.fma(d3, acc3);
      }
      sum = reduce(acc0.add(acc1).add(acc2.add(acc3)));
    }
    for (; j < q; j++) {
      for (int d = j; d < dim; d += q) {
        float diff = Math.fma(SixBitCodes.code(packed, at, dim, d), negStep[d], shifted[d]);
        sum = Math.fma(diff, diff, sum);
      }
    }
    return sum;
  }

  @Override
  public float l1SixBit(float[] shifted, float[] negStep, byte[] packed, int at, int dim) {
    if ((dim & 3) != 0) {
      return ScalarCodeKernels.INSTANCE.l1SixBit(shifted, negStep, packed, at, dim);
    }
    int q = dim >> 2;
    int j = 0;
    float sum = 0;
    int bound = FLOATS.loopBound(q);
    if (bound > 0) {
      FloatVector acc0 = FloatVector.zero(FLOATS);
      FloatVector acc1 = acc0;
      FloatVector acc2 = acc0;
      FloatVector acc3 = acc0;
      for (; j < bound; j += LANES) {
        ByteVector low = ByteVector.fromArray(BYTES, packed, at + j);
        ByteVector high = ByteVector.fromArray(BYTES, packed, at + q + j);
        ByteVector pairs = ByteVector.fromArray(BYTES, packed, at + 2 * q + j);
        acc0 = acc0.add(floats(low.and((byte) 0x0F), pairs, 0)
            .fma(FloatVector.fromArray(FLOATS, negStep, j), FloatVector.fromArray(FLOATS, shifted, j)).abs());
        acc1 = acc1.add(floats(high.and((byte) 0x0F), pairs, 2)
            .fma(FloatVector.fromArray(FLOATS, negStep, j + q), FloatVector.fromArray(FLOATS, shifted, j + q)).abs());
        acc2 = acc2.add(floats(low.lanewise(VectorOperators.LSHR, 4), pairs, 4)
            .fma(FloatVector.fromArray(FLOATS, negStep, j + 2 * q), FloatVector.fromArray(FLOATS, shifted, j + 2 * q)).abs());
        acc3 = acc3.add(floats(high.lanewise(VectorOperators.LSHR, 4), pairs, 6)
            .fma(FloatVector.fromArray(FLOATS, negStep, j + 3 * q), FloatVector.fromArray(FLOATS, shifted, j + 3 * q)).abs());
      }
      sum = reduce(acc0.add(acc1).add(acc2.add(acc3)));
    }
    for (; j < q; j++) {
      for (int d = j; d < dim; d += q) {
        sum += Math.abs(Math.fma(SixBitCodes.code(packed, at, dim, d), negStep[d], shifted[d]));
      }
    }
    return sum;
  }

  @Override
  public float dotSixBit(float[] scaled, byte[] packed, int at, int dim) {
    if ((dim & 3) != 0) {
      return ScalarCodeKernels.INSTANCE.dotSixBit(scaled, packed, at, dim);
    }
    int q = dim >> 2;
    int j = 0;
    float sum = 0;
    int bound = FLOATS.loopBound(q);
    if (bound > 0) {
      FloatVector acc0 = FloatVector.zero(FLOATS);
      FloatVector acc1 = acc0;
      FloatVector acc2 = acc0;
      FloatVector acc3 = acc0;
      for (; j < bound; j += LANES) {
        ByteVector low = ByteVector.fromArray(BYTES, packed, at + j);
        ByteVector high = ByteVector.fromArray(BYTES, packed, at + q + j);
        ByteVector pairs = ByteVector.fromArray(BYTES, packed, at + 2 * q + j);
        acc0 = floats(low.and((byte) 0x0F), pairs, 0).fma(FloatVector.fromArray(FLOATS, scaled, j), acc0);
        acc1 = floats(high.and((byte) 0x0F), pairs, 2).fma(FloatVector.fromArray(FLOATS, scaled, j + q), acc1);
        acc2 = floats(low.lanewise(VectorOperators.LSHR, 4), pairs, 4)
            .fma(FloatVector.fromArray(FLOATS, scaled, j + 2 * q), acc2);
        acc3 = floats(high.lanewise(VectorOperators.LSHR, 4), pairs, 6)
            .fma(FloatVector.fromArray(FLOATS, scaled, j + 3 * q), acc3);
      }
      sum = reduce(acc0.add(acc1).add(acc2.add(acc3)));
    }
    for (; j < q; j++) {
      for (int d = j; d < dim; d += q) {
        sum = Math.fma(scaled[d], SixBitCodes.code(packed, at, dim, d), sum);
      }
    }
    return sum;
  }

  /**
   * Codes ({@code level - 128}) as floats: the low 4 bits of a level ({@code nibbles}, 0..15)
   * and its top 2 bits, the pair at {@code shift} of the pair bytes (see the comment above).
   */
  private static FloatVector floats(ByteVector nibbles, ByteVector pairs, int shift) {
    ByteVector top = pairs.lanewise(VectorOperators.LSHR, shift).and((byte) 0x03)
        .lanewise(VectorOperators.LSHL, 4);
    return (FloatVector) nibbles.or(top).or((byte) 0x80)
        .convertShape(VectorOperators.B2F, FLOATS, 0);
  }

  /** The lanes' sum by the fixed rotation tree of the kernels above. */
  private static float reduce(FloatVector v) {
    v = LANES > 8 ? v.add(v.rearrange(ROTATE_8)) : v;
    v = v.add(v.rearrange(ROTATE_4));
    v = v.add(v.rearrange(ROTATE_2));
    return v.add(v.rearrange(ROTATE_1)).lane(0);
  }

  private static final VectorShuffle<Float> ROTATE_8 = rotation(8);
  private static final VectorShuffle<Float> ROTATE_4 = rotation(4);
  private static final VectorShuffle<Float> ROTATE_2 = rotation(2);
  private static final VectorShuffle<Float> ROTATE_1 = rotation(1);

  private static VectorShuffle<Float> rotation(int shift) {
    return VectorShuffle.fromOp(FLOATS, i -> (i + shift) % LANES);
  }
}
