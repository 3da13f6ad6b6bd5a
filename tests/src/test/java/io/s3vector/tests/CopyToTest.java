package io.s3vector.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;

/**
 * COPY ... TO STDOUT through pgjdbc's CopyManager and the raw protocol. Expected bytes were
 * written by PostgreSQL 15 + pgvector 0.8.6 for the same table and rows (psql's output for the
 * text forms, {@code xxd -p} of it for binary). The psql side is the golden file copy_to.sql.
 */
class CopyToTest {
  @RegisterExtension static final TestServer server = TestServer.trust();

  private static final String TABLE =
      "CREATE TABLE %s (id bigint, category text, qty integer, small smallint, price real,"
          + " ok boolean, d double precision, ts timestamp, doc jsonb, embedding vector(3))";
  private static final String ROWS =
      "INSERT INTO %s VALUES"
          + " (1, 'plain', 1, 2, 1.5, true, 0.1, '2024-01-02 03:04:05', '{\"a\": 1}', '[1,2,3]'),"
          + " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
          + " (3, 'x', -7, -1, -0.25, false, 1e20, '2000-01-01 00:00:00.5', '[1, 2]',"
          + " '[0.1,-2.5,1e-7]')";

  private static final String PG_TEXT =
      "1\tplain\t1\t2\t1.5\tt\t0.1\t2024-01-02 03:04:05\t{\"a\": 1}\t[1,2,3]\n"
          + "2\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\n"
          + "3\tx\t-7\t-1\t-0.25\tf\t1e+20\t2000-01-01 00:00:00.5\t[1, 2]\t[0.1,-2.5,1e-07]\n";
  private static final String PG_CSV =
      "id,category,qty,small,price,ok,d,ts,doc,embedding\n"
          + "1,plain,1,2,1.5,t,0.1,2024-01-02 03:04:05,\"{\"\"a\"\": 1}\",\"[1,2,3]\"\n"
          + "2,,,,,,,,,\n"
          + "3,x,-7,-1,-0.25,f,1e+20,2000-01-01 00:00:00.5,\"[1, 2]\",\"[0.1,-2.5,1e-07]\"\n";
  private static final String PG_BINARY =
      "5047434f50590aff0d0a000000000000000000000a00000008000000000000000100000005706c61696e0000"
          + "000400000001000000020002000000043fc000000000000101000000083fb999999999999a000000080002b0"
          + "ec8515f34000000009017b2261223a20317d00000010000300003f8000004000000040400000000a00000008"
          + "0000000000000002ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
          + "000a000000080000000000000003000000017800000004fffffff900000002ffff00000004be800000000000"
          + "0100000000084415af1d78b58c4000000008000000000007a12000000007015b312c20325d00000010000300"
          + "003dcccccdc020000033d6bf95ffff";
  private static final String PG_BINARY_ID_EMBEDDING =
      "5047434f50590aff0d0a000000000000000000000200000008000000000000000100000010000300003f8000"
          + "0040000000404000000002000000080000000000000002ffffffff0002000000080000000000000003000000"
          + "10000300003dcccccdc020000033d6bf95ffff";
  private static final String PG_BINARY_NO_ROWS = "5047434f50590aff0d0a000000000000000000ffff";

  private static void exec(Connection c, String... sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    }
  }

  private static CopyManager copy(Connection c) throws SQLException {
    return c.unwrap(PGConnection.class).getCopyAPI();
  }

  private static byte[] copyOut(Connection c, String sql) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    copy(c).copyOut(sql, out);
    return out.toByteArray();
  }

  private static void table(Connection c, String name) throws SQLException {
    exec(c, "DROP TABLE IF EXISTS " + name, String.format(TABLE, name), String.format(ROWS, name));
  }

  @Test
  void textCsvAndBinaryAreWhatPostgresWrites() throws Exception {
    try (Connection c = server.connect()) {
      table(c, "copy_to_types");
      assertEquals(PG_TEXT, new String(copyOut(c, "COPY copy_to_types TO STDOUT"), StandardCharsets.UTF_8));
      assertEquals(PG_CSV, new String(copyOut(c,
          "COPY (SELECT * FROM copy_to_types ORDER BY id) TO STDOUT (FORMAT csv, HEADER)"),
          StandardCharsets.UTF_8));
      HexFormat hex = HexFormat.of();
      assertEquals(PG_BINARY, hex.formatHex(copyOut(c, "COPY copy_to_types TO STDOUT (FORMAT binary)")));
      assertEquals(PG_BINARY_ID_EMBEDDING,
          hex.formatHex(copyOut(c, "COPY copy_to_types (id, embedding) TO STDOUT WITH BINARY")));
      assertEquals(PG_BINARY_NO_ROWS,
          hex.formatHex(copyOut(c, "COPY (SELECT id FROM copy_to_types WHERE false) TO STDOUT BINARY")));
      assertEquals(3, copy(c).copyOut("COPY copy_to_types TO STDOUT", new ByteArrayOutputStream()));
    }
  }

  @Test
  void binaryRoundTripGivesIdenticalRows() throws Exception {
    try (Connection c = server.connect()) {
      table(c, "copy_to_source");
      exec(c, "DROP TABLE IF EXISTS copy_to_target", String.format(TABLE, "copy_to_target"));
      byte[] data = copyOut(c, "COPY copy_to_source TO STDOUT (FORMAT binary)");
      assertEquals(3, copy(c).copyIn("COPY copy_to_target FROM STDIN (FORMAT binary)",
          new ByteArrayInputStream(data)));
      assertEquals(JdbcCases.rows(c, "SELECT * FROM copy_to_source ORDER BY id"),
          JdbcCases.rows(c, "SELECT * FROM copy_to_target ORDER BY id"));
      assertArrayEquals(data, copyOut(c, "COPY copy_to_target TO STDOUT (FORMAT binary)"));
    }
  }

  /** One CopyData per row as PostgreSQL sends them; the header line is a message of its own. */
  @Test
  void largeTableStreamsOneMessagePerRow() throws Exception {
    int rows = 50_000;
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < rows; i++) {
      data.append(i).append('\t').append('[').append(i).append(",0.5,").append(-i).append("]\n");
    }
    try (Connection c = server.connect()) {
      exec(c, "DROP TABLE IF EXISTS copy_to_large",
          "CREATE TABLE copy_to_large (id bigint, embedding vector(3))");
      copy(c).copyIn("COPY copy_to_large FROM STDIN",
          new ByteArrayInputStream(data.toString().getBytes(StandardCharsets.UTF_8)));
      CopyOut out = copy(c).copyOut("COPY copy_to_large TO STDOUT (FORMAT csv, HEADER)");
      assertEquals(0, out.getFormat());
      assertEquals(2, out.getFieldCount());
      assertEquals("id,embedding\n", new String(out.readFromCopy(), StandardCharsets.UTF_8));
      int messages = 0;
      long sum = 0;
      byte[] row;
      while ((row = out.readFromCopy()) != null) {
        String line = new String(row, StandardCharsets.UTF_8);
        assertTrue(line.endsWith("\n") && line.indexOf('\n') == line.length() - 1, line);
        sum += Long.parseLong(line.substring(0, line.indexOf(',')));
        messages++;
      }
      assertEquals(rows, messages);
      assertEquals((long) rows * (rows - 1) / 2, sum);
      assertEquals(rows, out.getHandledRowCount());
      // the nearest rows through the planner's top-k scan, as a SELECT would find them
      assertEquals("1\t[1,0.5,-1]\n0\t[0,0.5,0]\n2\t[2,0.5,-2]\n", new String(copyOut(c,
          "COPY (SELECT id, embedding FROM copy_to_large ORDER BY embedding <-> '[0.9,0.5,-0.9]'"
              + " LIMIT 3) TO STDOUT"), StandardCharsets.UTF_8));
    }
  }

  @Test
  void errorPartWayEndsTheCopyAndTheConnectionStaysUsable() throws Exception {
    try (Connection c = server.connect()) {
      table(c, "copy_to_errors");
      SQLException e = assertThrows(SQLException.class, () -> copyOut(c,
          "COPY (SELECT id, 10 / (qty + 7) FROM copy_to_errors ORDER BY id) TO STDOUT"));
      assertEquals("22012", e.getSQLState());
      assertEquals(List.of("3"), JdbcCases.rows(c, "SELECT count(*) FROM copy_to_errors"));
      e = assertThrows(SQLException.class, () -> copyOut(c, "COPY copy_to_errors TO '/tmp/x.csv'"));
      assertEquals("42501", e.getSQLState());
      assertEquals(PG_TEXT, new String(copyOut(c, "COPY copy_to_errors TO STDOUT"), StandardCharsets.UTF_8));
    }
  }

  @Test
  void inATransactionBlockCopySeesTheBlocksRows() throws Exception {
    try (Connection c = server.connect()) {
      table(c, "copy_to_block");
      c.setAutoCommit(false);
      exec(c, "INSERT INTO copy_to_block (id, category) VALUES (4, 'pending')");
      assertEquals("3\n4\n", new String(copyOut(c,
          "COPY (SELECT id FROM copy_to_block WHERE id > 2 ORDER BY id) TO STDOUT"), StandardCharsets.UTF_8));
      c.rollback();
      c.setAutoCommit(true);
      assertEquals("3\n", new String(copyOut(c,
          "COPY (SELECT id FROM copy_to_block WHERE id > 2 ORDER BY id) TO STDOUT"), StandardCharsets.UTF_8));
    }
  }

  /** The extended protocol: Parse/Bind/Execute of a COPY TO answers the copy-out messages. */
  @Test
  void extendedProtocolAndMessageOrder() throws Exception {
    try (Connection c = server.connect()) {
      table(c, "copy_to_wire");
    }
    try (RawPgConnection raw = new RawPgConnection(server.host(), server.port())) {
      raw.startupTrusted("postgres");
      raw.query("COPY (SELECT id FROM copy_to_wire ORDER BY id) TO STDOUT (FORMAT csv, HEADER)");
      List<RawPgConnection.Message> simple = raw.readUntilReady();
      assertEquals("HddddcCZ", RawPgConnection.types(simple));
      byte[] response = simple.get(0).body();
      assertArrayEquals(new byte[] {0, 0, 1, 0, 0}, response);
      assertEquals("id\n", new String(simple.get(1).body(), StandardCharsets.UTF_8));
      assertEquals("COPY 3", cstring(simple.get(6).body()));

      raw.parse("", "COPY copy_to_wire (id, embedding) TO STDOUT (FORMAT binary)");
      raw.bind("", "", 0);
      raw.execute("", 0);
      raw.sync();
      List<RawPgConnection.Message> extended = raw.readUntilReady();
      assertEquals("12HddddcCZ", RawPgConnection.types(extended));
      assertArrayEquals(new byte[] {1, 0, 2, 0, 1, 0, 1}, extended.get(2).body());
      assertEquals(PG_BINARY_ID_EMBEDDING.substring(0, 38), HexFormat.of().formatHex(extended.get(3).body()).substring(0, 38));
      assertEquals("ffff", HexFormat.of().formatHex(extended.get(6).body()));
      assertEquals("COPY 3", cstring(extended.get(8).body()));
      raw.query("SELECT 1");
      assertEquals("TDCZ", RawPgConnection.types(raw.readUntilReady()));
    }
  }

  private static String cstring(byte[] body) {
    return new String(body, 0, body.length - 1, StandardCharsets.UTF_8);
  }
}
