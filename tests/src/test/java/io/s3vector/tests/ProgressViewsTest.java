package io.s3vector.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * {@code pg_stat_progress_create_index} and {@code pg_stat_progress_copy}: a second session sees
 * the running command of the first with live counters. No timing assumption: the COPY is paused by
 * its own client half way (the rows sent are flushed, then the client waits for the view to show
 * them); the CREATE INDEX is polled while it runs, on a larger table each time it ended before a
 * poll caught it half way.
 */
class ProgressViewsTest {
  @RegisterExtension static final TestServer server = TestServer.trust();

  private static final int DIM = 32;

  @Test
  void copyShowsItsProgressToAnotherSession() throws Exception {
    try (Connection copying = server.connect(); Connection watching = server.connect()) {
      exec(copying, "DROP TABLE IF EXISTS progress_copy");
      exec(copying, "CREATE TABLE progress_copy (id integer, embedding vector(" + DIM + "))");
      int pid = copying.unwrap(PGConnection.class).getBackendPID();
      CopyIn copy = copying.unwrap(PGConnection.class).getCopyAPI()
          .copyIn("COPY progress_copy (id, embedding) FROM STDIN");
      byte[] first = rows(0, 3000);
      copy.writeToCopy(first, 0, first.length);
      copy.flushCopy();
      // the server has all 3,000 rows (or will soon): wait until the view says so
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      Object[] seen = null;
      while (seen == null && System.nanoTime() < deadline) {
        try (Statement s = watching.createStatement(); ResultSet rs = s.executeQuery(
            "SELECT pid, datname, command, type, bytes_processed, bytes_total, tuples_processed,"
                + " tuples_excluded FROM pg_stat_progress_copy")) {
          while (rs.next()) {
            if (rs.getInt(1) == pid && rs.getLong(7) == 3000) {
              seen = new Object[] {rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                  rs.getLong(6), rs.getLong(8)};
            }
          }
        }
        if (seen == null) {
          Thread.sleep(10);
        }
      }
      assertNotNull(seen, "pg_stat_progress_copy never showed the 3,000 rows sent");
      assertEquals(scalar(watching, "SELECT current_database()"), seen[0]);
      assertEquals("COPY FROM", seen[1]);
      assertEquals("PIPE", seen[2]);
      assertEquals((long) first.length, seen[3], "bytes_processed");
      assertEquals(0L, seen[4], "bytes_total of a pipe");
      assertEquals(0L, seen[5], "tuples_excluded");
      byte[] rest = rows(3000, 5000);
      copy.writeToCopy(rest, 0, rest.length);
      assertEquals(5000, copy.endCopy());
      assertEquals("0", scalar(watching, "SELECT count(*) FROM pg_stat_progress_copy"),
          "a finished COPY leaves the view");
      assertEquals("5000", scalar(watching, "SELECT count(*) FROM progress_copy"));
    }
  }

  @Test
  void createIndexShowsItsProgressToAnotherSession() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Connection building = server.connect(TestServer.props("socketTimeout", "0"));
        Connection watching = server.connect()) {
      int pid = building.unwrap(PGConnection.class).getBackendPID();
      String database = scalar(watching, "SELECT current_database()");
      boolean seenHalfWay = false;
      for (int rows = 20_000; rows <= 160_000 && !seenHalfWay; rows *= 2) {
        exec(building, "DROP TABLE IF EXISTS progress_index");
        exec(building, "CREATE TABLE progress_index (id integer, embedding vector(" + DIM + "))");
        long copied = building.unwrap(PGConnection.class).getCopyAPI().copyIn(
            "COPY progress_index (id, embedding) FROM STDIN",
            new java.io.ByteArrayInputStream(rows(0, rows)));
        assertEquals(rows, copied);
        Future<?> build = pool.submit(() -> {
          exec(building, "CREATE INDEX progress_index_idx ON progress_index USING hnsw"
              + " (embedding vector_l2_ops) WITH (m = 16, ef_construction = 100)");
          return null;
        });
        long lastDone = 0;
        while (!build.isDone()) {
          try (Statement s = watching.createStatement(); ResultSet rs = s.executeQuery(
              "SELECT pid, datname, command, phase, tuples_total, tuples_done, lockers_total,"
                  + " blocks_total, partitions_total FROM pg_stat_progress_create_index")) {
            while (rs.next()) {
              assertEquals(pid, rs.getInt(1));
              assertEquals(database, rs.getString(2));
              assertEquals("CREATE INDEX", rs.getString(3));
              long total = rs.getLong(5);
              long done = rs.getLong(6);
              assertTrue(done <= total, done + " of " + total);
              assertTrue(done >= lastDone, "tuples_done never goes back");
              lastDone = done;
              assertEquals(0, rs.getLong(7));
              assertEquals(0, rs.getLong(8));
              assertEquals(0, rs.getLong(9));
              if (done > 0 && done < total) {
                assertTrue(total >= rows, "every row is in a segment large enough for a graph");
                assertEquals("building index: loading tuples", rs.getString(4));
                seenHalfWay = true;
              }
            }
          }
          Thread.sleep(5);
        }
        build.get(); // its failure, if any
        if (!seenHalfWay) {
          exec(building, "DROP INDEX progress_index_idx");
        }
      }
      assertTrue(seenHalfWay, "no poll saw a CREATE INDEX between its first and last row");
      assertEquals("0", scalar(watching, "SELECT count(*) FROM pg_stat_progress_create_index"),
          "a finished CREATE INDEX leaves the view");
    } finally {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
    }
  }

  @Test
  void viewsAreEmptyWhenNothingRuns() throws SQLException {
    try (Connection c = server.connect()) {
      assertEquals("0", scalar(c, "SELECT count(*) FROM pg_stat_progress_copy"));
      assertEquals("0", scalar(c, "SELECT count(*) FROM pg_catalog.pg_stat_progress_create_index"));
    }
  }

  /** Rows {@code from..to-1} of COPY text: {@code id \t [v1,...]}, random vectors. */
  private static byte[] rows(int from, int to) {
    SplittableRandom random = new SplittableRandom(from);
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < to; i++) {
      sb.append(i).append("\t[");
      for (int d = 0; d < DIM; d++) {
        sb.append(d == 0 ? "" : ",").append((float) random.nextDouble(-1, 1));
      }
      sb.append("]\n");
    }
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static String scalar(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getString(1);
    }
  }
}
