package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Data-modifying statements in WITH, and WITH before INSERT, UPDATE and DELETE. */
class WithDmlTest extends SqlTestBase {

  @Test
  void rowsMoveBetweenTablesInOneStatementWithParameters() {
    tag("CREATE TABLE docs (id bigint PRIMARY KEY, body text)");
    tag("CREATE TABLE archive (id bigint, body text)");
    tag("INSERT INTO docs VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    assertEquals("INSERT 0 2", tag("WITH moved AS (DELETE FROM docs WHERE id < $1 RETURNING *)"
        + " INSERT INTO archive SELECT * FROM moved", 3L));
    assertEquals(table("3|c"), rows("SELECT * FROM docs"));
    assertEquals(table("1|a", "2|b"), rows("SELECT * FROM archive ORDER BY id"));
    assertEquals(table("2|21"), rows("WITH ins AS (INSERT INTO docs VALUES ($1, 'x'), ($2, 'y')"
        + " RETURNING id) SELECT count(*), sum(id) FROM ins", 10L, 11L));
  }

  @Test
  void aFailureAnywhereUndoesEveryPart() {
    tag("CREATE TABLE docs (id bigint PRIMARY KEY, body text)");
    tag("INSERT INTO docs VALUES (1, 'a'), (2, 'b')");
    assertError("23505", "duplicate key value violates unique constraint \"docs_pkey\"",
        "WITH gone AS (DELETE FROM docs WHERE id = 1 RETURNING id)"
            + " INSERT INTO docs SELECT 2, 'again' FROM gone");
    assertEquals("2", value("SELECT count(*) FROM docs"));
  }

  @Test
  void whatCannotBeAnsweredAsPostgreSqlWouldIsRefused() {
    tag("CREATE TABLE docs (id bigint PRIMARY KEY, body text)");
    tag("INSERT INTO docs VALUES (1, 'a')");
    // PostgreSQL's SELECT would still see the row (one snapshot for every part)
    assertError("0A000", "a statement that reads a table a data-modifying WITH query before it"
        + " wrote is not supported yet",
        "WITH d AS (DELETE FROM docs RETURNING *) SELECT * FROM docs");
    assertError("0A000", "WITH query \"d\" does not have a RETURNING clause",
        "WITH d AS (DELETE FROM docs) SELECT * FROM d");
    assertError("0A000", "EXPLAIN supports only SELECT for now",
        "EXPLAIN WITH d AS (DELETE FROM docs RETURNING *) SELECT * FROM d");
    assertEquals("1", value("SELECT count(*) FROM docs"));
  }
}
