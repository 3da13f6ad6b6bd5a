package io.s3vector.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * UPDATE, DELETE and upserts through pgjdbc's extended protocol: parameters, batches, the update
 * counts pgjdbc reports, RETURNING, and FOREIGN KEY errors and cascades. Every expected value is
 * what PostgreSQL 15 + pgvector 0.8.6 gives (run with {@code -Ds3vector.test.reference=host:port}
 * to check them against one). In the S3 pass of the suite the tables are in a bucket.
 */
class WriteStatementsTest {
  @RegisterExtension static final TestServer server = TestServer.trust();

  private static void exec(Connection c, String... sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    }
  }

  private static List<String> rows(Connection c, String sql) throws SQLException {
    return JdbcCases.rows(c, sql);
  }

  private static void items(Connection c) throws SQLException {
    exec(c, "DROP TABLE IF EXISTS w_items",
        "CREATE TABLE w_items (id bigint PRIMARY KEY, category text, qty integer CHECK (qty >= 0),"
            + " embedding vector(3))",
        "INSERT INTO w_items VALUES (1, 'a', 10, '[1,0,0]'), (2, 'a', 20, '[0,1,0]'),"
            + " (3, 'b', 30, '[0,0,1]'), (4, 'b', 40, '[1,1,0]'), (5, 'c', 50, '[1,1,1]')");
  }

  @Test
  void preparedDataModifyingWithTakesItsParametersAtEveryRun() throws SQLException {
    try (Connection c = server.connect()) {
      items(c);
      exec(c, "DROP TABLE IF EXISTS w_archive",
          "CREATE TABLE w_archive (id bigint, category text, qty integer)");
      try (PreparedStatement move = c.prepareStatement("WITH moved AS (DELETE FROM w_items"
          + " WHERE category = ? AND qty < ? RETURNING id, category, qty)"
          + " INSERT INTO w_archive SELECT * FROM moved")) {
        int[] counts = new int[3];
        String[] categories = {"a", "b", "c"};
        for (int run = 0; run < 6; run++) { // past pgjdbc's prepareThreshold: a named statement
          move.setString(1, categories[run % 3]);
          move.setInt(2, 35 + run);
          counts[run % 3] += move.executeUpdate();
        }
        assertArrayEquals(new int[] {2, 1, 0}, counts);
      }
      assertEquals(List.of("4|b|40", "5|c|50"), rows(c, "SELECT id, category, qty FROM w_items ORDER BY id"));
      try (PreparedStatement count = c.prepareStatement("WITH ins AS (INSERT INTO w_items"
          + " (id, category, qty) VALUES (?, ?, ?) RETURNING qty) SELECT sum(qty) + ? FROM ins")) {
        count.setLong(1, 9);
        count.setString(2, "z");
        count.setInt(3, 7);
        count.setLong(4, 1000);
        try (ResultSet rs = count.executeQuery()) {
          rs.next();
          assertEquals(1007, rs.getLong(1));
          assertEquals("int8", rs.getMetaData().getColumnTypeName(1)); // sum(integer) is bigint
        }
      }
    }
  }

  @Test
  void preparedUpdateAndDeleteReportTheirCounts() throws SQLException {
    try (Connection c = server.connect()) {
      items(c);
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE w_items SET qty = ?, embedding = ?::vector WHERE id = ?")) {
        for (int run = 0; run < 6; run++) { // past pgjdbc's prepareThreshold: a named statement
          ps.setInt(1, 100 + run);
          ps.setString(2, "[9,9," + run + "]");
          ps.setLong(3, 1);
          assertEquals(1, ps.executeUpdate());
        }
        ps.setInt(1, 1);
        ps.setString(2, "[0,0,0]");
        ps.setLong(3, 99);
        assertEquals(0, ps.executeUpdate());
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE w_items SET qty = qty + 1 WHERE qty BETWEEN ? AND ?")) {
        ps.setInt(1, 20);
        ps.setInt(2, 40);
        assertEquals(3, ps.executeUpdate());
        assertEquals(3, ps.getUpdateCount());
      }
      try (Statement s = c.createStatement()) {
        assertFalse(s.execute("UPDATE w_items SET category = upper(category) WHERE category = 'b'"));
        assertEquals(2, s.getUpdateCount());
        assertEquals(5, s.executeUpdate("UPDATE w_items SET category = category"));
      }
      assertEquals(List.of("1|a|105|[9,9,5]", "2|a|21|[0,1,0]", "3|B|31|[0,0,1]",
          "4|B|41|[1,1,0]", "5|c|50|[1,1,1]"), rows(c, "SELECT * FROM w_items ORDER BY id"));
      // the updated vector is what the nearest-neighbour query finds
      assertEquals(List.of("1", "5"),
          rows(c, "SELECT id FROM w_items ORDER BY embedding <-> '[9,9,5]' LIMIT 2"));
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM w_items WHERE id = ?")) {
        ps.setLong(1, 2);
        assertEquals(1, ps.executeUpdate());
        assertEquals(0, ps.executeUpdate());
      }
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM w_items WHERE category = ? RETURNING id, qty")) {
        ps.setString(1, "B");
        List<String> deleted = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            deleted.add(rs.getLong(1) + ":" + rs.getInt(2));
          }
        }
        assertEquals(List.of("3:31", "4:41"), deleted);
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE w_items SET qty = qty * ? WHERE id = ? RETURNING id, qty")) {
        ps.setInt(1, 2);
        ps.setLong(2, 5);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          assertEquals(100, rs.getInt(2));
        }
      }
      assertEquals(List.of("1|105", "5|100"), rows(c, "SELECT id, qty FROM w_items ORDER BY id"));
    }
  }

  @Test
  void batchesOfUpdatesDeletesAndUpserts() throws SQLException {
    try (Connection c = server.connect()) {
      items(c);
      try (PreparedStatement ps = c.prepareStatement("UPDATE w_items SET qty = ? WHERE id = ?")) {
        for (long id : new long[] {1, 2, 99, 3}) {
          ps.setInt(1, (int) id * 7);
          ps.setLong(2, id);
          ps.addBatch();
        }
        assertArrayEquals(new int[] {1, 1, 0, 1}, ps.executeBatch());
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM w_items WHERE category = ?")) {
        for (String category : new String[] {"c", "zz", "b"}) {
          ps.setString(1, category);
          ps.addBatch();
        }
        assertArrayEquals(new int[] {1, 0, 2}, ps.executeBatch());
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO w_items (id, category, qty, embedding) VALUES (?, ?, ?, ?::vector)"
              + " ON CONFLICT (id) DO UPDATE SET qty = excluded.qty, embedding = excluded.embedding"
              + " WHERE w_items.category = 'a'")) {
        Object[][] values = {{1L, "x", 11, "[1,1,1]"}, {6L, "x", 66, "[6,6,6]"},
            {2L, "x", 22, "[2,2,2]"}, {6L, "y", 67, "[6,6,7]"}};
        for (Object[] v : values) {
          for (int i = 0; i < v.length; i++) {
            ps.setObject(i + 1, v[i]);
          }
          ps.addBatch();
        }
        // the last row conflicts with the second, whose category is not 'a': nothing changes
        assertArrayEquals(new int[] {1, 1, 1, 0}, ps.executeBatch());
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO w_items (id, category, qty) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
        ps.setLong(1, 1);
        ps.setString(2, "dup");
        ps.setInt(3, 1);
        ps.addBatch();
        ps.setLong(1, 7);
        ps.addBatch();
        assertArrayEquals(new int[] {0, 1}, ps.executeBatch());
      }
      assertEquals(List.of("1|a|11|[1,1,1]", "2|a|22|[2,2,2]", "6|x|66|[6,6,6]", "7|dup|1|null"),
          rows(c, "SELECT * FROM w_items ORDER BY id"));
      // a failing batch of inserts is one transaction: none of its rows stay
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO w_items (id, category, qty) VALUES (?, 'bad', ?)")) {
        ps.setLong(1, 8);
        ps.setInt(2, 1);
        ps.addBatch();
        ps.setLong(1, 9);
        ps.setInt(2, -1);
        ps.addBatch();
        BatchUpdateException e = assertThrows(BatchUpdateException.class, ps::executeBatch);
        assertEquals("23514", e.getSQLState());
      }
      assertEquals(List.of("4"), rows(c, "SELECT count(*) FROM w_items"));
      // so is a failing batch of updates and deletes (and a simple Query of several): nothing stays
      try (PreparedStatement ps = c.prepareStatement("UPDATE w_items SET qty = ? WHERE id = ?")) {
        ps.setInt(1, 5000);
        ps.setLong(2, 1);
        ps.addBatch();
        ps.setInt(1, -5);
        ps.setLong(2, 2);
        ps.addBatch();
        BatchUpdateException e = assertThrows(BatchUpdateException.class, ps::executeBatch);
        assertEquals("23514", e.getSQLState());
      }
      try (Statement st = c.createStatement()) {
        SQLException e = assertThrows(SQLException.class,
            () -> st.execute("DELETE FROM w_items WHERE id = 6; UPDATE w_items SET qty = -1 WHERE id = 7"));
        assertEquals("23514", e.getSQLState());
      }
      assertEquals(List.of("1|11", "2|22", "6|66", "7|1"), rows(c, "SELECT id, qty FROM w_items ORDER BY id"));
      // a transaction of updates and deletes, committed by the driver
      c.setAutoCommit(false);
      try (PreparedStatement up = c.prepareStatement("UPDATE w_items SET qty = qty + ? WHERE id = ?");
          PreparedStatement del = c.prepareStatement("DELETE FROM w_items WHERE id = ?")) {
        up.setInt(1, 1000);
        up.setLong(2, 1);
        assertEquals(1, up.executeUpdate());
        del.setLong(1, 7);
        assertEquals(1, del.executeUpdate());
        assertEquals(List.of("1|1011", "2|22", "6|66"), rows(c, "SELECT id, qty FROM w_items ORDER BY id"));
        c.rollback();
        assertEquals(1, up.executeUpdate());
        c.commit();
      } finally {
        c.setAutoCommit(true);
      }
      assertEquals(List.of("1|1011", "2|22", "6|66", "7|1"),
          rows(c, "SELECT id, qty FROM w_items ORDER BY id"));
      exec(c, "DROP TABLE w_items");
    }
  }

  /**
   * Clients racing to upsert the same new keys: PostgreSQL's ON CONFLICT DO UPDATE never answers
   * 23505 for its arbiter key, the loser updates the winner's row. (Run inside the implicit
   * transaction of its Sync, the loser's commit used to fail with 23505.)
   */
  @Test
  void racingUpsertsOfTheSameNewKeysUpdateInsteadOfFailing() throws Exception {
    try (Connection c = server.connect()) {
      exec(c, "DROP TABLE IF EXISTS w_race", "CREATE TABLE w_race (id bigint PRIMARY KEY, n int)");
    }
    int clients = 8;
    int rounds = 60;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
    try {
      List<java.util.concurrent.Future<Integer>> done = new java.util.ArrayList<>();
      for (int t = 0; t < clients; t++) {
        done.add(pool.submit(() -> {
          try (Connection c = server.connect(); PreparedStatement ps = c.prepareStatement(
              "INSERT INTO w_race VALUES (?, 1) ON CONFLICT (id) DO UPDATE SET n = w_race.n + 1")) {
            for (int r = 0; r < rounds; r++) {
              ps.setLong(1, r / 4); // each key upserted 4 times per client, by all clients at once
              ps.executeUpdate();
            }
          }
          return rounds;
        }));
      }
      int total = 0;
      for (var f : done) {
        total += f.get(120, java.util.concurrent.TimeUnit.SECONDS);
      }
      try (Connection c = server.connect()) {
        assertEquals(List.of(rounds / 4 + "|" + total), rows(c, "SELECT count(*), sum(n) FROM w_race"));
        exec(c, "DROP TABLE w_race");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void foreignKeysOfACollectionAndItsEmbeddings() throws SQLException {
    try (Connection c = server.connect()) {
      exec(c, "DROP TABLE IF EXISTS w_embedding", "DROP TABLE IF EXISTS w_collection",
          "CREATE TABLE w_collection (uuid uuid PRIMARY KEY, name varchar NOT NULL UNIQUE,"
              + " cmetadata jsonb)",
          "CREATE TABLE w_embedding (id varchar PRIMARY KEY, collection_id uuid"
              + " REFERENCES w_collection (uuid) ON DELETE CASCADE, embedding vector(2),"
              + " document varchar, cmetadata jsonb)");
      UUID docs = UUID.fromString("6b3c2a34-5a0e-4b2e-9f4e-1f7f1b8f2a01");
      UUID other = UUID.fromString("0d6f4e2a-0000-4000-8000-000000000002");
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO w_collection (uuid, name, cmetadata) VALUES (?, ?, ?::jsonb)")) {
        ps.setObject(1, docs);
        ps.setString(2, "docs");
        ps.setString(3, "{}");
        ps.addBatch();
        ps.setObject(1, other);
        ps.setString(2, "other");
        ps.addBatch();
        assertArrayEquals(new int[] {1, 1}, ps.executeBatch());
      }
      String upsert = "INSERT INTO w_embedding (id, collection_id, embedding, document, cmetadata)"
          + " VALUES (?, ?, ?::vector, ?, ?::jsonb), (?, ?, ?::vector, ?, ?::jsonb)"
          + " ON CONFLICT (id) DO UPDATE SET embedding = excluded.embedding,"
          + " document = excluded.document, cmetadata = excluded.cmetadata";
      try (PreparedStatement ps = c.prepareStatement(upsert)) {
        for (int round = 0; round < 2; round++) {
          for (int i = 0; i < 3; i++) {
            int base = 2 * i;
            set(ps, 1, "d" + base, docs, "[" + base + "," + round + "]", "doc " + base + "." + round);
            set(ps, 6, "d" + (base + 1), i == 2 ? other : docs, "[" + (base + 1) + "," + round + "]",
                "doc " + (base + 1) + "." + round);
            ps.addBatch();
          }
          assertArrayEquals(new int[] {2, 2, 2}, ps.executeBatch());
        }
        // an unknown collection: 23503, and the batch's other statements are rolled back
        set(ps, 1, "d10", docs, "[1,1]", "x");
        set(ps, 6, "d11", docs, "[1,1]", "x");
        ps.addBatch();
        set(ps, 1, "d12", docs, "[1,1]", "x");
        set(ps, 6, "d13", UUID.fromString("00000000-0000-0000-0000-000000000009"), "[1,1]", "x");
        ps.addBatch();
        BatchUpdateException e = assertThrows(BatchUpdateException.class, ps::executeBatch);
        assertEquals("23503", e.getSQLState());
        ServerErrorMessage m = ((PSQLException) e.getNextException()).getServerErrorMessage();
        assertEquals("insert or update on table \"w_embedding\" violates foreign key constraint"
            + " \"w_embedding_collection_id_fkey\"", m.getMessage());
        assertEquals("Key (collection_id)=(00000000-0000-0000-0000-000000000009) is not present in"
            + " table \"w_collection\".", m.getDetail());
      }
      assertEquals(List.of("d0|doc 0.1", "d1|doc 1.1", "d2|doc 2.1", "d3|doc 3.1", "d4|doc 4.1",
          "d5|doc 5.1"), rows(c, "SELECT id, document FROM w_embedding ORDER BY id"));
      // a prepared UPDATE moving an embedding to a collection that does not exist
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE w_embedding SET collection_id = ? WHERE id = ?")) {
        ps.setObject(1, UUID.fromString("00000000-0000-0000-0000-000000000001"));
        ps.setString(2, "d0");
        PSQLException e = assertThrows(PSQLException.class, ps::executeUpdate);
        assertEquals("23503", e.getSQLState());
        ps.setObject(1, other);
        assertEquals(1, ps.executeUpdate());
      }
      // deleting a collection deletes its embeddings; the count is the collection's row
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM w_collection WHERE uuid = ?")) {
        ps.setObject(1, docs);
        assertEquals(1, ps.executeUpdate());
      }
      assertEquals(List.of("d0", "d5"), rows(c, "SELECT id FROM w_embedding ORDER BY id"));
      assertEquals(List.of("d5"), rows(c, "SELECT id FROM w_embedding ORDER BY embedding <-> '[5,1]' LIMIT 1"));
      // TRUNCATE of the referenced table alone is refused
      PSQLException e = assertThrows(PSQLException.class, () -> exec(c, "TRUNCATE w_collection"));
      assertEquals("0A000", e.getSQLState());
      assertEquals("Table \"w_embedding\" references \"w_collection\".",
          e.getServerErrorMessage().getDetail());
      e = assertThrows(PSQLException.class, () -> exec(c, "DROP TABLE w_collection"));
      assertEquals("2BP01", e.getSQLState());
      exec(c, "TRUNCATE w_collection CASCADE");
      assertEquals(List.of("0"), rows(c, "SELECT count(*) FROM w_embedding"));
      exec(c, "DROP TABLE w_embedding", "DROP TABLE w_collection");
    }
  }

  private static void set(PreparedStatement ps, int first, String id, UUID collection,
      String embedding, String document) throws SQLException {
    ps.setString(first, id);
    ps.setObject(first + 1, collection);
    ps.setString(first + 2, embedding);
    ps.setString(first + 3, document);
    ps.setString(first + 4, "{\"source\": \"" + id + "\"}");
  }
}
