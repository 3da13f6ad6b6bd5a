package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.s3vector.sql.session.PreparedStatements;
import org.junit.jupiter.api.Test;

/** SQL's PREPARE, EXECUTE and DEALLOCATE, over the namespace the protocol's Parse shares. */
class PrepareExecuteTest extends SqlTestBase {

  @Test
  void preparedStatementsRunWithTheirValuesCastToTheParametersTypes() {
    tag("CREATE TABLE pe (id bigint PRIMARY KEY, name text, v vector(3))");
    assertEquals("PREPARE", tag("PREPARE ins (bigint, text, vector) AS INSERT INTO pe VALUES ($1, $2, $3)"));
    assertEquals("INSERT 0 1", tag("EXECUTE ins(1, 'a' || 'b', '[1,0,0]')"));
    assertEquals("INSERT 0 1", tag("EXECUTE ins (2, NULL, '[0,1,0]')"));
    assertError("22000", "expected 3 dimensions, not 2", "EXECUTE ins(3, 'c', '[1,2]')");
    assertError("22P02", "invalid input syntax for type bigint: \"x\"", "EXECUTE ins('x', 'c', NULL)");
    PgException e = error("EXECUTE ins(3)");
    assertEquals("wrong number of parameters for prepared statement \"ins\"", e.getMessage());
    assertEquals("Expected 3 parameters but got 1.", e.detail());
    tag("PREPARE knn AS SELECT id FROM pe ORDER BY v <-> $1 LIMIT $2");
    assertEquals(table("2"), rows("EXECUTE knn('[0,1,0]', 1)"));
    assertError("42P05", "prepared statement \"knn\" already exists", "PREPARE knn AS SELECT 1");
    assertError("42601", "syntax error at or near \"BEGIN\"", "PREPARE b AS BEGIN");
    assertError("26000", "prepared statement \"nope\" does not exist", "EXECUTE nope");
  }

  @Test
  void anExecutePlannedBeforeItsStatementWasPreparedAnewRunsTheNewOne() {
    tag("PREPARE p (int) AS SELECT $1 + 1");
    Statement execute = session.prepare("EXECUTE p('1')", new int[0]);
    tag("DEALLOCATE p");
    tag("PREPARE p (text) AS SELECT $1 || 'x'");
    QueryResult.Rows rows = (QueryResult.Rows) session.execute(execute, new Object[0]);
    assertEquals("1x", String.valueOf(rows.cursor().next()[0]));
    tag("DEALLOCATE p");
    PgException e = org.junit.jupiter.api.Assertions.assertThrows(PgException.class,
        () -> session.execute(execute, new Object[0]));
    assertEquals("prepared statement \"p\" does not exist", e.getMessage());
    session.onError();
  }

  @Test
  void deallocateRemovesStatementsOfParseAndOfPrepare() {
    PreparedStatements prepared = session.preparedStatements();
    prepared.add(new PreparedStatements.Named("S_1", "SELECT 1", session.prepare("SELECT 1", new int[0]), false));
    tag("PREPARE mine AS SELECT 2");
    assertNotNull(prepared.get("mine"));
    assertEquals(table("1"), rows("EXECUTE \"S_1\""));
    assertEquals("DEALLOCATE", tag("DEALLOCATE \"S_1\""));
    assertNull(prepared.get("S_1"));
    assertError("26000", "prepared statement \"S_1\" does not exist", "DEALLOCATE \"S_1\"");
    assertEquals("DEALLOCATE ALL", tag("DEALLOCATE ALL"));
    assertNull(prepared.get("mine"));
    tag("PREPARE again AS SELECT 3");
    assertEquals("DISCARD ALL", tag("DISCARD ALL"));
    assertNull(prepared.get("again"));
  }
}
