package io.s3vector.storage.vector;

/**
 * Codes of 6 bits per dimension, packed in two planes per row so that unpacking is plain loops
 * over bytes, with no dimension split across a byte boundary: first {@code h = ⌈dim/2⌉} bytes of low nibbles
 * (byte {@code i} holds the low 4 bits of dimension {@code i} and, in its high half, those of
 * dimension {@code i + h}), then {@code q = ⌈dim/4⌉} bytes of high bit pairs (byte {@code j}
 * holds the top 2 bits of dimensions {@code j}, {@code j + q}, {@code j + 2q} and {@code j + 3q},
 * lowest pair first). A 128-dimension row is 96 bytes, three sixteenths of its float32 vector.
 *
 * <p>Why planes: the code kernels ({@link CodeKernels#squaredL2SixBit} and the others) measure a
 * packed row without unpacking it. When the dimension is a multiple of 4 ({@code h = 2q}), lane
 * {@code j} of three byte vectors, the nibble bytes at {@code j} and {@code j + q} and the pair
 * byte at {@code j}, holds dimensions {@code j}, {@code j + q}, {@code j + 2q} and {@code j + 3q}:
 * four float registers of codes from masks and shifts, lane for lane. Unpacking row by row into
 * scratch bytes was 82% of a cold query's CPU (JFR, 1M × 128, ef_search 40).
 *
 * <p>Codes come from a {@link ScalarQuantizer} of {@link #LEVELS} levels, whose code bytes are
 * {@code level - 128}; {@link #unpack} gives those bytes back ({@code 0x80 | level}), so a packed
 * row is measured by unpacking it into a scratch row and using the quantizer's prepared query.
 */
public final class SixBitCodes {

  public static final int BITS = 6;
  /** The highest level of a code. */
  public static final int LEVELS = (1 << BITS) - 1;

  private SixBitCodes() {}

  public static int bytesPerRow(int dim) {
    return nibbleBytes(dim) + pairBytes(dim);
  }

  private static int nibbleBytes(int dim) {
    return (dim + 1) / 2;
  }

  private static int pairBytes(int dim) {
    return (dim + 3) / 4;
  }

  /**
   * Packs the code bytes {@code codes[from, from + dim)} (levels as {@code level - 128}) into
   * {@code packed[at, at + bytesPerRow(dim))}, which must be zero.
   */
  public static void pack(byte[] codes, int from, int dim, byte[] packed, int at) {
    int h = nibbleBytes(dim);
    int q = pairBytes(dim);
    for (int d = 0; d < dim; d++) {
      int level = (codes[from + d] + 128) & LEVELS;
      int nibble = d < h ? at + d : at + d - h;
      packed[nibble] |= (byte) ((level & 0x0F) << (d < h ? 0 : 4));
      packed[at + h + d % q] |= (byte) ((level >>> 4) << (2 * (d / q)));
    }
  }

  /** The code byte ({@code level - 128}) of dimension {@code d} of the row at {@code packed[at]}. */
  static int code(byte[] packed, int at, int dim, int d) {
    int h = nibbleBytes(dim);
    int q = pairBytes(dim);
    int nibble = d < h ? packed[at + d] & 0x0F : (packed[at + d - h] >>> 4) & 0x0F;
    int pair = (packed[at + h + d % q] >>> (2 * (d / q))) & 0x03;
    return (nibble | pair << 4) - 128;
  }

  /** Unpacks one row: {@code out[0, dim)} gets the code bytes ({@code level - 128}). */
  public static void unpack(byte[] packed, int at, int dim, byte[] out) {
    int h = nibbleBytes(dim);
    int q = pairBytes(dim);
    int both = dim - h; // nibble bytes whose high half holds a dimension too
    for (int i = 0; i < both; i++) {
      int b = packed[at + i];
      out[i] = (byte) (0x80 | (b & 0x0F));
      out[i + h] = (byte) (0x80 | ((b >>> 4) & 0x0F));
    }
    for (int i = both; i < h; i++) {
      out[i] = (byte) (0x80 | (packed[at + i] & 0x0F));
    }
    int pairs = at + h;
    for (int k = 0; k < 4; k++) {
      int first = k * q;
      int count = Math.min(q, dim - first);
      int shift = 2 * k;
      for (int j = 0; j < count; j++) {
        out[first + j] |= (byte) (((packed[pairs + j] >>> shift) & 0x03) << 4);
      }
    }
  }
}
