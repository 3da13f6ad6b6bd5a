package io.s3vector.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Our server's read totals at one moment, from its {@code s3vector_stat_io} view: values served
 * by each tier (in-process L1, Redis, object store; one value is one byte range), and the object
 * store's bytes, requests, request rounds and wait. The difference of two readings is what the
 * statements in between cost.
 */
record IoCounters(
    long l1Served,
    long redisServed,
    long storeServed,
    long storeBytes,
    long storeRequests,
    long storeRounds,
    double storeWaitMs) {

  static final String QUERY = "SELECT tier, served, bytes, requests, rounds, wait_time FROM s3vector_stat_io";

  /**
   * The view's totals, or empty when the server has no such view (PostgreSQL): the bench measures
   * both with the same code, and only ours reports what its reads cost.
   */
  static Optional<IoCounters> read(Connection c) {
    long l1 = 0;
    long redis = 0;
    long store = 0;
    long bytes = 0;
    long requests = 0;
    long rounds = 0;
    double waitMs = 0;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(QUERY)) {
      while (rs.next()) {
        switch (rs.getString(1)) {
          case "l1" -> l1 = rs.getLong(2);
          case "redis" -> redis = rs.getLong(2);
          case "object_store" -> {
            store = rs.getLong(2);
            bytes = rs.getLong(3);
            requests = rs.getLong(4);
            rounds = rs.getLong(5);
            waitMs = rs.getDouble(6);
          }
          default -> { } // a tier added later: not part of these figures
        }
      }
    } catch (SQLException e) {
      return Optional.empty();
    }
    return Optional.of(new IoCounters(l1, redis, store, bytes, requests, rounds, waitMs));
  }

  /** What was counted since {@code before}. */
  IoCounters minus(IoCounters before) {
    return new IoCounters(
        l1Served - before.l1Served,
        redisServed - before.redisServed,
        storeServed - before.storeServed,
        storeBytes - before.storeBytes,
        storeRequests - before.storeRequests,
        storeRounds - before.storeRounds,
        storeWaitMs - before.storeWaitMs);
  }

  /** These counts spread over {@code queries} queries. */
  IoPerQuery perQuery(long queries) {
    if (queries <= 0) {
      throw new IllegalArgumentException("queries must be positive: " + queries);
    }
    long served = l1Served + redisServed + storeServed;
    double q = queries;
    return new IoPerQuery(
        storeRequests / q,
        storeBytes / q,
        storeRounds / q,
        storeWaitMs / q,
        served == 0 ? Double.NaN : (double) l1Served / served,
        served == 0 ? Double.NaN : (double) redisServed / served);
  }
}
