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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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

  /** Our server's Java heap in bytes ({@code s3vector_stat_memory}); max is -1 when unbounded. */
  record Heap(long used, long committed, long max) {}

  /**
   * Everything measured on one server. {@code createIndexSeconds} is NaN when no index was built;
   * {@code coldFirstQueryMs} is the first query on a new connection after the load and the index
   * (statement parsed, planned and run; the connection is opened outside the timing);
   * {@code storageBytes} is -1 when unknown.
   */
  record Result(
      String url,
      String serverVersion,
      int rows,
      int dim,
      double loadVectorsPerSecond,
      double loadSeconds,
      String index,
      double createIndexSeconds,
      double coldFirstQueryMs,
      String storage,
      long storageBytes,
      String heap,
      Optional<Heap> heapBytes,
      List<SearchResult> searches,
      List<String> notes) {

    /** The vectors as raw float32: rows × dim × 4 bytes. */
    long rawFloat32Bytes() {
      return (long) rows * dim * Float.BYTES;
    }

    /** Raw float32 size over bytes on storage (above 1: smaller than raw); NaN when unknown. */
    double compressionRatio() {
      return storageBytes > 0 ? (double) rawFloat32Bytes() / storageBytes : Double.NaN;
    }
  }

  private final BenchOptions options;
  private final Dataset dataset;
  private final String url;

  Workload(BenchOptions options, Dataset dataset, String url) {
    this.options = options;
    this.dataset = dataset;
    this.url = url;
  }

  private Connection connect() throws SQLException {
    return options.connect(url, "s3vector-bench");
  }

  Result run() throws Exception {
    boolean keep = options.load().equals("keep");
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
      if (keep) {
        // a table loaded (and indexed) by an earlier run: measure its searches only, e.g. on a
        // server just started over a bucket, whose first query is truly cold
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + TABLE)) {
          rs.next();
          if (rs.getLong(1) != dataset.base().length) {
            throw new IllegalStateException("--load keep: " + TABLE + " has " + rs.getLong(1)
                + " rows, not the data set's " + dataset.base().length);
          }
        }
      } else {
        s.execute("DROP TABLE IF EXISTS " + TABLE);
        s.execute("CREATE TABLE " + TABLE + " (id integer PRIMARY KEY, embedding vector(" + dataset.dim() + "))");
      }
    }
    int rows = dataset.base().length;
    long loadStart = System.nanoTime();
    try (Connection c = connect();
        Progress progress = Progress.rows("load " + shortName(url), rows, options.progress())) {
      if (keep) {
        // nothing to load
      } else if (options.load().equals("batch")) {
        loadBatches(c, progress);
      } else if (options.load().equals("copy")) {
        loadCopy(c, progress);
      } else {
        loadInsertValues(c, progress);
      }
    }
    double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

    String index = "none";
    boolean indexed = false;
    double indexSeconds = Double.NaN;
    if (options.index().equals("hnsw") && keep) {
      index = "hnsw, built by an earlier run (--load keep)";
      indexed = true;
    } else if (options.index().equals("hnsw")) {
      try (Connection c = connect(); Statement s = c.createStatement()) {
        long start = System.nanoTime();
        try (IndexProgress poll = new IndexProgress(backendPid(c));
            Progress progress = Progress.polling("CREATE INDEX " + shortName(url), poll::status, options.progress())) {
          s.execute("CREATE INDEX ON " + TABLE + " USING hnsw (embedding " + options.metric().opclass()
              + ") WITH (m = " + options.m() + ", ef_construction = " + options.efConstruction() + ")");
          indexSeconds = (System.nanoTime() - start) / 1e9;
        }
        index = String.format("hnsw m=%d ef_construction=%d: built in %.1f s", options.m(),
            options.efConstruction(), indexSeconds);
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
    double coldMs = coldFirstQuery(efValues.get(0), notes);
    for (String ef : efValues) {
      for (int clients : options.clients()) {
        searches.add(search(clients, ef, notes));
      }
    }
    Optional<Heap> heap = heap();
    String heapText = heap.map(h -> String.format("%s used, %s committed, max %s%s", megabytes(h.used()),
            megabytes(h.committed()), h.max() < 0 ? "unbounded" : megabytes(h.max()),
            options.memory().equals("after-gc") ? " (after a full GC)" : ""))
        .orElse(options.memory().equals("off") ? "not read (--memory off)" : "n/a (no s3vector_stat_memory)");
    long[] storageBytes = {-1};
    String storage = storage(storageBytes);
    return new Result(url, version, rows, dataset.dim(), rows / loadSeconds, loadSeconds, index,
        indexSeconds, coldMs, storage, storageBytes[0], heapText, heap, searches, notes);
  }

  /** "host:port/db" of a JDBC URL, for progress lines and chart legends. */
  static String shortName(String url) {
    String s = url.startsWith("jdbc:postgresql://") ? url.substring("jdbc:postgresql://".length()) : url;
    int q = s.indexOf('?');
    return q >= 0 ? s.substring(0, q) : s;
  }

  /**
   * The first query after the load and the index, on a new connection: the statement is parsed,
   * planned and run for the first time (with {@code hnsw.ef_search} set beforehand, untimed).
   * A server restart would be colder still, but the bench cannot restart a server.
   */
  private double coldFirstQuery(String ef, List<String> notes) throws SQLException {
    String sql = "SELECT id FROM " + TABLE + " ORDER BY embedding " + options.metric().operator()
        + " ? LIMIT " + options.k();
    try (Connection c = connect()) {
      setEfSearch(c, ef, notes);
      long start = System.nanoTime();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        runQuery(ps, dataset.queries()[0]);
      }
      return (System.nanoTime() - start) / 1e6;
    }
  }

  /** The server process id of a connection, or -1 (our server has no pg_backend_pid()). */
  private static int backendPid(Connection c) {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      return rs.next() ? rs.getInt(1) : -1;
    } catch (SQLException e) {
      return -1;
    }
  }

  /**
   * What {@code pg_stat_progress_create_index} says about the index being built, polled from a
   * second connection: phase and blocks or tuples done out of the total, whichever the view
   * reports. The row of the building backend when the view has {@code pid} and the pid is known,
   * else the first row. The first failure (no such view) stops the polling: elapsed time only.
   */
  private final class IndexProgress implements AutoCloseable {
    private final int pid;
    private Connection connection;
    private boolean failed;
    private String last;

    IndexProgress(int pid) {
      this.pid = pid;
    }

    synchronized String status() {
      if (failed) {
        return last;
      }
      try {
        if (connection == null) {
          connection = connect();
        }
        try (Statement s = connection.createStatement();
            ResultSet rs = s.executeQuery("SELECT * FROM pg_stat_progress_create_index")) {
          java.sql.ResultSetMetaData meta = rs.getMetaData();
          java.util.Set<String> columns = new java.util.HashSet<>();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT));
          }
          while (rs.next()) {
            if (pid > 0 && columns.contains("pid") && rs.getInt("pid") != pid) {
              continue;
            }
            last = describe(rs, columns);
            return last;
          }
          return last;
        }
      } catch (SQLException e) {
        failed = true;
        return last;
      }
    }

    private static String describe(ResultSet rs, java.util.Set<String> columns) throws SQLException {
      StringBuilder sb = new StringBuilder();
      if (columns.contains("phase")) {
        sb.append(rs.getString("phase"));
      }
      for (String unit : new String[] {"tuples", "blocks"}) {
        if (columns.contains(unit + "_done") && columns.contains(unit + "_total")) {
          long done = rs.getLong(unit + "_done");
          long total = rs.getLong(unit + "_total");
          if (total > 0) {
            sb.append(sb.isEmpty() ? "" : ", ").append(String.format("%,d / %,d %s (%.0f%%)", done, total, unit,
                100.0 * done / total));
            break;
          }
        }
      }
      return sb.toString();
    }

    @Override
    public synchronized void close() {
      failed = true;
      if (connection != null) {
        try {
          connection.close();
        } catch (SQLException e) {
          // only a progress display
        }
      }
    }
  }

  private void loadBatches(Connection c, Progress progress) throws SQLException {
    float[][] base = dataset.base();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (id, embedding) VALUES (?, ?)")) {
      for (int i = 0; i < base.length; i++) {
        ps.setInt(1, i);
        ps.setObject(2, new PGvector(base[i]));
        ps.addBatch();
        if (i % 1000 == 999) {
          ps.executeBatch();
          progress.add(1000);
        }
      }
      ps.executeBatch();
      progress.add(base.length % 1000);
    }
  }

  /**
   * {@code COPY bench_items (id, embedding) FROM STDIN} in text format: the rows are formatted as
   * pgjdbc reads them, a few at a time, so the whole data set is never one buffer.
   */
  private void loadCopy(Connection c, Progress progress) throws SQLException {
    float[][] base = dataset.base();
    long copied;
    try {
      copied = c.unwrap(PGConnection.class).getCopyAPI()
          .copyIn("COPY " + TABLE + " (id, embedding) FROM STDIN", new CopyTextReader(base, progress));
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
    private final Progress progress;
    private int next;
    private final StringBuilder line = new StringBuilder();
    private int pos;

    CopyTextReader(float[][] rows) {
      this(rows, null);
    }

    /** Counts each row into {@code progress} (null: not counted) as it is formatted. */
    CopyTextReader(float[][] rows, Progress progress) {
      this.rows = rows;
      this.progress = progress;
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
          if (progress != null) {
            progress.add(1);
          }
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

  private void loadInsertValues(Connection c, Progress progress) throws SQLException {
    float[][] base = dataset.base();
    try (Statement s = c.createStatement()) {
      for (int from = 0; from < base.length; from += 100) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(TABLE).append(" (id, embedding) VALUES ");
        for (int i = from; i < Math.min(base.length, from + 100); i++) {
          sql.append(i > from ? "," : "").append('(').append(i).append(",'").append(vectorText(base[i])).append("')");
        }
        s.executeUpdate(sql.toString());
        progress.add(Math.min(base.length, from + 100) - from);
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

  /**
   * The table's size as PostgreSQL reports it (table, index and TOAST), else the size of our data
   * folder; the bytes go to {@code bytesOut[0]} (-1 when unknown).
   */
  private String storage(long[] bytesOut) {
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_total_relation_size('" + TABLE + "')")) {
      rs.next();
      bytesOut[0] = rs.getLong(1);
      return megabytes(bytesOut[0]) + " (pg_total_relation_size)";
    } catch (SQLException e) {
      // not PostgreSQL: fall through to the data folder
    }
    if (options.dataDir() != null && Files.isDirectory(options.dataDir())) {
      return liveSegmentBytes(options.dataDir(), bytesOut);
    }
    return "n/a";
  }

  /**
   * The bytes of the table's live segments in our data folder: those the newest manifest lists
   * (a dropped or rewritten table's old segments may still lie beside them).
   */
  private static String liveSegmentBytes(Path dataDir, long[] bytesOut) {
    // the newest manifest as the server reads it (newer versions are deltas of a checkpoint)
    try (var store = new io.s3vector.storage.objectstore.LocalObjectStore(dataDir)) {
      var table = new io.s3vector.storage.manifest.ManifestLog(store,
          io.s3vector.storage.table.StoreOptions.defaults()).refresh().table(TABLE);
      Path tableDir = dataDir.resolve(table.directory());
      long bytes = 0;
      int segments = 0;
      for (var segment : table.segments()) {
        bytes += folderSize(tableDir.resolve(segment.id()));
        segments++;
      }
      bytesOut[0] = bytes;
      return megabytes(bytes) + " (" + segments + " segments in " + tableDir + ")";
    } catch (RuntimeException e) {
      Path tableDir = dataDir.resolve(TABLE);
      Path dir = Files.isDirectory(tableDir) ? tableDir : dataDir;
      bytesOut[0] = folderSize(dir);
      return megabytes(bytesOut[0]) + " (all of " + dir + ")";
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

  /**
   * Our server's heap from {@code s3vector_stat_memory_after_gc} (a full GC first) or {@code
   * s3vector_stat_memory} ({@code --memory}); empty for PostgreSQL, which has neither.
   */
  private Optional<Heap> heap() {
    if (options.memory().equals("off")) {
      return Optional.empty();
    }
    String view = options.memory().equals("after-gc") ? "s3vector_stat_memory_after_gc" : "s3vector_stat_memory";
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT heap_used, heap_committed, heap_max FROM " + view)) {
      if (!rs.next()) {
        return Optional.empty();
      }
      long used = rs.getLong(1);
      long committed = rs.getLong(2);
      long max = rs.getLong(3);
      return Optional.of(new Heap(used, committed, rs.wasNull() ? -1 : max));
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  static String megabytes(long bytes) {
    return String.format("%.1f MB", bytes / 1e6);
  }
}
