package io.s3vector.storage.vector;

/**
 * Codes of {@code bits} bits per dimension (1 to 8), packed row by row: dimension {@code d} of a
 * row occupies bits {@code [d·bits, (d+1)·bits)} of the row's bytes, least significant bit
 * first, and a row starts on a byte boundary ({@link #bytesPerRow}). At 6 bits a 128-dimension
 * row is 96 bytes, three sixteenths of its float32 vector.
 *
 * <p>Codes come from a {@link ScalarQuantizer} of {@code 2^bits - 1} levels, whose code bytes are
 * {@code level - 128}; {@link #unpack} gives those bytes back, so a packed row is measured by
 * unpacking it into a scratch row and using the quantizer's prepared query.
 */
public final class PackedCodes {

  private final int bits;
  private final int mask;

  public PackedCodes(int bits) {
    if (bits < 1 || bits > 8) {
      throw new IllegalArgumentException("bits per code " + bits);
    }
    this.bits = bits;
    this.mask = (1 << bits) - 1;
  }

  public int bits() {
    return bits;
  }

  /** The highest level of a code: {@code 2^bits - 1}. */
  public int levels() {
    return mask;
  }

  public int bytesPerRow(int dim) {
    return (dim * bits + 7) / 8;
  }

  /**
   * Packs the code bytes {@code codes[from, from + dim)} (levels as {@code level - 128}) into
   * {@code packed[at, at + bytesPerRow(dim))}, which must be zero.
   */
  public void pack(byte[] codes, int from, int dim, byte[] packed, int at) {
    for (int d = 0; d < dim; d++) {
      int level = (codes[from + d] + 128) & mask;
      int bit = d * bits;
      int i = at + (bit >>> 3);
      int shift = bit & 7;
      packed[i] |= (byte) (level << shift);
      if (shift + bits > 8) {
        packed[i + 1] |= (byte) (level >>> (8 - shift));
      }
    }
  }

  /** Unpacks one row: {@code out[0, dim)} gets the code bytes ({@code level - 128}). */
  public void unpack(byte[] packed, int at, int dim, byte[] out) {
    int end = at + bytesPerRow(dim);
    for (int d = 0; d < dim; d++) {
      int bit = d * bits;
      int i = at + (bit >>> 3);
      int window = packed[i] & 0xFF;
      if (i + 1 < end) {
        window |= (packed[i + 1] & 0xFF) << 8;
      }
      out[d] = (byte) (((window >>> (bit & 7)) & mask) - 128);
    }
  }
}
