package io.s3vector.storage.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** 6-bit codes read back as they were written, for any dimension, rows side by side untouched. */
class SixBitCodesTest {

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
