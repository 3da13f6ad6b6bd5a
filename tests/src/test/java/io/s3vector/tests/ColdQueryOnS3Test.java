package io.s3vector.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server started on a bucket that already holds an indexed table answers its first vector
 * query on the cold path: at most three sequential rounds of object-store reads (the clusters'
 * codes, the re-ranked rows, the result's columns), as EXPLAIN (ANALYZE) reports them; and with
 * every cluster probed, the answer is the exact one.
 */
class ColdQueryOnS3Test {

  @RegisterExtension static final TestServer server = TestServer.onS3();

  private static final int ROWS = 4_000;
  private static final int DIM = 32;
  private static final Pattern ROUNDS = Pattern.compile("rounds=(\\d+)");

  private static float[][] data() {
    SplittableRandom random = new SplittableRandom(42);
    float[][] rows = new float[ROWS][DIM];
    for (float[] row : rows) {
      for (int d = 0; d < DIM; d++) {
        row[d] = (float) random.nextDouble(-1, 1);
      }
    }
    return rows;
  }

  private static String literal(float[] v) {
    StringBuilder s = new StringBuilder("[");
    for (int d = 0; d < v.length; d++) {
      s.append(d == 0 ? "" : ",").append(v[d]);
    }
    return s.append(']').toString();
  }

  @Test
  void firstQueryAfterRestartTakesAtMostThreeRounds() throws SQLException {
    TestServer.assumeInProcess();
    float[][] data = data();
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE cold_items (id bigint, embedding vector(" + DIM + "))");
      c.setAutoCommit(false); // one transaction: one segment
      try (PreparedStatement insert =
          c.prepareStatement("INSERT INTO cold_items VALUES (?, ?::vector)")) {
        for (int r = 0; r < ROWS; r++) {
          insert.setLong(1, r);
          insert.setString(2, literal(data[r]));
          insert.addBatch();
        }
        insert.executeBatch();
      }
      c.commit();
      c.setAutoCommit(true);
      s.execute("CREATE INDEX ON cold_items USING hnsw (embedding vector_l2_ops)");
    }
    server.restart();
    float[] query = data[17].clone();
    query[0] += 0.05f;
    String sql = "SELECT id FROM cold_items ORDER BY embedding <-> '" + literal(query) + "' LIMIT 10";
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      List<String> plan = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE) " + sql)) {
        while (rs.next()) {
          plan.add(rs.getString(1));
        }
      }
      assertTrue(plan.stream().anyMatch(line -> line.contains("VectorIndexScan")), String.join("\n", plan));
      int rounds = 0;
      for (String line : plan) {
        Matcher m = ROUNDS.matcher(line);
        while (m.find()) {
          rounds += Integer.parseInt(m.group(1));
        }
      }
      assertTrue(rounds >= 1 && rounds <= 3, "rounds of the first query:\n" + String.join("\n", plan));

      s.execute("SET hnsw.ef_search = 1000"); // every cluster probed, 1,000 rows re-ranked
      List<Long> found = Longs.of(c, sql);
      List<Long> exact = IntStream.range(0, ROWS).boxed()
          .sorted(Comparator.comparingDouble((Integer r) -> l2(data[r], query)).thenComparing(r -> r))
          .limit(10).map(Integer::longValue).toList();
      assertEquals(exact, found);
    }
  }

  private static double l2(float[] a, float[] b) {
    double sum = 0;
    for (int d = 0; d < a.length; d++) {
      double diff = a[d] - b[d];
      sum += diff * diff;
    }
    return sum;
  }
}
