package io.s3vector.storage.zarr;

import io.s3vector.storage.StorageException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Turns a run of rows of a primitive array into one encoded chunk of an array and back: the
 * little-endian C-order bytes (or vlen-utf8 for text), padded to the full chunk with the fill value
 * (all fill values are zero bytes or the empty string), then compressed. Values are taken from and
 * decoded into primitive arrays — {@code boolean[] byte[] short[] int[] long[] float[] double[] String[]} —
 * with no per-element objects.
 */
public final class ChunkCodec {

  private ChunkCodec() {}

  /**
   * Encodes rows {@code [fromRow, fromRow + rowCount)} of {@code values} (for a 2-D array, row r
   * occupies elements {@code [r*width, (r+1)*width)}) as one chunk of {@code meta}.
   */
  public static byte[] encode(ArrayMeta meta, Object values, int fromRow, int rowCount) {
    if (rowCount > meta.chunkRows()) {
      throw new IllegalArgumentException(rowCount + " rows exceed the chunk of " + meta);
    }
    int perRow = meta.twoDimensional() ? meta.width() : 1;
    int from = fromRow * perRow;
    int count = rowCount * perRow;
    byte[] raw;
    if (meta.dtype() == ZarrDtype.UTF8) {
      raw = VlenUtf8.encode((String[]) values, from, count, meta.chunkLength());
    } else {
      raw = new byte[meta.chunkLength() * meta.dtype().itemSize()];
      ByteBuffer buffer = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
      switch (meta.dtype()) {
        case BOOL -> {
          boolean[] bools = (boolean[]) values;
          for (int i = 0; i < count; i++) {
            raw[i] = bools[from + i] ? (byte) 1 : 0;
          }
        }
        case INT8 -> System.arraycopy((byte[]) values, from, raw, 0, count);
        case INT16 -> buffer.asShortBuffer().put((short[]) values, from, count);
        case INT32 -> buffer.asIntBuffer().put((int[]) values, from, count);
        case INT64, DATETIME_US, DATETIME_D -> buffer.asLongBuffer().put((long[]) values, from, count);
        case FLOAT32 -> buffer.asFloatBuffer().put((float[]) values, from, count);
        case FLOAT64 -> buffer.asDoubleBuffer().put((double[]) values, from, count);
        default -> throw new IllegalStateException(meta.dtype().name());
      }
    }
    return meta.lz4() ? Lz4Codec.compress(raw, raw.length) : raw;
  }

  /**
   * Decodes one chunk into a new primitive array of {@link ArrayMeta#chunkLength()} elements
   * (the padding of a last chunk included).
   */
  public static Object decode(ArrayMeta meta, byte[] encoded) {
    byte[] raw = meta.lz4() ? Lz4Codec.decompress(encoded) : encoded;
    int length = meta.chunkLength();
    if (meta.dtype() == ZarrDtype.UTF8) {
      String[] values = VlenUtf8.decode(raw);
      if (values.length != length) {
        throw new StorageException(
            "corrupt chunk: " + values.length + " strings, expected " + length + " for " + meta);
      }
      return values;
    }
    if (raw.length != length * meta.dtype().itemSize()) {
      throw new StorageException(
          "corrupt chunk: " + raw.length + " bytes, expected "
              + length * meta.dtype().itemSize() + " for " + meta);
    }
    ByteBuffer buffer = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    return switch (meta.dtype()) {
      case BOOL -> {
        boolean[] values = new boolean[length];
        for (int i = 0; i < length; i++) {
          values[i] = raw[i] != 0;
        }
        yield values;
      }
      case INT8 -> java.util.Arrays.copyOf(raw, length);
      case INT16 -> {
        short[] values = new short[length];
        buffer.asShortBuffer().get(values);
        yield values;
      }
      case INT32 -> {
        int[] values = new int[length];
        buffer.asIntBuffer().get(values);
        yield values;
      }
      case INT64, DATETIME_US, DATETIME_D -> {
        long[] values = new long[length];
        buffer.asLongBuffer().get(values);
        yield values;
      }
      case FLOAT32 -> {
        float[] values = new float[length];
        buffer.asFloatBuffer().get(values);
        yield values;
      }
      case FLOAT64 -> {
        double[] values = new double[length];
        buffer.asDoubleBuffer().get(values);
        yield values;
      }
      default -> throw new IllegalStateException(meta.dtype().name());
    };
  }
}
