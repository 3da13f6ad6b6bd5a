package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.sql.functions.VectorFunctions;
import io.s3vector.storage.table.Table;
import io.s3vector.storage.vector.DistanceMetric;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** ORDER BY distance LIMIT k runs as ExactTopKScan and matches a brute-force sort exactly. */
class ExactTopKTest extends SqlTestBase {

  private List<float[]> load(int n, int dim, long seed, int segments) {
    tag("CREATE TABLE items (id bigserial PRIMARY KEY, category int, embedding vector(" + dim + "))");
    Table table = db.table("items").orElseThrow();
    Random random = new Random(seed);
    List<float[]> vectors = new ArrayList<>();
    List<Object[]> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] v = new float[dim];
      for (int d = 0; d < dim; d++) {
        v[d] = random.nextInt(3); // small integers: many exact ties
      }
      vectors.add(v);
      batch.add(new Object[] {null, i % 5, v});
      if (batch.size() == n / segments) {
        table.append(batch);
        batch = new ArrayList<>();
      }
    }
    if (!batch.isEmpty()) {
      table.append(batch);
    }
    return vectors;
  }

  private static List<String> bruteForce(List<float[]> vectors, float[] q, DistanceMetric metric,
      int k, int offset, int category) {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < vectors.size(); i++) {
      if (category < 0 || i % 5 == category) {
        ids.add(i);
      }
    }
    ids.sort(Comparator.<Integer>comparingDouble(i -> VectorFunctions.distance(metric, vectors.get(i), q))
        .thenComparingInt(i -> i));
    List<String> out = new ArrayList<>();
    for (int i = offset; i < Math.min(ids.size(), offset + k); i++) {
      out.add(String.valueOf(ids.get(i) + 1));
    }
    return out;
  }

  @Test
  void matchesBruteForceWithDeterministicTies() {
    List<float[]> vectors = load(3000, 8, 42, 3);
    Random random = new Random(7);
    String[] ops = {"<->", "<#>", "<=>", "<+>"};
    DistanceMetric[] metrics = {DistanceMetric.L2, DistanceMetric.NEGATIVE_INNER_PRODUCT,
        DistanceMetric.COSINE, DistanceMetric.L1};
    Statement[] statements = new Statement[4];
    Statement[] filtered = new Statement[4];
    for (int m = 0; m < 4; m++) {
      statements[m] = session.prepare("SELECT id FROM items ORDER BY embedding " + ops[m]
          + " $1 LIMIT $2 OFFSET $3", new int[0]);
      filtered[m] = session.prepare("SELECT id, embedding " + ops[m] + " $1 AS d FROM items"
          + " WHERE category = $2 ORDER BY embedding " + ops[m] + " $1 LIMIT 10", new int[0]);
    }
    for (int trial = 0; trial < 5; trial++) {
      float[] q = new float[8];
      for (int d = 0; d < 8; d++) {
        q[d] = random.nextInt(3) + (trial == 0 ? 0 : 0.5f);
      }
      for (int m = 0; m < 4; m++) {
        List<String> expected = bruteForce(vectors, q, metrics[m], 25, 3, -1);
        List<String> actual = column(session.execute(statements[m], new Object[] {q, 25L, 3L}), 0);
        assertEquals(expected, actual, ops[m] + " trial " + trial);
        assertEquals(bruteForce(vectors, q, metrics[m], 10, 0, trial % 5),
            column(session.execute(filtered[m], new Object[] {q, (long) (trial % 5)}), 0));
      }
    }
  }

  @Test
  void explainShowsTheExactTopKScan() {
    load(10, 3, 1, 1);
    List<List<String>> plan = rows("EXPLAIN SELECT id FROM items ORDER BY embedding <=> $1 LIMIT 5");
    String text = String.join("\n", plan.stream().map(r -> r.get(0)).toList());
    assertEquals(
        "LogicalProject($f0=[$0])\n"
            + "  ExactTopKScan(table=[items], columns=[[id, embedding]], vector=[embedding],"
            + " metric=[<=>], query=[?0], k=[5:BIGINT])",
        text);
    String filtered = String.join("\n", rows(
        "EXPLAIN SELECT id, embedding <-> '[1,2,3]' AS d FROM items WHERE category = 1"
            + " ORDER BY embedding <-> '[1,2,3]' LIMIT 3").stream().map(r -> r.get(0)).toList());
    assertTrue(filtered.contains("ExactTopKScan(table=[items], columns=[[id, category, embedding]],"
        + " vector=[embedding], metric=[<->]"), filtered);
    assertTrue(filtered.contains("filter=[=($1, 1)]"), filtered);
    // Without LIMIT, or ordered by something else, it is an ordinary sort.
    String sorted = String.join("\n", rows("EXPLAIN SELECT id FROM items ORDER BY embedding <-> '[1,2,3]'")
        .stream().map(r -> r.get(0)).toList());
    assertTrue(sorted.contains("LogicalSort"), sorted);
    String desc = String.join("\n", rows("EXPLAIN SELECT id FROM items ORDER BY embedding <-> '[1,2,3]' DESC LIMIT 1")
        .stream().map(r -> r.get(0)).toList());
    assertTrue(desc.contains("LogicalSort"), desc);
    List<List<String>> analyze = rows("EXPLAIN ANALYZE SELECT id FROM items ORDER BY embedding <-> '[1,2,3]' LIMIT 2");
    assertEquals("Rows: 2", analyze.get(analyze.size() - 2).get(0));
  }

  @Test
  void nullVectorsComeLastAndDimensionsAreChecked() {
    tag("CREATE TABLE t (id int, v vector)");
    tag("INSERT INTO t VALUES (1, NULL), (2, '[1,1]'), (3, '[0,0]'), (4, NULL)");
    assertEquals(table("3", "2", "1", "4"), rows("SELECT id FROM t ORDER BY v <-> '[0,0]' LIMIT 10"));
    assertEquals(table("2", "1"), rows("SELECT id FROM t ORDER BY v <-> '[0,0]' LIMIT 2 OFFSET 1"));
    assertEquals(table("NULL", "NULL"), rows("SELECT v <-> '[0,0]' FROM t WHERE v IS NULL"));
    assertError("22000", "different vector dimensions 2 and 3", "SELECT id FROM t ORDER BY v <-> '[0,0,0]' LIMIT 1");
    assertEquals(table("3|0", "2|1.4142135623730951"),
        rows("SELECT id, v <-> '[0,0]' FROM t ORDER BY v <-> '[0,0]' LIMIT 2"));
  }

  private static List<String> column(QueryResult result, int c) {
    List<String> out = new ArrayList<>();
    for (List<String> row : SelectTest.rowsOf(result)) {
      out.add(row.get(c));
    }
    return out;
  }
}
