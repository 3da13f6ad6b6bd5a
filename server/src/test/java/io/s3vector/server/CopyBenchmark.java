package io.s3vector.server;

import io.s3vector.sql.CalciteSqlEngine;
import io.s3vector.storage.engine.StoreDatabase;
import io.s3vector.storage.objectstore.LocalObjectStore;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.postgresql.PGConnection;

/**
 * COPY throughput of 128-d vectors through pgjdbc's CopyManager (text format) into the server
 * over the real engine and a local store, client and server in one JVM. Also samples the heap in
 * use after each GC while copying, to show the stream is not buffered.
 *
 * <p>{@code CopyBenchmark [rows] [dims]}; run by {@code CopyBenchmarkTest} with {@code
 * -Dcopy.benchmark=true}, or directly with a small heap (see server/README.md).
 */
public final class CopyBenchmark {
  private CopyBenchmark() {}

  public record Result(long rows, int dims, long bytes, double seconds, long maxHeapAfterGc) {
    double vectorsPerSecond() {
      return rows / seconds;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "COPY of %,d %d-d vectors (%,.1f MB of text) in %.2f s: %,.0f vectors/s, %.1f MB/s;"
              + " max heap in use after a GC while copying: %,.1f MB (max heap %,d MB)",
          rows, dims, bytes / 1e6, seconds, vectorsPerSecond(), bytes / 1e6 / seconds,
          maxHeapAfterGc / 1e6, Runtime.getRuntime().maxMemory() >> 20);
    }
  }

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int dims = args.length > 1 ? Integer.parseInt(args[1]) : 128;
    System.out.println(run(rows, dims));
  }

  public static Result run(int rows, int dims) throws Exception {
    Path dir = Files.createTempDirectory("copy-bench");
    try (StoreDatabase database = StoreDatabase.open(new LocalObjectStore(dir));
        S3VectorServer server =
            S3VectorServer.start(ServerConfig.defaults().withPort(0), new CalciteSqlEngine(database))) {
      Properties p = new Properties();
      p.setProperty("user", "postgres");
      try (Connection c =
              DriverManager.getConnection(
                  "jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres", p);
          Statement st = c.createStatement()) {
        st.execute("CREATE TABLE bench (id bigserial, embedding vector(" + dims + "))");
        // warm-up: JIT the parse and append paths
        c.unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn("COPY bench (embedding) FROM STDIN", new VectorRows(20_000, dims), 65536);
        st.execute("DROP TABLE bench");
        st.execute("CREATE TABLE bench (id bigserial, embedding vector(" + dims + "))");

        HeapSampler sampler = new HeapSampler();
        VectorRows data = new VectorRows(rows, dims);
        long start = System.nanoTime();
        long copied =
            c.unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("COPY bench (embedding) FROM STDIN", data, 65536);
        double seconds = (System.nanoTime() - start) / 1e9;
        long maxHeap = sampler.stop();
        if (copied != rows) {
          throw new AssertionError("copied " + copied + " of " + rows);
        }
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM bench")) {
          rs.next();
          if (rs.getLong(1) != rows) {
            throw new AssertionError("count(*) = " + rs.getLong(1));
          }
        }
        return new Result(rows, dims, data.bytes(), seconds, maxHeap);
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /**
   * The rows as text, made while they are read: "[f1,f2,...]\n" with random floats printed like
   * pgvector prints them (shortest repr, e.g. 0.12345679). A pool of lines is cycled so the client
   * spends little time formatting.
   */
  static final class VectorRows extends InputStream {
    private final byte[][] pool = new byte[1024][];
    private final long rows;
    private long next;
    private byte[] line;
    private int at;
    private long bytes;

    VectorRows(long rows, int dims) {
      this.rows = rows;
      SplittableRandom random = new SplittableRandom(42);
      for (int i = 0; i < pool.length; i++) {
        StringBuilder sb = new StringBuilder("[");
        for (int d = 0; d < dims; d++) {
          sb.append(d == 0 ? "" : ",").append((float) random.nextDouble(-1, 1));
        }
        pool[i] = sb.append("]\n").toString().getBytes(StandardCharsets.US_ASCII);
      }
    }

    long bytes() {
      return bytes;
    }

    @Override
    public int read() {
      throw new UnsupportedOperationException();
    }

    @Override
    public int read(byte[] b, int off, int len) {
      int n = 0;
      while (n < len) {
        if (line == null || at == line.length) {
          if (next == rows) {
            break;
          }
          line = pool[(int) (next++ % pool.length)];
          at = 0;
        }
        int k = Math.min(len - n, line.length - at);
        System.arraycopy(line, at, b, off + n, k);
        at += k;
        n += k;
      }
      bytes += n;
      return n == 0 && len > 0 ? -1 : n;
    }
  }

  /** The largest heap occupancy right after a GC, sampled every 20 ms. */
  static final class HeapSampler {
    private final AtomicLong max = new AtomicLong();
    private final Thread thread;
    private volatile boolean stop;

    HeapSampler() {
      thread =
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    while (!stop) {
                      long used = 0;
                      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                        MemoryUsage after = pool.getCollectionUsage();
                        if (pool.getType() == MemoryType.HEAP && after != null) {
                          used += after.getUsed();
                        }
                      }
                      max.accumulateAndGet(used, Math::max);
                      try {
                        Thread.sleep(20);
                      } catch (InterruptedException e) {
                        return;
                      }
                    }
                  });
    }

    long stop() throws InterruptedException {
      stop = true;
      thread.join();
      return max.get();
    }
  }
}
