package io.s3vector.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * ALTER TABLE ADD/DROP COLUMN through pgjdbc on a table whose rows span several segments: the
 * stored rows read the added column's DEFAULT, before and after VACUUM and a restart, and a
 * statement prepared before the change is planned again.
 */
class AlterTableJdbcTest {

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void addedColumnsKeepTheirDefaultInStoredRowsAcrossVacuumAndRestart() throws Exception {
    try (TestServer server = TestServer.trust().startNow()) {
      try (Connection c = server.connect(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE alter_items (id bigint PRIMARY KEY, embedding vector(2))");
        for (int batch = 0; batch < 3; batch++) { // a few commits: a few segments
          s.execute("INSERT INTO alter_items SELECT i, ARRAY[i, 0]::vector FROM generate_series("
              + (batch * 100 + 1) + ", " + (batch * 100 + 100) + ") AS i");
        }
        PreparedStatement byId = c.prepareStatement("SELECT * FROM alter_items WHERE id = ?");
        for (int i = 0; i < 6; i++) { // past pgjdbc's prepareThreshold: a named server statement
          byId.setLong(1, 1);
          byId.executeQuery().close();
        }
        s.execute("ALTER TABLE alter_items ADD COLUMN tag text NOT NULL DEFAULT 'old', ADD COLUMN n int");
        s.execute("INSERT INTO alter_items VALUES (301, '[301,0]', 'new', 7)");
        assertEquals(300, count(c, "SELECT count(*) FROM alter_items WHERE tag = 'old' AND n IS NULL"));
        byId.setLong(1, 301);
        try (ResultSet rs = byId.executeQuery()) { // planned again: four columns now
          rs.next();
          assertEquals("new", rs.getString("tag"));
          assertEquals(7, rs.getInt("n"));
        }
        s.execute("ALTER TABLE alter_items DROP COLUMN n");
        s.execute("VACUUM alter_items");
        assertEquals(300, count(c, "SELECT count(*) FROM alter_items WHERE tag = 'old'"));
      }
      server.restart();
      try (Connection c = server.connect(); Statement s = c.createStatement()) {
        assertEquals(300, count(c, "SELECT count(*) FROM alter_items WHERE tag = 'old'"));
        try (ResultSet rs = s.executeQuery("SELECT * FROM alter_items ORDER BY embedding <-> '[301,0]' LIMIT 1")) {
          rs.next();
          assertEquals(3, rs.getMetaData().getColumnCount());
          assertEquals("new", rs.getString("tag"));
        }
      }
    }
  }
}
