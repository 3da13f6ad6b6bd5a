package io.s3vector.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Readers for the fvecs/ivecs formats of the ANN benchmarks (optionally gzip-compressed): each
 * record is an int32 little-endian dimension, then that many float32 / int32 values.
 */
public final class VectorFiles {
  private VectorFiles() {}

  /** The first {@code limit} records of an .fvecs(.gz) file (all when limit &lt; 0). */
  public static float[][] readFvecs(Path file, int limit) throws IOException {
    return readRecords(file, limit, body -> {
      float[] v = new float[body.remaining() / 4];
      body.asFloatBuffer().get(v);
      return v;
    }).toArray(float[][]::new);
  }

  /** The first {@code limit} records of an .ivecs(.gz) file (all when limit &lt; 0). */
  public static int[][] readIvecs(Path file, int limit) throws IOException {
    return readRecords(file, limit, body -> {
      int[] v = new int[body.remaining() / 4];
      body.asIntBuffer().get(v);
      return v;
    }).toArray(int[][]::new);
  }

  /** Writes {@code rows} as .ivecs (each row a record: its length, then its values). */
  public static void writeIvecs(Path file, int[][] rows) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      for (int[] row : rows) {
        ByteBuffer record = ByteBuffer.allocate(4 * (row.length + 1)).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt(row.length);
        for (int v : row) {
          record.putInt(v);
        }
        out.write(record.array());
      }
    }
  }

  /** Reads records (dimension, then dimension × 4 bytes) and decodes each little-endian body. */
  private static <T> List<T> readRecords(
      Path file, int limit, java.util.function.Function<ByteBuffer, T> decode) throws IOException {
    List<T> rows = new ArrayList<>();
    try (DataInputStream in = open(file)) {
      byte[] header = new byte[4];
      while (limit < 0 || rows.size() < limit) {
        if (!readRecordHeader(in, header)) {
          break;
        }
        int dim = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] body = new byte[dim * 4];
        in.readFully(body);
        rows.add(decode.apply(ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN)));
      }
    }
    return rows;
  }

  /** The file as a stream, gunzipped when its name ends in .gz. */
  static DataInputStream open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    if (file.toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new DataInputStream(in);
  }

  /** Reads a record's 4-byte dimension; false at a clean end of file. */
  private static boolean readRecordHeader(DataInputStream in, byte[] header) throws IOException {
    int first = in.read();
    if (first < 0) {
      return false;
    }
    header[0] = (byte) first;
    try {
      in.readFully(header, 1, 3);
    } catch (EOFException e) {
      throw new IOException("truncated record header", e);
    }
    return true;
  }
}
