package io.s3vector.storage.vector;

/**
 * 4-bit codes packed two to a byte: dimension {@code 2i} in the low half of byte {@code i},
 * {@code 2i + 1} in the high half (an odd last dimension leaves the high half zero). A packed row
 * of {@code dim} dimensions is {@link #bytesPerRow} bytes, an eighth of the float32 vector.
 *
 * <p>Codes come from a {@link ScalarQuantizer} of {@link ScalarQuantizer#NIBBLE_LEVELS} levels,
 * whose code bytes are {@code level - 128}; {@link #unpack} gives those bytes back, so a packed
 * row is measured by unpacking it into a scratch row and using the quantizer's prepared query.
 */
public final class NibbleCodes {

  private NibbleCodes() {}

  public static int bytesPerRow(int dim) {
    return (dim + 1) / 2;
  }

  /**
   * Packs the code bytes {@code codes[from, from + dim)} (levels 0..15 as {@code level - 128})
   * into {@code packed[at, at + bytesPerRow(dim))}.
   */
  public static void pack(byte[] codes, int from, int dim, byte[] packed, int at) {
    for (int d = 0; d + 1 < dim; d += 2) {
      int low = (codes[from + d] + 128) & 0x0F;
      int high = (codes[from + d + 1] + 128) & 0x0F;
      packed[at + d / 2] = (byte) (low | high << 4);
    }
    if ((dim & 1) == 1) {
      packed[at + dim / 2] = (byte) ((codes[from + dim - 1] + 128) & 0x0F);
    }
  }

  /** Unpacks one row: {@code out[0, dim)} gets the code bytes ({@code level - 128}). */
  public static void unpack(byte[] packed, int at, int dim, byte[] out) {
    int pairs = dim / 2;
    for (int i = 0; i < pairs; i++) {
      int b = packed[at + i];
      out[2 * i] = (byte) ((b & 0x0F) - 128);
      out[2 * i + 1] = (byte) (((b >> 4) & 0x0F) - 128);
    }
    if ((dim & 1) == 1) {
      out[dim - 1] = (byte) ((packed[at + pairs] & 0x0F) - 128);
    }
  }
}
