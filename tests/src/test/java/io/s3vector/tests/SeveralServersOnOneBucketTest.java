package io.s3vector.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.objectstore.S3ProxyServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two servers on one bucket and prefix of an S3 server that honours conditional writes (S3Proxy
 * behind the tests' front), through pgjdbc: each sees the other's rows within the refresh
 * interval, and concurrent INSERTs (and nextval calls) through both lose nothing and never hand out
 * an id twice.
 * (That a statement reads one manifest version is shown at the storage level, by {@code
 * SnapshotTooOldTest}: the SQL layer cannot read a table twice in one statement yet.)
 */
class SeveralServersOnOneBucketTest {

  @RegisterExtension static final S3ProxyServer s3 = S3ProxyServer.withConditionalWrites();

  /** Generous: the build's own timeout is the real bound; no test asserts a duration. */
  private static final long DEADLINE_NANOS = 60_000_000_000L;

  private static TestServer server(String prefix) {
    return TestServer.onS3(s3, prefix).withFlags("--manifest-refresh", "200ms").startNow();
  }

  /** {@code SELECT count(*)} through {@code server}, polled until it is {@code expected}. */
  private static long awaitCount(TestServer server, String table, long expected) throws Exception {
    long deadline = System.nanoTime() + DEADLINE_NANOS;
    long seen = -1;
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      while (System.nanoTime() - deadline < 0) {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
          rs.next();
          seen = rs.getLong(1);
        } catch (SQLException e) {
          if (!"42P01".equals(e.getSQLState())) { // not created yet, as far as this server knows
            throw e;
          }
        }
        if (seen == expected) {
          return seen;
        }
        Thread.sleep(20);
      }
    }
    return seen;
  }

  private static void execute(TestServer server, String sql) throws SQLException {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Test
  void rowsInsertedThroughOneServerAreReturnedByTheOther() throws Exception {
    String prefix = s3.freshPrefix();
    try (TestServer a = server(prefix); TestServer b = server(prefix)) {
      execute(a, "CREATE TABLE notes (id bigserial, note text)");
      execute(a, "INSERT INTO notes (note) VALUES ('from a')");
      assertEquals(1, awaitCount(b, "notes", 1));
      execute(b, "INSERT INTO notes (note) VALUES ('from b')");
      assertEquals(2, awaitCount(a, "notes", 2));
      try (Connection c = a.connect(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT note FROM notes ORDER BY id")) {
        // (each server reserves ids in blocks, as PostgreSQL's sequence cache: b's id is not 2)
        List<String> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(rs.getString(1));
        }
        assertEquals(List.of("from a", "from b"), rows);
      }
    }
  }

  @Test
  void concurrentInsertsThroughBothLoseNothingAndNeverRepeatAnId() throws Exception {
    String prefix = s3.freshPrefix();
    try (TestServer a = server(prefix); TestServer b = server(prefix)) {
      execute(a, "CREATE TABLE events (id bigserial, source text)");
      awaitCount(b, "events", 0);
      long until = System.nanoTime() + 3_000_000_000L; // insert for about three seconds
      List<Future<List<Long>>> writers = new ArrayList<>();
      try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
        for (TestServer server : List.of(a, b, a, b, a, b)) {
          writers.add(pool.submit(() -> insertUntil(server, until)));
        }
        List<Long> acknowledged = new ArrayList<>();
        for (Future<List<Long>> writer : writers) {
          acknowledged.addAll(writer.get());
        }
        Set<Long> unique = new HashSet<>(acknowledged);
        assertEquals(acknowledged.size(), unique.size(), "no id handed out twice");
        assertTrue(acknowledged.size() > 6, "the writers wrote: " + acknowledged.size());

        for (TestServer server : List.of(a, b)) {
          assertEquals(acknowledged.size(), awaitCount(server, "events", acknowledged.size()));
          List<Long> stored = new ArrayList<>();
          try (Connection c = server.connect(); Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT id FROM events")) {
            while (rs.next()) {
              stored.add(rs.getLong(1));
            }
          }
          assertEquals(acknowledged.size(), stored.size(), "every acknowledged row is stored once");
          assertEquals(unique, new HashSet<>(stored));
        }
      }
    }
  }

  @Test
  void nextvalOfOneSequenceThroughBothNeverRepeatsAValue() throws Exception {
    String prefix = s3.freshPrefix();
    try (TestServer a = server(prefix); TestServer b = server(prefix)) {
      execute(a, "CREATE SEQUENCE tickets INCREMENT BY 3 START 7");
      List<Future<List<Long>>> takers = new ArrayList<>();
      try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
        for (TestServer server : List.of(a, b, a, b)) {
          takers.add(pool.submit(() -> nextvals(server, 100)));
        }
        List<Long> taken = new ArrayList<>();
        for (Future<List<Long>> taker : takers) {
          taken.addAll(taker.get());
        }
        assertEquals(400, new HashSet<>(taken).size(), "no value handed out twice: " + taken);
        assertTrue(taken.stream().allMatch(v -> v >= 7 && (v - 7) % 3 == 0), "the sequence's steps");
      }
    }
  }

  /** {@code count} nextval calls of sequence tickets through {@code server}, each in autocommit. */
  private static List<Long> nextvals(TestServer server, int count) throws Exception {
    List<Long> values = new ArrayList<>();
    long deadline = System.nanoTime() + DEADLINE_NANOS;
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      while (values.size() < count) {
        try (ResultSet rs = s.executeQuery("SELECT nextval('tickets')")) {
          rs.next();
          values.add(rs.getLong(1));
        } catch (SQLException e) {
          // not created yet, as far as this server knows
          if (!"42P01".equals(e.getSQLState()) || System.nanoTime() - deadline > 0) {
            throw e;
          }
          Thread.sleep(20);
        }
      }
    }
    return values;
  }

  /** Single-row INSERTs in autocommit until {@code until}; the ids RETURNING acknowledged. */
  private static List<Long> insertUntil(TestServer server, long until) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Connection c = server.connect();
        PreparedStatement insert = c.prepareStatement(
            "INSERT INTO events (source) VALUES (?) RETURNING id")) {
      insert.setString(1, "port " + server.port());
      while (System.nanoTime() - until < 0) {
        try (ResultSet rs = insert.executeQuery()) {
          rs.next();
          ids.add(rs.getLong(1));
        }
      }
    }
    return ids;
  }
}
