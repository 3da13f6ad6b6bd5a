package io.s3vector.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.server.auth.AuthMethod;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** The server on a free port with the fake engine, driven by pgjdbc as an application would. */
class PgJdbcTest {
  private static final FakeSqlEngine ENGINE = new FakeSqlEngine();
  private static S3VectorServer server;

  @BeforeAll
  static void start() {
    server = S3VectorServer.start(ServerConfig.defaults().withPort(0), ENGINE);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Connection connect(String... options) throws SQLException {
    return connect(server, "postgres", "", options);
  }

  private static Connection connect(
      S3VectorServer s, String user, String password, String... options) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    for (int i = 0; i < options.length; i += 2) {
      p.setProperty(options[i], options[i + 1]);
    }
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + s.port() + "/postgres", p);
  }

  @Test
  void extendedProtocolQueryAndParameters() throws SQLException {
    try (Connection c = connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select 42")) {
      assertTrue(rs.next());
      assertEquals(42, rs.getInt(1));
      assertFalse(rs.next());
      try (PreparedStatement ps = c.prepareStatement("select ?, ?")) {
        ps.setInt(1, 7);
        ps.setString(2, "héllo");
        try (ResultSet r = ps.executeQuery()) {
          assertTrue(r.next());
          assertEquals(7, r.getInt(1));
          assertEquals("héllo", r.getString(2));
        }
        ps.setNull(1, java.sql.Types.INTEGER);
        ps.setString(2, null);
        try (ResultSet r = ps.executeQuery()) {
          assertTrue(r.next());
          assertNull(r.getObject(1));
          assertNull(r.getString(2));
        }
      }
    }
  }

  @Test
  void preparedStatementSwitchesToNamedServerStatementAndBinaryResults() throws SQLException {
    try (Connection c = connect();
        PreparedStatement ps = c.prepareStatement("select ?")) {
      int before = ENGINE.prepares.get();
      for (int i = 0; i < 12; i++) {
        ps.setInt(1, i * 1000);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(i * 1000, rs.getInt(1));
        }
      }
      // unnamed statements are re-parsed each time until pgjdbc's prepareThreshold (5); the named
      // statement made then is parsed once and reused
      int parses = ENGINE.prepares.get() - before;
      assertTrue(parses <= 7, "parsed " + parses + " times");
    }
  }

  @Test
  void fetchSizeSuspendsAndResumesThePortal() throws SQLException {
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.setFetchSize(64);
        long sum = 0;
        int n = 0;
        try (ResultSet rs = st.executeQuery("select x from generate_series(1, 1000)")) {
          while (rs.next()) {
            sum += rs.getInt(1);
            n++;
          }
        }
        assertEquals(1000, n);
        assertEquals(500_500, sum);
      }
      c.commit();
    }
  }

  @Test
  void largeResultStreams() throws SQLException {
    try (Connection c = connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select x from generate_series(1, 200000)")) {
      int n = 0;
      while (rs.next()) {
        n++;
      }
      assertEquals(200_000, n);
    }
  }

  @Test
  void errorThenGoodQueryOnTheSameConnection() throws SQLException {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> st.executeQuery("select boom"));
      assertEquals("42703", e.getSQLState());
      assertTrue(e.getMessage().contains("column \"boom\" does not exist"), e.getMessage());
      SQLException internal = assertThrows(SQLException.class, () -> st.executeQuery("select crash"));
      assertEquals("XX000", internal.getSQLState());
      // an Error (not an Exception) is reported too, instead of killing the connection's thread
      SQLException error = assertThrows(SQLException.class, () -> st.executeQuery("select assert"));
      assertEquals("XX000", error.getSQLState());
      try (ResultSet rs = st.executeQuery("select 1")) {
        assertTrue(rs.next());
      }
    }
  }

  @Test
  void failedTransactionNeedsRollback() throws SQLException {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      c.setAutoCommit(false);
      assertThrows(SQLException.class, () -> st.executeQuery("select boom"));
      SQLException e = assertThrows(SQLException.class, () -> st.executeQuery("select 1"));
      assertEquals("25P02", e.getSQLState());
      c.rollback();
      try (ResultSet rs = st.executeQuery("select 1")) {
        assertTrue(rs.next());
      }
    }
  }

  @Test
  void simpleQueryModeWithSeveralStatements() throws SQLException {
    try (Connection c = connect("preferQueryMode", "simple");
        Statement st = c.createStatement()) {
      assertTrue(st.execute("select 1; insert into t values (1); select 'b'"));
      ResultSet first = st.getResultSet();
      assertTrue(first.next());
      assertEquals(1, first.getInt(1));
      assertFalse(st.getMoreResults());
      assertEquals(1, st.getUpdateCount());
      assertTrue(st.getMoreResults());
      ResultSet rs = st.getResultSet();
      assertTrue(rs.next());
      assertEquals("b", rs.getString(1));
    }
  }

  @Test
  void batchOfInserts() throws SQLException {
    try (Connection c = connect();
        PreparedStatement ps = c.prepareStatement("insert into t values (?)")) {
      for (int i = 0; i < 3; i++) {
        ps.setInt(1, i);
        ps.addBatch();
      }
      assertArrayEquals(new int[] {1, 1, 1}, ps.executeBatch());
    }
  }

  @Test
  void vectorValuesInTextForm() throws SQLException {
    try (Connection c = connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select vec")) {
      assertTrue(rs.next());
      assertEquals("[1,2,3]", rs.getString(1));
    }
  }

  @Test
  void changedSettingsReachTheClient() throws SQLException {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      st.execute("set application_name = 'myapp'");
      assertEquals("myapp", c.unwrap(PGConnection.class).getParameterStatus("application_name"));
    }
  }

  @Test
  void cancelStopsARunningStatement() throws Exception {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      CompletableFuture<Void> cancel =
          CompletableFuture.runAsync(
              () -> {
                try {
                  Thread.sleep(300);
                  st.cancel();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      long start = System.nanoTime();
      SQLException e =
          assertThrows(
              SQLException.class, () -> st.executeQuery("select slow from generate_series(1, 2000)"));
      assertEquals("57014", e.getSQLState());
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
      cancel.get();
      try (ResultSet rs = st.executeQuery("select 1")) {
        assertTrue(rs.next());
      }
    }
  }

  @Test
  void md5AndCleartextPasswords() throws SQLException {
    for (AuthMethod method : new AuthMethod[] {AuthMethod.MD5, AuthMethod.PASSWORD}) {
      try (S3VectorServer s =
          S3VectorServer.start(
              ServerConfig.defaults().withPort(0).withAuth(method, "alice", "s3cret"), ENGINE)) {
        SQLException wrong = assertThrows(SQLException.class, () -> connect(s, "alice", "nope"));
        assertEquals("28P01", wrong.getSQLState());
        assertTrue(
            wrong.getMessage().contains("password authentication failed for user \"alice\""),
            wrong.getMessage());
        SQLException unknown = assertThrows(SQLException.class, () -> connect(s, "bob", "s3cret"));
        assertEquals("28P01", unknown.getSQLState());
        try (Connection c = connect(s, "alice", "s3cret");
            ResultSet rs = c.createStatement().executeQuery("select 5")) {
          assertTrue(rs.next());
          assertEquals(5, rs.getInt(1));
        }
      }
    }
  }

  /**
   * Connections are served on Linux's epoll transport where it loads (this suite's other tests
   * run there), and on Java's NIO otherwise: both answer.
   */
  @Test
  void bothTransportsServeConnections() throws Exception {
    assertEquals(io.netty.channel.epoll.Epoll.isAvailable() ? "epoll" : "nio",
        ServerTransport.best().name());
    System.setProperty("s3vector.nio", "true");
    try (S3VectorServer nio = S3VectorServer.start(ServerConfig.defaults().withPort(0), ENGINE)) {
      assertEquals("nio", ServerTransport.best().name());
      try (Connection c = connect(nio, "postgres", "");
          ResultSet rs = c.createStatement().executeQuery("select 7")) {
        assertTrue(rs.next());
        assertEquals(7, rs.getInt(1));
      }
    } finally {
      System.clearProperty("s3vector.nio");
    }
  }

  @Test
  void unknownDatabaseIsFatalFromTheEngine() {
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    SQLException e =
        assertThrows(
            SQLException.class,
            () ->
                DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + server.port() + "/nosuchdb", p));
    assertEquals("3D000", e.getSQLState());
  }

  @Test
  void garbageOnOneConnectionLeavesOthersWorking() throws Exception {
    try (Connection good = connect();
        Socket raw = new Socket("127.0.0.1", server.port())) {
      raw.setSoTimeout(5000);
      DataOutputStream out = new DataOutputStream(raw.getOutputStream());
      byte[] params = "user\0x\0\0".getBytes(StandardCharsets.UTF_8);
      out.writeInt(8 + params.length);
      out.writeInt(3 << 16);
      out.write(params);
      out.writeByte('Q');
      out.writeInt(2); // a length below 4
      out.flush();
      DataInputStream in = new DataInputStream(raw.getInputStream());
      char lastType = 0;
      String lastBody = "";
      try {
        while (true) {
          lastType = (char) in.readByte();
          byte[] body = new byte[in.readInt() - 4];
          in.readFully(body);
          lastBody = new String(body, StandardCharsets.UTF_8);
        }
      } catch (EOFException closed) {
        // the server closed this connection, as it should
      }
      assertEquals('E', lastType);
      assertTrue(lastBody.contains("FATAL") && lastBody.contains("08P01"), lastBody);
      try (ResultSet rs = good.createStatement().executeQuery("select 3")) {
        assertTrue(rs.next());
        assertEquals(3, rs.getInt(1));
      }
    }
  }

  /**
   * Thousands of queries sent in one burst, before any answer is read: reading pauses past the
   * queue's mark and resumes once the session's thread has drained it, so every query is
   * answered, in order.
   */
  @Test
  void aBurstOfQueriesPastTheQueueMarkIsAnsweredWhole() throws Exception {
    int queries = 50_000;
    try (Socket raw = new Socket("127.0.0.1", server.port())) {
      raw.setSoTimeout(30_000);
      DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw.getOutputStream()));
      byte[] params = "user\0postgres\0\0".getBytes(StandardCharsets.UTF_8);
      out.writeInt(8 + params.length);
      out.writeInt(3 << 16);
      out.write(params);
      // the first query holds the session's thread for a second: the rest pile up meanwhile
      byte[] slow = "select slow from generate_series(1, 100)\0".getBytes(StandardCharsets.UTF_8);
      out.writeByte('Q');
      out.writeInt(4 + slow.length);
      out.write(slow);
      byte[] query = "select 1\0".getBytes(StandardCharsets.UTF_8);
      for (int i = 1; i < queries; i++) {
        out.writeByte('Q');
        out.writeInt(4 + query.length);
        out.write(query);
      }
      CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
        try {
          out.flush();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw.getInputStream()));
      int ready = 0;
      int rows = 0;
      while (ready < queries + 1) { // one ReadyForQuery after the startup, one per query
        char type = (char) in.readByte();
        byte[] body = new byte[in.readInt() - 4];
        in.readFully(body);
        assertTrue(type != 'E', new String(body, StandardCharsets.UTF_8));
        if (type == 'Z') {
          ready++;
        } else if (type == 'D') {
          rows++;
        }
      }
      sent.get(30, TimeUnit.SECONDS);
      assertEquals(100 + queries - 1, rows);
    }
  }

  /**
   * 200 MB of COPY data through pgjdbc while the engine is stalled on the first payload: the
   * server must stop reading (queue bounded by bytes, then TCP flow control) so the client blocks
   * instead of the server buffering the stream; then everything flows and is counted once.
   */
  @Test
  void largeCopyStreamsWithBoundedMemory() throws Exception {
    long total = 200L << 20;
    AtomicLong produced = new AtomicLong();
    AtomicLong consumed = new AtomicLong();
    CountDownLatch release = new CountDownLatch(1);
    ENGINE.copySink =
        payload -> {
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          consumed.addAndGet(payload.length);
        };
    InputStream data =
        new InputStream() {
          @Override
          public int read() {
            throw new UnsupportedOperationException();
          }

          @Override
          public int read(byte[] b, int off, int len) {
            long left = total - produced.get();
            if (left <= 0) {
              return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 'x');
            produced.addAndGet(n);
            return n;
          }
        };
    long[] lagWhileStalled = {-1};
    Thread watcher =
        Thread.ofPlatform()
            .start(
                () -> {
                  // wait until the client is blocked: nothing produced for 300 ms
                  long last = -1;
                  long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                  while (System.nanoTime() < deadline) {
                    long now = produced.get();
                    if (now == last && now > 0) {
                      break;
                    }
                    last = now;
                    try {
                      Thread.sleep(300);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                  lagWhileStalled[0] = produced.get() - consumed.get();
                  release.countDown();
                });
    try (Connection c = connect()) {
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      assertEquals(total, copy.copyIn("copy sink from stdin", data, 65536));
      watcher.join();
      assertEquals(total, consumed.get());
      // server queue (8 MiB) + one read loop + socket buffers; unbounded would be ~200 MB
      assertTrue(
          lagWhileStalled[0] > 0 && lagWhileStalled[0] < (40L << 20),
          "bytes in flight while the engine stalled: " + lagWhileStalled[0]);
      try (ResultSet rs = c.createStatement().executeQuery("select 5")) {
        assertTrue(rs.next());
        assertEquals(5, rs.getInt(1));
      }
    } finally {
      release.countDown();
      ENGINE.copySink = payload -> {};
    }
  }

  @Test
  void closingTheServerClosesConnectionsAndReleasesSessions() throws SQLException {
    FakeSqlEngine engine = new FakeSqlEngine();
    S3VectorServer s = S3VectorServer.start(ServerConfig.defaults().withPort(0), engine);
    Connection a = connect(s, "postgres", "");
    Connection b = connect(s, "postgres", "");
    assertEquals(2, engine.openSessions.get());
    s.close();
    // close() waits for each connection's thread, so the sessions are closed by now
    assertEquals(0, engine.openSessions.get());
    assertThrows(SQLException.class, () -> a.createStatement().executeQuery("select 1"));
    a.close();
    b.close();
  }
}
