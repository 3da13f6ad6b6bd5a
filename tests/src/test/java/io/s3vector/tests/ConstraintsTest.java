package io.s3vector.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Table constraints through pgjdbc: CHECK and NOT NULL violations with PostgreSQL 15's SQLSTATE,
 * message and DETAIL (INSERT, prepared INSERT, COPY), and the uuid type with gen_random_uuid().
 */
class ConstraintsTest {
  @RegisterExtension static final TestServer server = TestServer.trust();

  private static void exec(Connection c, String... sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    }
  }

  private static void assertViolation(String sqlState, String message, String detail,
      org.junit.jupiter.api.function.Executable run) {
    PSQLException e = assertThrows(PSQLException.class, run);
    ServerErrorMessage m = e.getServerErrorMessage();
    assertEquals(sqlState, e.getSQLState(), e.getMessage());
    assertEquals("ERROR", m.getSeverity());
    assertEquals(message, m.getMessage());
    assertEquals(detail, m.getDetail());
  }

  @Test
  void checkAndNotNullViolations() throws Exception {
    try (Connection c = server.connect()) {
      exec(c, "DROP TABLE IF EXISTS con_items",
          "CREATE TABLE con_items (id bigserial PRIMARY KEY, price int CHECK (price > 0),"
              + " embedding vector(3), name text NOT NULL DEFAULT 'n')");
      assertViolation("23514",
          "new row for relation \"con_items\" violates check constraint \"con_items_price_check\"",
          "Failing row contains (1, -5, [1,2,3], n).",
          () -> exec(c, "INSERT INTO con_items (price, embedding) VALUES (-5, '[1,2,3]')"));
      assertViolation("23502",
          "null value in column \"name\" of relation \"con_items\" violates not-null constraint",
          "Failing row contains (7, 1, null, null).",
          () -> exec(c, "INSERT INTO con_items VALUES (7, 1, NULL, NULL)"));
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO con_items (id, price, embedding) VALUES (?, ?, ?::vector)")) {
        ps.setLong(1, 100);
        ps.setInt(2, 0);
        ps.setString(3, "[1,2,3]");
        assertViolation("23514",
            "new row for relation \"con_items\" violates check constraint \"con_items_price_check\"",
            "Failing row contains (100, 0, [1,2,3], n).", ps::executeUpdate);
        ps.setInt(2, 5);
        assertEquals(1, ps.executeUpdate());
      }
      // a CHECK that is NULL passes
      exec(c, "INSERT INTO con_items (id, price) VALUES (101, NULL)");
      assertViolation("23514",
          "new row for relation \"con_items\" violates check constraint \"con_items_price_check\"",
          "Failing row contains (200, -1, null, n).",
          () -> ((PGConnection) c).getCopyAPI().copyIn(
              "COPY con_items (id, price) FROM STDIN", new StringReader("102\t3\n200\t-1\n")));
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM con_items")) {
        assertTrue(rs.next());
        assertEquals(2, rs.getInt(1));
      }
    }
  }

  @Test
  void uuidColumnsAndGenRandomUuid() throws Exception {
    try (Connection c = server.connect()) {
      exec(c, "DROP TABLE IF EXISTS con_docs",
          "CREATE TABLE con_docs (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), other uuid,"
              + " created timestamptz DEFAULT now())");
      UUID ref = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO con_docs (other) VALUES (?) RETURNING id, other, created")) {
        ps.setObject(1, ref);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertEquals("uuid", rs.getMetaData().getColumnTypeName(1));
          UUID id = rs.getObject(1, UUID.class);
          assertEquals(4, id.version());
          assertEquals(ref, rs.getObject(2));
          assertTrue(rs.getTimestamp(3) != null);
        }
      }
      exec(c, "INSERT INTO con_docs (other) VALUES ('{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}')");
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT count(*), min(other::text) FROM con_docs WHERE other = ?")) {
        ps.setObject(1, ref);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(2, rs.getInt(1));
          assertEquals("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", rs.getString(2));
        }
      }
      assertViolation("22P02", "invalid input syntax for type uuid: \"nope\"", null,
          () -> exec(c, "INSERT INTO con_docs (other) VALUES ('nope')"));
    }
  }
}
