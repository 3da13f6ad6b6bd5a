package io.s3vector.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/**
 * Crash test: several clients write a random mix (autocommit INSERTs, multi-row INSERTs, pgjdbc
 * batches, explicit transactions over two tables, COPY) while the server, a separate JVM, is killed
 * with SIGKILL at random moments; after each restart on the same folder the tables are compared
 * with the log of acknowledged writes.
 *
 * <p>The oracle: every row has a unique key {@code k} (client, counter) and the id {@code op} of
 * the operation (statement, batch, transaction, COPY) that last wrote it; its embedding is a
 * function of both. Each operation ends acknowledged (applied to the {@link Model} at once),
 * failed with an error while the connection lived (must not have applied), or in doubt (the
 * connection died before the acknowledgement: may or may not have applied). A client stops at its
 * first lost connection, so each round leaves at most one operation in doubt per client, and no
 * client touches another's keys: after the restart, before anyone writes again, each operation in
 * doubt is resolved by looking at its rows — all of its effects visible, or none (else it is torn)
 * — and then the table must equal the model exactly: nothing acknowledged missing, nothing never
 * acknowledged (or deleted) present, no key twice, no serial id twice, every row's values intact.
 *
 * <p>{@code -Ds3vector.crash.kills=500} runs longer (default 50); {@code -Ds3vector.crash.seed=N}
 * repeats a run's random choices (the timing of kills is not repeatable);
 * {@code -Ds3vector.crash.updates=false} leaves UPDATE and DELETE out of the workload.
 */
class CrashTest {

  private static final int KILLS = Integer.getInteger("s3vector.crash.kills", 50);
  private static final long SEED = Long.getLong("s3vector.crash.seed", System.nanoTime());
  private static final boolean UPDATES =
      Boolean.parseBoolean(System.getProperty("s3vector.crash.updates", "true"));
  private static final boolean VERBOSE = Boolean.getBoolean("s3vector.crash.verbose");
  private static final int CLIENTS = 4;
  private static final int DIM = 8;
  private static final List<String> TABLES = List.of("crash_a", "crash_b");

  @BeforeAll
  static void onlyOurServer() {
    TestServer.assumeInProcess();
    // the child server always runs on a data folder: the second pass of ./s3vector test (on S3,
    // caches off) would repeat this test unchanged and double its three minutes
    org.junit.jupiter.api.Assumptions.assumeFalse(
        "s3".equals(System.getProperty(TestServer.STORE_PROPERTY)),
        "runs once, in the pass on a data folder");
  }

  @Test
  void sigkillDuringMixedWritesLosesNothingAcknowledged(@TempDir Path temp) throws Exception {
    Random random = new Random(SEED);
    int port = freePort();
    long started = System.nanoTime();
    List<String> jvmFlags = Boolean.parseBoolean(System.getProperty("s3vector.crash.aot", "true"))
        ? train(temp, port, new Random(random.nextLong()))
        : List.of("-cp", jarredClasspath(temp.resolve("classpath")));
    long trained = System.nanoTime();
    Path dataDir = temp.resolve("data");
    Model model = new Model();
    Client[] clients = new Client[CLIENTS];
    for (int i = 0; i < CLIENTS; i++) {
      clients[i] = new Client(i + 1, model, new Random(random.nextLong()));
    }
    Stats stats = new Stats();
    boolean indexOnB = false;
    ChildServer server = ChildServer.start(dataDir, port, jvmFlags);
    try {
      try (Connection c = server.connect()) {
        setUp(c, model);
      }
      for (int round = 1; round <= KILLS; round++) {
        // the clients connect first, so that the kill lands while they write, not while they connect
        long acknowledgedBefore = model.acknowledged.get();
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
          connections.add(server.connect());
        }
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
          Client client = clients[i];
          Connection connection = connections.get(i);
          threads.add(Thread.ofPlatform().name("crash-client-" + client.id)
              .start(() -> client.run(connection, () -> false)));
        }
        Thread ddl = null;
        boolean[] indexCreated = new boolean[1];
        if (!indexOnB && round >= 2) {
          // the second index is created while the clients write (and may be killed half-built)
          Connection connection = server.connect();
          long delay = random.nextInt(100);
          ddl = Thread.ofPlatform().name("crash-ddl").start(() -> {
            try (connection; Statement s = connection.createStatement()) {
              Thread.sleep(delay);
              s.execute("CREATE INDEX crash_b_embedding ON crash_b USING hnsw (embedding vector_l2_ops)");
              indexCreated[0] = true;
            } catch (SQLException e) {
              if ("42P07".equals(e.getSQLState())) {
                indexCreated[0] = true; // an earlier round's CREATE INDEX did commit
              } else if (!Client.connectionLost(e)) {
                model.unexpected.add("CREATE INDEX: " + e);
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
        }
        if (VERBOSE) {
          System.out.println(java.time.LocalTime.now() + " clients connected");
        }
        // the window starts at the round's first acknowledgement: a loaded machine may take a while
        // to answer the first statements of a fresh server, and the kill is meant to hit writes
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (model.acknowledged.get() == acknowledgedBefore && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        if (VERBOSE) {
          System.out.println(java.time.LocalTime.now() + " first acknowledgement");
        }
        Thread.sleep(50 + random.nextInt(351));
        server.kill();
        if (VERBOSE) {
          System.out.println(java.time.LocalTime.now() + " killed");
        }
        for (Thread t : threads) {
          t.join(TimeUnit.SECONDS.toMillis(60));
          if (t.isAlive()) {
            fail("client " + t.getName() + " still runs 60 s after the kill");
          }
        }
        if (ddl != null) {
          ddl.join(TimeUnit.SECONDS.toMillis(60));
        }
        for (Connection connection : connections) {
          try {
            connection.close();
          } catch (SQLException e) {
            // it is dead anyway
          }
        }
        stats.kills++;
        server.checkLog(round); // what it logged while the clients wrote, up to the kill
        long t0 = System.nanoTime();
        if (VERBOSE) {
          System.out.println(java.time.LocalTime.now() + " restarting");
        }
        server = ChildServer.start(dataDir, port, jvmFlags);
        try (Connection c = server.connect()) {
          long t1 = System.nanoTime();
          verify(c, model, stats, round, random);
          if (VERBOSE) {
            System.out.println(server.logTail());
            System.out.printf("round %d: restart %d ms, verify %d ms, %d acknowledged so far%n", round,
                (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000, model.acknowledged.get());
          }
          // a CREATE INDEX cut short is tried again in the next round (42P07 if it did commit)
          indexOnB |= indexCreated[0];
        } catch (AssertionError | SQLException | RuntimeException e) {
          throw new AssertionError("round " + round + " (seed " + SEED + "): " + e.getMessage()
              + "\n--- server log after the restart ---\n" + server.logTail(), e);
        }
        server.checkLog(round);
      }
    } finally {
      server.kill();
    }
    String segments = describeSegments(dataDir);
    System.out.printf(
        "CrashTest: %d kills in %.1f s (+ %.1f s training run; seed %d), %d operations acknowledged (%d rows),"
            + " %d in doubt (%d applied, %d not), %d rows at the end (%s), index on crash_b: %s%n",
        stats.kills, (System.nanoTime() - trained) / 1e9, (trained - started) / 1e9, SEED, model.acknowledged.get(),
        model.acknowledgedRows.get(), stats.inDoubt, stats.inDoubtApplied,
        stats.inDoubt - stats.inDoubtApplied, model.size(), segments, indexOnB ? "built" : "not built");
  }

  /** Both tables, 1,500 rows by COPY (enough for the first segment to get a graph), one index. */
  private static void setUp(Connection c, Model model) throws SQLException, IOException {
    try (Statement s = c.createStatement()) {
      for (String table : TABLES) {
        s.execute("CREATE TABLE " + table + " (id bigserial, k bigint PRIMARY KEY, op bigint NOT NULL,"
            + " c integer, embedding vector(" + DIM + "))");
      }
      Op seed = new Op(model.nextOp(), 0);
      StringBuilder copy = new StringBuilder();
      for (long k = 1; k <= 1500; k++) {
        seed.put("crash_a", k);
        copy.append(k).append('\t').append(seed.id).append("\t0\t")
            .append(vectorText(k, seed.id)).append('\n');
      }
      c.unwrap(PGConnection.class).getCopyAPI()
          .copyIn("COPY crash_a (k, op, c, embedding) FROM STDIN", new StringReader(copy.toString()));
      model.acknowledge(seed);
      // merges build the graphs of this index while the clients write
      s.execute("CREATE INDEX crash_a_embedding ON crash_a USING hnsw (embedding vector_l2_ops)");
    }
  }

  /**
   * A training run of the server, on a folder of its own, stopped cleanly (SIGTERM): the JDK's
   * ahead-of-time cache it writes at exit (classes loaded and linked, method profiles) lets every
   * restart of the crash rounds listen and answer sooner, so that the kills land among writes
   * rather than class loading. Doubles as a check without kills. Returns the JVM flags that use
   * the cache (none if it could not be written).
   */
  private static List<String> train(Path temp, int port, Random random) throws Exception {
    Path aot = temp.resolve("server.aot");
    String classpath = jarredClasspath(temp.resolve("classpath"));
    ChildServer server = ChildServer.start(temp.resolve("training"), port,
        List.of("-XX:AOTCacheOutput=" + aot, "-cp", classpath));
    try {
      Model model = new Model();
      try (Connection c = server.connect()) {
        setUp(c, model);
      }
      List<Thread> threads = new ArrayList<>();
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
      for (int i = 0; i < CLIENTS; i++) {
        Client client = new Client(i + 1, model, new Random(random.nextLong()));
        Connection connection = server.connect();
        threads.add(Thread.ofPlatform().start(() -> {
          try (connection) {
            client.run(connection, () -> System.nanoTime() - until > 0);
          } catch (SQLException e) {
            model.unexpected.add(e.toString());
          }
        }));
      }
      for (Thread t : threads) {
        t.join();
      }
      try (Connection c = server.connect()) {
        verify(c, model, new Stats(), 0, random);
      }
    } finally {
      server.terminate();
    }
    if (!Files.isRegularFile(aot)) {
      System.out.println("CrashTest: no AOT cache was written, the restarts will be slower:\n"
          + server.logTail());
      return List.of("-cp", classpath);
    }
    return List.of("-XX:AOTCache=" + aot, "-cp", classpath);
  }

  /**
   * Per table of the newest manifest: its segments, how many have a graph, and how many segment
   * folders no manifest names (left behind by killed writes and merges).
   */
  private static String describeSegments(Path dataDir) throws IOException {
    io.s3vector.storage.manifest.Manifest manifest;
    try (var store = new io.s3vector.storage.objectstore.LocalObjectStore(dataDir)) {
      manifest = new io.s3vector.storage.manifest.ManifestLog(store,
          io.s3vector.storage.table.StoreOptions.defaults()).refresh();
    }
    List<String> parts = new ArrayList<>();
    for (String table : TABLES) {
      var entry = manifest.table(table);
      java.util.Set<String> named = new java.util.HashSet<>();
      int graphs = 0;
      for (var segment : entry.segments()) {
        named.add(segment.id());
        graphs += segment.indexes().isEmpty() ? 0 : 1;
      }
      long unnamed;
      try (var dirs = Files.list(dataDir.resolve(entry.directory()))) {
        unnamed = dirs.filter(Files::isDirectory)
            .filter(d -> !named.contains(d.getFileName().toString())).count();
      }
      parts.add(table + ": " + named.size() + " segments, " + graphs + " with a graph, "
          + unnamed + " unreferenced segment folders");
    }
    return String.join("; ", parts);
  }

  /**
   * This JVM's class path with each folder (the reactor's target/classes) packed into a jar: the
   * AOT cache takes jars only.
   */
  private static String jarredClasspath(Path dir) throws IOException {
    Files.createDirectories(dir);
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> entries = new ArrayList<>();
    int n = 0;
    for (String entry : classpath.split(java.io.File.pathSeparator)) {
      Path path = Path.of(entry);
      if (!Files.isDirectory(path)) {
        entries.add(entry);
        continue;
      }
      Path jar = dir.resolve((n++) + ".jar");
      try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar));
          var files = Files.walk(path)) {
        for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
          out.putNextEntry(new java.util.zip.ZipEntry(
              path.relativize(file).toString().replace(java.io.File.separatorChar, '/')));
          Files.copy(file, out);
          out.closeEntry();
        }
      }
      entries.add(jar.toString());
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  // ---------------------------------------------------------------------------------------------
  // The check after a restart

  private static void verify(Connection c, Model model, Stats stats, int round, Random random)
      throws SQLException {
    if (!model.unexpected.isEmpty()) {
      fail("statements failed with errors other than the lost connection:\n"
          + String.join("\n", model.unexpected));
    }
    Map<String, Map<Long, Row>> observed = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (String table : TABLES) {
      Map<Long, Row> rows = new HashMap<>();
      Map<Long, Long> ids = new HashMap<>();
      long scanned = 0;
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT k, op, id, embedding FROM " + table)) {
        while (rs.next()) {
          scanned++;
          long k = rs.getLong(1);
          Row row = new Row(rs.getLong(2), rs.getLong(3), rs.getString(4));
          Row twice = rows.put(k, row);
          if (twice != null) {
            problems.add(table + ": key " + k + " twice (ops " + twice.op + " and " + row.op + ")");
          }
          Long other = ids.put(row.id, k);
          if (other != null && twice == null) {
            problems.add(table + ": serial id " + row.id + " twice (keys " + other + " and " + k + ")");
          }
          if (!row.embedding.equals(vectorText(k, row.op))) {
            problems.add(table + ": key " + k + " has embedding " + row.embedding + ", wrote "
                + vectorText(k, row.op));
          }
        }
      }
      long count = Long.parseLong(JdbcTest.rows(c, "SELECT count(*) FROM " + table).get(0));
      if (count != scanned) {
        problems.add(table + ": count(*) = " + count + " but the scan returned " + scanned + " rows");
      }
      observed.put(table, rows);
    }
    // operations in doubt: all of their effects or none
    for (Op op : model.takeInDoubt()) {
      stats.inDoubt++;
      int applied = 0;
      int notApplied = 0;
      List<String> details = new ArrayList<>();
      for (Map.Entry<Op.Key, Long> effect : op.effects.entrySet()) {
        Op.Key key = effect.getKey();
        Row now = observed.get(key.table()).get(key.k());
        Long after = effect.getValue(); // op id the row has once applied; null = deleted
        Long before = model.get(key.table(), key.k());
        Long seen = now == null ? null : now.op;
        boolean matchesAfter = java.util.Objects.equals(seen, after);
        boolean matchesBefore = java.util.Objects.equals(seen, before);
        if (matchesAfter && !matchesBefore) {
          applied++;
        } else if (matchesBefore && !matchesAfter) {
          notApplied++;
        } else if (!matchesAfter) {
          details.add(key + " is " + seen + ", neither " + before + " nor " + after);
        }
      }
      if (!details.isEmpty() || (applied > 0 && notApplied > 0)) {
        problems.add("operation " + op + " in doubt is torn: " + applied + " effects visible, "
            + notApplied + " not" + (details.isEmpty() ? "" : "; " + details));
      } else if (applied > 0) {
        stats.inDoubtApplied++;
        model.apply(op);
      }
    }
    // then the tables are the model, exactly
    for (String table : TABLES) {
      Map<Long, Row> rows = observed.get(table);
      Map<Long, Long> expected = model.table(table);
      int shown = 0;
      for (Map.Entry<Long, Long> e : expected.entrySet()) {
        Row row = rows.get(e.getKey());
        if (row == null) {
          problems.add(table + ": acknowledged key " + e.getKey() + " (op " + e.getValue() + ") is missing");
        } else if (row.op != e.getValue()) {
          problems.add(table + ": key " + e.getKey() + " was last written by op " + e.getValue()
              + " but shows op " + row.op);
        }
        if (problems.size() > 20 && shown++ == 0) {
          break;
        }
      }
      for (Map.Entry<Long, Row> e : rows.entrySet()) {
        if (!expected.containsKey(e.getKey())) {
          problems.add(table + ": key " + e.getKey() + " (op " + e.getValue().op + ") is present but was"
              + " never acknowledged" + (model.everWritten(table, e.getKey()) ? " (or was deleted)" : ""));
        }
        if (problems.size() > 40) {
          break;
        }
      }
    }
    if (!problems.isEmpty()) {
      fail(problems.size() + " problems after kill " + round + ":\n  "
          + String.join("\n  ", problems.subList(0, Math.min(40, problems.size()))));
    }
    // a vector query through the index works and answers with rows of the table
    for (String table : TABLES) {
      Map<Long, Row> rows = observed.get(table);
      if (rows.isEmpty()) {
        continue;
      }
      List<Long> keys = new ArrayList<>(rows.keySet());
      long probe = keys.get(random.nextInt(keys.size()));
      String query = vectorText(probe, rows.get(probe).op);
      List<String> nearest = JdbcTest.rows(c, "SELECT k, embedding <-> '" + query + "' FROM " + table
          + " ORDER BY embedding <-> '" + query + "' LIMIT 5");
      assertEquals(Math.min(5, rows.size()), nearest.size(), table + ": nearest rows " + nearest);
      double last = -1;
      for (String line : nearest) {
        String[] parts = line.split("\\|");
        long k = Long.parseLong(parts[0]);
        double distance = Double.parseDouble(parts[1]);
        if (!rows.containsKey(k) || distance < last) {
          fail(table + ": the vector query answered " + nearest);
        }
        last = distance;
      }
    }
  }

  private record Row(long op, long id, String embedding) {}

  /** The embedding a write gives key {@code k} in operation {@code op}: small integers, exact. */
  static String vectorText(long k, long op) {
    long h = k * 0x9E3779B97F4A7C15L + op * 0xC2B2AE3D27D4EB4FL;
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < DIM; i++) {
      h ^= h >>> 29;
      h *= 0xBF58476D1CE4E5B9L;
      h ^= h >>> 32;
      sb.append(i == 0 ? "" : ",").append(Math.floorMod(h, 2001) - 1000);
    }
    return sb.append(']').toString();
  }

  // ---------------------------------------------------------------------------------------------
  // The oracle

  /**
   * One operation, as the server must apply it: entirely or not at all. {@code effects} maps each
   * row key it writes to the op id the row has afterwards ({@link #id}), or null when it deletes
   * the row.
   */
  static final class Op {
    record Key(String table, long k) {
      @Override
      public String toString() {
        return table + "." + k;
      }
    }

    final long id;
    final int client;
    String kind = "";
    final Map<Key, Long> effects = new LinkedHashMap<>();

    Op(long id, int client) {
      this.id = id;
      this.client = client;
    }

    void put(String table, long k) {
      effects.put(new Key(table, k), id);
    }

    void delete(String table, long k) {
      effects.put(new Key(table, k), null);
    }

    @Override
    public String toString() {
      return id + " (client " + client + ", " + kind + ", " + effects.size() + " rows)";
    }
  }

  /** The acknowledged state: for each table, each live key and the op that last wrote it. */
  static final class Model {
    private final Map<String, Map<Long, Long>> tables = new HashMap<>();
    private final Map<String, java.util.Set<Long>> written = new HashMap<>();
    private final List<Op> inDoubt = new ArrayList<>();
    private final AtomicLong ops = new AtomicLong();
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong acknowledgedRows = new AtomicLong();
    final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();

    Model() {
      for (String table : TABLES) {
        tables.put(table, new HashMap<>());
        written.put(table, new java.util.HashSet<>());
      }
    }

    long nextOp() {
      return ops.incrementAndGet();
    }

    synchronized void acknowledge(Op op) {
      acknowledged.incrementAndGet();
      acknowledgedRows.addAndGet(op.effects.size());
      apply(op);
    }

    synchronized void apply(Op op) {
      for (Map.Entry<Op.Key, Long> e : op.effects.entrySet()) {
        written.get(e.getKey().table()).add(e.getKey().k());
        if (e.getValue() == null) {
          tables.get(e.getKey().table()).remove(e.getKey().k());
        } else {
          tables.get(e.getKey().table()).put(e.getKey().k(), e.getValue());
        }
      }
    }

    synchronized void inDoubt(Op op) {
      inDoubt.add(op);
    }

    synchronized List<Op> takeInDoubt() {
      List<Op> taken = new ArrayList<>(inDoubt);
      inDoubt.clear();
      return taken;
    }

    synchronized Long get(String table, long k) {
      return tables.get(table).get(k);
    }

    synchronized Map<Long, Long> table(String table) {
      return new HashMap<>(tables.get(table));
    }

    synchronized boolean everWritten(String table, long k) {
      return written.get(table).contains(k);
    }

    /** Live keys of one client (keys are client * 10^9 + counter), to update or delete. */
    synchronized List<Long> keysOf(String table, int client) {
      List<Long> keys = new ArrayList<>();
      for (Long k : tables.get(table).keySet()) {
        if (k / 1_000_000_000L == client) {
          keys.add(k);
        }
      }
      return keys;
    }

    synchronized int size() {
      int n = 0;
      for (Map<Long, Long> t : tables.values()) {
        n += t.size();
      }
      return n;
    }
  }

  private static final class Stats {
    int kills;
    int inDoubt;
    int inDoubtApplied;
  }

  // ---------------------------------------------------------------------------------------------
  // The workload

  /**
   * One client: runs random operations on its connection until the connection dies. Its keys are
   * its own ({@code id * 10^9 + counter}), so its operations in doubt touch no other client's rows.
   */
  static final class Client {
    final int id;
    private final Model model;
    private final Random random;
    private long counter;

    Client(int id, Model model, Random random) {
      this.id = id;
      this.model = model;
      this.random = random;
    }

    private long nextKey() {
      return id * 1_000_000_000L + ++counter;
    }

    /** Runs operations until the connection dies, or {@code stop} says so. */
    void run(Connection connection, java.util.function.BooleanSupplier stop) {
      while (!stop.getAsBoolean()) {
        Op op = new Op(model.nextOp(), id);
        boolean[] commitSent = {true};
        try {
          int dice = random.nextInt(100);
          if (dice < 25) {
            insertOne(connection, op);
          } else if (dice < 45) {
            insertMany(connection, op);
          } else if (dice < 55) {
            insertBatch(connection, op);
          } else if (dice < 75) {
            transaction(connection, op, commitSent);
          } else if (dice < 90 || !UPDATES) {
            copy(connection, op);
          } else if (dice < 95) {
            update(connection, op);
          } else {
            delete(connection, op);
          }
          model.acknowledge(op);
        } catch (SQLException | IOException e) {
          if (connectionLost(e)) {
            if (commitSent[0]) {
              model.inDoubt(op); // the acknowledgement may have been lost with the connection
            }
            return;
          }
          // an error while the connection lives: the operation must not have applied
          model.unexpected.add("client " + id + ", op " + op + ": " + e);
          try {
            if (!connection.getAutoCommit()) {
              connection.rollback();
              connection.setAutoCommit(true);
            }
          } catch (SQLException again) {
            return;
          }
        }
      }
    }

    static boolean connectionLost(Exception e) {
      if (e instanceof SQLException s) {
        String state = s.getSQLState();
        return state == null || state.startsWith("08") || s.getCause() instanceof IOException;
      }
      return e instanceof IOException;
    }

    private String values(Op op, String table, int rows) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < rows; i++) {
        long k = nextKey();
        op.put(table, k);
        sb.append(i == 0 ? "" : ", ").append('(').append(k).append(", ").append(op.id).append(", ")
            .append(id).append(", '").append(vectorText(k, op.id)).append("')");
      }
      return sb.toString();
    }

    private static String insertInto(String table) {
      return "INSERT INTO " + table + " (k, op, c, embedding) VALUES ";
    }

    private String table() {
      return TABLES.get(random.nextInt(TABLES.size()));
    }

    /** One row, autocommit, simple protocol. */
    private void insertOne(Connection connection, Op op) throws SQLException {
      op.kind = "INSERT";
      String table = table();
      try (Statement s = connection.createStatement()) {
        s.execute(insertInto(table) + values(op, table, 1));
      }
    }

    /** One multi-row INSERT, autocommit. */
    private void insertMany(Connection connection, Op op) throws SQLException {
      op.kind = "INSERT many";
      String table = table();
      try (Statement s = connection.createStatement()) {
        s.execute(insertInto(table) + values(op, table, 2 + random.nextInt(40)));
      }
    }

    /** A pgjdbc batch of prepared INSERTs: one implicit transaction, committed at the Sync. */
    private void insertBatch(Connection connection, Op op) throws SQLException {
      op.kind = "batch";
      String table = table();
      try (PreparedStatement ps = connection.prepareStatement(
          "INSERT INTO " + table + " (k, op, c, embedding) VALUES (?, ?, ?, ?::vector)")) {
        int n = 2 + random.nextInt(60);
        for (int i = 0; i < n; i++) {
          long k = nextKey();
          op.put(table, k);
          ps.setLong(1, k);
          ps.setLong(2, op.id);
          ps.setInt(3, id);
          ps.setString(4, vectorText(k, op.id));
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }

    /** BEGIN; INSERTs into both tables; COMMIT. Before COMMIT is sent nothing may be visible. */
    private void transaction(Connection connection, Op op, boolean[] commitSent) throws SQLException {
      op.kind = "transaction";
      commitSent[0] = false;
      connection.setAutoCommit(false);
      try (Statement s = connection.createStatement()) {
        int statements = 2 + random.nextInt(4);
        for (int i = 0; i < statements; i++) {
          String table = i < 2 ? TABLES.get(i) : table();
          s.execute(insertInto(table) + values(op, table, 1 + random.nextInt(20)));
        }
        if (UPDATES && random.nextBoolean()) {
          String table = table();
          List<Long> keys = pick(model.keysOf(table, id), 1 + random.nextInt(5));
          if (!keys.isEmpty()) {
            long first = keys.get(0);
            op.put(table, first);
            s.execute("UPDATE " + table + " SET op = " + op.id + ", embedding = '"
                + vectorText(first, op.id) + "' WHERE k = " + first);
            StringBuilder in = new StringBuilder();
            for (long k : keys.subList(1, keys.size())) {
              op.delete(table, k);
              in.append(in.isEmpty() ? "" : ", ").append(k);
            }
            if (!in.isEmpty()) {
              s.execute("DELETE FROM " + table + " WHERE k IN (" + in + ")");
            }
          }
        }
        commitSent[0] = true;
        connection.commit();
      } finally {
        if (!connection.isClosed()) {
          connection.setAutoCommit(true);
        }
      }
    }

    /** COPY FROM STDIN: all of its rows or none. */
    private void copy(Connection connection, Op op) throws SQLException, IOException {
      op.kind = "COPY";
      String table = table();
      StringBuilder data = new StringBuilder();
      int n = 10 + random.nextInt(400);
      for (int i = 0; i < n; i++) {
        long k = nextKey();
        op.put(table, k);
        data.append(k).append('\t').append(op.id).append('\t').append(id).append('\t')
            .append(vectorText(k, op.id)).append('\n');
      }
      connection.unwrap(PGConnection.class).getCopyAPI()
          .copyIn("COPY " + table + " (k, op, c, embedding) FROM STDIN", new StringReader(data.toString()));
    }

    /** UPDATE of a few of this client's live rows (unless -Ds3vector.crash.updates=false). */
    private void update(Connection connection, Op op) throws SQLException {
      op.kind = "UPDATE";
      String table = table();
      List<Long> keys = pick(model.keysOf(table, id), 1 + random.nextInt(10));
      if (keys.isEmpty()) {
        return;
      }
      // the new embedding depends on the key, so one statement sets each row's own
      try (PreparedStatement ps = connection.prepareStatement(
          "UPDATE " + table + " SET op = ?, embedding = ?::vector WHERE k = ?")) {
        connection.setAutoCommit(false);
        try {
          for (long k : keys) {
            op.put(table, k);
            ps.setLong(1, op.id);
            ps.setString(2, vectorText(k, op.id));
            ps.setLong(3, k);
            ps.addBatch();
          }
          ps.executeBatch();
          connection.commit();
        } finally {
          if (!connection.isClosed()) {
            connection.setAutoCommit(true);
          }
        }
      }
    }

    /** DELETE of a few of this client's live rows (unless -Ds3vector.crash.updates=false). */
    private void delete(Connection connection, Op op) throws SQLException {
      op.kind = "DELETE";
      String table = table();
      List<Long> keys = pick(model.keysOf(table, id), 1 + random.nextInt(10));
      if (keys.isEmpty()) {
        return;
      }
      StringBuilder in = new StringBuilder();
      for (long k : keys) {
        op.delete(table, k);
        in.append(in.isEmpty() ? "" : ", ").append(k);
      }
      try (Statement s = connection.createStatement()) {
        s.execute("DELETE FROM " + table + " WHERE k IN (" + in + ")");
      }
    }

    private List<Long> pick(List<Long> keys, int n) {
      java.util.Collections.shuffle(keys, random);
      return new ArrayList<>(keys.subList(0, Math.min(n, keys.size())));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The server process

  /** The real server, {@code java io.s3vector.server.Main}, in a JVM of its own. */
  static final class ChildServer {
    private final Process process;
    private final Path log;
    private final int port;

    private ChildServer(Process process, Path log, int port) {
      this.process = process;
      this.log = log;
      this.port = port;
    }

    /** {@code jvmFlags} must include {@code -cp}. */
    static ChildServer start(Path dataDir, int port, List<String> jvmFlags) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
          // a small, quickly started JVM: no SQL warm-up, C1 first, one GC thread
          "-Xmx384m", "-Xss1m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
          "-Ds3vector.warmup=false", "-Dorg.slf4j.simpleLogger.showDateTime=true",
          "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS"));
      cmd.addAll(jvmFlags);
      cmd.addAll(List.of("io.s3vector.server.Main",
          "--port", Integer.toString(port), "--data-dir", dataDir.toString(), "--cache-size", "32MB"));
      ProcessBuilder pb = new ProcessBuilder(cmd);
      Path log = dataDir.resolveSibling(dataDir.getFileName() + "-server.log");
      pb.redirectErrorStream(true);
      pb.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
      pb.environment().keySet().removeIf(k -> k.startsWith("S3VECTOR_"));
      return new ChildServer(pb.start(), log, port);
    }

    /** SIGKILL: {@code destroyForcibly} is {@code kill(pid, SIGKILL)} on Unix; exit status 137. */
    void kill() throws InterruptedException {
      if (!process.isAlive()) {
        return;
      }
      process.destroyForcibly();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        fail("the server did not die within 30 s of SIGKILL");
      }
      assertEquals(128 + 9, process.exitValue(), "the server's exit status after SIGKILL");
    }

    /** SIGTERM: the orderly shutdown. */
    void terminate() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("the server did not stop within 60 s of SIGTERM:\n" + logTail());
      }
    }

    Connection connect() throws Exception {
      Properties props = TestServer.props("user", "postgres", "connectTimeout", "5",
          "socketTimeout", "120", "ApplicationName", "CrashTest");
      String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      SQLException last = null;
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          fail("the server process exited with " + process.exitValue() + ":\n" + logTail());
        }
        try {
          return DriverManager.getConnection(url, props);
        } catch (SQLException e) {
          last = e;
          Thread.sleep(25);
        }
      }
      fail("the server did not accept connections within 60 s: " + last + "\n" + logTail());
      return null;
    }

    /** The server must not have logged trouble while it opened the store and ran. */
    void checkLog(int round) throws IOException {
      for (String line : Files.readAllLines(log)) {
        if (line.contains("] WARN ") || line.contains("] ERROR ") || line.contains("Exception")) {
          fail("round " + round + ": the server logged\n" + line + "\n--- log ---\n" + logTail());
        }
      }
    }

    String logTail() {
      try {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
      } catch (IOException e) {
        return "(no log: " + e + ")";
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
