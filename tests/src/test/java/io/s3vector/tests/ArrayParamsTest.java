package io.s3vector.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Array parameters and results over pgjdbc, in text (the default) and binary transfer:
 * {@code = ANY(?)} and {@code <> ALL(?)} with {@code setArray}/{@code setObject(long[])}, and
 * {@code getArray} of array results, as frameworks send list filters.
 */
class ArrayParamsTest {
  @RegisterExtension static final TestServer server = TestServer.trust();

  private static List<String> ids(PreparedStatement ps) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private void check(Properties props, boolean binary) throws SQLException {
    try (Connection c = server.connect(props)) {
      try (Statement s = c.createStatement()) {
        s.execute("DROP TABLE IF EXISTS arr_docs");
        s.execute("CREATE TABLE arr_docs (id bigint, name text, meta jsonb)");
        s.execute("INSERT INTO arr_docs VALUES (1, 'a', '{\"k\": 1}'), (2, 'b', '{\"k\": 2}'),"
            + " (3, 'c', NULL)");
      }
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id FROM arr_docs WHERE id = ANY (?) ORDER BY id")) {
        ps.setArray(1, c.createArrayOf("int8", new Object[] {1L, 3L}));
        assertEquals(List.of("1", "3"), ids(ps));
        ps.setObject(1, new long[] {2L});
        assertEquals(List.of("2"), ids(ps));
      }
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id FROM arr_docs WHERE name <> ALL (?) ORDER BY id")) {
        ps.setArray(1, c.createArrayOf("text", new Object[] {"a", "b"}));
        assertEquals(List.of("3"), ids(ps));
      }
      try (PreparedStatement ps = c.prepareStatement(
          // pgjdbc reads ?? as the operator character ?, not as a placeholder
          "SELECT id FROM arr_docs WHERE meta ??| ? ORDER BY id")) {
        ps.setArray(1, c.createArrayOf("text", new Object[] {"k", "x"}));
        assertEquals(List.of("1", "2"), ids(ps));
      }
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT array_agg(id ORDER BY id DESC), ARRAY['x', NULL, 'y z'], ARRAY[1.5::float8]"
              + " FROM arr_docs")) {
        for (int i = 0; i < 2; i++) {
          try (ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next());
            Array ids = rs.getArray(1);
            assertArrayEquals(new Long[] {3L, 2L, 1L}, (Object[]) ids.getArray());
            assertArrayEquals(new String[] {"x", null, "y z"}, (Object[]) rs.getArray(2).getArray());
            assertArrayEquals(new Double[] {1.5}, (Object[]) rs.getArray(3).getArray());
            if (!binary) {
              // (pgjdbc prints a binary int8[] as {"3","2","1"} itself, whatever the server)
              assertEquals("{3,2,1}", rs.getString(1));
            }
          }
        }
      }
    }
  }

  @Test
  void textTransfer() throws SQLException {
    check(new Properties(), false);
  }

  @Test
  void binaryTransfer() throws SQLException {
    // prepareThreshold=-1: server-prepared at once, binary parameters and results where pgjdbc can
    check(TestServer.props("prepareThreshold", "-1"), true);
  }
}
