package io.s3vector.bench;

import com.pgvector.PGvector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.postgresql.PGConnection;

/**
 * {@code --workload writes} against one server: {@code bench_writes} created anew and loaded by
 * COPY, then autocommit single-row INSERT, UPDATE, upsert and DELETE, each for {@code --duration}
 * at each {@code --clients} value, then searches with and without a steady write stream beside
 * them. Every statement is a prepared statement with parameters, as an application sends it.
 *
 * <p>The ids stay known throughout, so every statement is meant to touch exactly one row: the
 * INSERTs take new ids from one counter, UPDATEs pick ids that exist, DELETEs take each id once
 * (in a seeded random order). A statement reporting another row count than 1, and a final
 * {@code count(*)} other than the rows expected, are reported as notes: a server bug, not noise.
 */
final class WriteWorkload {
  static final String TABLE = "bench_writes";
  /** Distinct {@code category} values: id modulo this. */
  static final int CATEGORIES = 16;
  /** Vectors the writes and queries cycle through. */
  private static final int POOL = 1024;

  /** The single-row write phases, in the order they run. */
  enum Phase {
    INSERT("INSERT"),
    UPDATE("UPDATE"),
    UPSERT("INSERT … ON CONFLICT DO UPDATE"),
    DELETE("DELETE");

    final String label;

    Phase(String label) {
      this.label = label;
    }
  }

  /**
   * One phase at one client count: {@code rows} statements that each wrote one row in {@code
   * seconds}; {@code errors} statements failed or reported another row count.
   */
  record PhaseResult(String phase, int clients, long rows, double seconds, double rowsPerSecond, double p50Ms,
      double p99Ms, long errors) {}

  /**
   * Searches at one client count, alone ({@code writers} 0) or beside the write stream: the
   * searches' QPS and latency, and what the writers achieved.
   */
  record MixedResult(int searchers, int writers, int targetWriteRate, long queries, double qps, double p50Ms,
      double p99Ms, long writes, double writesPerSecond, double writeP50Ms, double writeP99Ms, long errors) {}

  /** Everything measured on one server. */
  record Result(String url, String serverVersion, int rows, int dim, double preloadSeconds, String index,
      double createIndexSeconds, List<PhaseResult> phases, List<MixedResult> mixed, long expectedRows,
      long countedRows, List<String> notes) {

    double preloadRowsPerSecond() {
      return rows / preloadSeconds;
    }
  }

  private final BenchOptions options;
  private final String url;
  private final PGvector[] pool;
  private final List<String> notes = new ArrayList<>();
  private final AtomicLong nextId = new AtomicLong();
  /** Ids that exist at the start of the current phase: [0, existing) minus the deleted ones. */
  private long existing;
  /** The DELETE order: a seeded permutation of the ids that existed when the DELETEs began. */
  private long[] deleteOrder;
  private final AtomicInteger deleteCursor = new AtomicInteger();
  /** Rows the table should hold. */
  private final AtomicLong expected = new AtomicLong();

  WriteWorkload(BenchOptions options, String url) {
    this.options = options;
    this.url = url;
    this.pool = randomVectors(POOL, options.dim(), 7);
  }

  /** {@code count} vectors of {@code dim} uniform values in [-1, 1), seeded. */
  static PGvector[] randomVectors(int count, int dim, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    PGvector[] out = new PGvector[count];
    for (int i = 0; i < count; i++) {
      float[] v = new float[dim];
      for (int d = 0; d < dim; d++) {
        v[d] = (float) random.nextDouble(-1, 1);
      }
      out[i] = new PGvector(v);
    }
    return out;
  }

  private Connection connect() throws SQLException {
    return options.connect(url, "s3vector-bench-writes");
  }

  Result run() throws Exception {
    int rows = options.rows();
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
    }
    if (options.warmupSeconds() > 0) {
      warmUp();
    }
    double preloadSeconds = newTable();

    String index = "none during the write phases (PRIMARY KEY only)";
    double indexSeconds = Double.NaN;
    boolean indexed = false;
    if (options.index().equals("hnsw")) {
      indexSeconds = createIndex();
      indexed = !Double.isNaN(indexSeconds);
      index = indexed ? String.format("hnsw m=%d ef_construction=%d, built before the write phases in %.1f s",
          options.m(), options.efConstruction(), indexSeconds) : "CREATE INDEX failed";
    }

    List<PhaseResult> phases = new ArrayList<>();
    for (Phase phase : Phase.values()) {
      if (phase == Phase.DELETE) {
        startDeletes();
      }
      for (int clients : options.clients()) {
        PhaseResult r = writePhase(phase, clients, options.durationSeconds());
        phases.add(r);
        System.err.printf("bench: %s %s, %d clients: %,.0f rows/s, p50 %.2f ms%n", Workload.shortName(url),
            phase.label, clients, r.rowsPerSecond(), r.p50Ms());
        existing = nextId.get();
      }
      checkCount("after " + phase.label);
    }

    // a fast DELETE phase can empty the table: the searches beside writers need the rows back
    long missing = rows - expected.get();
    if (missing > 0) {
      long refilled = copyRows((int) missing, Math.toIntExact(nextId.get()));
      nextId.addAndGet(refilled);
      existing = nextId.get();
      expected.addAndGet(refilled);
      checkCount("after refilling to " + rows + " rows");
    }

    if (!indexed) {
      indexSeconds = createIndex();
      indexed = !Double.isNaN(indexSeconds);
      index += indexed ? String.format("; hnsw m=%d ef_construction=%d built before the mixed phase in %.1f s",
          options.m(), options.efConstruction(), indexSeconds) : "; CREATE INDEX failed";
    }
    List<MixedResult> mixed = new ArrayList<>();
    for (int clients : options.clients()) {
      mixed.add(mixedPhase(clients, 0));
      mixed.add(mixedPhase(clients, options.writers()));
    }
    long counted = checkCount("at the end");
    return new Result(url, version, rows, options.dim(), preloadSeconds, index, indexSeconds, phases, mixed,
        expected.get(), counted, List.copyOf(notes));
  }

  /** The DELETE order: every id that exists now, shuffled with a fixed seed. */
  private void startDeletes() {
    deleteOrder = new long[(int) existing];
    for (int i = 0; i < deleteOrder.length; i++) {
      deleteOrder[i] = i;
    }
    shuffle(deleteOrder, new SplittableRandom(11));
    deleteCursor.set(0);
  }

  /**
   * {@code bench_writes} created anew and loaded with {@code --rows} rows by COPY, the ids known
   * from scratch (none deleted yet); the seconds the COPY took.
   */
  private double newTable() throws Exception {
    int rows = options.rows();
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + TABLE);
      s.execute("CREATE TABLE " + TABLE + " (id bigint PRIMARY KEY, category int, embedding vector("
          + options.dim() + "))");
    }
    long start = System.nanoTime();
    long copied = copyRows(rows, 0);
    if (copied != rows) {
      throw new IllegalStateException("COPY reported " + copied + " rows, expected " + rows);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    nextId.set(rows);
    existing = rows;
    expected.set(rows);
    deleteOrder = null;
    deleteCursor.set(0);
    return seconds;
  }

  /**
   * {@code --warmup}: the write phases, each for the warm-up at the largest client count, on a
   * table loaded like the measured one and dropped afterwards; nothing of it is reported but its
   * notes (prefixed). The measured run then starts from the same table as without it.
   */
  private void warmUp() throws Exception {
    int clients = options.clients().stream().mapToInt(Integer::intValue).max().orElse(1);
    newTable();
    int notesBefore = notes.size();
    for (Phase phase : Phase.values()) {
      if (phase == Phase.DELETE) {
        startDeletes();
      }
      writePhase(phase, clients, options.warmupSeconds());
      existing = nextId.get();
    }
    synchronized (this) {
      for (int i = notesBefore; i < notes.size(); i++) {
        notes.set(i, "warm-up: " + notes.get(i));
      }
    }
    System.err.printf("bench: %s warmed up: each write phase for %s s at %d clients%n",
        Workload.shortName(url), options.warmupSeconds(), clients);
  }

  /** COPYs {@code count} generated rows, ids from {@code firstId} on; the rows COPY reported. */
  private long copyRows(int count, int firstId) throws Exception {
    try (Connection c = connect()) {
      return c.unwrap(PGConnection.class).getCopyAPI().copyIn(
          "COPY " + TABLE + " (id, category, embedding) FROM STDIN",
          new CopyLoad.Rows(count, options.dim(), false, CATEGORIES, firstId), 1 << 16);
    }
  }

  private static void shuffle(long[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      long t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** CREATE INDEX … USING hnsw, timed in seconds; NaN (and a note) when it failed. */
  private double createIndex() {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      long start = System.nanoTime();
      s.execute("CREATE INDEX ON " + TABLE + " USING hnsw (embedding " + options.metric().opclass()
          + ") WITH (m = " + options.m() + ", ef_construction = " + options.efConstruction() + ")");
      return (System.nanoTime() - start) / 1e9;
    } catch (SQLException e) {
      notes.add("CREATE INDEX: " + e.getSQLState() + " " + e.getMessage());
      return Double.NaN;
    }
  }

  /** {@code count(*)} against the rows expected; a difference becomes a note. */
  private long checkCount(String when) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + TABLE)) {
      rs.next();
      long n = rs.getLong(1);
      if (n != expected.get()) {
        notes.add(String.format("count(*) %s is %,d, expected %,d", when, n, expected.get()));
      }
      return n;
    }
  }

  private String sql(Phase phase) {
    return switch (phase) {
      case INSERT -> "INSERT INTO " + TABLE + " (id, category, embedding) VALUES (?, ?, ?)";
      case UPDATE -> "UPDATE " + TABLE + " SET embedding = ? WHERE id = ?";
      case UPSERT -> "INSERT INTO " + TABLE + " (id, category, embedding) VALUES (?, ?, ?)"
          + " ON CONFLICT (id) DO UPDATE SET embedding = EXCLUDED.embedding";
      case DELETE -> "DELETE FROM " + TABLE + " WHERE id = ?";
    };
  }

  /** A random id that exists (not deleted) at the start of the phase; -1 when none does. */
  private long randomExistingId(ThreadLocalRandom random) {
    if (deleteOrder == null) {
      return existing == 0 ? -1 : random.nextLong(existing);
    }
    // after the DELETEs: the ids not yet deleted, and those inserted since
    int deleted = Math.min(deleteCursor.get(), deleteOrder.length);
    long alive = deleteOrder.length - deleted + (existing - deleteOrder.length);
    if (alive <= 0) {
      return -1;
    }
    long pick = random.nextLong(alive);
    return pick < deleteOrder.length - deleted ? deleteOrder[deleted + (int) pick]
        : deleteOrder.length + (pick - (deleteOrder.length - deleted));
  }

  /**
   * One statement of {@code phase}; returns false when there is nothing left to do (DELETE: every
   * id deleted). Counts a row count other than 1 into {@code errors}.
   */
  private boolean writeOne(Phase phase, PreparedStatement ps, ThreadLocalRandom random, AtomicLong errors)
      throws SQLException {
    PGvector v = pool[random.nextInt(POOL)];
    long newId = -1;
    switch (phase) {
      case INSERT -> {
        newId = nextId.getAndIncrement();
        ps.setLong(1, newId);
        ps.setInt(2, (int) (newId % CATEGORIES));
        ps.setObject(3, v);
      }
      case UPDATE -> {
        long id = randomExistingId(random);
        if (id < 0) {
          return false;
        }
        ps.setObject(1, v);
        ps.setLong(2, id);
      }
      case UPSERT -> {
        long id = random.nextBoolean() ? randomExistingId(random) : -1;
        if (id < 0) {
          id = newId = nextId.getAndIncrement();
        }
        ps.setLong(1, id);
        ps.setInt(2, (int) (id % CATEGORIES));
        ps.setObject(3, v);
      }
      case DELETE -> {
        int at = deleteCursor.getAndIncrement();
        if (at >= deleteOrder.length) {
          return false;
        }
        ps.setLong(1, deleteOrder[at]);
      }
    }
    int count = ps.executeUpdate();
    if (count != 1) {
      errors.incrementAndGet();
      note(phase.label + " reported " + count + " rows, expected 1");
    } else if (phase == Phase.DELETE) {
      expected.decrementAndGet();
    } else if (newId >= 0) {
      expected.incrementAndGet();
    }
    return true;
  }

  private synchronized void note(String note) {
    if (!notes.contains(note)) {
      notes.add(note);
    }
  }

  private PhaseResult writePhase(Phase phase, int clients, double durationSeconds) throws Exception {
    long durationNanos = (long) (durationSeconds * 1e9);
    String sql = sql(phase);
    LongList[] latencies = new LongList[clients];
    AtomicLong errors = new AtomicLong();
    ExecutorService threads = Executors.newFixedThreadPool(clients);
    CountDownLatch ready = new CountDownLatch(clients);
    CountDownLatch go = new CountDownLatch(1);
    long[] deadline = new long[1];
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < clients; t++) {
      LongList lat = latencies[t] = new LongList();
      futures.add(threads.submit(() -> {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
          ThreadLocalRandom random = ThreadLocalRandom.current();
          ready.countDown();
          go.await();
          while (System.nanoTime() < deadline[0]) {
            long start = System.nanoTime();
            try {
              if (!writeOne(phase, ps, random, errors)) {
                note(phase.label + " ran out of rows before the end of the phase");
                break;
              }
            } catch (SQLException e) {
              errors.incrementAndGet();
              note(phase.label + " with " + clients + " clients: " + e.getSQLState() + " " + e.getMessage());
              if (c.isClosed()) {
                break;
              }
              continue;
            }
            lat.add(System.nanoTime() - start);
          }
        } finally {
          ready.countDown();
        }
        return null;
      }));
    }
    ready.await();
    long start = System.nanoTime();
    deadline[0] = start + durationNanos;
    go.countDown();
    try {
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      threads.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] all = LongList.concat(latencies);
    Arrays.sort(all);
    return new PhaseResult(phase.label, clients, all.length, seconds, all.length / seconds,
        percentile(all, 0.50) / 1e6, percentile(all, 0.99) / 1e6, errors.get());
  }

  /**
   * {@code searchers} clients searching for {@code --duration}, with {@code writers} writers
   * beside them (0: none) inserting new rows and updating existing ones in turn, each at its
   * share of {@code --write-rate} (one statement every writers / rate seconds, on a fixed
   * schedule: a writer that falls behind does not burst to catch up).
   */
  private MixedResult mixedPhase(int searchers, int writers) throws Exception {
    long durationNanos = (long) (options.durationSeconds() * 1e9);
    String ef = Integer.toString(options.efSearch().get(0));
    String search = "SELECT id FROM " + TABLE + " ORDER BY embedding " + options.metric().operator()
        + " ? LIMIT " + options.k();
    PGvector[] queries = randomVectors(POOL, options.dim(), 13);
    LongList[] searchLat = new LongList[searchers];
    LongList[] writeLat = new LongList[writers];
    AtomicLong errors = new AtomicLong();
    ExecutorService threads = Executors.newFixedThreadPool(searchers + writers);
    CountDownLatch ready = new CountDownLatch(searchers + writers);
    CountDownLatch go = new CountDownLatch(1);
    long[] clock = new long[2]; // start, deadline
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < searchers; t++) {
      LongList lat = searchLat[t] = new LongList();
      futures.add(threads.submit(() -> {
        try (Connection c = connect()) {
          try (Statement s = c.createStatement()) {
            s.execute("SET hnsw.ef_search = " + ef);
          } catch (SQLException e) {
            note("SET hnsw.ef_search: " + e.getMessage());
          }
          try (PreparedStatement ps = c.prepareStatement(search)) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            ready.countDown();
            go.await();
            while (System.nanoTime() < clock[1]) {
              ps.setObject(1, queries[random.nextInt(queries.length)]);
              long start = System.nanoTime();
              int n = 0;
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  n++;
                }
              }
              lat.add(System.nanoTime() - start);
              if (n != options.k()) {
                note("a search returned " + n + " rows, expected " + options.k());
              }
            }
          }
        } finally {
          ready.countDown();
        }
        return null;
      }));
    }
    long intervalNanos = (long) (1e9 * writers / options.writeRate());
    for (int t = 0; t < writers; t++) {
      LongList lat = writeLat[t] = new LongList();
      int writer = t;
      futures.add(threads.submit(() -> {
        try (Connection c = connect();
            PreparedStatement insert = c.prepareStatement(sql(Phase.INSERT));
            PreparedStatement update = c.prepareStatement(sql(Phase.UPDATE))) {
          ThreadLocalRandom random = ThreadLocalRandom.current();
          ready.countDown();
          go.await();
          // the writers' schedules are staggered across one interval
          long next = clock[0] + intervalNanos * writer / writers;
          for (long i = 0; ; i++) {
            long now = System.nanoTime();
            if (next > now) {
              LockSupport.parkNanos(next - now);
            }
            long start = System.nanoTime();
            if (start >= clock[1]) {
              break;
            }
            Phase phase = (i & 1) == 0 ? Phase.INSERT : Phase.UPDATE;
            try {
              writeOne(phase, phase == Phase.INSERT ? insert : update, random, errors);
              lat.add(System.nanoTime() - start);
            } catch (SQLException e) {
              errors.incrementAndGet();
              note("a write during the searches: " + e.getSQLState() + " " + e.getMessage());
              if (c.isClosed()) {
                break;
              }
            }
            next = Math.max(next + intervalNanos, System.nanoTime() - intervalNanos);
          }
        } finally {
          ready.countDown();
        }
        return null;
      }));
    }
    ready.await();
    clock[0] = System.nanoTime();
    clock[1] = clock[0] + durationNanos;
    go.countDown();
    try {
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      threads.shutdownNow();
    }
    double seconds = (System.nanoTime() - clock[0]) / 1e9;
    existing = nextId.get();
    long[] s = LongList.concat(searchLat);
    long[] w = LongList.concat(writeLat);
    Arrays.sort(s);
    Arrays.sort(w);
    MixedResult r = new MixedResult(searchers, writers, writers == 0 ? 0 : options.writeRate(), s.length,
        s.length / seconds, percentile(s, 0.5) / 1e6, percentile(s, 0.99) / 1e6, w.length, w.length / seconds,
        w.length == 0 ? Double.NaN : percentile(w, 0.5) / 1e6, w.length == 0 ? Double.NaN : percentile(w, 0.99) / 1e6,
        errors.get());
    System.err.printf("bench: %s search, %d clients, %d writers: %,.0f QPS, p50 %.2f ms, %,.0f writes/s%n",
        Workload.shortName(url), searchers, writers, r.qps(), r.p50Ms(), r.writesPerSecond());
    return r;
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  /** A growable array of longs, one per client thread. */
  static final class LongList {
    private long[] values = new long[1024];
    private int size;

    void add(long v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    static long[] concat(LongList[] lists) {
      int n = 0;
      for (LongList l : lists) {
        n += l.size;
      }
      long[] out = new long[n];
      int at = 0;
      for (LongList l : lists) {
        System.arraycopy(l.values, 0, out, at, l.size);
        at += l.size;
      }
      return out;
    }
  }
}
