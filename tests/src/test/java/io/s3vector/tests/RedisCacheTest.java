package io.s3vector.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.cache.RedisServerProcess;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A server on S3 with the shared Redis tier (--redis-url) and no in-process cache: reads are
 * served by Redis once another read put them there, and Redis stopped in the middle of a stream
 * of queries only sends the reads back to the store — every answer stays right.
 */
class RedisCacheTest {
  private static final Pattern REDIS_HITS = Pattern.compile("\\s*Cache Redis: hits=(\\d+) .*");

  private static long redisHits(Connection conn, String query) throws SQLException {
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN ANALYZE " + query)) {
      while (rs.next()) {
        Matcher m = REDIS_HITS.matcher(rs.getString(1));
        if (m.matches()) {
          return Long.parseLong(m.group(1));
        }
      }
    }
    throw new AssertionError("EXPLAIN ANALYZE shows no Redis line");
  }

  @Test
  void queriesStayRightWhetherRedisAnswersOrNot() throws Exception {
    TestServer.assumeInProcess();
    try (RedisServerProcess redis = RedisServerProcess.start();
        TestServer server = TestServer.onS3()
            .withFlags("--redis-url", redis.uri(), "--cache-size", "0").startNow();
        Connection conn = server.connect()) {
      try (Statement s = conn.createStatement()) {
        s.execute("CREATE TABLE items (id bigint, embedding vector(2))");
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 200; i++) {
          values.append(i == 0 ? "" : ",").append("(").append(i).append(", '[").append(i % 17)
              .append(",").append(i / 17).append("]')");
        }
        s.execute("INSERT INTO items VALUES " + values);
      }
      String query = "SELECT id FROM items ORDER BY embedding <-> '[3,3]', id LIMIT 5";
      List<Long> expected = Longs.of(conn, query);
      assertEquals(5, expected.size());
      // what the first query read is put in Redis in the background: soon a query is all hits
      long hits = 0;
      for (int attempt = 0; attempt < 100 && hits == 0; attempt++) {
        hits = redisHits(conn, query);
        Thread.sleep(50);
      }
      assertTrue(hits > 0, "Redis serves the reads");
      for (int i = 0; i < 50; i++) {
        if (i == 20) {
          redis.kill();
        }
        assertEquals(expected, Longs.of(conn, query), "query " + i);
        assertEquals(200, Longs.of(conn, "SELECT count(*) FROM items").get(0));
      }
      assertEquals(0, redisHits(conn, query), "with Redis gone, the store serves the reads");
    }
  }
}
