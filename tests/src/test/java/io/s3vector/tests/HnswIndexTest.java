package io.s3vector.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pgvector.PGvector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The HNSW index through SQL (issue 3): CREATE/DROP INDEX with pgvector's options and errors, the
 * hnsw.* settings, which plans use the index (EXPLAIN), and that results with the index equal the
 * exact ones on small data, before and after a restart. Errors and settings are checked against
 * PostgreSQL + pgvector 0.8.6 too (reference mode); EXPLAIN texts are ours only.
 */
class HnswIndexTest {
  @RegisterExtension static final TestServer server = TestServer.trust();

  static final int DIM = 8;
  private static Connection conn;

  @BeforeAll
  static void open() throws SQLException {
    conn = server.connect();
  }

  @AfterAll
  static void close() throws SQLException {
    if (conn != null) {
      conn.close();
    }
  }

  static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  static String scalar(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getString(1);
    }
  }

  static List<Integer> ids(Connection c, String sql) throws SQLException {
    List<Integer> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getInt(1));
      }
    }
    return out;
  }

  static List<Integer> ids(PreparedStatement ps) throws SQLException {
    List<Integer> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getInt(1));
      }
    }
    return out;
  }

  static String plan(Connection c, String sql) throws SQLException {
    StringBuilder sb = new StringBuilder();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
      while (rs.next()) {
        sb.append(rs.getString(1)).append('\n');
      }
    }
    return sb.toString();
  }

  static String plan(PreparedStatement ps) throws SQLException {
    StringBuilder sb = new StringBuilder();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        sb.append(rs.getString(1)).append('\n');
      }
    }
    return sb.toString();
  }

  /** The statement fails with this SQLSTATE and message (and detail, when not null). */
  static void assertError(Connection c, String sql, String sqlState, String message, String detail) {
    PSQLException e = assertThrows(PSQLException.class, () -> exec(c, sql), sql);
    ServerErrorMessage m = e.getServerErrorMessage();
    assertNotNull(m, sql);
    assertEquals(sqlState, e.getSQLState(), sql + ": " + e.getMessage());
    assertEquals(message, m.getMessage(), sql);
    if (detail != null) {
      assertEquals(detail, m.getDetail(), sql);
    }
  }

  static void assertIndexScan(String plan, String index, String metric) {
    assertTrue(plan.contains("VectorIndexScan("), "an index scan:\n" + plan);
    assertTrue(plan.contains("index=[" + index + "]"), "index " + index + ":\n" + plan);
    assertTrue(plan.contains("metric=[" + metric + "]"), "metric " + metric + ":\n" + plan);
    assertFalse(plan.contains("ExactTopKScan"), plan);
  }

  static void assertExactScan(String plan) {
    assertFalse(plan.contains("VectorIndexScan"), "no index scan:\n" + plan);
  }

  static float[] randomVector(Random r, int dim) {
    float[] v = new float[dim];
    for (int i = 0; i < dim; i++) {
      v[i] = r.nextInt(1000) / 10f;
    }
    return v;
  }

  static String text(float[] v) {
    return new PGvector(v).toString();
  }

  /** A table of n random rows, id 0..n-1, categories 'a' and 'b'. */
  static void createTable(Connection c, String table, int n, long seed) throws SQLException {
    exec(c, "DROP TABLE IF EXISTS " + table);
    exec(c, "CREATE TABLE " + table + " (id integer PRIMARY KEY, category text, embedding vector(" + DIM + "))");
    insertRows(c, table, 0, n, seed);
  }

  static void insertRows(Connection c, String table, int from, int to, long seed) throws SQLException {
    Random r = new Random(seed);
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO " + table + " (id, category, embedding) VALUES (?, ?, ?)")) {
      for (int i = from; i < to; i++) {
        ps.setInt(1, i);
        ps.setString(2, i % 2 == 0 ? "a" : "b");
        ps.setObject(3, new PGvector(randomVector(r, DIM)));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  // ---------------------------------------------------------------- DDL

  @Test
  void createIndexDefaultNameIfNotExistsAndDrop() throws SQLException {
    createTable(conn, "ddl_items", 10, 1);
    exec(conn, "CREATE INDEX ON ddl_items USING hnsw (embedding vector_l2_ops)");
    // a second unnamed index gets a numbered name, as in PostgreSQL
    exec(conn, "CREATE INDEX ON ddl_items USING hnsw (embedding vector_l2_ops)");
    assertError(conn, "CREATE INDEX ddl_items_embedding_idx ON ddl_items USING hnsw (embedding vector_l2_ops)",
        "42P07", "relation \"ddl_items_embedding_idx\" already exists", null);
    exec(conn, "CREATE INDEX IF NOT EXISTS ddl_items_embedding_idx ON ddl_items USING hnsw (embedding vector_l2_ops)");
    exec(conn, "DROP INDEX ddl_items_embedding_idx");
    exec(conn, "DROP INDEX ddl_items_embedding_idx1");
    assertError(conn, "DROP INDEX ddl_items_embedding_idx", "42704",
        "index \"ddl_items_embedding_idx\" does not exist", null);
    exec(conn, "DROP INDEX IF EXISTS ddl_items_embedding_idx");
    for (String opclass : List.of("vector_l2_ops", "vector_ip_ops", "vector_cosine_ops", "vector_l1_ops")) {
      exec(conn, "CREATE INDEX ddl_" + opclass + " ON ddl_items USING hnsw (embedding " + opclass
          + ") WITH (m = 4, ef_construction = 8)");
      exec(conn, "DROP INDEX ddl_" + opclass);
    }
    exec(conn, "CREATE INDEX ddl_bounds ON ddl_items USING hnsw (embedding vector_l2_ops) WITH (m = 2, ef_construction = 4)");
    exec(conn, "DROP INDEX ddl_bounds");
    exec(conn, "CREATE INDEX ddl_bounds ON ddl_items USING hnsw (embedding vector_l2_ops) WITH (m = 100, ef_construction = 1000)");
    exec(conn, "DROP INDEX ddl_bounds");
    exec(conn, "DROP TABLE ddl_items");
  }

  @Test
  void optionRangeErrors() throws SQLException {
    createTable(conn, "opt_items", 5, 2);
    String create = "CREATE INDEX opt_idx ON opt_items USING hnsw (embedding vector_l2_ops) WITH ";
    assertError(conn, create + "(m = 1)", "22023", "value 1 out of bounds for option \"m\"",
        "Valid values are between \"2\" and \"100\".");
    assertError(conn, create + "(m = 101)", "22023", "value 101 out of bounds for option \"m\"",
        "Valid values are between \"2\" and \"100\".");
    assertError(conn, create + "(ef_construction = 3)", "22023",
        "value 3 out of bounds for option \"ef_construction\"",
        "Valid values are between \"4\" and \"1000\".");
    assertError(conn, create + "(ef_construction = 1001)", "22023",
        "value 1001 out of bounds for option \"ef_construction\"",
        "Valid values are between \"4\" and \"1000\".");
    assertError(conn, create + "(m = 16, ef_construction = 20)", "22023",
        "ef_construction must be greater than or equal to 2 * m", null);
    exec(conn, "DROP INDEX IF EXISTS opt_idx");
    exec(conn, "DROP TABLE opt_items");
  }

  @Test
  void optionRangeErrorsHaveNoPosition() throws SQLException {
    createTable(conn, "pos_items", 5, 2);
    PSQLException e = assertThrows(PSQLException.class, () -> exec(conn,
        "CREATE INDEX pos_idx ON pos_items USING hnsw (embedding vector_l2_ops) WITH (m = 1)"));
    assertEquals(0, e.getServerErrorMessage().getPosition(), e.getMessage());
    exec(conn, "DROP TABLE pos_items");
  }

  // ---------------------------------------------------------------- settings

  @Test
  void efSearchSetting() throws SQLException {
    try (Connection c = server.connect()) {
      // in PostgreSQL the hnsw.* settings exist once the session has loaded pgvector
      scalar(c, "SELECT '[1]'::vector");
      assertEquals("40", scalar(c, "SHOW hnsw.ef_search"));
      exec(c, "SET hnsw.ef_search = 100");
      assertEquals("100", scalar(c, "SHOW hnsw.ef_search"));
      exec(c, "SET hnsw.ef_search = 1");
      exec(c, "SET hnsw.ef_search = 1000");
      assertEquals("1000", scalar(c, "SHOW hnsw.ef_search"));
      assertError(c, "SET hnsw.ef_search = 0", "22023",
          "0 is outside the valid range for parameter \"hnsw.ef_search\" (1 .. 1000)", null);
      assertError(c, "SET hnsw.ef_search = 1001", "22023",
          "1001 is outside the valid range for parameter \"hnsw.ef_search\" (1 .. 1000)", null);
      assertEquals("1000", scalar(c, "SHOW hnsw.ef_search"), "a failed SET changes nothing");
      exec(c, "RESET hnsw.ef_search");
      assertEquals("40", scalar(c, "SHOW hnsw.ef_search"));

      c.setAutoCommit(false);
      exec(c, "SET LOCAL hnsw.ef_search = 7");
      assertEquals("7", scalar(c, "SHOW hnsw.ef_search"));
      c.commit();
      c.setAutoCommit(true);
      assertEquals("40", scalar(c, "SHOW hnsw.ef_search"), "SET LOCAL ends with the transaction");

      exec(c, "SET hnsw.iterative_scan = relaxed_order");
      assertEquals("relaxed_order", scalar(c, "SHOW hnsw.iterative_scan"));
      exec(c, "SET hnsw.iterative_scan = off");
      assertEquals("off", scalar(c, "SHOW hnsw.iterative_scan"));
    }
  }

  // ---------------------------------------------------------------- EXPLAIN

  @Test
  void explainUsesTheIndex() throws SQLException {
    TestServer.assumeInProcess();
    createTable(conn, "ex_items", 50, 3);
    exec(conn, "CREATE INDEX ON ex_items USING hnsw (embedding vector_l2_ops)");
    String q = "'" + text(randomVector(new Random(9), DIM)) + "'";
    String idx = "ex_items_embedding_idx";

    String p = plan(conn, "SELECT id FROM ex_items ORDER BY embedding <-> " + q + " LIMIT 5");
    assertIndexScan(p, idx, "<->");
    assertTrue(p.contains("k=[5"), p);
    assertTrue(p.contains("ef_search=[40]"), p);

    assertIndexScan(plan(conn, "SELECT id FROM ex_items ORDER BY embedding <-> " + q + "::vector LIMIT 5"), idx, "<->");
    assertIndexScan(plan(conn, "SELECT id, embedding <-> " + q + " AS d FROM ex_items ORDER BY embedding <-> " + q + " LIMIT 5"), idx, "<->");
    p = plan(conn, "SELECT id FROM ex_items WHERE category = 'a' ORDER BY embedding <-> " + q + " LIMIT 5");
    assertIndexScan(p, idx, "<->");
    assertTrue(p.contains("'a'"), "the filter is in the plan:\n" + p);

    try (Connection c = server.connect()) {
      exec(c, "SET hnsw.ef_search = 123");
      assertTrue(plan(c, "SELECT id FROM ex_items ORDER BY embedding <-> " + q + " LIMIT 5")
          .contains("ef_search=[123]"));
    }

    // parameters: the query vector, and LIMIT
    try (PreparedStatement ps = conn.prepareStatement("EXPLAIN SELECT id FROM ex_items ORDER BY embedding <-> ? LIMIT 5")) {
      ps.setObject(1, new PGvector(randomVector(new Random(9), DIM)));
      assertIndexScan(plan(ps), idx, "<->");
    }
    try (PreparedStatement ps = conn.prepareStatement("EXPLAIN SELECT id FROM ex_items ORDER BY embedding <-> " + q + " LIMIT ?")) {
      ps.setInt(1, 5);
      assertIndexScan(plan(ps), idx, "<->");
    }

    // exact: an operator the opclass does not serve, DESC, no index
    assertExactScan(plan(conn, "SELECT id FROM ex_items ORDER BY embedding <=> " + q + " LIMIT 5"));
    assertTrue(plan(conn, "SELECT id FROM ex_items ORDER BY embedding <=> " + q + " LIMIT 5").contains("ExactTopKScan"));
    assertExactScan(plan(conn, "SELECT id FROM ex_items ORDER BY embedding <-> " + q + " DESC LIMIT 5"));
    exec(conn, "DROP INDEX ex_items_embedding_idx");
    p = plan(conn, "SELECT id FROM ex_items ORDER BY embedding <-> " + q + " LIMIT 5");
    assertExactScan(p);
    assertTrue(p.contains("ExactTopKScan"), p);
    exec(conn, "DROP TABLE ex_items");
  }

  @Test
  void explainUsesTheIndexWithASecondOrderKey() throws SQLException {
    TestServer.assumeInProcess();
    createTable(conn, "ex2_items", 50, 4);
    exec(conn, "CREATE INDEX ON ex2_items USING hnsw (embedding vector_l2_ops)");
    String q = "'" + text(randomVector(new Random(9), DIM)) + "'";
    assertIndexScan(plan(conn, "SELECT id FROM ex2_items ORDER BY embedding <-> " + q + ", id LIMIT 5"),
        "ex2_items_embedding_idx", "<->");
    exec(conn, "DROP TABLE ex2_items");
  }

  @Test
  void otherMetricsUseTheirIndex() throws SQLException {
    TestServer.assumeInProcess();
    createTable(conn, "om_items", 30, 5);
    String q = "'" + text(randomVector(new Random(9), DIM)) + "'";
    String[][] cases = {{"vector_ip_ops", "<#>"}, {"vector_cosine_ops", "<=>"}, {"vector_l1_ops", "<+>"}};
    for (String[] c : cases) {
      exec(conn, "CREATE INDEX om_idx ON om_items USING hnsw (embedding " + c[0] + ")");
      assertIndexScan(plan(conn, "SELECT id FROM om_items ORDER BY embedding " + c[1] + " " + q + " LIMIT 3"), "om_idx", c[1]);
      assertExactScan(plan(conn, "SELECT id FROM om_items ORDER BY embedding <-> " + q + " LIMIT 3"));
      exec(conn, "DROP INDEX om_idx");
    }
    exec(conn, "DROP TABLE om_items");
  }

  // ---------------------------------------------------------------- results

  /** Top 10 of each of 20 queries, by SQL literal, for one operator. */
  static List<List<Integer>> topTens(Connection c, String table, String op, long seed) throws SQLException {
    Random r = new Random(seed);
    List<List<Integer>> out = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      out.add(ids(c, "SELECT id FROM " + table + " ORDER BY embedding " + op + " '" + text(randomVector(r, DIM)) + "' LIMIT 10"));
    }
    return out;
  }

  @Test
  void indexBeforeOrAfterInsertGivesTheExactResults() throws SQLException {
    // ef_search above the row count: every path (a graph on int8 codes, the cold IVF path while
    // the graph loads, as the suite's second pass runs them) then ranks every row exactly
    exec(conn, "SET hnsw.ef_search = 400");
    for (String[] m : new String[][] {{"vector_l2_ops", "<->"}, {"vector_cosine_ops", "<=>"}, {"vector_ip_ops", "<#>"}}) {
      createTable(conn, "ba_exact", 300, 6);
      List<List<Integer>> exact = topTens(conn, "ba_exact", m[1], 7);

      createTable(conn, "ba_after", 300, 6);
      exec(conn, "CREATE INDEX ON ba_after USING hnsw (embedding " + m[0] + ")");
      assertEquals(exact, topTens(conn, "ba_after", m[1], 7), m[0] + ": index built after the rows");

      exec(conn, "DROP TABLE IF EXISTS ba_before");
      exec(conn, "CREATE TABLE ba_before (id integer PRIMARY KEY, category text, embedding vector(" + DIM + "))");
      exec(conn, "CREATE INDEX ON ba_before USING hnsw (embedding " + m[0] + ")");
      insertRows(conn, "ba_before", 0, 300, 6);
      assertEquals(exact, topTens(conn, "ba_before", m[1], 7), m[0] + ": index built before the rows");
    }
    exec(conn, "RESET hnsw.ef_search");
    exec(conn, "DROP TABLE ba_exact");
    exec(conn, "DROP TABLE ba_after");
    exec(conn, "DROP TABLE ba_before");
  }

  @Test
  void rowsInsertedAfterCreateIndexAreFoundAtOnce() throws SQLException {
    createTable(conn, "late_items", 100, 8);
    exec(conn, "CREATE INDEX ON late_items USING hnsw (embedding vector_l2_ops)");
    float[] far = new float[DIM];
    java.util.Arrays.fill(far, 5000f);
    exec(conn, "INSERT INTO late_items VALUES (1000, 'a', '" + text(far) + "')");
    float[] q = far.clone();
    q[0] = 4999f;
    assertEquals(List.of(1000), ids(conn, "SELECT id FROM late_items ORDER BY embedding <-> '" + text(q) + "' LIMIT 1"));
    insertRows(conn, "late_items", 100, 200, 9);
    List<List<Integer>> indexed = topTens(conn, "late_items", "<->", 10);
    exec(conn, "DROP INDEX late_items_embedding_idx");
    assertEquals(topTens(conn, "late_items", "<->", 10), indexed);
    exec(conn, "DROP TABLE late_items");
  }

  @Test
  void filteredSearchReturnsOnlyMatchingRows() throws SQLException {
    exec(conn, "DROP TABLE IF EXISTS few_items");
    exec(conn, "CREATE TABLE few_items (id integer PRIMARY KEY, category text, embedding vector(" + DIM + "))");
    Random r = new Random(11);
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO few_items VALUES (?, ?, ?)")) {
      for (int i = 0; i < 500; i++) {
        ps.setInt(1, i);
        ps.setString(2, i % 100 == 0 ? "rare" : "common");
        ps.setObject(3, new PGvector(randomVector(r, DIM)));
        ps.addBatch();
      }
      ps.executeBatch();
    }
    exec(conn, "CREATE INDEX ON few_items USING hnsw (embedding vector_l2_ops)");
    String q = "'" + text(randomVector(r, DIM)) + "'";
    List<Integer> got = ids(conn, "SELECT id FROM few_items WHERE category = 'rare' ORDER BY embedding <-> " + q + " LIMIT 10");
    assertEquals(List.of(0, 100, 200, 300, 400), got.stream().sorted().toList(), "all 5 matching rows: " + got);
    exec(conn, "DROP TABLE few_items");
  }

  @Test
  void preparedStatementPastPrepareThresholdUsesTheIndex() throws SQLException {
    createTable(conn, "ps_items", 400, 12);
    exec(conn, "CREATE INDEX ON ps_items USING hnsw (embedding vector_l2_ops)");
    Random r = new Random(13);
    try (Connection c = server.connect(TestServer.props("prepareThreshold", "5"));
        PreparedStatement ps = c.prepareStatement("SELECT id FROM ps_items ORDER BY embedding <-> ? LIMIT 10");
        PreparedStatement ex = c.prepareStatement("EXPLAIN SELECT id FROM ps_items ORDER BY embedding <-> ? LIMIT 10")) {
      for (int i = 0; i < 10; i++) {
        float[] q = randomVector(r, DIM);
        ps.setObject(1, new PGvector(q));
        List<Integer> got = ids(ps);
        assertEquals(ids(c, "SELECT id FROM ps_items ORDER BY embedding <-> '" + text(q) + "' LIMIT 10"), got,
            "execution " + (i + 1));
        if (TestServer.inProcess()) {
          ex.setObject(1, new PGvector(q));
          assertIndexScan(plan(ex), "ps_items_embedding_idx", "<->");
        }
      }
      assertTrue(ps.unwrap(org.postgresql.PGStatement.class).isUseServerPrepare(), "server-prepared by now");
    }
    exec(conn, "DROP TABLE ps_items");
  }

  @Test
  void theIndexSurvivesARestart() throws SQLException {
    TestServer.assumeInProcess();
    try (TestServer own = TestServer.trust().startNow()) {
      List<List<Integer>> before;
      try (Connection c = own.connect()) {
        createTable(c, "rs_items", 300, 14);
        exec(c, "CREATE INDEX rs_idx ON rs_items USING hnsw (embedding vector_cosine_ops) WITH (m = 8, ef_construction = 32)");
        insertRows(c, "rs_items", 300, 400, 15);
        before = topTens(c, "rs_items", "<=>", 16);
      }
      own.restart();
      try (Connection c = own.connect()) {
        String q = "'" + text(randomVector(new Random(1), DIM)) + "'";
        assertIndexScan(plan(c, "SELECT id FROM rs_items ORDER BY embedding <=> " + q + " LIMIT 10"), "rs_idx", "<=>");
        assertEquals(before, topTens(c, "rs_items", "<=>", 16));
        assertError(c, "CREATE INDEX rs_idx ON rs_items USING hnsw (embedding vector_l2_ops)", "42P07",
            "relation \"rs_idx\" already exists", null);
      }
    }
  }

  static PGConnection pg(Connection c) throws SQLException {
    return c.unwrap(PGConnection.class);
  }
}
