package io.s3vector.bench;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import org.postgresql.PGConnection;

/**
 * COPY throughput against any server: {@code COPY copy_load (id, embedding) FROM STDIN} of
 * synthetic vectors, in text ({@code id \t [f1,...,fn]}, floats printed as Java's shortest form)
 * or binary format (pgvector's {@code vector_send}). The rows are cycled from a pool of 1,024
 * pre-encoded vectors, so the client only copies bytes. A warm-up COPY of {@code --warmup} rows
 * into a scratch table comes first.
 *
 * <pre>
 * java -cp 'tests/target/s3vector-tests.jar:tests/target/lib/*' io.s3vector.bench.CopyLoad \
 *     --url jdbc:postgresql://127.0.0.1:5433/postgres --rows 500000 --dim 128 --format text
 * </pre>
 */
public final class CopyLoad {
  private CopyLoad() {}

  public static void main(String[] args) throws Exception {
    String url = "jdbc:postgresql://127.0.0.1:5432/postgres";
    int rows = 500_000;
    int dim = 128;
    int warmup = 100_000;
    String format = "text";
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--url" -> url = args[i + 1];
        case "--rows" -> rows = Integer.parseInt(args[i + 1]);
        case "--dim" -> dim = Integer.parseInt(args[i + 1]);
        case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
        case "--format" -> format = args[i + 1];
        default -> throw new IllegalArgumentException("unknown flag " + args[i]);
      }
    }
    boolean binary = switch (format) {
      case "text" -> false;
      case "binary" -> true;
      default -> throw new IllegalArgumentException("--format is text or binary");
    };
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    try (Connection c = DriverManager.getConnection(url, p); Statement s = c.createStatement()) {
      if (warmup > 0) {
        copy(c, s, "copy_load_warmup", warmup, dim, binary);
        s.execute("DROP TABLE copy_load_warmup");
      }
      long start = System.nanoTime();
      Rows data = copy(c, s, "copy_load", rows, dim, binary);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT,
          "COPY %s: %,d %d-d vectors (%,.1f MB) in %.2f s: %,.0f vectors/s, %.1f MB/s%n",
          format, rows, dim, data.bytes / 1e6, seconds, rows / seconds, data.bytes / 1e6 / seconds);
    }
  }

  private static Rows copy(Connection c, Statement s, String table, int rows, int dim,
      boolean binary) throws Exception {
    s.execute("DROP TABLE IF EXISTS " + table);
    s.execute("CREATE TABLE " + table + " (id integer, embedding vector(" + dim + "))");
    Rows data = new Rows(rows, dim, binary);
    long copied = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
        "COPY " + table + " (id, embedding) FROM STDIN" + (binary ? " WITH (FORMAT binary)" : ""),
        data, 1 << 16);
    if (copied != rows) {
      throw new IllegalStateException("COPY reported " + copied + " rows, expected " + rows);
    }
    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      if (rs.getLong(1) != rows) {
        throw new IllegalStateException("count(*) = " + rs.getLong(1));
      }
    }
    return data;
  }

  /** The COPY data stream, made as it is read. */
  static final class Rows extends InputStream {
    private static final byte[] SIGNATURE =
        {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private final byte[][] pool = new byte[1024][];
    private final int rows;
    private final boolean binary;
    /** Rows carry a {@code category} column (id modulo this) after the id when above 0. */
    private final int categories;
    /** The id of the first row (the others follow). */
    private final int firstId;
    private int next = -1;
    private byte[] line = new byte[0];
    private int lineLength;
    private int at;
    long bytes;

    Rows(int rows, int dim, boolean binary) {
      this(rows, dim, binary, 0);
    }

    /**
     * {@code rows} rows {@code id [category] embedding}, ids 0 to rows - 1; with {@code categories}
     * above 0 the category column (id modulo categories) follows the id.
     */
    Rows(int rows, int dim, boolean binary, int categories) {
      this(rows, dim, binary, categories, 0);
    }

    /** As above, ids from {@code firstId} on (text only: binary ids are 4-byte integers). */
    Rows(int rows, int dim, boolean binary, int categories, int firstId) {
      this.firstId = firstId;
      this.rows = rows;
      this.binary = binary;
      this.categories = categories;
      SplittableRandom random = new SplittableRandom(42);
      for (int i = 0; i < pool.length; i++) {
        float[] v = new float[dim];
        for (int d = 0; d < dim; d++) {
          v[d] = (float) random.nextDouble(-1, 1);
        }
        if (binary) {
          ByteBuffer b = ByteBuffer.allocate(4 + 4 * dim);
          b.putShort((short) dim).putShort((short) 0);
          for (float f : v) {
            b.putFloat(f);
          }
          pool[i] = b.array();
        } else {
          StringBuilder sb = new StringBuilder("[");
          for (int d = 0; d < dim; d++) {
            sb.append(d == 0 ? "" : ",").append(v[d]);
          }
          pool[i] = sb.append("]\n").toString().getBytes(StandardCharsets.US_ASCII);
        }
      }
    }

    @Override
    public int read() {
      throw new UnsupportedOperationException();
    }

    @Override
    public int read(byte[] b, int off, int len) {
      int n = 0;
      while (n < len) {
        if (at == lineLength) {
          if (!nextLine()) {
            break;
          }
        }
        int k = Math.min(len - n, lineLength - at);
        System.arraycopy(line, at, b, off + n, k);
        at += k;
        n += k;
      }
      bytes += n;
      return n == 0 && len > 0 ? -1 : n;
    }

    private boolean nextLine() {
      if (next > rows) {
        return false;
      }
      at = 0;
      if (next == -1) {
        next = 0;
        if (binary) {
          line = SIGNATURE;
          lineLength = SIGNATURE.length;
          return true;
        }
      }
      if (next == rows) {
        next++;
        if (binary) {
          line = new byte[] {(byte) 0xff, (byte) 0xff};
          lineLength = 2;
          return true;
        }
        lineLength = 0;
        return false;
      }
      byte[] vector = pool[next % pool.length];
      if (line.length < vector.length + 48) {
        line = new byte[vector.length + 48];
      }
      int p = 0;
      if (binary) {
        ByteBuffer b = ByteBuffer.wrap(line);
        if (categories > 0) {
          b.putShort((short) 3).putInt(4).putInt(next).putInt(4).putInt(next % categories);
        } else {
          b.putShort((short) 2).putInt(4).putInt(next);
        }
        b.putInt(vector.length).put(vector);
        p = b.position();
      } else {
        byte[] id = Integer.toString(firstId + next).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(id, 0, line, 0, id.length);
        p = id.length;
        line[p++] = '\t';
        if (categories > 0) {
          byte[] category = Integer.toString((firstId + next) % categories)
              .getBytes(StandardCharsets.US_ASCII);
          System.arraycopy(category, 0, line, p, category.length);
          p += category.length;
          line[p++] = '\t';
        }
        System.arraycopy(vector, 0, line, p, vector.length);
        p += vector.length;
      }
      lineLength = p;
      next++;
      return true;
    }
  }
}
