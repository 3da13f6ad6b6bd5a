package io.s3vector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * COPY FROM STDIN end to end: pgjdbc's CopyManager and the real psql against the server over the
 * real engine and a store in a temporary folder.
 */
class CopyInTest {
  @TempDir static Path dir;
  private static RealEngineServer server;

  @BeforeAll
  static void start() {
    server = RealEngineServer.start(dir.resolve("store"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Connection connect() throws SQLException {
    return server.connect();
  }

  @BeforeEach
  void table() throws SQLException {
    try (Connection c = connect(); Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS t");
      st.execute("CREATE TABLE t (id bigserial, a int, embedding vector(3))");
    }
  }

  private static String value(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getString(1);
    }
  }

  /** {@code n} rows "i<TAB>[i,i+1,i+2]" (text) or "i,"[i,i+1,i+2]"" (csv), made as they are read. */
  static Reader rows(int n, boolean csv) {
    return new Reader() {
      private int next;
      private String pending = "";
      private int at;

      @Override
      public int read(char[] buf, int off, int len) {
        if (at == pending.length()) {
          if (next == n) {
            return -1;
          }
          StringBuilder sb = new StringBuilder();
          for (int k = 0; k < 1000 && next < n; k++, next++) {
            int i = next;
            String vector = "[" + i + "," + (i + 1) + "," + (i + 2) + "]";
            sb.append(i).append(csv ? ",\"" + vector + "\"" : "\t" + vector).append('\n');
          }
          pending = sb.toString();
          at = 0;
        }
        int k = Math.min(len, pending.length() - at);
        pending.getChars(at, at + k, buf, off);
        at += k;
        return k;
      }

      @Override
      public void close() {}
    };
  }

  @Test
  void textAndCsvCopyOf100000Rows() throws Exception {
    try (Connection c = connect()) {
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      assertEquals(100_000, copy.copyIn("COPY t (a, embedding) FROM STDIN", rows(100_000, false)));
      assertEquals(
          100_000,
          copy.copyIn("COPY t (a, embedding) FROM STDIN WITH (FORMAT csv)", rows(100_000, true)));
      assertEquals("200000", value(c, "SELECT count(*) FROM t"));
      assertEquals("[99999,100000,100001]", value(c, "SELECT embedding FROM t WHERE id = 100000"));
      assertEquals("[5,6,7]", value(c, "SELECT embedding FROM t WHERE id = 100006"));
    }
  }

  @Test
  void badRowIs22P02AndTheConnectionGoesOn() throws Exception {
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < 50_000; i++) {
      data.append(i).append("\t[1,2,3]\n");
      if (i == 25_000) {
        data.append("oops\t[1,2,3]\n");
      }
    }
    try (Connection c = connect()) {
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      SQLException e =
          assertThrows(
              SQLException.class,
              () -> copy.copyIn("COPY t (a, embedding) FROM STDIN", new StringReader(data.toString())));
      assertEquals("22P02", e.getSQLState(), e.getMessage());
      assertEquals("1", value(c, "SELECT 1"));
      // the copy ends at the bad row: at most the batches stored before it remain
      assertTrue(Long.parseLong(value(c, "SELECT count(*) FROM t")) <= 25_001);
      assertEquals(3, copy.copyIn("COPY t (a, embedding) FROM STDIN", new StringReader("1\t[1,1,1]\n2\t\\N\n3\t[3,3,3]")));
    }
  }

  @Test
  void anExceptionInTheReaderSendsCopyFail() throws Exception {
    Reader failing =
        new Reader() {
          private boolean sent;

          @Override
          public int read(char[] buf, int off, int len) throws IOException {
            if (sent) {
              throw new IOException("disk on fire");
            }
            sent = true;
            "1\t[1,2,3]\n".getChars(0, 10, buf, off);
            return 10;
          }

          @Override
          public void close() {}
        };
    try (Connection c = connect()) {
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      // pgjdbc sends CopyFail and consumes the expected error (it fails loudly when none comes)
      IOException e =
          assertThrows(IOException.class, () -> copy.copyIn("COPY t (a, embedding) FROM STDIN", failing));
      assertEquals("disk on fire", e.getMessage());
      assertEquals("0", value(c, "SELECT count(*) FROM t"));
    }
  }

  @Test
  void copyFailOnTheWireIs57014() throws Exception {
    List<Map.Entry<Character, String>> answer = rawCopy("COPY t (a, embedding) FROM STDIN", "1\t[1,2,3]\n", true);
    assertEquals("G", answer.get(0).getKey().toString());
    assertEquals('E', answer.get(1).getKey());
    assertTrue(answer.get(1).getValue().contains("C57014"), answer.get(1).getValue());
    assertTrue(answer.get(1).getValue().contains("COPY from stdin failed: stop"), answer.get(1).getValue());
    assertEquals('Z', answer.get(2).getKey());
    List<Map.Entry<Character, String>> ok = rawCopy("COPY t (a, embedding) FROM STDIN", "1\t[1,2,3]\n", false);
    assertEquals("COPY 1", ok.get(1).getValue().replace("\0", ""));
  }

  /** Startup, one COPY with one CopyData, then CopyFail or CopyDone: the messages until 'Z'. */
  private static List<Map.Entry<Character, String>> rawCopy(String sql, String data, boolean fail)
      throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      DataInputStream in = new DataInputStream(s.getInputStream());
      byte[] params = "user\0postgres\0\0".getBytes(StandardCharsets.UTF_8);
      out.writeInt(8 + params.length);
      out.writeInt(3 << 16);
      out.write(params);
      out.flush();
      readUntilReady(in);
      byte[] q = (sql + "\0").getBytes(StandardCharsets.UTF_8);
      out.writeByte('Q');
      out.writeInt(4 + q.length);
      out.write(q);
      out.flush();
      List<Map.Entry<Character, String>> messages = new ArrayList<>();
      messages.add(readMessage(in));
      byte[] d = data.getBytes(StandardCharsets.UTF_8);
      out.writeByte('d');
      out.writeInt(4 + d.length);
      out.write(d);
      if (fail) {
        out.writeByte('f');
        out.writeInt(4 + 5);
        out.write("stop\0".getBytes(StandardCharsets.UTF_8));
      } else {
        out.writeByte('c');
        out.writeInt(4);
      }
      out.flush();
      messages.addAll(readUntilReady(in));
      return messages;
    }
  }

  private static Map.Entry<Character, String> readMessage(DataInputStream in) throws IOException {
    char type = (char) in.readByte();
    byte[] body = new byte[in.readInt() - 4];
    in.readFully(body);
    return Map.entry(type, new String(body, StandardCharsets.UTF_8));
  }

  private static List<Map.Entry<Character, String>> readUntilReady(DataInputStream in) throws IOException {
    List<Map.Entry<Character, String>> out = new ArrayList<>();
    while (true) {
      Map.Entry<Character, String> m = readMessage(in);
      out.add(m);
      if (m.getKey() == 'Z') {
        return out;
      }
    }
  }

  @Test
  void psqlCopyFromACsvFile() throws Exception {
    Path psql = Path.of("/usr/bin/psql");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(psql), "psql is not installed");
    Path csv = dir.resolve("file.csv");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      sb.append(i).append(",\"[").append(i).append(",0,-1.5]\"\n");
    }
    Files.writeString(csv, sb);
    PsqlRun ok = psql(psql, "\\copy t (a, embedding) FROM '" + csv + "' WITH (FORMAT csv)");
    assertEquals(0, ok.exit, ok.output);
    assertEquals("COPY 20000", ok.output.strip());

    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "1,\"[1,2,3]\"\n2,\"[1,2]\"\n3,\"[1,2,3]\"\n");
    PsqlRun failed = psql(psql, "\\copy t (a, embedding) FROM '" + bad + "' WITH (FORMAT csv)");
    assertEquals(1, failed.exit, failed.output);
    assertTrue(failed.output.contains("ERROR:"), failed.output);
    try (Connection c = connect()) {
      assertEquals("20000", value(c, "SELECT count(*) FROM t"));
      assertEquals("[19999,0,-1.5]", value(c, "SELECT embedding FROM t WHERE a = 19999"));
    }
  }

  private record PsqlRun(int exit, String output) {}

  private static PsqlRun psql(Path psql, String command) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
            psql.toString(), "-X", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p",
            Integer.toString(server.port()), "-U", "postgres", "-d", "postgres", "-c", command);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("PG"));
    env.put("LC_ALL", "C.UTF-8");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] output = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("psql hung: " + new String(output, StandardCharsets.UTF_8));
    }
    return new PsqlRun(p.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}
