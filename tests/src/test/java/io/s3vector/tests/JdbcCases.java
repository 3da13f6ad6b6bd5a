package io.s3vector.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.PGStatement;
import org.postgresql.util.PGobject;

/**
 * DDL, DML and queries through pgjdbc, in its default (extended) protocol mode: run on a data
 * folder by {@link JdbcTest} and on an S3 bucket by {@link JdbcOnS3Test}.
 */
abstract class JdbcCases {

  /** The server the cases run against. */
  abstract TestServer server();

  private static void exec(Connection c, String... sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    }
  }

  /** The rows of a query as text, columns joined by '|'. */
  static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          sb.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        out.add(sb.toString());
      }
    }
    return out;
  }

  @Test
  void createExtensionIsAccepted() throws SQLException {
    try (Connection c = server().connect()) {
      exec(c, "CREATE EXTENSION IF NOT EXISTS vector", "CREATE EXTENSION IF NOT EXISTS vector");
      assertEquals(List.of("[1,2,3]"), rows(c, "SELECT '[1,2,3]'::vector"));
    }
  }

  @Test
  void everyColumnTypeRoundTripsThroughParameters() throws SQLException {
    try (Connection c = server().connect()) {
      exec(
          c,
          "DROP TABLE IF EXISTS jdbc_types",
          "CREATE TABLE jdbc_types (id bigserial PRIMARY KEY, i integer NOT NULL, s smallint,"
              + " b bigint, t text, vc varchar(10), flag boolean, r real, d double precision,"
              + " ts timestamp, tstz timestamptz, doc jsonb, embedding vector(3),"
              + " label text DEFAULT 'none', price numeric(10,2), bin bytea, day date)");
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO jdbc_types (i, s, b, t, vc, flag, r, d, ts, tstz, doc, embedding, price, bin, day)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::vector, ?, ?, ?)")) {
        ps.setInt(1, 42);
        ps.setShort(2, (short) -7);
        ps.setLong(3, 9_000_000_000L);
        ps.setString(4, "héllo 'quoted'");
        ps.setString(5, "short");
        ps.setBoolean(6, true);
        ps.setFloat(7, 1.25f);
        ps.setDouble(8, Math.PI);
        ps.setTimestamp(9, Timestamp.valueOf(LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_000)));
        ps.setObject(10, OffsetDateTime.of(2024, 2, 29, 13, 14, 15, 0, ZoneOffset.UTC));
        ps.setObject(11, "{\"k\": [1, 2]}", Types.OTHER);
        ps.setString(12, "[1,2.5,-3]");
        ps.setBigDecimal(13, new java.math.BigDecimal("19.995")); // numeric(10,2) rounds it
        ps.setBytes(14, new byte[] {0, 1, (byte) 0xff, '\\'}); // pgjdbc sends bytea in binary
        ps.setObject(15, java.time.LocalDate.of(2024, 2, 29));
        assertEquals(1, ps.executeUpdate());
        ps.setInt(1, 1);
        for (int p = 2; p <= 15; p++) {
          ps.setNull(p, Types.NULL);
        }
        assertEquals(1, ps.executeUpdate());
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT * FROM jdbc_types ORDER BY id")) {
        ResultSetMetaData md = rs.getMetaData();
        List<String> typeNames = new ArrayList<>();
        for (int i = 2; i <= md.getColumnCount(); i++) {
          typeNames.add(md.getColumnTypeName(i));
        }
        // (column 1: pgjdbc says "bigserial" after looking up the column default in pg_attrdef)
        assertEquals(
            List.of("int4", "int2", "int8", "text", "varchar", "bool", "float4", "float8",
                "timestamp", "timestamptz", "jsonb", "vector", "text", "numeric", "bytea", "date"),
            typeNames);
        assertEquals(10, md.getPrecision(15));
        assertEquals(2, md.getScale(15));
        assertTrue(rs.next());
        assertEquals(1L, rs.getObject("id"));
        assertEquals(42, rs.getObject("i"));
        assertEquals(-7, rs.getInt("s"));
        assertEquals(9_000_000_000L, rs.getObject("b"));
        assertEquals("héllo 'quoted'", rs.getObject("t"));
        assertEquals("short", rs.getString("vc"));
        assertEquals(Boolean.TRUE, rs.getObject("flag"));
        assertEquals(1.25f, rs.getObject("r"));
        assertEquals(Math.PI, rs.getObject("d"));
        assertEquals(
            LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_000),
            rs.getObject("ts", LocalDateTime.class));
        assertEquals(
            OffsetDateTime.of(2024, 2, 29, 13, 14, 15, 0, ZoneOffset.UTC).toInstant(),
            rs.getObject("tstz", OffsetDateTime.class).toInstant());
        assertEquals("{\"k\": [1, 2]}", rs.getString("doc"));
        PGobject v = assertInstanceOf(PGobject.class, rs.getObject("embedding"));
        assertEquals("vector", v.getType());
        assertEquals("[1,2.5,-3]", v.getValue());
        assertEquals("none", rs.getString("label"));
        assertEquals(new java.math.BigDecimal("20.00"), rs.getBigDecimal("price"));
        assertArrayEquals(new byte[] {0, 1, (byte) 0xff, '\\'}, rs.getBytes("bin"));
        assertEquals("\\x0001ff5c", rs.getString("bin"));
        assertEquals(java.time.LocalDate.of(2024, 2, 29), rs.getObject("day", java.time.LocalDate.class));
        assertTrue(rs.next());
        assertEquals(2L, rs.getLong("id"));
        for (String col : List.of("s", "b", "t", "vc", "flag", "r", "d", "ts", "tstz", "doc", "embedding",
            "price", "bin", "day")) {
          assertNull(rs.getObject(col), col);
        }
        assertFalse(rs.next());
      }
      // past pgjdbc's prepareThreshold the numeric arrives in binary, and goes as a parameter too
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT price, price * ?, day + 1, bin FROM jdbc_types WHERE i = 42")) {
        for (int i = 0; i < 7; i++) {
          ps.setBigDecimal(1, new java.math.BigDecimal("-0.5"));
          try (ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next());
            assertEquals(new java.math.BigDecimal("20.00"), rs.getBigDecimal(1));
            assertEquals(new java.math.BigDecimal("-10.000"), rs.getBigDecimal(2));
            assertEquals(java.time.LocalDate.of(2024, 3, 1), rs.getObject(3, java.time.LocalDate.class));
            assertArrayEquals(new byte[] {0, 1, (byte) 0xff, '\\'}, rs.getBytes(4));
          }
        }
      }
    }
  }

  @Test
  void multiRowInsertWithParametersAndReturning() throws SQLException {
    try (Connection c = server().connect()) {
      exec(
          c,
          "DROP TABLE IF EXISTS jdbc_items",
          "CREATE TABLE jdbc_items (id bigserial PRIMARY KEY, name text NOT NULL,"
              + " embedding vector(2))");
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO jdbc_items (name, embedding) VALUES (?, ?::vector), (?, ?::vector)"
                  + " RETURNING id, name, embedding")) {
        ps.setString(1, "a");
        ps.setString(2, "[1,1]");
        ps.setString(3, "b");
        ps.setString(4, "[2,2]");
        List<String> returned = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            returned.add(rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
          }
        }
        assertEquals(List.of("1|a|[1,1]", "2|b|[2,2]"), returned);
      }
      // pgjdbc's generated keys append RETURNING to the statement
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO jdbc_items (name) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
        ps.setString(1, "c");
        assertEquals(1, ps.executeUpdate());
        try (ResultSet keys = ps.getGeneratedKeys()) {
          assertTrue(keys.next());
          assertEquals(3L, keys.getLong("id"));
        }
      }
      assertEquals(
          List.of("1|a", "2|b", "3|c"), rows(c, "SELECT id, name FROM jdbc_items ORDER BY id"));
    }
  }

  @Test
  void batchesOfPreparedInserts() throws SQLException {
    try (Connection c = server().connect()) {
      exec(
          c,
          "DROP TABLE IF EXISTS jdbc_batch",
          "CREATE TABLE jdbc_batch (id integer PRIMARY KEY, embedding vector(3))");
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO jdbc_batch (id, embedding) VALUES (?, ?::vector)")) {
        for (int i = 0; i < 250; i++) {
          ps.setInt(1, i);
          ps.setString(2, "[" + i + "," + (i + 1) + "," + (i + 2) + "]");
          ps.addBatch();
        }
        int[] counts = ps.executeBatch();
        assertEquals(250, counts.length);
        for (int n : counts) {
          assertTrue(n == 1 || n == Statement.SUCCESS_NO_INFO, "update count " + n);
        }
      }
      assertEquals(List.of("250|0|249"), rows(c, "SELECT count(*), min(id), max(id) FROM jdbc_batch"));
      assertEquals(List.of("[100,101,102]"), rows(c, "SELECT embedding FROM jdbc_batch WHERE id = 100"));
    }
    // the same with pgjdbc rewriting the batch into multi-row VALUES
    try (Connection c = server().connect(TestServer.props("reWriteBatchedInserts", "true"))) {
      exec(c, "DROP TABLE IF EXISTS jdbc_batch2", "CREATE TABLE jdbc_batch2 (id integer, t text)");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO jdbc_batch2 (id, t) VALUES (?, ?)")) {
        for (int i = 0; i < 100; i++) {
          ps.setInt(1, i);
          ps.setString(2, "row " + i);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      assertEquals(List.of("100|4950"), rows(c, "SELECT count(*), sum(id) FROM jdbc_batch2"));
    }
  }

  @Test
  void preparedStatementReusedTenTimesBecomesServerPrepared() throws SQLException {
    try (Connection c = server().connect(TestServer.props("prepareThreshold", "3"))) {
      exec(
          c,
          "DROP TABLE IF EXISTS jdbc_reuse",
          "CREATE TABLE jdbc_reuse (id integer, v vector(2), r real, d double precision, b boolean)",
          "INSERT INTO jdbc_reuse VALUES (1, '[0,0]', 0.5, 0.25, true), (2, '[1,0]', 1.5, 1.25, false),"
              + " (3, '[0,2]', 2.5, 2.25, true)");
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT id, v <-> ?::vector AS dist, r, d, b, id::smallint AS s, id::bigint AS l"
                  + " FROM jdbc_reuse WHERE id >= ? ORDER BY id")) {
        for (int round = 0; round < 10; round++) {
          ps.setString(1, "[0," + round + "]");
          ps.setInt(2, 1 + round % 3);
          List<String> got = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              got.add(rs.getInt(1) + "|" + rs.getDouble(2) + "|" + rs.getFloat(3) + "|"
                  + rs.getDouble(4) + "|" + rs.getBoolean(5) + "|" + rs.getShort(6) + "|"
                  + rs.getLong(7));
            }
          }
          List<String> expected = new ArrayList<>();
          double[][] vs = {{0, 0}, {1, 0}, {0, 2}};
          for (int id = 1 + round % 3; id <= 3; id++) {
            double dx = vs[id - 1][0];
            double dy = vs[id - 1][1] - round;
            expected.add(id + "|" + Math.sqrt(dx * dx + dy * dy) + "|" + (id - 0.5f) + "|"
                + (id - 0.75) + "|" + (id != 2) + "|" + id + "|" + id);
          }
          assertEquals(expected, got, "round " + round);
        }
        assertTrue(ps.unwrap(PGStatement.class).isUseServerPrepare(), "server-prepared by now");
      }
    }
  }

  @Test
  void everyStatementServerPreparedWithBinaryTransfer() throws SQLException {
    // prepareThreshold=-1: pgjdbc prepares on the server at once and asks for binary results
    try (Connection c = server().connect(TestServer.props("prepareThreshold", "-1"))) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT ?::integer + 1, ?::bigint * 2, ?::smallint, ?::real, ?::double precision,"
                  + " ?::boolean, ?::text")) {
        for (int i = 0; i < 3; i++) {
          ps.setInt(1, i);
          ps.setLong(2, 1L << 40);
          ps.setShort(3, (short) 300);
          ps.setFloat(4, 0.1f);
          ps.setDouble(5, 0.1);
          ps.setBoolean(6, i % 2 == 0);
          ps.setString(7, "x" + i);
          try (ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next());
            assertEquals(i + 1, rs.getInt(1));
            assertEquals(1L << 41, rs.getLong(2));
            assertEquals(300, rs.getInt(3));
            assertEquals(0.1f, rs.getFloat(4));
            assertEquals(0.1, rs.getDouble(5));
            assertEquals(i % 2 == 0, rs.getBoolean(6));
            assertEquals("x" + i, rs.getString(7));
          }
        }
      }
    }
  }

  @Test
  void fetchSizeWithAutocommitOffReadsInPortions() throws SQLException {
    try (Connection c = server().connect()) {
      exec(c, "DROP TABLE IF EXISTS jdbc_fetch", "CREATE TABLE jdbc_fetch (id integer, v vector(2))");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO jdbc_fetch VALUES (?, ?::vector)")) {
        for (int i = 0; i < 1000; i++) {
          ps.setInt(1, i);
          ps.setString(2, "[" + i + ",0]");
          ps.addBatch();
        }
        ps.executeBatch();
      }
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement("SELECT id, v FROM jdbc_fetch WHERE id >= ? ORDER BY id")) {
        ps.setFetchSize(64);
        ps.setInt(1, 10);
        int expected = 10;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            assertEquals(expected, rs.getInt(1));
            assertEquals("[" + expected + ",0]", rs.getString(2));
            expected++;
          }
        }
        assertEquals(1000, expected);
      }
      // two portals open at once
      try (Statement a = c.createStatement(); Statement b = c.createStatement()) {
        a.setFetchSize(10);
        b.setFetchSize(7);
        try (ResultSet ra = a.executeQuery("SELECT id FROM jdbc_fetch ORDER BY id");
            ResultSet rb = b.executeQuery("SELECT id FROM jdbc_fetch ORDER BY id DESC")) {
          for (int i = 0; i < 100; i++) {
            assertTrue(ra.next());
            assertTrue(rb.next());
            assertEquals(i, ra.getInt(1));
            assertEquals(999 - i, rb.getInt(1));
          }
        }
      }
      c.commit();
      c.setAutoCommit(true);
      assertEquals(List.of("1000"), rows(c, "SELECT count(*) FROM jdbc_fetch"));
    }
  }

  @Test
  void queriesWithExpressionsFiltersOrderingAndAggregates() throws SQLException {
    try (Connection c = server().connect()) {
      exec(
          c,
          "DROP TABLE IF EXISTS jdbc_query",
          "CREATE TABLE jdbc_query (id integer PRIMARY KEY, category text, price double precision,"
              + " embedding vector(2))",
          "INSERT INTO jdbc_query VALUES (1, 'a', 10, '[0,0]'), (2, 'b', 20, '[1,1]'),"
              + " (3, 'a', 30, '[2,2]'), (4, 'b', 40, '[3,3]'), (5, 'c', NULL, '[4,4]')");
      assertEquals(List.of("5"), rows(c, "SELECT count(*) FROM jdbc_query"));
      assertEquals(
          List.of("a|2|40|20", "b|2|60|30", "c|1|null|null"),
          rows(
              c,
              "SELECT category, count(*), sum(price), avg(price) FROM jdbc_query"
                  + " GROUP BY category ORDER BY category"));
      assertEquals(
          List.of("4|80", "3|60"),
          rows(c, "SELECT id, price * 2 FROM jdbc_query WHERE price > 15 AND category <> 'x'"
              + " ORDER BY price DESC LIMIT 2"));
      assertEquals(List.of("3", "4"), rows(c, "SELECT id FROM jdbc_query ORDER BY id LIMIT 2 OFFSET 2"));
      assertEquals(List.of("10|40|4"), rows(c, "SELECT min(price), max(price), count(price) FROM jdbc_query"));
      assertEquals(
          List.of("3|0", "2|1.4142135623730951"),
          rows(c, "SELECT id, embedding <-> '[2,2]' FROM jdbc_query WHERE category IN ('a', 'b')"
              + " AND id > 1 ORDER BY embedding <-> '[2,2]', id LIMIT 2"));
      assertEquals(
          List.of("2", "4"),
          rows(c, "SELECT id FROM jdbc_query WHERE id > 1 AND price IS NOT NULL"
              + " ORDER BY embedding <-> '[2,2]' DESC, id LIMIT 2"));
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT id FROM jdbc_query WHERE category = ? ORDER BY embedding <=> ?::vector, id LIMIT ?")) {
        ps.setString(1, "a");
        ps.setString(2, "[1,2]");
        ps.setInt(3, 1);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(3, rs.getInt(1));
          assertFalse(rs.next());
        }
      }
      assertEquals(List.of("[1,1]|[3,3]"), rows(c, "SELECT avg(embedding), sum(embedding) FROM jdbc_query WHERE id <= 3"));
    }
  }

  @Test
  void exactSearchTiesAreDeterministic() throws SQLException {
    try (Connection c = server().connect()) {
      exec(c, "DROP TABLE IF EXISTS jdbc_ties", "CREATE TABLE jdbc_ties (id integer, v vector(2))");
      StringBuilder insert = new StringBuilder("INSERT INTO jdbc_ties VALUES ");
      for (int i = 0; i < 200; i++) {
        insert.append(i > 0 ? "," : "").append("(").append(i).append(", '[").append(i % 4).append(",0]')");
      }
      exec(c, insert.toString());
      String q = "SELECT id FROM jdbc_ties ORDER BY v <-> '[0,0]' LIMIT 10";
      List<String> first = rows(c, q);
      assertEquals(10, first.size());
      for (String id : first) {
        assertEquals(0, Integer.parseInt(id) % 4, "a row at distance 0: " + id);
      }
      for (int i = 0; i < 5; i++) {
        assertEquals(first, rows(c, q), "the same ties each time");
      }
    }
  }

  @Test
  void dropTable() throws SQLException {
    try (Connection c = server().connect()) {
      exec(c, "DROP TABLE IF EXISTS jdbc_drop", "CREATE TABLE jdbc_drop (id integer)",
          "INSERT INTO jdbc_drop VALUES (1)", "DROP TABLE jdbc_drop", "DROP TABLE IF EXISTS jdbc_drop",
          "CREATE TABLE jdbc_drop (id integer, v vector(1))");
      assertEquals(List.of("0"), rows(c, "SELECT count(*) FROM jdbc_drop"));
    }
  }

  @Test
  void updateCountsAndCommandTags() throws SQLException {
    try (Connection c = server().connect(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS jdbc_tags");
      assertEquals(0, s.executeUpdate("CREATE TABLE jdbc_tags (id integer)"));
      assertEquals(3, s.executeUpdate("INSERT INTO jdbc_tags VALUES (1), (2), (3)"));
      assertArrayEquals(new int[] {0}, new int[] {s.executeUpdate("DROP TABLE jdbc_tags")});
    }
  }
}
