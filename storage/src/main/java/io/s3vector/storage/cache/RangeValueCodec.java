package io.s3vector.storage.cache;

import java.util.Arrays;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * The bytes of a cached value in Redis: a one-byte tag, then either the raw value ({@link #RAW})
 * or a 4-byte little-endian original length and one LZ4 block ({@link #LZ4}). Values that LZ4
 * does not shrink are stored raw, so already-compressed chunks cost no CPU on the read path.
 * Decoding never throws: anything foreign or corrupt decodes to null and is treated as a miss.
 */
final class RangeValueCodec {

  static final byte RAW = 0;
  static final byte LZ4 = 1;
  private static final int LZ4_HEADER = 5;

  // fastestInstance picks JNI or Unsafe when available; the safe decompressor bounds-checks its
  // input, which matters because Redis content is not ours alone to trust
  private static final LZ4Factory FACTORY = LZ4Factory.fastestInstance();
  private static final LZ4Compressor COMPRESSOR = FACTORY.fastCompressor();
  private static final LZ4SafeDecompressor DECOMPRESSOR = FACTORY.safeDecompressor();

  private RangeValueCodec() {}

  static byte[] encode(byte[] value) {
    int max = COMPRESSOR.maxCompressedLength(value.length);
    byte[] out = new byte[LZ4_HEADER + max];
    int written = COMPRESSOR.compress(value, 0, value.length, out, LZ4_HEADER, max);
    if (LZ4_HEADER + written >= 1 + value.length) {
      byte[] raw = new byte[1 + value.length];
      raw[0] = RAW;
      System.arraycopy(value, 0, raw, 1, value.length);
      return raw;
    }
    out[0] = LZ4;
    writeIntLE(out, 1, value.length);
    return Arrays.copyOf(out, LZ4_HEADER + written);
  }

  /**
   * The original value, or null when {@code stored} is not something {@link #encode} wrote or
   * claims more than {@code maxLength} bytes (a corrupt header must not allocate gigabytes).
   */
  static byte[] decode(byte[] stored, int maxLength) {
    if (stored == null || stored.length == 0) {
      return null;
    }
    if (stored[0] == RAW) {
      return Arrays.copyOfRange(stored, 1, stored.length);
    }
    if (stored[0] != LZ4 || stored.length < LZ4_HEADER) {
      return null;
    }
    int length = readIntLE(stored, 1);
    if (length < 0 || length > maxLength) {
      return null;
    }
    try {
      byte[] out = new byte[length];
      int produced =
          DECOMPRESSOR.decompress(stored, LZ4_HEADER, stored.length - LZ4_HEADER, out, 0, length);
      return produced == length ? out : null;
    } catch (LZ4Exception e) {
      return null;
    }
  }

  private static void writeIntLE(byte[] out, int at, int value) {
    out[at] = (byte) value;
    out[at + 1] = (byte) (value >>> 8);
    out[at + 2] = (byte) (value >>> 16);
    out[at + 3] = (byte) (value >>> 24);
  }

  private static int readIntLE(byte[] in, int at) {
    return (in[at] & 0xff)
        | (in[at + 1] & 0xff) << 8
        | (in[at + 2] & 0xff) << 16
        | (in[at + 3] & 0xff) << 24;
  }
}
