package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An UPDATE's and an upsert's new rows are checked for unique keys against their statement's
 * snapshot, and at the commit only against what was committed since: a key another session
 * committed meanwhile still makes the later commit fail, and so does a row with an unchanged key
 * whose old version another session deleted meanwhile.
 */
class UpdateRaceTest extends SqlTestBase {

  private SqlSession other;

  @BeforeEach
  void table() {
    script("CREATE TABLE t (id int PRIMARY KEY, v int); INSERT INTO t VALUES (1, 10), (2, 20)");
    other = engine.openSession("postgres", "postgres", Map.of());
  }

  @AfterEach
  void closeOther() {
    other.close();
  }

  /** Runs a statement in the other session. */
  private void inOther(String sql) {
    SqlSession mine = session;
    session = other;
    try {
      tag(sql);
    } finally {
      session = mine;
    }
  }

  @Test
  void anUpdatedKeyCommittedMeanwhileByAnotherSessionFailsTheCommit() {
    tag("BEGIN");
    assertEquals("UPDATE 1", tag("UPDATE t SET id = 3 WHERE id = 1"));
    inOther("INSERT INTO t VALUES (3, 30)");
    assertError("23505", "duplicate key value violates unique constraint \"t_pkey\"", "COMMIT");
    assertEquals(table("1|10", "2|20", "3|30"), rows("SELECT id, v FROM t ORDER BY id"));
  }

  @Test
  void anUnchangedKeyWhoseRowAnotherSessionReplacedMeanwhileFailsTheCommit() {
    tag("BEGIN");
    assertEquals("UPDATE 1", tag("UPDATE t SET v = 11 WHERE id = 1"));
    inOther("DELETE FROM t WHERE id = 1");
    inOther("INSERT INTO t VALUES (1, 99)");
    assertEquals("40001", error("COMMIT").sqlState());
    assertEquals(table("1|99", "2|20"), rows("SELECT id, v FROM t ORDER BY id"));
  }

  @Test
  void anUpsertedKeyCommittedMeanwhileByAnotherSessionFailsTheCommit() {
    tag("BEGIN");
    assertEquals("INSERT 0 1",
        tag("INSERT INTO t VALUES (4, 40) ON CONFLICT (id) DO UPDATE SET v = EXCLUDED.v"));
    assertEquals("INSERT 0 1",
        tag("INSERT INTO t VALUES (2, 21) ON CONFLICT (id) DO UPDATE SET v = EXCLUDED.v"));
    inOther("INSERT INTO t VALUES (4, 44)");
    assertError("23505", "duplicate key value violates unique constraint \"t_pkey\"", "COMMIT");
    assertEquals(table("1|10", "2|20", "4|44"), rows("SELECT id, v FROM t ORDER BY id"));
  }
}
