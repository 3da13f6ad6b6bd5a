package io.s3vector.storage.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 6-bit codes read back as they were written, for any dimension, rows side by side untouched; and
 * the kernels that measure a packed row give what the int8 kernels give on the unpacked row.
 */
class SixBitCodesTest {

  @Test
  void thePackedKernelsMeasureARowAsTheUnpackedOneIsMeasured() {
    Random random = new Random(9);
    // multiples of 4 take the vector loops (with and without a tail), the others the scalar ones
    for (int dim : new int[] {4, 8, 15, 16, 60, 64, 68, 128, 130, 784}) {
      float[] lo = new float[dim];
      float[] hi = new float[dim];
      for (int d = 0; d < dim; d++) {
        lo[d] = -1 - random.nextFloat();
        hi[d] = 1 + random.nextFloat();
      }
      ScalarQuantizer quantizer = ScalarQuantizer.fromRange(lo, hi, SixBitCodes.LEVELS);
      int rows = 20;
      int stride = SixBitCodes.bytesPerRow(dim);
      byte[] packed = new byte[rows * stride + 3]; // rows start past a few bytes
      byte[][] unpacked = new byte[rows][dim];
      for (int r = 0; r < rows; r++) {
        for (int d = 0; d < dim; d++) {
          unpacked[r][d] = (byte) (random.nextInt(SixBitCodes.LEVELS + 1) - 128);
        }
        SixBitCodes.pack(unpacked[r], 0, dim, packed, 3 + r * stride);
      }
      float[] query = new float[dim];
      for (int d = 0; d < dim; d++) {
        query[d] = (float) random.nextGaussian();
      }
      for (DistanceMetric metric : DistanceMetric.values()) {
        ScalarQuantizer.Query chosen = quantizer.prepare(metric, query);
        ScalarQuantizer.Query scalar = quantizer.prepareScalar(metric, query);
        for (int r = 0; r < rows; r++) {
          float expected = scalar.distance(unpacked[r], 0);
          float tolerance = 1e-4f * Math.max(1, Math.abs(expected));
          String what = metric + " dim " + dim + " row " + r;
          assertEquals(expected, scalar.distanceSixBit(packed, 3 + r * stride), tolerance, what);
          assertEquals(expected, chosen.distanceSixBit(packed, 3 + r * stride), tolerance, what);
        }
      }
    }
  }

  @Test
  void rowsOfAnyDimensionRoundTripWithoutTouchingTheirNeighbours() {
    Random random = new Random(1);
    for (int dim = 1; dim <= 133; dim++) {
      int rows = 4;
      int stride = SixBitCodes.bytesPerRow(dim);
      assertEquals((dim + 1) / 2 + (dim + 3) / 4, stride);
      byte[][] codes = new byte[rows][dim];
      byte[] packed = new byte[rows * stride];
      for (int r = 0; r < rows; r++) {
        for (int d = 0; d < dim; d++) {
          codes[r][d] = (byte) (random.nextInt(SixBitCodes.LEVELS + 1) - 128);
        }
        SixBitCodes.pack(codes[r], 0, dim, packed, r * stride);
      }
      byte[] out = new byte[dim];
      for (int r = 0; r < rows; r++) {
        java.util.Arrays.fill(out, (byte) 0x55); // unpack overwrites whatever was there
        SixBitCodes.unpack(packed, r * stride, dim, out);
        assertArrayEquals(codes[r], out, "dim " + dim + ", row " + r);
      }
    }
  }
}
