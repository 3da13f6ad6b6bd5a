package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** SELECT DISTINCT ON: expected results from PostgreSQL 15 + pgvector 0.8.6 on the same rows. */
@Tag("storage-independent")
class DistinctOnTest extends SqlTestBase {

  @BeforeEach
  void rows() {
    tag("CREATE TABLE items (id int PRIMARY KEY, cat text, n float8, embedding vector(3))");
    tag("INSERT INTO items VALUES (1, 'a', 1.5, '[1,2,3]'), (2, 'a', 2.5, '[2,3,4]'),"
        + " (3, 'b', 3.5, '[0,0,1]'), (4, NULL, 0, '[1,1,1]'), (5, 'b', 9, '[1,0,0]')");
  }

  @Test
  void theFirstRowOfEachKeyInTheOrderOfOrderBy() {
    assertEquals(table("a|2", "b|5", "NULL|4"),
        rows("SELECT DISTINCT ON (cat) cat, id FROM items ORDER BY cat, id DESC"));
    assertEquals(table("4|NULL|0", "1|a|1.5", "3|b|3.5"),
        rows("SELECT DISTINCT ON (cat) id, cat, n FROM items ORDER BY cat NULLS FIRST, n"));
    assertEquals(table("a|1", "b|5", "NULL|4"),
        rows("SELECT DISTINCT ON (cat) cat, id FROM items ORDER BY cat, embedding <-> '[1,0,0]'"));
  }

  @Test
  void keysMayBePositionsExpressionsOrOutsideTheSelectList() {
    assertEquals(table("b|3", "NULL|4"),
        rows("SELECT DISTINCT ON (1) cat, id FROM items ORDER BY 1, 2 LIMIT 2 OFFSET 1"));
    assertEquals(table("a|1|1.5", "a|2|2.5", "b|3|3.5", "NULL|4|0"),
        rows("SELECT DISTINCT ON (cat, n > 2) cat, id, n FROM items ORDER BY cat, n > 2, id"));
    assertEquals(table("1", "3", "4"), rows("SELECT DISTINCT ON (cat) id FROM items ORDER BY cat, id"));
  }

  @Test
  void aboveGroupingAndInsideSubqueries() {
    assertEquals(table("a|1", "b|1", "NULL|1"), rows("SELECT DISTINCT ON (cat) cat, count(*) FROM items"
        + " GROUP BY cat, id ORDER BY cat, count(*) DESC"));
    assertEquals(table("a|1", "b|3", "NULL|4"), rows("SELECT * FROM (SELECT DISTINCT ON (cat) cat, id"
        + " FROM items ORDER BY cat, id) s ORDER BY id"));
  }

  @Test
  void orderByMustStartWithTheKeys() {
    PgException e = error("SELECT DISTINCT ON (cat) id, cat FROM items ORDER BY id");
    assertEquals("42P10", e.sqlState());
    assertEquals("SELECT DISTINCT ON expressions must match initial ORDER BY expressions", e.getMessage());
    assertEquals(21, e.position());
  }
}
