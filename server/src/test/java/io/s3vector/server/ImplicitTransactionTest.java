package io.s3vector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statements up to a Sync (a pgjdbc batch) and the statements of one simple Query are one
 * implicit transaction, as in PostgreSQL: one commit, all or nothing.
 */
class ImplicitTransactionTest {
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

  @Test
  void aBatchIsOneCommit() throws Exception {
    long before = manifestVersions();
    try (Connection c = connect();
        PreparedStatement ps = c.prepareStatement("INSERT INTO t (a, embedding) VALUES (?, ?::vector)")) {
      for (int i = 0; i < 500; i++) {
        ps.setInt(1, i);
        ps.setString(2, "[" + i + ",1,2]");
        ps.addBatch();
      }
      int[] counts = ps.executeBatch();
      assertEquals(500, counts.length);
      assertEquals(500, count(c));
    }
    // the manifest log of one table commit; serial reservations may add a few, never 500
    long commits = manifestVersions() - before;
    assertEquals(true, commits >= 1 && commits < 50, "manifest versions written: " + commits);
  }

  @Test
  void aFailingStatementRollsTheWholeBatchBack() throws Exception {
    try (Connection c = connect();
        PreparedStatement ps = c.prepareStatement("INSERT INTO t (a, embedding) VALUES (?, ?::vector)")) {
      for (int i = 0; i < 100; i++) {
        ps.setInt(1, i);
        ps.setString(2, i == 60 ? "[1,2]" : "[" + i + ",1,2]");
        ps.addBatch();
      }
      BatchUpdateException e = assertThrows(BatchUpdateException.class, ps::executeBatch);
      assertEquals("22000", e.getSQLState());
      assertEquals(0, count(c), "PostgreSQL rolls back the implicit transaction of the batch");
      // the connection is fine and later statements commit on their own
      ps.setInt(1, 7);
      ps.setString(2, "[7,7,7]");
      assertEquals(1, ps.executeUpdate());
      assertEquals(1, count(c));
    }
  }

  @Test
  void aSimpleQueryWithSeveralStatementsIsAllOrNothing() throws Exception {
    try (Connection c = connect(); Statement st = c.createStatement()) {
      assertThrows(
          SQLException.class,
          () -> st.execute(
              "INSERT INTO t (a, embedding) VALUES (1, '[1,1,1]'); "
                  + "INSERT INTO t (a, embedding) VALUES (2, '[nope]')"));
      assertEquals(0, count(c));
      st.execute(
          "INSERT INTO t (a, embedding) VALUES (1, '[1,1,1]'); "
              + "INSERT INTO t (a, embedding) VALUES (2, '[2,2,2]')");
      assertEquals(2, count(c));
    }
  }

  @Test
  void explicitTransactionsAreUntouched() throws Exception {
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (a, embedding) VALUES (?, '[1,2,3]') RETURNING id")) {
        ps.setInt(1, 1);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          assertEquals(1L, rs.getLong(1));
        }
      }
      c.rollback();
      assertEquals(0, count(c));
      c.setAutoCommit(true);
    }
  }

  private static long count(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM t")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The newest manifest version in the data folder (versions live in its log files). */
  private static long manifestVersions() throws Exception {
    try (var store = new io.s3vector.storage.objectstore.LocalObjectStore(dir.resolve("store"))) {
      return store.list(io.s3vector.storage.layout.Layout.MANIFEST_PREFIX).stream()
          .mapToLong(io.s3vector.storage.layout.Layout::manifestVersion)
          .max()
          .orElse(0);
    }
  }
}
