package io.s3vector.storage.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Packed codes of every width read back as they were written, rows side by side untouched. */
class PackedCodesTest {

  @Test
  void everyWidthRoundTripsRowsOfAnyDimensionWithoutTouchingTheirNeighbours() {
    Random random = new Random(1);
    for (int bits = 1; bits <= 8; bits++) {
      PackedCodes packing = new PackedCodes(bits);
      for (int dim : new int[] {1, 3, 7, 8, 15, 128, 129}) {
        int rows = 5;
        int stride = packing.bytesPerRow(dim);
        assertEquals((dim * bits + 7) / 8, stride);
        byte[][] codes = new byte[rows][dim];
        byte[] packed = new byte[rows * stride];
        for (int r = 0; r < rows; r++) {
          for (int d = 0; d < dim; d++) {
            codes[r][d] = (byte) (random.nextInt(packing.levels() + 1) - 128);
          }
          packing.pack(codes[r], 0, dim, packed, r * stride);
        }
        byte[] out = new byte[dim];
        for (int r = 0; r < rows; r++) {
          packing.unpack(packed, r * stride, dim, out);
          assertArrayEquals(codes[r], out, bits + " bits, dim " + dim + ", row " + r);
        }
      }
    }
  }
}
