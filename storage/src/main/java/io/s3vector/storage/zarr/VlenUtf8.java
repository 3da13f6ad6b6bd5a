package io.s3vector.storage.zarr;

import io.s3vector.storage.StorageException;
import java.nio.charset.StandardCharsets;

/**
 * The numcodecs {@code vlen-utf8} filter: an int32 little-endian item count, then per item an
 * int32 little-endian byte length and the UTF-8 bytes. A null item is written as the empty string
 * (NULLs are recorded in a separate {@code .null} array).
 */
public final class VlenUtf8 {

  /** The {@code .zarray} "filters" entry id. */
  public static final String ID = "vlen-utf8";

  private VlenUtf8() {}

  /** Encodes {@code values[from, from+count)} padded with empty strings to {@code chunkLength}. */
  public static byte[] encode(String[] values, int from, int count, int chunkLength) {
    byte[][] encoded = new byte[count][];
    int size = 4 + 4 * chunkLength;
    for (int i = 0; i < count; i++) {
      String value = values[from + i];
      encoded[i] = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
      size += encoded[i].length;
    }
    byte[] out = new byte[size];
    Lz4Codec.writeIntLE(out, 0, chunkLength);
    int at = 4;
    for (int i = 0; i < chunkLength; i++) {
      byte[] item = i < count ? encoded[i] : new byte[0];
      Lz4Codec.writeIntLE(out, at, item.length);
      System.arraycopy(item, 0, out, at + 4, item.length);
      at += 4 + item.length;
    }
    return out;
  }

  public static String[] decode(byte[] data) {
    if (data.length < 4) {
      throw new StorageException("corrupt vlen-utf8 chunk");
    }
    int count = Lz4Codec.readIntLE(data, 0);
    String[] values = new String[count];
    int at = 4;
    for (int i = 0; i < count; i++) {
      if (at + 4 > data.length) {
        throw new StorageException("corrupt vlen-utf8 chunk");
      }
      int length = Lz4Codec.readIntLE(data, at);
      at += 4;
      if (length < 0 || at + length > data.length) {
        throw new StorageException("corrupt vlen-utf8 chunk");
      }
      values[i] = new String(data, at, length, StandardCharsets.UTF_8);
      at += length;
    }
    return values;
  }
}
