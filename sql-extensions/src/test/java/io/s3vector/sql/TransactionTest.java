package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransactionTest extends SqlTestBase {

  @BeforeEach
  void table() {
    tag("CREATE TABLE t (id int, v vector(2))");
    tag("INSERT INTO t VALUES (1, '[1,1]')");
  }

  @Test
  void commitAppendsBufferedRowsAndTheyAreVisibleInsideTheBlock() {
    assertEquals("BEGIN", tag("BEGIN"));
    assertEquals(TransactionStatus.IN_BLOCK, session.transactionStatus());
    assertEquals("INSERT 0 2", tag("INSERT INTO t VALUES (2, '[2,2]'), (3, '[3,3]')"));
    assertEquals(table("1", "2", "3"), rows("SELECT id FROM t"));
    SqlSession other = engine.openSession("postgres", "postgres", java.util.Map.of());
    Statement count = other.prepare("SELECT count(*) FROM t", new int[0]);
    assertEquals(1L, ((QueryResult.Rows) other.execute(count, new Object[0])).cursor().next()[0]);
    assertEquals("2", value("SELECT id FROM t ORDER BY v <-> '[2.1,2.1]' LIMIT 1"));
    assertEquals("COMMIT", tag("COMMIT"));
    assertEquals(TransactionStatus.IDLE, session.transactionStatus());
    assertEquals(3L, ((QueryResult.Rows) other.execute(count, new Object[0])).cursor().next()[0]);
  }

  @Test
  void rollbackDiscards() {
    tag("START TRANSACTION ISOLATION LEVEL REPEATABLE READ");
    tag("INSERT INTO t VALUES (2, '[2,2]')");
    assertEquals("ROLLBACK", tag("ROLLBACK"));
    assertEquals("1", value("SELECT count(*) FROM t"));
  }

  @Test
  void anErrorAbortsTheBlockUntilRollback() {
    tag("BEGIN");
    tag("INSERT INTO t VALUES (2, '[2,2]')");
    error("SELECT nosuch FROM t");
    assertEquals(TransactionStatus.FAILED, session.transactionStatus());
    assertError("25P02",
        "current transaction is aborted, commands ignored until end of transaction block",
        "SELECT 1");
    assertEquals("ROLLBACK", tag("COMMIT"));
    assertEquals(TransactionStatus.IDLE, session.transactionStatus());
    assertEquals("1", value("SELECT count(*) FROM t"));
    tag("BEGIN");
    tag("BEGIN"); // PostgreSQL only warns
    assertEquals("COMMIT", tag("END"));
    assertEquals("COMMIT", tag("COMMIT")); // outside a block: PostgreSQL warns
    assertEquals("ROLLBACK", tag("ABORT"));
  }

  @Test
  void savepoints() {
    assertError("25P01", "SAVEPOINT can only be used in transaction blocks", "SAVEPOINT a");
    tag("BEGIN");
    tag("INSERT INTO t VALUES (2, '[2,2]')");
    assertEquals("SAVEPOINT", tag("SAVEPOINT a"));
    tag("INSERT INTO t VALUES (3, '[3,3]')");
    error("SELECT nosuch FROM t");
    assertEquals("ROLLBACK", tag("ROLLBACK TO SAVEPOINT a"));
    assertEquals(TransactionStatus.IN_BLOCK, session.transactionStatus());
    assertEquals(table("1", "2"), rows("SELECT id FROM t"));
    assertEquals("RELEASE", tag("RELEASE SAVEPOINT a"));
    assertError("3B001", "savepoint \"a\" does not exist", "ROLLBACK TO a");
    session.onError();
    tag("ROLLBACK");
    tag("BEGIN");
    tag("SAVEPOINT b");
    tag("INSERT INTO t VALUES (4, '[4,4]')");
    tag("RELEASE b");
    assertEquals("COMMIT", tag("COMMIT"));
    assertEquals(table("1", "4"), rows("SELECT id FROM t"));
  }

  @Test
  void noticesAndWarnings() {
    session.drainNotices();
    tag("DROP TABLE IF EXISTS nosuch");
    assertEquals(java.util.List.of(Notice.notice("00000", "table \"nosuch\" does not exist, skipping")),
        session.drainNotices());
    tag("CREATE TABLE IF NOT EXISTS t (id int)");
    assertEquals(java.util.List.of(Notice.notice("42P07", "relation \"t\" already exists, skipping")),
        session.drainNotices());
    tag("COMMIT");
    assertEquals(java.util.List.of(Notice.warning("25P01", "there is no transaction in progress")),
        session.drainNotices());
    tag("BEGIN");
    tag("BEGIN");
    assertEquals(java.util.List.of(Notice.warning("25001", "there is already a transaction in progress")),
        session.drainNotices());
    tag("ROLLBACK");
    tag("DROP INDEX IF EXISTS nosuch");
    assertEquals(java.util.List.of(Notice.notice("00000", "index \"nosuch\" does not exist, skipping")),
        session.drainNotices());
    assertEquals(java.util.List.of(), session.drainNotices());
  }
}
