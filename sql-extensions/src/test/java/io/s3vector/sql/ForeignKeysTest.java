package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * FOREIGN KEY cases beside the golden file foreign_keys.sql, with PostgreSQL 15's outcomes: a
 * table referencing itself, SET NULL into a NOT NULL column, an UPDATE that keeps the key, a
 * cascade that recurses, and DROP TABLE ... CASCADE (not supported: 0A000).
 */
class ForeignKeysTest extends SqlTestBase {

  @Test
  void aTreeDeletedWholeSatisfiesNoAction() {
    tag("CREATE TABLE tree (id int PRIMARY KEY, parent int REFERENCES tree)");
    tag("INSERT INTO tree VALUES (1, NULL), (2, 1), (3, 2)");
    assertError("23503", "update or delete on table \"tree\" violates foreign key constraint"
        + " \"tree_parent_fkey\" on table \"tree\"", "DELETE FROM tree WHERE id = 1");
    assertEquals("DELETE 2", tag("DELETE FROM tree WHERE id >= 2"));
    assertEquals("DELETE 1", tag("DELETE FROM tree"));
  }

  @Test
  void setNullIntoANotNullColumnFails() {
    tag("CREATE TABLE p (id int PRIMARY KEY)");
    tag("CREATE TABLE c (id int PRIMARY KEY, p int NOT NULL REFERENCES p ON DELETE SET NULL)");
    tag("INSERT INTO p VALUES (1), (2)");
    tag("INSERT INTO c VALUES (1, 1)");
    PgException e = error("DELETE FROM p WHERE id = 1");
    assertEquals("23502", e.sqlState());
    assertEquals("Failing row contains (1, null).", e.detail());
    assertEquals("UPDATE 2", tag("UPDATE p SET id = id"));
    assertError("23503", "update or delete on table \"p\" violates foreign key constraint"
        + " \"c_p_fkey\" on table \"c\"", "UPDATE p SET id = id + 10");
    assertEquals(table("1", "2"), rows("SELECT id FROM p ORDER BY id"));
  }

  @Test
  void cascadesRecurseAndStayInTheStatementsTransaction() {
    tag("CREATE TABLE a (id int PRIMARY KEY)");
    tag("CREATE TABLE b (id int PRIMARY KEY, a int REFERENCES a ON DELETE CASCADE)");
    tag("CREATE TABLE c (id int PRIMARY KEY, b int REFERENCES b ON DELETE CASCADE)");
    tag("CREATE TABLE d (id int PRIMARY KEY, c int REFERENCES c)");
    tag("INSERT INTO a VALUES (1), (2)");
    tag("INSERT INTO b VALUES (10, 1), (20, 2)");
    tag("INSERT INTO c VALUES (100, 10), (200, 20)");
    tag("INSERT INTO d VALUES (1000, 100)");
    PgException e = error("DELETE FROM a WHERE id = 1");
    assertEquals("update or delete on table \"c\" violates foreign key constraint \"d_c_fkey\""
        + " on table \"d\"", e.getMessage());
    assertEquals("Key (id)=(100) is still referenced from table \"d\".", e.detail());
    assertEquals("2", value("SELECT count(*) FROM b"));
    tag("BEGIN");
    assertEquals("DELETE 1", tag("DELETE FROM a WHERE id = 2"));
    assertEquals(table("10"), rows("SELECT id FROM b"));
    assertEquals(table("100"), rows("SELECT id FROM c"));
    tag("ROLLBACK");
    assertEquals("2", value("SELECT count(*) FROM c"));
  }

  @Test
  void dropTableOfAReferencedTableNeedsCascadeWhichDropsTheReferences() {
    tag("CREATE TABLE p (id int PRIMARY KEY)");
    tag("CREATE TABLE c (id int PRIMARY KEY, p int REFERENCES p)");
    PgException e = error("DROP TABLE p");
    assertEquals("2BP01", e.sqlState());
    assertEquals("cannot drop table p because other objects depend on it", e.getMessage());
    assertEquals("constraint c_p_fkey on table c depends on table p", e.detail());
    assertEquals("Use DROP ... CASCADE to drop the dependent objects too.", e.hint());
    assertEquals("DROP TABLE", tag("DROP TABLE p CASCADE"));
    // the reference went with it: c takes any value now
    assertEquals("INSERT 0 1", tag("INSERT INTO c VALUES (1, 42)"));
    assertEquals("0", value("SELECT count(*) FROM pg_constraint WHERE contype = 'f'"));
  }
}
