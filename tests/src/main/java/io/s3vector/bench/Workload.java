package io.s3vector.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pgvector.PGvector;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.postgresql.PGConnection;

/** Runs the benchmark against one server: load, index, then searches; returns what it measured. */
final class Workload {
  static final String TABLE = "bench_items";

  /**
   * One search configuration's measurements; {@code io} is what the timed passes' reads cost per
   * query, empty when the server does not report it (PostgreSQL).
   */
  record SearchResult(int clients, String efSearch, double recall, double qps, double p50Ms, double p99Ms,
      Optional<IoPerQuery> io) {}

  /** Everything measured on one server. */
  record Result(
      String url,
      String serverVersion,
      double loadVectorsPerSecond,
      double loadSeconds,
      String index,
      String storage,
      String heap,
      List<SearchResult> searches,
      List<String> notes) {}

  private final BenchOptions options;
  private final Dataset dataset;
  private final String url;

  Workload(BenchOptions options, Dataset dataset, String url) {
    this.options = options;
    this.dataset = dataset;
    this.url = url;
  }

  private Connection connect() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", options.user());
    if (options.password() != null) {
      p.setProperty("password", options.password());
    }
    p.setProperty("ApplicationName", "s3vector-bench");
    return DriverManager.getConnection(url, p);
  }

  Result run() throws Exception {
    List<String> notes = new ArrayList<>();
    String version;
    try (Connection c = connect(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT version()")) {
        rs.next();
        version = rs.getString(1);
      }
      try {
        s.execute("CREATE EXTENSION IF NOT EXISTS vector");
      } catch (SQLException e) {
        notes.add("CREATE EXTENSION: " + e.getMessage());
      }
      s.execute("DROP TABLE IF EXISTS " + TABLE);
      s.execute("CREATE TABLE " + TABLE + " (id integer PRIMARY KEY, embedding vector(" + dataset.dim() + "))");
    }
    long loadStart = System.nanoTime();
    try (Connection c = connect()) {
      if (options.load().equals("batch")) {
        loadBatches(c);
      } else if (options.load().equals("copy")) {
        loadCopy(c);
      } else {
        loadInsertValues(c);
      }
    }
    double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

    String index = "none";
    boolean indexed = false;
    if (options.index().equals("hnsw")) {
      try (Connection c = connect(); Statement s = c.createStatement()) {
        long start = System.nanoTime();
        s.execute("CREATE INDEX ON " + TABLE + " USING hnsw (embedding " + options.metric().opclass()
            + ") WITH (m = " + options.m() + ", ef_construction = " + options.efConstruction() + ")");
        index = String.format("hnsw m=%d ef_construction=%d: built in %.1f s", options.m(),
            options.efConstruction(), (System.nanoTime() - start) / 1e9);
        indexed = true;
      } catch (SQLException e) {
        if ("0A000".equals(e.getSQLState())) {
          index = "not supported (exact search)";
        } else {
          index = "failed: " + e.getSQLState() + " " + e.getMessage();
        }
      }
    }

    List<SearchResult> searches = new ArrayList<>();
    List<String> efValues = new ArrayList<>();
    if (indexed) {
      options.efSearch().forEach(ef -> efValues.add(Integer.toString(ef)));
    } else {
      efValues.add("-");
    }
    for (String ef : efValues) {
      for (int clients : options.clients()) {
        searches.add(search(clients, ef, notes));
      }
    }
    return new Result(url, version, dataset.base().length / loadSeconds, loadSeconds, index,
        storage(), heap(), searches, notes);
  }

  private void loadBatches(Connection c) throws SQLException {
    float[][] base = dataset.base();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (id, embedding) VALUES (?, ?)")) {
      for (int i = 0; i < base.length; i++) {
        ps.setInt(1, i);
        ps.setObject(2, new PGvector(base[i]));
        ps.addBatch();
        if (i % 1000 == 999) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
  }

  /**
   * {@code COPY bench_items (id, embedding) FROM STDIN} in text format: the rows are formatted as
   * pgjdbc reads them, a few at a time, so the whole data set is never one buffer.
   */
  private void loadCopy(Connection c) throws SQLException {
    float[][] base = dataset.base();
    long copied;
    try {
      copied = c.unwrap(PGConnection.class).getCopyAPI()
          .copyIn("COPY " + TABLE + " (id, embedding) FROM STDIN", new CopyTextReader(base));
    } catch (IOException e) {
      throw new SQLException("COPY failed: " + e.getMessage(), e);
    }
    if (copied != base.length) {
      throw new SQLException("COPY reported " + copied + " rows, expected " + base.length);
    }
  }

  /** The rows {@code id \t [v1,v2,...] \n}, id = row number, produced as they are read. */
  static final class CopyTextReader extends Reader {
    private final float[][] rows;
    private int next;
    private final StringBuilder line = new StringBuilder();
    private int pos;

    CopyTextReader(float[][] rows) {
      this.rows = rows;
    }

    @Override
    public int read(char[] buf, int off, int len) {
      if (len == 0) {
        return 0;
      }
      int written = 0;
      while (written < len) {
        if (pos == line.length()) {
          if (next == rows.length) {
            break;
          }
          line.setLength(0);
          line.append(next).append('\t').append(vectorText(rows[next])).append('\n');
          next++;
          pos = 0;
        }
        int n = Math.min(len - written, line.length() - pos);
        line.getChars(pos, pos + n, buf, off + written);
        pos += n;
        written += n;
      }
      return written == 0 ? -1 : written;
    }

    @Override
    public void close() {}
  }

  private void loadInsertValues(Connection c) throws SQLException {
    float[][] base = dataset.base();
    try (Statement s = c.createStatement()) {
      for (int from = 0; from < base.length; from += 100) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(TABLE).append(" (id, embedding) VALUES ");
        for (int i = from; i < Math.min(base.length, from + 100); i++) {
          sql.append(i > from ? "," : "").append('(').append(i).append(",'").append(vectorText(base[i])).append("')");
        }
        s.executeUpdate(sql.toString());
      }
    }
  }

  static String vectorText(float[] v) {
    StringBuilder sb = new StringBuilder(v.length * 4).append('[');
    for (int i = 0; i < v.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      float f = v[i];
      if (f == (int) f) {
        sb.append((int) f);
      } else {
        sb.append(f);
      }
    }
    return sb.append(']').toString();
  }

  /**
   * One warm-up pass on one connection gives recall@k; then each client runs {@code passes}
   * passes over the queries (from a different starting query) for throughput and latency. The
   * server's read totals are taken just before and after the timed passes (outside the timing),
   * so the I/O figures are those of warm queries, like the QPS beside them.
   */
  private SearchResult search(int clients, String ef, List<String> notes) throws Exception {
    String sql = "SELECT id FROM " + TABLE + " ORDER BY embedding " + options.metric().operator()
        + " ? LIMIT " + options.k();
    float[][] queries = dataset.queries();
    double recallSum = 0;
    try (Connection c = connect()) {
      setEfSearch(c, ef, notes);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int q = 0; q < queries.length; q++) {
          recallSum += dataset.recall(q, runQuery(ps, queries[q]), options.metric());
        }
      }
    }
    int perClient = queries.length * options.passes();
    long[] latencies = new long[clients * perClient];
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    CountDownLatch ready = new CountDownLatch(clients);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < clients; t++) {
      int client = t;
      futures.add(pool.submit(() -> {
        try (Connection c = connect()) {
          setEfSearch(c, ef, new ArrayList<>());
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            runQuery(ps, queries[client % queries.length]); // prepare on the server
            ready.countDown();
            go.await();
            for (int i = 0; i < perClient; i++) {
              float[] q = queries[(client * 7919 + i) % queries.length];
              long start = System.nanoTime();
              runQuery(ps, q);
              latencies[client * perClient + i] = System.nanoTime() - start;
            }
          }
        }
        return null;
      }));
    }
    ready.await();
    Optional<IoCounters> ioBefore = readIo();
    long start = System.nanoTime();
    go.countDown();
    for (Future<?> f : futures) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    Optional<IoCounters> ioAfter = readIo();
    Optional<IoPerQuery> io = ioBefore.isPresent() && ioAfter.isPresent()
        ? Optional.of(ioAfter.get().minus(ioBefore.get()).perQuery(latencies.length))
        : Optional.empty();
    Arrays.sort(latencies);
    return new SearchResult(clients, ef, recallSum / queries.length, latencies.length / seconds,
        percentile(latencies, 0.50) / 1e6, percentile(latencies, 0.99) / 1e6, io);
  }

  private Optional<IoCounters> readIo() throws SQLException {
    try (Connection c = connect()) {
      return IoCounters.read(c);
    }
  }

  private int[] runQuery(PreparedStatement ps, float[] query) throws SQLException {
    ps.setObject(1, new PGvector(query));
    int[] ids = new int[options.k()];
    int n = 0;
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next() && n < ids.length) {
        ids[n++] = rs.getInt(1);
      }
    }
    return Arrays.copyOf(ids, n);
  }

  private static void setEfSearch(Connection c, String ef, List<String> notes) {
    if (ef.equals("-")) {
      return;
    }
    try (Statement s = c.createStatement()) {
      s.execute("SET hnsw.ef_search = " + ef);
    } catch (SQLException e) {
      String note = "SET hnsw.ef_search: " + e.getMessage();
      if (!notes.contains(note)) {
        notes.add(note);
      }
    }
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  /** The table's size as PostgreSQL reports it, else the size of our data folder. */
  private String storage() {
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_total_relation_size('" + TABLE + "')")) {
      rs.next();
      return megabytes(rs.getLong(1)) + " (pg_total_relation_size)";
    } catch (SQLException e) {
      // not PostgreSQL: fall through to the data folder
    }
    if (options.dataDir() != null && Files.isDirectory(options.dataDir())) {
      return liveSegmentBytes(options.dataDir());
    }
    return "n/a";
  }

  /**
   * The bytes of the table's live segments in our data folder: those the newest manifest lists
   * (a dropped or rewritten table's old segments may still lie beside them).
   */
  private static String liveSegmentBytes(Path dataDir) {
    try (Stream<Path> manifests = Files.list(dataDir.resolve("_manifest"))) {
      Path newest = manifests.filter(p -> p.toString().endsWith(".json")).max(Path::compareTo).orElseThrow();
      JsonNode table = new ObjectMapper().readTree(newest.toFile()).path("tables").path(TABLE);
      Path tableDir = dataDir.resolve(table.path("directory").asText(TABLE));
      long bytes = 0;
      int segments = 0;
      for (JsonNode segment : table.path("segments")) {
        bytes += folderSize(tableDir.resolve(segment.path("id").asText()));
        segments++;
      }
      return megabytes(bytes) + " (" + segments + " segments in " + tableDir + ")";
    } catch (IOException | RuntimeException e) {
      Path tableDir = dataDir.resolve(TABLE);
      Path dir = Files.isDirectory(tableDir) ? tableDir : dataDir;
      return megabytes(folderSize(dir)) + " (all of " + dir + ")";
    }
  }

  private static long folderSize(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The server's heap: neither PostgreSQL nor our server reports it over SQL yet. */
  private String heap() {
    return "n/a (not reported over SQL)";
  }

  static String megabytes(long bytes) {
    return String.format("%.1f MB", bytes / 1e6);
  }
}
