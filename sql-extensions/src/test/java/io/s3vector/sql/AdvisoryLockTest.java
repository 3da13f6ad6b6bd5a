package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** pg_advisory_lock and friends: real locks between the sessions of one server. */
@Tag("storage-independent")
class AdvisoryLockTest extends SqlTestBase {

  /** Runs one statement in {@code s} to its end (cursor closed) and returns its first value. */
  static String one(SqlSession s, String sql) {
    QueryResult r = s.execute(s.prepare(sql, new int[0]), new Object[0]);
    if (r instanceof QueryResult.Rows rows) {
      Object[] row = rows.cursor().next();
      rows.cursor().close();
      return row == null || row[0] == null ? null : rows.columns().get(0).type().encodeText(row[0]);
    }
    return ((QueryResult.Command) r).tag();
  }

  @Test
  void sessionLocksExcludeOtherSessionsUntilUnlocked() {
    SqlSession other = engine.openSession("postgres", "postgres", Map.of());
    try {
      assertEquals("", one(session, "SELECT pg_advisory_lock(42)"));
      assertEquals("t", one(session, "SELECT pg_try_advisory_lock(42)")); // re-entrant
      assertEquals("f", one(other, "SELECT pg_try_advisory_lock(42)"));
      assertEquals("t", one(other, "SELECT pg_try_advisory_lock(1, 42)")); // another key space
      assertEquals("t", one(session, "SELECT pg_advisory_unlock(42)"));
      assertEquals("f", one(other, "SELECT pg_try_advisory_lock(42)")); // still held once
      assertEquals("t", one(session, "SELECT pg_advisory_unlock(42)"));
      assertEquals("t", one(other, "SELECT pg_try_advisory_lock(42)"));
      assertEquals("f", one(session, "SELECT pg_advisory_unlock(42)"));
      assertEquals(List.of("you don't own a lock of type ExclusiveLock"),
          session.drainNotices().stream().map(Notice::message).toList());
    } finally {
      other.close();
    }
    // the other session's end released its locks
    assertEquals("t", one(session, "SELECT pg_try_advisory_lock(42)"));
  }

  @Test
  void sharedLocksShareAndExcludeExclusive() {
    SqlSession other = engine.openSession("postgres", "postgres", Map.of());
    try {
      assertEquals("t", one(session, "SELECT pg_try_advisory_lock_shared(7)"));
      assertEquals("t", one(other, "SELECT pg_try_advisory_lock_shared(7)"));
      assertEquals("f", one(other, "SELECT pg_try_advisory_lock(7)"));
      assertEquals("", one(session, "SELECT pg_advisory_unlock_all()"));
      assertEquals("t", one(other, "SELECT pg_try_advisory_lock(7)"));
    } finally {
      other.close();
    }
  }

  @Test
  void transactionLocksLastUntilTheTransactionEnds() {
    SqlSession other = engine.openSession("postgres", "postgres", Map.of());
    try {
      one(session, "BEGIN");
      assertEquals("", one(session, "SELECT pg_advisory_xact_lock(5)"));
      assertEquals("f", one(other, "SELECT pg_try_advisory_xact_lock(5)"));
      one(session, "SELECT 1");
      assertEquals("f", one(other, "SELECT pg_try_advisory_lock(5)"));
      one(session, "COMMIT");
      // outside a block a statement is its transaction: the lock ends with it
      assertEquals("t", one(other, "SELECT pg_try_advisory_xact_lock(5)"));
      assertEquals("t", one(session, "SELECT pg_try_advisory_lock(5)"));
    } finally {
      other.close();
    }
  }

  @Test
  void aWaitingSessionGetsTheLockWhenItIsReleased() throws Exception {
    SqlSession other = engine.openSession("postgres", "postgres", Map.of());
    try {
      one(session, "SELECT pg_advisory_lock(9)");
      CompletableFuture<String> waiting =
          CompletableFuture.supplyAsync(() -> one(other, "SELECT pg_advisory_lock(9)"));
      Thread.sleep(200);
      assertFalse(waiting.isDone());
      one(session, "SELECT pg_advisory_unlock(9)");
      assertEquals("", waiting.get(10, TimeUnit.SECONDS));
      assertEquals("f", one(session, "SELECT pg_try_advisory_lock(9)"));
    } finally {
      other.close();
    }
  }
}
