package io.s3vector.storage.zarr;

import io.s3vector.storage.StorageException;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * The numcodecs {@code lz4} compressor ({@code {"id": "lz4", "acceleration": 1}}): a 4-byte
 * little-endian uncompressed length, then one raw LZ4 block as {@code LZ4_compress_fast} writes it.
 */
public final class Lz4Codec {

  /** The {@code .zarray} "compressor" object for this codec. */
  public static final String ID = "lz4";

  public static final int ACCELERATION = 1;

  private static final LZ4Factory FACTORY = LZ4Factory.fastestInstance();
  private static final LZ4Compressor COMPRESSOR = FACTORY.fastCompressor();
  private static final LZ4SafeDecompressor DECOMPRESSOR = FACTORY.safeDecompressor();

  private Lz4Codec() {}

  public static byte[] compress(byte[] data, int length) {
    int max = COMPRESSOR.maxCompressedLength(length);
    byte[] out = new byte[4 + max];
    writeIntLE(out, 0, length);
    int written = COMPRESSOR.compress(data, 0, length, out, 4, max);
    return java.util.Arrays.copyOf(out, 4 + written);
  }

  public static byte[] decompress(byte[] encoded) {
    if (encoded.length < 4) {
      throw new StorageException("corrupt lz4 chunk: " + encoded.length + " bytes");
    }
    int length = readIntLE(encoded, 0);
    if (length < 0) {
      throw new StorageException("corrupt lz4 chunk: length " + length);
    }
    byte[] out = new byte[length];
    try {
      int produced = DECOMPRESSOR.decompress(encoded, 4, encoded.length - 4, out, 0, length);
      if (produced != length) {
        throw new StorageException("corrupt lz4 chunk: " + produced + " of " + length + " bytes");
      }
    } catch (LZ4Exception e) {
      throw new StorageException("corrupt lz4 chunk", e);
    }
    return out;
  }

  static void writeIntLE(byte[] out, int at, int value) {
    out[at] = (byte) value;
    out[at + 1] = (byte) (value >>> 8);
    out[at + 2] = (byte) (value >>> 16);
    out[at + 3] = (byte) (value >>> 24);
  }

  static int readIntLE(byte[] in, int at) {
    return (in[at] & 0xff)
        | (in[at + 1] & 0xff) << 8
        | (in[at + 2] & 0xff) << 16
        | (in[at + 3] & 0xff) << 24;
  }
}
