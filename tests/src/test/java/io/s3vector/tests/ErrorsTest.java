package io.s3vector.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Errors carry PostgreSQL's SQLSTATE and message, and the connection goes on working after each,
 * in both the simple and the extended protocol.
 */
class ErrorsTest {
  @RegisterExtension static final TestServer server = TestServer.trust();

  private static Connection extended;
  private static Connection simple;

  @BeforeAll
  static void open() throws SQLException {
    extended = server.connect();
    simple = server.connect(TestServer.props("preferQueryMode", "simple"));
    try (Statement s = extended.createStatement()) {
      s.execute("DROP TABLE IF EXISTS err_items");
      s.execute("CREATE TABLE err_items (id integer, embedding vector(3))");
      s.execute("INSERT INTO err_items VALUES (1, '[1,2,3]')");
    }
  }

  @AfterAll
  static void close() throws SQLException {
    extended.close();
    simple.close();
  }

  static Stream<Arguments> errors() {
    String tooMany = "[" + "1,".repeat(16000) + "1]";
    return Stream.of(
        Arguments.of("SELEC 1", "42601", "syntax error at or near \"SELEC\""),
        Arguments.of("SELECT * FROM no_such_table", "42P01", "relation \"no_such_table\" does not exist"),
        Arguments.of("SELECT no_such_column FROM err_items", "42703", "column \"no_such_column\" does not exist"),
        Arguments.of("CREATE TABLE err_items (id integer)", "42P07", "relation \"err_items\" already exists"),
        Arguments.of("DROP TABLE no_such_table", "42P01", "table \"no_such_table\" does not exist"),
        Arguments.of("INSERT INTO err_items (embedding) VALUES ('[1,2]')", "22000", "expected 3 dimensions, not 2"),
        Arguments.of("SELECT '[1,2,3]'::vector(2)", "22000", "expected 2 dimensions, not 3"),
        Arguments.of("INSERT INTO err_items (embedding) VALUES ('[1,2,x]')", "22P02",
            "invalid input syntax for type vector: \"[1,2,x]\""),
        Arguments.of("SELECT '1,2,3'::vector", "22P02", "invalid input syntax for type vector: \"1,2,3\""),
        Arguments.of("SELECT '[NaN,1,2]'::vector", "22000", "NaN not allowed in vector"),
        Arguments.of("INSERT INTO err_items (embedding) VALUES ('[1,Infinity,2]')", "22000",
            "infinite value not allowed in vector"),
        Arguments.of("SELECT '[1,-Infinity]'::vector", "22000", "infinite value not allowed in vector"),
        Arguments.of("SELECT '" + tooMany + "'::vector", "54000", "vector cannot have more than 16000 dimensions"),
        Arguments.of("CREATE TABLE err_wide (v vector(16001))", "22023", "dimensions for type vector cannot exceed 16000"),
        Arguments.of("SELECT '[1,2]'::vector <-> '[1,2,3]'", "22000", "different vector dimensions 2 and 3"),
        Arguments.of("SELECT embedding <=> '[1,2]' FROM err_items", "22000", "different vector dimensions 3 and 2"),
        Arguments.of("SELECT count(*) FROM err_items FOR UPDATE", "0A000", null));
  }

  @ParameterizedTest(name = "extended: {0}")
  @MethodSource("errors")
  void extendedProtocol(String sql, String sqlState, String message) throws SQLException {
    assertError(extended, sql, sqlState, message);
  }

  @ParameterizedTest(name = "simple: {0}")
  @MethodSource("errors")
  void simpleProtocol(String sql, String sqlState, String message) throws SQLException {
    assertError(simple, sql, sqlState, message);
  }

  private static void assertError(Connection c, String sql, String sqlState, String message)
      throws SQLException {
    PSQLException e;
    try (Statement s = c.createStatement()) {
      e = assertThrows(PSQLException.class, () -> s.execute(sql));
    }
    ServerErrorMessage server = e.getServerErrorMessage();
    assertTrue(server != null, "an ErrorResponse from the server: " + e);
    assertEquals(sqlState, e.getSQLState(), () -> "SQLSTATE of " + sql + ": " + e.getMessage());
    assertEquals("ERROR", server.getSeverity());
    if (message != null) {
      assertEquals(message, server.getMessage());
    } else {
      assertTrue(server.getMessage() != null && !server.getMessage().isBlank());
    }
    assertWorks(c);
  }

  private static void assertWorks(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM err_items")) {
      assertTrue(rs.next());
      assertEquals(1, rs.getInt(1), "the table is unchanged and the connection works");
    }
  }

  @Test
  void errorsFromParameters() throws SQLException {
    try (PreparedStatement ps =
        extended.prepareStatement("INSERT INTO err_items (id, embedding) VALUES (?, ?::vector)")) {
      for (String[] bad :
          List.of(
              new String[] {"[1,2]", "22000"},
              new String[] {"[1,2,oops]", "22P02"},
              new String[] {"[1,NaN,2]", "22000"})) {
        ps.setInt(1, 2);
        ps.setString(2, bad[0]);
        PSQLException e = assertThrows(PSQLException.class, ps::executeUpdate);
        assertEquals(bad[1], e.getSQLState(), bad[0] + ": " + e.getMessage());
        assertWorks(extended);
      }
    }
  }

  @Test
  void failedTransactionBlockRefusesStatementsUntilRollback() throws SQLException {
    try (Connection c = server.connect()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        assertThrows(PSQLException.class, () -> s.execute("SELECT * FROM no_such_table"));
        PSQLException e = assertThrows(PSQLException.class, () -> s.execute("SELECT 1"));
        assertEquals("25P02", e.getSQLState());
        assertEquals(
            "current transaction is aborted, commands ignored until end of transaction block",
            e.getServerErrorMessage().getMessage());
        c.rollback();
        try (ResultSet rs = s.executeQuery("SELECT 1")) {
          assertTrue(rs.next());
        }
      }
      c.commit();
    }
  }
}
