package io.s3vector.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pgvector.PGvector;
import io.s3vector.bench.BruteForce;
import io.s3vector.bench.FashionMnist;
import io.s3vector.bench.Metric;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exact search without an index on real data: the first 5,000 Fashion-MNIST images, 20 queries,
 * top 10 by each operator equal to a brute-force reference computed here in double precision
 * with ties broken by the lower id.
 *
 * <p>The pixels are integers, so squared L2 distances of near neighbours are integers below
 * 2^24, exact even when summed in float32: for {@code <->} the ids must match exactly, ties
 * included. Inner products reach ~5e7, where float32 sums (pgvector's own) are inexact, so for
 * {@code <#>} and {@code <=>} two rows whose distances differ by less than float32 can resolve may
 * come in either order; the distances of the returned rows must still be the reference's.
 */
class ExactSearchDatasetTest {
  @RegisterExtension static final TestServer server = TestServer.trust();

  static final int ROWS = 5000;
  static final int QUERIES = 20;
  static final int K = 10;

  private static float[][] base;
  private static float[][] queries;
  private static Connection conn;

  @BeforeAll
  static void load() throws IOException, SQLException {
    base = FashionMnist.base(FashionMnist.defaultFolder(), ROWS);
    queries = FashionMnist.queries(FashionMnist.defaultFolder(), QUERIES);
    assertEquals(ROWS, base.length);
    assertEquals(784, base[0].length);
    conn = server.connect();
    try (Statement s = conn.createStatement()) {
      s.execute("DROP TABLE IF EXISTS fmnist");
      s.execute("CREATE TABLE fmnist (id integer PRIMARY KEY, embedding vector(784))");
    }
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO fmnist (id, embedding) VALUES (?, ?)")) {
      for (int i = 0; i < ROWS; i++) {
        ps.setInt(1, i);
        ps.setObject(2, new PGvector(base[i]));
        ps.addBatch();
        if (i % 500 == 499) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
    try (ResultSet rs = conn.createStatement().executeQuery("SELECT count(*) FROM fmnist")) {
      rs.next();
      assertEquals(ROWS, rs.getInt(1));
    }
  }

  @AfterAll
  static void close() throws SQLException {
    if (conn != null) {
      conn.close();
    }
  }

  @ParameterizedTest
  @EnumSource(value = Metric.class, names = {"L2", "COSINE", "NEGATIVE_INNER_PRODUCT"})
  void topTenEqualsBruteForce(Metric metric) throws SQLException {
    String op = metric.operator();
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT id, embedding " + op + " ? AS distance FROM fmnist ORDER BY embedding " + op
                + " ? LIMIT " + K)) {
      for (int q = 0; q < QUERIES; q++) {
        int[] expected = BruteForce.topK(base, queries[q], K, metric);
        ps.setObject(1, new PGvector(queries[q]));
        ps.setObject(2, new PGvector(queries[q]));
        int[] got = new int[K];
        double[] gotDistance = new double[K];
        int n = 0;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            assertTrue(n < K, "at most LIMIT rows");
            got[n] = rs.getInt(1);
            gotDistance[n] = rs.getDouble(2);
            n++;
          }
        }
        assertEquals(K, n, "query " + q + " returns " + K + " rows");
        String context = metric + " query " + q + ": expected " + Arrays.toString(expected) + ", got " + Arrays.toString(got);
        for (int i = 0; i < K; i++) {
          double reference = metric.distance(base[got[i]], queries[q]);
          assertEquals(reference, gotDistance[i], 1e-5 * Math.max(1, Math.abs(reference)),
              "the distance the server reports for id " + got[i] + "; " + context);
        }
        if (metric == Metric.L2) {
          assertArrayEquals(expected, got, context);
        } else {
          assertEquals(K, Arrays.stream(got).distinct().count(), "distinct ids; " + context);
          for (int i = 0; i < K; i++) {
            double want = metric.distance(base[expected[i]], queries[q]);
            double have = metric.distance(base[got[i]], queries[q]);
            assertEquals(want, have, 1e-6 * Math.max(1, Math.abs(want)),
                "rank " + (i + 1) + " (only float32 near-ties may swap); " + context);
          }
        }
      }
    }
  }
}
