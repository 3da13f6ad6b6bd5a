package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HnswIndexTest extends SqlTestBase {

  private void load(int n) {
    tag("CREATE TABLE items (id bigserial PRIMARY KEY, category int, embedding vector(4))");
    Random random = new Random(3);
    StringBuilder sql = new StringBuilder("INSERT INTO items (category, embedding) VALUES ");
    for (int i = 0; i < n; i++) {
      sql.append(i > 0 ? ", " : "").append("(").append(i % 3).append(", '[")
          .append(random.nextFloat()).append(',').append(random.nextFloat()).append(',')
          .append(random.nextFloat()).append(',').append(random.nextFloat()).append("]')");
    }
    tag(sql.toString());
  }

  private String plan(String sql) {
    return String.join("\n", rows("EXPLAIN " + sql).stream().map(r -> r.get(0)).toList());
  }

  @Test
  void createIndexIsUsedByOrderByDistanceLimit() {
    load(300);
    String query = "SELECT id FROM items ORDER BY embedding <-> '[0.5,0.5,0.5,0.5]' LIMIT 5";
    List<List<String>> exact = rows(query);
    Statement prepared = session.prepare(query, new int[0]);
    assertEquals(exact, SelectTest.rowsOf(session.execute(prepared, new Object[0])));
    assertEquals("CREATE INDEX", tag(
        "CREATE INDEX ON items USING hnsw (embedding vector_l2_ops) WITH (m = 16, ef_construction = 64)"));
    assertEquals("SET", tag("SET hnsw.ef_search = 100"));
    String plan = plan(query);
    assertTrue(plan.contains("VectorIndexScan(table=[items], index=[items_embedding_idx]"), plan);
    assertTrue(plan.contains("metric=[<->]"), plan);
    assertTrue(plan.contains("ef_search=[100]"), plan);
    assertEquals(exact, rows(query));
    // Prepared before the index existed: planned again, now through the index.
    assertEquals(exact, SelectTest.rowsOf(session.execute(prepared, new Object[0])));
    // Another operator than the index's opclass: exact scan.
    assertTrue(plan("SELECT id FROM items ORDER BY embedding <=> '[1,1,1,1]' LIMIT 5").contains("ExactTopKScan"));
    // A filter is applied during the search: still k rows.
    List<List<String>> filtered = rows(
        "SELECT id, category FROM items WHERE category = 1 ORDER BY embedding <-> '[0.5,0.5,0.5,0.5]' LIMIT 7");
    assertEquals(7, filtered.size());
    filtered.forEach(r -> assertEquals("1", r.get(1)));
    // Prepared with a parameter, executed repeatedly.
    Statement st = session.prepare("SELECT id FROM items ORDER BY embedding <-> $1 LIMIT 3", new int[0]);
    for (int i = 0; i < 3; i++) {
      assertEquals(3, SelectTest.rowsOf(session.execute(st, new Object[] {new float[] {i, 0, 0, 0}})).size());
    }
    assertEquals("DROP INDEX", tag("DROP INDEX items_embedding_idx"));
    assertEquals(exact, rows(query));
    assertEquals(3, SelectTest.rowsOf(session.execute(st, new Object[] {new float[] {1, 0, 0, 0}})).size());
  }

  @Test
  void indexErrorsOfPgvector() {
    load(3);
    tag("CREATE TABLE t (id int, name text, v vector)");
    assertError("42704", "operator class \"nosuch_ops\" does not exist for access method \"hnsw\"",
        "CREATE INDEX ON items USING hnsw (embedding nosuch_ops)");
    assertError("42704", "data type vector has no default operator class for access method \"hnsw\"",
        "CREATE INDEX ON items USING hnsw (embedding)");
    assertError("42703", "column \"nosuch\" does not exist", "CREATE INDEX ON items USING hnsw (nosuch vector_l2_ops)");
    assertError("42804", "operator class \"vector_l2_ops\" does not accept data type text",
        "CREATE INDEX ON t USING hnsw (name vector_l2_ops)");
    assertError("22000", "column does not have dimensions", "CREATE INDEX ON t USING hnsw (v vector_l2_ops)");
    assertError("22023", "value 1 out of bounds for option \"m\"",
        "CREATE INDEX ON items USING hnsw (embedding vector_l2_ops) WITH (m = 1)");
    assertError("22023", "ef_construction must be greater than or equal to 2 * m",
        "CREATE INDEX ON items USING hnsw (embedding vector_l2_ops) WITH (m = 16, ef_construction = 20)");
    assertError("22023", "unrecognized parameter \"foo\"",
        "CREATE INDEX ON items USING hnsw (embedding vector_l2_ops) WITH (foo = 1)");
    assertError("42704", "operator class \"vector_l1_ops\" does not exist for access method \"ivfflat\"",
        "CREATE INDEX ON items USING ivfflat (embedding vector_l1_ops)");
    assertError("22023", "unrecognized parameter \"m\"",
        "CREATE INDEX ON items USING ivfflat (embedding) WITH (m = 16)");
    assertError("0A000", "partial indexes (CREATE INDEX ... WHERE) are not supported yet",
        "CREATE INDEX ON items USING hnsw (embedding vector_l2_ops) WHERE (id = 1)");
    assertEquals("CREATE INDEX", tag("CREATE INDEX idx ON items USING hnsw (embedding vector_cosine_ops)"));
    assertError("42P07", "relation \"idx\" already exists", "CREATE INDEX idx ON items USING hnsw (embedding vector_l2_ops)");
    assertEquals("CREATE INDEX", tag("CREATE INDEX IF NOT EXISTS idx ON items USING hnsw (embedding vector_l2_ops)"));
    assertEquals("CREATE INDEX", tag("CREATE INDEX ON items USING hnsw (embedding vector_ip_ops)"));
    assertEquals("CREATE INDEX", tag("CREATE INDEX ON items USING hnsw (embedding vector_l1_ops)"));
    assertTrue(plan("SELECT id FROM items ORDER BY embedding <+> '[1,1,1,1]' LIMIT 1").contains("index=[items_embedding_idx1]"));
    assertError("42704", "index \"nosuch\" does not exist", "DROP INDEX nosuch");
  }

  @Test
  void anIvfflatIndexIsSearchedAsAnHnswGraph() {
    load(3);
    // pg_dump writes reloptions quoted
    assertEquals("CREATE INDEX", tag("CREATE INDEX ivf ON items USING ivfflat (embedding) WITH (lists='10')"));
    assertTrue(plan("SELECT id FROM items ORDER BY embedding <-> '[1,1,1,1]' LIMIT 1").contains("index=[ivf]"));
    assertEquals("ivfflat|{lists=10}", value("SELECT a.amname || '|' || c.reloptions::text FROM pg_class c"
        + " JOIN pg_am a ON a.oid = c.relam WHERE c.relname = 'ivf'"));
  }
}
