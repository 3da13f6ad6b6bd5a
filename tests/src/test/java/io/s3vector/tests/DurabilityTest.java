package io.s3vector.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acknowledged writes survive a restart, and a SIGKILL of the server process. */
class DurabilityTest {

  @BeforeAll
  static void onlyOurServer() {
    TestServer.assumeInProcess();
  }

  @Test
  void restartInProcessKeepsTablesAndRows() throws Exception {
    try (TestServer server = TestServer.trust().startNow()) {
      try (Connection c = server.connect(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE dur_items (id bigserial PRIMARY KEY, name text, embedding vector(2))");
        s.execute("INSERT INTO dur_items (name, embedding) VALUES ('a', '[1,2]'), ('b', '[3,4]')");
        s.execute("INSERT INTO dur_items (name, embedding) VALUES ('c', '[5,6]')");
        s.execute("CREATE TABLE dur_dropped (id integer)");
        s.execute("DROP TABLE dur_dropped");
      }
      server.restart();
      try (Connection c = server.connect(); Statement s = c.createStatement()) {
        assertEquals(
            List.of("1|a|[1,2]", "2|b|[3,4]", "3|c|[5,6]"),
            JdbcTest.rows(c, "SELECT id, name, embedding FROM dur_items ORDER BY id"));
        // the sequence goes on past the values handed out (PostgreSQL's sequences may leave a
        // gap, e.g. the up to 32 values it logs ahead; they never repeat a value)
        s.execute("INSERT INTO dur_items (name, embedding) VALUES ('d', '[7,8]')");
        long next = Long.parseLong(JdbcTest.rows(c, "SELECT id FROM dur_items WHERE name = 'd'").get(0));
        assertTrue(next > 3 && next <= 3 + 64, "bigserial after a restart: " + next);
        assertEquals(List.of("4"), JdbcTest.rows(c, "SELECT count(DISTINCT id) FROM dur_items"));
        // the dropped table stays dropped, so its name is free
        s.execute("CREATE TABLE dur_dropped (id integer)");
      }
    }
  }

  @Test
  void sigkillAfterAcknowledgedInsertLosesNothing(@TempDir Path dataDir) throws Exception {
    int port = freePort();
    Process server = startChildServer(dataDir, port);
    try {
      try (Connection c = connectWhenUp(port, server); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE kill_items (id integer PRIMARY KEY, embedding vector(3))");
        try (PreparedStatement ps =
            c.prepareStatement("INSERT INTO kill_items VALUES (?, ?::vector)")) {
          for (int i = 0; i < 100; i++) {
            ps.setInt(1, i);
            ps.setString(2, "[" + i + ",1,2]");
            ps.addBatch();
          }
          ps.executeBatch();
        }
        s.execute("INSERT INTO kill_items VALUES (1000, '[9,9,9]')");
      }
      // no orderly shutdown: SIGKILL right after the acknowledgement
      server.destroyForcibly();
      assertTrue(server.waitFor(30, TimeUnit.SECONDS));

      server = startChildServer(dataDir, port);
      try (Connection c = connectWhenUp(port, server)) {
        assertEquals(
            List.of("101|4950|1000"),
            JdbcTest.rows(c, "SELECT count(*), sum(id) - 1000, max(id) FROM kill_items"));
        assertEquals(List.of("[9,9,9]"), JdbcTest.rows(c, "SELECT embedding FROM kill_items WHERE id = 1000"));
        try (Statement s = c.createStatement()) {
          s.execute("INSERT INTO kill_items VALUES (1001, '[1,1,1]')");
        }
      }
      server.destroyForcibly();
      assertTrue(server.waitFor(30, TimeUnit.SECONDS));
      server = startChildServer(dataDir, port);
      try (Connection c = connectWhenUp(port, server)) {
        assertEquals(List.of("102"), JdbcTest.rows(c, "SELECT count(*) FROM kill_items"));
      }
    } finally {
      server.destroyForcibly();
      server.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** {@code java io.s3vector.server.Main} with this JVM's test classpath. */
  private static Process startChildServer(Path dataDir, int port) throws IOException {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
        "-Xmx512m", "-cp", classpath, "io.s3vector.server.Main",
        "--port", Integer.toString(port), "--data-dir", dataDir.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Path log = Files.createTempFile("s3vector-child", ".log");
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("S3VECTOR_"));
    Process p = pb.start();
    childLogs.add(log.toFile());
    return p;
  }

  private static final List<File> childLogs = new ArrayList<>();

  private static Connection connectWhenUp(int port, Process server) throws Exception {
    Properties props = TestServer.props("user", "postgres", "connectTimeout", "5");
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        fail("the server process exited with " + server.exitValue() + ":\n" + lastLog());
      }
      try {
        return DriverManager.getConnection(url, props);
      } catch (SQLException e) {
        last = e;
        Thread.sleep(200);
      }
    }
    fail("the server did not accept connections within 60 s: " + last + "\n" + lastLog());
    return null;
  }

  private static String lastLog() throws IOException {
    return childLogs.isEmpty() ? "" : Files.readString(childLogs.get(childLogs.size() - 1).toPath());
  }
}
