package io.s3vector.tests;

import static io.s3vector.tests.RawPgConnection.types;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.sql.types.VectorType;
import io.s3vector.tests.RawPgConnection.Message;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;

/** The v3 protocol itself, on raw sockets where pgjdbc would hide the detail. */
class WireProtocolTest {
  @RegisterExtension static final TestServer server = TestServer.trust();

  @BeforeAll
  static void createTable() throws SQLException {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS wire_rows");
      s.execute("CREATE TABLE wire_rows (x integer)");
      s.execute("INSERT INTO wire_rows VALUES (1), (2), (3), (4), (5)");
    }
  }

  private RawPgConnection raw() throws Exception {
    return new RawPgConnection(server.host(), server.port());
  }

  @Test
  void sslRequestIsAnsweredNoThenStartupProceedsInPlaintext() throws Exception {
    try (RawPgConnection c = raw()) {
      assertEquals('N', c.sslRequest());
      List<Message> startup = c.startupTrusted("postgres");
      assertEquals('R', startup.get(0).type());
      assertEquals(0, startup.get(0).authCode(), "AuthenticationOk");
      Message ready = startup.get(startup.size() - 1);
      assertEquals('Z', ready.type());
      assertArrayEquals(new byte[] {'I'}, ready.body(), "idle, not in a transaction");
      c.query("SELECT 1 AS one");
      assertEquals("TDCZ", types(c.readUntilReady()));
    }
  }

  @Test
  void startupReportsParameterStatusAndBackendKey() throws Exception {
    Map<String, String> status = new HashMap<>();
    try (RawPgConnection c = raw()) {
      c.startup(Map.of("user", "postgres", "database", "postgres", "application_name", "wiretest"));
      List<Message> messages = c.readUntilReady();
      for (Message m : messages) {
        if (m.type() == 'S') {
          String[] nv = m.text().split("\0", 2);
          status.put(nv[0], nv[1]);
        }
      }
      assertTrue(types(messages).contains("K"), "BackendKeyData in " + types(messages));
      assertEquals("UTF8", status.get("server_encoding"));
      assertEquals("UTF8", status.get("client_encoding"));
      assertEquals("ISO, MDY", status.get("DateStyle"));
      assertEquals("on", status.get("integer_datetimes"));
      assertEquals("on", status.get("standard_conforming_strings"));
      assertEquals("wiretest", status.get("application_name"));
      assertNotNull(status.get("TimeZone"), "TimeZone in " + status);
      assertNotNull(status.get("server_version"), "server_version in " + status);

      c.query("SHOW server_version");
      List<Message> show = c.readUntilReady();
      assertEquals("TDCZ", types(show));
      assertEquals(status.get("server_version"), text(show.get(1).columns().get(0)));
      c.query("SELECT version()");
      String version = text(c.readUntilReady().get(1).columns().get(0));
      assertTrue(
          version.startsWith("PostgreSQL " + status.get("server_version")),
          version + " starts with PostgreSQL " + status.get("server_version"));
    }
    // pgjdbc sees the same values
    try (Connection c = server.connect()) {
      Map<String, String> seen = c.unwrap(PGConnection.class).getParameterStatuses();
      assertEquals(status.get("server_version"), seen.get("server_version"));
      assertEquals(
          status.get("server_version"), c.getMetaData().getDatabaseProductVersion());
      assertEquals("PostgreSQL", c.getMetaData().getDatabaseProductName());
    }
  }

  @Test
  void md5Authentication() throws Exception {
    TestServer.assumeInProcess();
    try (TestServer md5 = TestServer.withPassword("md5", "alice", "s3cret").startNow()) {
      try (RawPgConnection c = new RawPgConnection(md5.host(), md5.port())) {
        c.startup(Map.of("user", "alice", "database", "postgres"));
        Message request = c.read();
        assertEquals('R', request.type());
        assertEquals(5, request.authCode(), "AuthenticationMD5Password");
        byte[] salt = Arrays.copyOfRange(request.body(), 4, 8);
        assertEquals(8, request.body().length);
        c.password(RawPgConnection.md5Password("alice", "s3cret", salt));
        List<Message> rest = c.readUntilReady();
        assertEquals(0, rest.get(0).authCode(), "AuthenticationOk");
        assertEquals('Z', rest.get(rest.size() - 1).type());
      }
      try (Connection c = md5.connect(TestServer.props("user", "alice", "password", "s3cret"));
          ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
        assertTrue(rs.next());
      }
      assertPasswordRejected(md5, "alice", "wrong");
      assertPasswordRejected(md5, "bob", "s3cret");
    }
  }

  @Test
  void cleartextPasswordAuthentication() throws Exception {
    TestServer.assumeInProcess();
    try (TestServer pw = TestServer.withPassword("password", "alice", "s3cret").startNow()) {
      try (RawPgConnection c = new RawPgConnection(pw.host(), pw.port())) {
        c.startup(Map.of("user", "alice", "database", "postgres"));
        Message request = c.read();
        assertEquals(3, request.authCode(), "AuthenticationCleartextPassword");
        c.password("s3cret");
        List<Message> rest = c.readUntilReady();
        assertEquals(0, rest.get(0).authCode(), "AuthenticationOk");
      }
      try (RawPgConnection c = new RawPgConnection(pw.host(), pw.port())) {
        c.startup(Map.of("user", "alice", "database", "postgres"));
        c.read();
        c.password("nope");
        Message error = c.read();
        assertEquals('E', error.type());
        assertEquals("FATAL", error.fields().get('S'));
        assertEquals("28P01", error.fields().get('C'));
        assertTrue(c.closedByServer(), "the connection is closed after a failed authentication");
      }
      try (Connection c = pw.connect(TestServer.props("user", "alice", "password", "s3cret"))) {
        assertTrue(c.isValid(5));
      }
      assertPasswordRejected(pw, "alice", "wrong");
    }
  }

  private static void assertPasswordRejected(TestServer s, String user, String password) {
    PSQLException e =
        assertThrows(
            PSQLException.class,
            () -> s.connect(TestServer.props("user", user, "password", password)).close());
    assertEquals("28P01", e.getSQLState());
    assertTrue(
        e.getMessage().contains("password authentication failed for user \"" + user + "\""),
        e.getMessage());
  }

  @Test
  void simpleQueryWithSeveralStatements() throws Exception {
    try (RawPgConnection c = raw()) {
      c.startupTrusted("postgres");
      c.query("SELECT 1 AS a; SELECT 2 AS b, 3 AS c;");
      List<Message> m = c.readUntilReady();
      assertEquals("TDCTDCZ", types(m));
      assertEquals("SELECT 1", m.get(2).text());
      assertEquals(List.of("2", "3"), texts(m.get(4)));

      c.query(
          "DROP TABLE IF EXISTS wire_multi; CREATE TABLE wire_multi (id integer, v vector(2));"
              + " INSERT INTO wire_multi VALUES (1, '[1,2]'), (2, '[3,4]');"
              + " SELECT id, v FROM wire_multi ORDER BY id");
      m = c.readUntilReady();
      List<String> tags = new ArrayList<>();
      for (Message x : m) {
        if (x.type() == 'C') {
          tags.add(x.text());
        }
      }
      assertEquals(List.of("DROP TABLE", "CREATE TABLE", "INSERT 0 2", "SELECT 2"), tags);
      List<List<String>> rows = new ArrayList<>();
      for (Message x : m) {
        if (x.type() == 'D') {
          rows.add(texts(x));
        }
      }
      assertEquals(List.of(List.of("1", "[1,2]"), List.of("2", "[3,4]")), rows);

      // an error stops the rest of the string; the connection stays usable
      c.query("SELECT 1; SELECT * FROM wire_no_such_table; SELECT 3");
      m = c.readUntilReady();
      assertEquals("TDCEZ", types(m));
      assertEquals("42P01", m.get(3).fields().get('C'));
      assertEquals("ERROR", m.get(3).fields().get('S'));
      c.query("");
      assertEquals("IZ", types(c.readUntilReady()), "EmptyQueryResponse");
      c.query("SELECT 42");
      assertEquals(List.of("42"), texts(c.readUntilReady().get(1)));
    }
  }

  @Test
  void severalStatementsInOneQueryAreOneImplicitTransaction() throws Exception {
    try (RawPgConnection c = raw()) {
      c.startupTrusted("postgres");
      c.query("DROP TABLE IF EXISTS wire_atomic; CREATE TABLE wire_atomic (x integer)");
      c.readUntilReady();
      // a later statement fails: the INSERT before it in the same string is rolled back
      c.query("INSERT INTO wire_atomic VALUES (1); SELECT * FROM wire_no_such_table");
      assertEquals("CEZ", types(c.readUntilReady()));
      c.query("INSERT INTO wire_atomic VALUES (2); SELECT count(*) FROM wire_atomic");
      List<Message> m = c.readUntilReady();
      assertEquals("CTDCZ", types(m));
      assertEquals(List.of("1"), texts(m.get(2)), "only the second INSERT is there");
    }
  }

  @Test
  void simpleQueryWithSeveralStatementsThroughPgjdbc() throws Exception {
    try (Connection c = server.connect(TestServer.props("preferQueryMode", "simple"));
        Statement s = c.createStatement()) {
      assertTrue(s.execute("SELECT 1 AS a; SELECT x FROM wire_rows ORDER BY x LIMIT 2"));
      try (ResultSet rs = s.getResultSet()) {
        assertTrue(rs.next());
        assertEquals(1, rs.getInt(1));
      }
      assertTrue(s.getMoreResults());
      List<Integer> xs = new ArrayList<>();
      try (ResultSet rs = s.getResultSet()) {
        while (rs.next()) {
          xs.add(rs.getInt(1));
        }
      }
      assertEquals(List.of(1, 2), xs);
      assertFalse(s.getMoreResults());
    }
  }

  @Test
  void extendedProtocolResultsInBinaryAndText() throws Exception {
    String sql =
        "SELECT 1::smallint AS i2, 2::integer AS i4, 3000000000::bigint AS i8, 1.5::real AS f4,"
            + " 2.25::double precision AS f8, true AS b, 'hé'::text AS t,"
            + " '[1,2.5]'::vector AS v, NULL::integer AS n";
    try (RawPgConnection c = raw()) {
      c.startupTrusted("postgres");
      c.parse("", sql);
      c.bind("", "", 1);
      c.describePortal("");
      c.execute("", 0);
      c.sync();
      List<Message> m = c.readUntilReady();
      assertEquals("12TDCZ", types(m));
      List<int[]> columns = rowDescription(m.get(2));
      int[] expectedOids = {21, 23, 20, 700, 701, 16, 25, -1, 23};
      for (int i = 0; i < expectedOids.length; i++) {
        if (expectedOids[i] > 0) {
          assertEquals(expectedOids[i], columns.get(i)[0], "type OID of column " + (i + 1));
        } else if (TestServer.inProcess()) {
          assertEquals(VectorType.OID, columns.get(i)[0], "vector's OID");
        }
        assertEquals(1, columns.get(i)[1], "format code of column " + (i + 1));
      }
      List<byte[]> values = m.get(3).columns();
      assertArrayEquals(new byte[] {0, 1}, values.get(0));
      assertArrayEquals(ByteBuffer.allocate(4).putInt(2).array(), values.get(1));
      assertArrayEquals(ByteBuffer.allocate(8).putLong(3_000_000_000L).array(), values.get(2));
      assertArrayEquals(ByteBuffer.allocate(4).putFloat(1.5f).array(), values.get(3));
      assertArrayEquals(ByteBuffer.allocate(8).putDouble(2.25).array(), values.get(4));
      assertArrayEquals(new byte[] {1}, values.get(5));
      assertArrayEquals("hé".getBytes(StandardCharsets.UTF_8), values.get(6));
      // pgvector's vector_send: int16 dim, int16 unused, dim float4, big-endian
      assertArrayEquals(
          ByteBuffer.allocate(12).putShort((short) 2).putShort((short) 0).putFloat(1f)
              .putFloat(2.5f).array(),
          values.get(7));
      assertNull(values.get(8));
      assertEquals("SELECT 1", m.get(4).text());

      c.parse("", sql);
      c.bind("", "", 0);
      c.execute("", 0);
      c.sync();
      m = c.readUntilReady();
      assertEquals("12DCZ", types(m));
      assertEquals(
          Arrays.asList("1", "2", "3000000000", "1.5", "2.25", "t", "hé", "[1,2.5]", null),
          texts(m.get(2)));
    }
  }

  @Test
  void portalSuspensionWithMaxRows() throws Exception {
    try (RawPgConnection c = raw()) {
      c.startupTrusted("postgres");
      c.parse("rows", "SELECT x FROM wire_rows WHERE x > $1 ORDER BY x", 23);
      c.bind("p1", "rows", 0, "0");
      c.execute("p1", 2);
      c.execute("p1", 2);
      c.execute("p1", 2);
      c.sync();
      List<Message> m = c.readUntilReady();
      assertEquals("12DDsDDsDCZ", types(m));
      List<String> xs = new ArrayList<>();
      for (Message x : m) {
        if (x.type() == 'D') {
          xs.add(texts(x).get(0));
        }
      }
      assertEquals(List.of("1", "2", "3", "4", "5"), xs);
      assertEquals("SELECT 1", m.get(m.size() - 2).text());
      // the named statement can be bound again
      c.bind("", "rows", 0, "3");
      c.execute("", 0);
      c.sync();
      assertEquals("2DDCZ", types(c.readUntilReady()));
    }
  }

  @Test
  void errorInExtendedProtocolDiscardsMessagesUntilSync() throws Exception {
    try (RawPgConnection c = raw()) {
      c.startupTrusted("postgres");
      c.parse("", "SELEC 1");
      c.bind("", "", 0);
      c.execute("", 0);
      c.sync();
      List<Message> m = c.readUntilReady();
      assertEquals("EZ", types(m));
      assertEquals("42601", m.get(0).fields().get('C'));
      c.parse("", "SELECT 7");
      c.bind("", "", 0);
      c.execute("", 0);
      c.sync();
      m = c.readUntilReady();
      assertEquals("12DCZ", types(m));
      assertEquals(List.of("7"), texts(m.get(2)));
    }
  }

  @Test
  void malformedMessagesCloseOnlyThatConnection() throws Exception {
    try (Connection bystander = server.connect()) {
      // garbage instead of a startup packet
      try (RawPgConnection c = raw()) {
        c.sendRaw("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(c.closedByServer(), "HTTP request instead of a startup packet");
      }
      // an unknown message type after startup
      try (RawPgConnection c = raw()) {
        c.startupTrusted("postgres");
        c.sendRaw(new byte[] {'z', 0, 0, 0, 4});
        assertTrue(c.closedByServer(), "unknown message type");
      }
      // a length shorter than the length field itself
      try (RawPgConnection c = raw()) {
        c.startupTrusted("postgres");
        c.sendRaw(new byte[] {'Q', 0, 0, 0, 2, 'x', 0});
        assertTrue(c.closedByServer(), "message length 2");
      }
      // an absurd length
      try (RawPgConnection c = raw()) {
        c.startupTrusted("postgres");
        c.sendRaw(new byte[] {'Q', 0x7f, (byte) 0xff, (byte) 0xff, 0x00, 'x', 0});
        assertTrue(c.closedByServer(), "message length 2 GB");
      }
      // a Bind whose parameter count runs past the end of the message
      try (RawPgConnection c = raw()) {
        c.startupTrusted("postgres");
        c.parse("", "SELECT $1::integer");
        c.send('B', new byte[] {0, 0, 0, 0, 0, 5, 0, 0, 0, 9});
        c.sync();
        List<Message> m = new ArrayList<>();
        try {
          m.addAll(c.readUntilReady());
        } catch (java.io.IOException closed) {
          // closing the connection is a fair answer too
        }
        assertTrue(
            m.stream().anyMatch(x -> x.type() == 'E'), "an error for a truncated Bind: " + types(m));
      }
      try (ResultSet rs = bystander.createStatement().executeQuery("SELECT count(*) FROM wire_rows")) {
        assertTrue(rs.next());
        assertEquals(5, rs.getInt(1));
      }
      try (Connection fresh = server.connect();
          ResultSet rs = fresh.createStatement().executeQuery("SELECT 1")) {
        assertTrue(rs.next());
      }
    }
  }

  @Test
  void terminateClosesTheConnection() throws Exception {
    try (RawPgConnection c = raw()) {
      c.startupTrusted("postgres");
      c.terminate();
      assertTrue(c.closedByServer());
    }
  }

  private static String text(byte[] value) {
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  private static List<String> texts(Message dataRow) {
    List<String> out = new ArrayList<>();
    for (byte[] v : dataRow.columns()) {
      out.add(text(v));
    }
    return out;
  }

  /** Per column of a RowDescription: {type OID, format code}. */
  private static List<int[]> rowDescription(Message m) {
    ByteBuffer b = ByteBuffer.wrap(m.body());
    int n = b.getShort();
    Map<String, int[]> columns = new LinkedHashMap<>();
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder name = new StringBuilder();
      byte ch;
      while ((ch = b.get()) != 0) {
        name.append((char) ch);
      }
      b.getInt(); // table OID
      b.getShort(); // column number
      int oid = b.getInt();
      b.getShort(); // type size
      b.getInt(); // type modifier
      int format = b.getShort();
      out.add(new int[] {oid, format});
      columns.put(name.toString(), out.get(i));
    }
    return out;
  }
}
