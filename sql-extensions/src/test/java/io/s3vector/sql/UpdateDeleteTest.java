package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** UPDATE, DELETE and TRUNCATE, in and out of transaction blocks, with and without an index. */
class UpdateDeleteTest extends SqlTestBase {

  @BeforeEach
  void table() {
    tag("CREATE TABLE items (id int PRIMARY KEY, category text, embedding vector(2))");
    tag("INSERT INTO items VALUES (1, 'a', '[1,1]'), (2, 'b', '[2,2]'), (3, 'a', '[3,3]'), (4, 'b', '[4,4]')");
  }

  @Test
  void deleteByKeyAndRangeWithReturning() {
    assertEquals("DELETE 1", tag("DELETE FROM items WHERE id = 2"));
    assertEquals(table("1", "3", "4"), rows("SELECT id FROM items ORDER BY id"));
    assertEquals(table("3|a", "4|b"), rows("DELETE FROM items WHERE id >= 3 RETURNING id, category"));
    assertEquals(table("1"), rows("SELECT id FROM items"));
    assertEquals("DELETE 0", tag("DELETE FROM items WHERE id = 99"));
    assertEquals("1", value("SELECT count(*) FROM items"));
  }

  @Test
  void updateSetsValuesAndTheNewVersionIsFoundByVectorSearch() {
    assertEquals("UPDATE 2", tag("UPDATE items SET category = upper(category), embedding = '[9,9]' WHERE category = 'a'"));
    assertEquals(table("1|A|[9,9]", "2|b|[2,2]", "3|A|[9,9]", "4|b|[4,4]"),
        rows("SELECT id, category, embedding FROM items ORDER BY id"));
    assertEquals(table("1", "3"), rows("SELECT id FROM items ORDER BY embedding <-> '[10,10]', id LIMIT 2"));
    assertEquals(table("2|B"), rows("UPDATE items AS i SET category = 'B' WHERE i.id = 2 RETURNING id, category"));
    assertEquals("4", value("SELECT count(*) FROM items"));
  }

  @Test
  void indexSearchSkipsDeletedRowsAndFindsUpdatedOnes() {
    tag("CREATE INDEX ON items USING hnsw (embedding vector_l2_ops)");
    tag("DELETE FROM items WHERE id = 1");
    tag("UPDATE items SET embedding = '[0,0]' WHERE id = 4");
    assertEquals(table("4", "2", "3"), rows("SELECT id FROM items ORDER BY embedding <-> '[0,0]' LIMIT 3"));
  }

  @Test
  void notNullIsCheckedOnUpdate() {
    tag("CREATE TABLE nn (id int, name text NOT NULL)");
    tag("INSERT INTO nn VALUES (1, 'x')");
    assertError("23502", "null value in column \"name\" of relation \"nn\" violates not-null constraint",
        "UPDATE nn SET name = NULL");
    assertEquals("x", value("SELECT name FROM nn"));
  }

  @Test
  void aBlockSeesItsOwnUpdatesAndRollbackUndoesThem() {
    tag("BEGIN");
    tag("INSERT INTO items VALUES (5, 'c', '[5,5]')");
    assertEquals("UPDATE 2", tag("UPDATE items SET category = 'z' WHERE id IN (1, 5)"));
    assertEquals(table("1|z", "5|z"), rows("SELECT id, category FROM items WHERE category = 'z' ORDER BY id"));
    tag("SAVEPOINT s");
    tag("DELETE FROM items");
    assertEquals("0", value("SELECT count(*) FROM items"));
    tag("ROLLBACK TO SAVEPOINT s");
    assertEquals("5", value("SELECT count(*) FROM items"));
    tag("ROLLBACK");
    assertEquals(table("1|a", "2|b", "3|a", "4|b"), rows("SELECT id, category FROM items ORDER BY id"));
    tag("BEGIN");
    tag("UPDATE items SET category = 'y' WHERE id = 1");
    tag("DELETE FROM items WHERE id = 2");
    tag("COMMIT");
    assertEquals(table("1|y", "3|a", "4|b"), rows("SELECT id, category FROM items ORDER BY id"));
  }

  @Test
  void truncateEmptiesTheTableAndKeepsTheSequence() {
    tag("CREATE TABLE s (id bigserial, v text)");
    tag("INSERT INTO s (v) VALUES ('a'), ('b')");
    assertEquals("TRUNCATE TABLE", tag("TRUNCATE s, items"));
    assertEquals("0", value("SELECT count(*) FROM items"));
    tag("INSERT INTO s (v) VALUES ('c')");
    assertEquals(table("3|c"), rows("SELECT id, v FROM s"));
    tag("BEGIN");
    tag("TRUNCATE TABLE s");
    tag("INSERT INTO s (v) VALUES ('d')");
    assertEquals(table("4|d"), rows("SELECT id, v FROM s"));
    tag("ROLLBACK");
    assertEquals(table("3|c"), rows("SELECT id, v FROM s"));
    // RESTART IDENTITY: in the truncation's commit; inside a block rows after it count from 1,
    // and a ROLLBACK keeps the sequence
    tag("BEGIN");
    tag("TRUNCATE s RESTART IDENTITY");
    tag("ROLLBACK");
    assertEquals("5", value("INSERT INTO s (v) VALUES ('e') RETURNING id"));
    assertEquals("TRUNCATE TABLE", tag("TRUNCATE s RESTART IDENTITY"));
    assertEquals("1", value("INSERT INTO s (v) VALUES ('f') RETURNING id"));
    tag("BEGIN");
    tag("TRUNCATE s RESTART IDENTITY");
    assertEquals(table("1", "2"), rows("INSERT INTO s (v) VALUES ('g'), ('h') RETURNING id"));
    tag("COMMIT");
    assertEquals("3", value("INSERT INTO s (v) VALUES ('i') RETURNING id"));
  }

  @Test
  void multipleColumnSetItemsOnlyAndTheInsertAliasInReturning() {
    tag("CREATE TABLE m (id int PRIMARY KEY, a int, b text)");
    tag("CREATE TABLE src (id int PRIMARY KEY, x int)");
    tag("INSERT INTO m VALUES (1, 10, 'x'), (2, 20, 'y')");
    tag("INSERT INTO src VALUES (1, 100), (2, 200)");
    assertEquals(table("1|11|xx"), rows("UPDATE m SET (a, b) = (11, 'xx') WHERE id = 1 RETURNING *"));
    assertEquals(table("1|12|xx+"), rows("UPDATE ONLY m SET (a, b) = ROW(a + 1, b || '+') WHERE id = 1 RETURNING *"));
    assertEquals(table("2|200|sub"), rows("UPDATE m SET (a, b) = (SELECT x, 'sub' FROM src"
        + " WHERE src.id = m.id) WHERE id = 2 RETURNING *"));
    assertEquals("UPDATE 1", tag("UPDATE m SET (b, a) = ('from', src.x + 1) FROM src WHERE src.id = m.id AND m.id = 1"));
    assertEquals(table("1|101|from"), rows("SELECT * FROM m WHERE id = 1"));
    assertError("42601", "number of columns does not match number of values", "UPDATE m SET (a, b) = (1, 2, 3)");
    assertError("42601", "number of columns does not match number of values",
        "UPDATE m SET (a, b) = (SELECT x FROM src)");
    assertError("42601", "multiple assignments to same column \"a\"", "UPDATE m SET (a, a) = (1, 2)");
    assertEquals(table("5|90|up"), rows("INSERT INTO m AS t (id, a) VALUES (5, 9) ON CONFLICT (id)"
        + " DO UPDATE SET a = t.a RETURNING t.id, t.a * 10, 'up'"));
    assertEquals(table("5|90|up"), rows("INSERT INTO m AS t (id, a) VALUES (5, 9) ON CONFLICT (id)"
        + " DO UPDATE SET (a, b) = (t.a * 10, 'up') RETURNING t.id, t.a, t.b"));
    assertEquals("DELETE 1", tag("DELETE FROM ONLY m WHERE id = 5"));
  }

  @Test
  void setToDefaultTakesTheColumnDefault() {
    tag("CREATE TABLE d (id int PRIMARY KEY, n int DEFAULT 7, t text)");
    tag("INSERT INTO d VALUES (1, 1, 'x'), (2, 2, 'y')");
    assertEquals("UPDATE 1", tag("UPDATE d SET n = DEFAULT, t = DEFAULT WHERE id = 2"));
    assertEquals(table("1|1|x", "2|7|NULL"), rows("SELECT id, n, t FROM d ORDER BY id"));
    tag("INSERT INTO d VALUES (1, 5, 'z') ON CONFLICT (id) DO UPDATE SET n = DEFAULT");
    assertEquals(table("1|7|x", "2|7|NULL"), rows("SELECT id, n, t FROM d ORDER BY id"));
  }

  @Test
  void updateFromJoinsTheFromListAndUpdatesEachMatchedRowOnce() {
    tag("CREATE TABLE changes (item_id int, category text, tag text)");
    tag("INSERT INTO changes VALUES (1, 'x', 't1'), (3, 'y', 't2'), (3, 'y', 't3'), (9, 'q', 't4')");
    // item 3 matches twice: updated once, as PostgreSQL does; item 9 matches no row
    assertEquals("UPDATE 2", tag("UPDATE items SET category = c.category || '-' || items.category"
        + " FROM changes c WHERE items.id = c.item_id"));
    assertEquals(table("1|x-a", "2|b", "3|y-a", "4|b"), rows("SELECT id, category FROM items ORDER BY id"));
    // an alias, DEFAULT, a vector, a parameter in the FROM list, RETURNING the new row
    assertEquals(table("2|NULL|[7,7]"), rows("UPDATE items AS i SET category = DEFAULT,"
        + " embedding = v.e::vector FROM (VALUES ($1::int, '[7,7]')) AS v(id, e) WHERE i.id = v.id"
        + " RETURNING i.id, category, embedding", 2));
    assertEquals(table("2"), rows("SELECT id FROM items ORDER BY embedding <-> '[7,7]' LIMIT 1"));
    // the same table under another name: each row takes its neighbour's category
    assertEquals("UPDATE 3", tag("UPDATE items SET category = o.category FROM items o"
        + " WHERE o.id = items.id + 1"));
    assertEquals(table("1|NULL", "2|y-a", "3|b", "4|b"), rows("SELECT id, category FROM items ORDER BY id"));
    tag("BEGIN");
    assertEquals("UPDATE 1", tag("UPDATE items SET category = 'in block' FROM changes"
        + " WHERE items.id = changes.item_id AND changes.tag = 't1'"));
    tag("ROLLBACK");
    org.junit.jupiter.api.Assertions.assertNull(value("SELECT category FROM items WHERE id = 1"));
  }

  @Test
  void deleteUsingDeletesEachMatchedRowOnce() {
    tag("CREATE TABLE gone (item_id int, why text)");
    tag("INSERT INTO gone VALUES (1, 'x'), (3, 'y'), (3, 'z'), (9, 'q')");
    // item 3 matches twice: deleted once, as PostgreSQL does; item 9 matches no row
    assertEquals("DELETE 2", tag("DELETE FROM items USING gone WHERE items.id = gone.item_id"));
    assertEquals(table("2|b", "4|b"), rows("SELECT id, category FROM items ORDER BY id"));
    // an alias, a parameter in the USING list, RETURNING the deleted row
    assertEquals(table("2|b"), rows("DELETE FROM items AS i USING (VALUES ($1::int)) AS v(id)"
        + " WHERE i.id = v.id RETURNING i.id, category", 2));
    // no WHERE: every row of the target, if the USING list has a row
    tag("BEGIN");
    assertEquals("DELETE 1", tag("DELETE FROM items USING gone"));
    tag("ROLLBACK");
    assertEquals("DELETE 0", tag("DELETE FROM items USING gone WHERE gone.why = 'none'"));
    assertEquals(table("4|b"), rows("SELECT id, category FROM items ORDER BY id"));
    assertEquals(table("4"), rows("SELECT id FROM items ORDER BY embedding <-> '[0,0]' LIMIT 5"));
  }

  @Test
  void returningOfAJoinedStatementReadsTheFromListToo() {
    tag("CREATE TABLE src (id int, note text, n int)");
    tag("INSERT INTO src VALUES (1, 'x', 10), (3, 'y', 30)");
    // the new row, then every FROM item's columns for *; q.* one relation's; expressions of both
    assertEquals(new java.util.HashSet<>(table("1|x!|[1,1]|1|x|10", "3|y!|[3,3]|3|y|30")),
        new java.util.HashSet<>(rows("UPDATE items SET category = s.note || '!' FROM src s"
            + " WHERE items.id = s.id RETURNING *")));
    assertEquals(table("x!x|10|1|x|10|1"), rows("UPDATE items i SET category = s.note || '!'"
        + " FROM src s WHERE i.id = s.id AND s.n = $1 RETURNING i.category || s.note, s.n, s.*, i.id",
        10));
    // a subquery and VALUES in the FROM list, more than one of them
    assertEquals(table("3|30|k"), rows("UPDATE items SET category = 'z' FROM (SELECT id, n FROM src)"
        + " AS q, (VALUES (3, 'k')) AS v(a, b) WHERE items.id = q.id AND q.id = v.a"
        + " RETURNING items.id, q.n, v.b"));
    assertError("42702", "column reference \"id\" is ambiguous",
        "UPDATE items SET category = 'z' FROM src s WHERE items.id = s.id RETURNING id");
    assertError("42P01", "missing FROM-clause entry for table \"nosuch\"",
        "UPDATE items SET category = 'z' FROM src s WHERE items.id = s.id RETURNING nosuch.*");
    // the deleted row and the USING list's
    assertEquals(table("3|z|30"), rows("DELETE FROM items USING src WHERE items.id = src.id"
        + " AND src.n > 20 RETURNING items.id, category, src.n"));
    assertEquals(table("1|x!|[1,1]|1|x|10"), rows("DELETE FROM items AS i USING src"
        + " WHERE i.id = src.id RETURNING *"));
    assertEquals(table("2|b", "4|b"), rows("SELECT id, category FROM items ORDER BY id"));
  }

  @Test
  void returningErrorsPointAtTheirName() {
    // RETURNING was parsed with "SELECT " before it and its positions mapped as if without
    String sql = "UPDATE items SET category = 'z' WHERE id = 1 RETURNING items.nosuch";
    assertEquals(sql.indexOf("items.nosuch") + 1, error(sql).position());
    sql = "DELETE FROM items WHERE id = 1 RETURNING id, nosuch";
    assertEquals(sql.indexOf("nosuch") + 1, error(sql).position());
    sql = "INSERT INTO items (id) VALUES (9) RETURNING nosuch.*";
    assertEquals(sql.indexOf("nosuch") + 1, error(sql).position());
  }

  @Test
  void updateFromRefusesWhatItCannotDo() {
    tag("CREATE TABLE nokey (a int, b int)");
    assertError("0A000", "UPDATE ... FROM is supported only on a table with a primary key"
        + " (\"nokey\" has none)", "UPDATE nokey SET b = 1 FROM items WHERE nokey.a = items.id");
    assertError("42703", "column \"nosuch\" of relation \"items\" does not exist",
        "UPDATE items SET nosuch = 1 FROM nokey WHERE items.id = nokey.a");
    assertError("42703", "column n.nosuch does not exist",
        "UPDATE items SET category = n.nosuch FROM nokey n WHERE items.id = n.a");
    assertError("0A000", "DELETE ... USING is supported only on a table with a primary key"
        + " (\"nokey\" has none)", "DELETE FROM nokey USING items WHERE nokey.a = items.id");
    assertError("42703", "column n.nosuch does not exist",
        "DELETE FROM items USING nokey n WHERE items.id = n.nosuch");
    assertEquals(table("1|a", "2|b", "3|a", "4|b"), rows("SELECT id, category FROM items ORDER BY id"));
  }

  /** The unique key a statement looks its rows up by instead of scanning, or null. */
  private String lookupKey(String sql, int... parameterTypes) {
    var statement = org.junit.jupiter.api.Assertions.assertInstanceOf(
        io.s3vector.sql.plan.DmlStatement.class, session.prepare(sql, parameterTypes));
    return statement.lookupKey() == null ? null : String.join(",", statement.lookupKey().columns());
  }

  @Test
  void aConditionThatFixesTheKeyLooksTheRowUpInsteadOfScanning() {
    assertEquals("id", lookupKey("UPDATE items SET category = 'q' WHERE id = 3"));
    assertEquals("id", lookupKey("UPDATE items SET category = $1 WHERE id = $2", 25, 23));
    assertEquals("id", lookupKey("DELETE FROM items WHERE category = 'a' AND 3 = id"));
    assertEquals("id", lookupKey("DELETE FROM items WHERE id = $1", 23));
    assertEquals(null, lookupKey("DELETE FROM items WHERE id > 3"));
    assertEquals(null, lookupKey("DELETE FROM items WHERE id = 3 OR id = 4"));
  }

  @Test
  void aKeyLookupStillAppliesTheRestOfTheCondition() {
    assertEquals("UPDATE 0", tag("UPDATE items SET category = 'q' WHERE id = 3 AND category = 'zzz'"));
    assertEquals("UPDATE 1", tag("UPDATE items SET category = 'q' WHERE category = 'a' AND 3 = id"));
    assertEquals("DELETE 0", tag("DELETE FROM items WHERE id = 99"));
    assertEquals("DELETE 1", tag("DELETE FROM items WHERE id = $1", 4));
    assertEquals(table("1|a", "2|b", "3|q"), rows("SELECT id, category FROM items ORDER BY id"));
  }
}
