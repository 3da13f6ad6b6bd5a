package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PRIMARY KEY enforcement and INSERT ... ON CONFLICT, as LangChain-style vector stores send them. */
class UpsertTest extends SqlTestBase {

  @BeforeEach
  void table() {
    tag("CREATE TABLE docs (id text PRIMARY KEY, content text, embedding vector(2))");
    tag("INSERT INTO docs VALUES ('a', 'first', '[1,1]'), ('b', 'second', '[2,2]')");
  }

  @Test
  void nullsNotDistinctKeysTreatNullsAsEqual() {
    tag("CREATE TABLE nnd (id int PRIMARY KEY, a int UNIQUE NULLS NOT DISTINCT, b int, c int,"
        + " UNIQUE NULLS NOT DISTINCT (b, c))");
    tag("INSERT INTO nnd VALUES (1, NULL, 1, NULL)");
    assertError("23505", "duplicate key value violates unique constraint \"nnd_a_key\"",
        "INSERT INTO nnd VALUES (2, NULL, 2, 2)");
    PgException e = error("INSERT INTO nnd VALUES (3, 3, 1, NULL)");
    assertEquals("duplicate key value violates unique constraint \"nnd_b_c_key\"", e.getMessage());
    assertEquals("Key (b, c)=(1, null) already exists.", e.detail());
    // within one statement, and from a committed row to an UPDATE
    assertError("23505", "duplicate key value violates unique constraint \"nnd_b_c_key\"",
        "INSERT INTO nnd VALUES (4, 4, NULL, NULL), (5, 5, NULL, NULL)");
    tag("INSERT INTO nnd VALUES (6, 6, 6, 6)");
    assertError("23505", "duplicate key value violates unique constraint \"nnd_a_key\"",
        "UPDATE nnd SET a = NULL WHERE id = 6");
    // a row whose key had a NULL may take a value, and ON CONFLICT finds the NULL key
    assertEquals("UPDATE 1", tag("UPDATE nnd SET a = 1 WHERE a IS NULL"));
    assertEquals("INSERT 0 1", tag("INSERT INTO nnd VALUES (7, NULL, 7, 7)"));
    assertEquals("INSERT 0 0", tag("INSERT INTO nnd VALUES (8, NULL, 8, 8) ON CONFLICT (a) DO NOTHING"));
    assertEquals(table("1|10"), rows("INSERT INTO nnd VALUES (9, 9, 1, NULL)"
        + " ON CONFLICT (b, c) DO UPDATE SET a = 10 RETURNING id, a"));
    assertEquals(table("1|10", "6|6", "7|-"),
        rows("SELECT id, coalesce(a::text, '-') FROM nnd ORDER BY id"));
    // key = NULL matches nothing, though a row holds NULL in a NULLS NOT DISTINCT key
    assertEquals("0", value("SELECT count(*) FROM nnd WHERE a = NULL"));
    assertEquals("DELETE 0", tag("DELETE FROM nnd WHERE a = NULL"));
    assertEquals("DELETE 1", tag("DELETE FROM nnd WHERE a IS NULL"));
    assertEquals("INSERT 0 1", tag("INSERT INTO nnd VALUES (11, NULL, 11, 11)"));
  }

  @Test
  void keysWithNullsOfDistinctNullsNeverConflict() {
    tag("CREATE TABLE dn (id int PRIMARY KEY, a int UNIQUE)");
    assertEquals("INSERT 0 2", tag("INSERT INTO dn VALUES (1, NULL), (2, NULL) ON CONFLICT (a) DO NOTHING"));
    assertEquals("UPDATE 2", tag("UPDATE dn SET a = id WHERE a IS NULL"));
    assertEquals("UPDATE 2", tag("UPDATE dn SET a = NULL"));
    assertEquals("2", value("SELECT count(*) FROM dn WHERE a IS NULL"));
  }

  @Test
  void aDuplicateKeyIsRefusedWithPostgresDetail() {
    PgException e = error("INSERT INTO docs VALUES ('a', 'again', '[3,3]')");
    assertEquals("23505", e.sqlState());
    assertEquals("duplicate key value violates unique constraint \"docs_pkey\"", e.getMessage());
    assertEquals("Key (id)=(a) already exists.", e.detail());
    assertError("23505", "duplicate key value violates unique constraint \"docs_pkey\"",
        "INSERT INTO docs VALUES ('c', 'x', '[3,3]'), ('c', 'y', '[4,4]')");
    assertEquals("2", value("SELECT count(*) FROM docs"));
    // an UPDATE may keep its key, not take another row's
    assertEquals("UPDATE 1", tag("UPDATE docs SET content = 'changed' WHERE id = 'a'"));
    assertError("23505", "duplicate key value violates unique constraint \"docs_pkey\"",
        "UPDATE docs SET id = 'b' WHERE id = 'a'");
    assertEquals(table("a|changed", "b|second"), rows("SELECT id, content FROM docs ORDER BY id"));
  }

  @Test
  void insideABlockTheStatementFailsAtOnce() {
    tag("BEGIN");
    tag("INSERT INTO docs VALUES ('c', 'third', '[3,3]')");
    assertError("23505", "duplicate key value violates unique constraint \"docs_pkey\"",
        "INSERT INTO docs VALUES ('c', 'again', '[3,3]')");
    tag("ROLLBACK");
    assertEquals("2", value("SELECT count(*) FROM docs"));
  }

  @Test
  void onConflictDoNothingSkipsExistingKeys() {
    assertEquals("INSERT 0 1", tag("INSERT INTO docs VALUES ('a', 'x', '[9,9]'), ('c', 'third', '[3,3]') ON CONFLICT (id) DO NOTHING"));
    assertEquals("INSERT 0 0", tag("INSERT INTO docs VALUES ('a', 'x', '[9,9]') ON CONFLICT DO NOTHING"));
    assertEquals(table("a|first", "b|second", "c|third"), rows("SELECT id, content FROM docs ORDER BY id"));
  }

  @Test
  void onConflictDoUpdateReplacesTheRowAndReturnsIt() {
    assertEquals(table("a|new|[5,5]", "d|fourth|[4,4]"), rows(
        "INSERT INTO docs AS d VALUES ('a', 'new', '[5,5]'), ('d', 'fourth', '[4,4]') "
            + "ON CONFLICT (id) DO UPDATE SET content = EXCLUDED.content, embedding = excluded.embedding "
            + "RETURNING id, content, embedding"));
    assertEquals(table("a|new", "b|second", "d|fourth"), rows("SELECT id, content FROM docs ORDER BY id"));
    assertEquals("a", value("SELECT id FROM docs ORDER BY embedding <-> '[5,5]' LIMIT 1"));
    // WHERE filters the update; the row stays as it was
    assertEquals("INSERT 0 0", tag("INSERT INTO docs VALUES ('b', 'nope', '[0,0]') "
        + "ON CONFLICT (id) DO UPDATE SET content = docs.content || '+' || EXCLUDED.content WHERE docs.content = 'x'"));
    assertEquals("INSERT 0 1", tag("INSERT INTO docs VALUES ('b', 'yes', '[0,0]') "
        + "ON CONFLICT (id) DO UPDATE SET content = docs.content || '+' || EXCLUDED.content"));
    assertEquals("second+yes", value("SELECT content FROM docs WHERE id = 'b'"));
    assertEquals("3", value("SELECT count(*) FROM docs"));
  }

  @Test
  void onConflictErrorsAsPostgres() {
    assertError("21000", "ON CONFLICT DO UPDATE command cannot affect row a second time",
        "INSERT INTO docs VALUES ('a', 'x', '[1,1]'), ('a', 'y', '[1,1]') ON CONFLICT (id) DO UPDATE SET content = EXCLUDED.content");
    assertError("42P10", "there is no unique or exclusion constraint matching the ON CONFLICT specification",
        "INSERT INTO docs VALUES ('a', 'x', '[1,1]') ON CONFLICT (content) DO NOTHING");
    assertError("42601", "ON CONFLICT DO UPDATE requires inference specification or constraint name",
        "INSERT INTO docs VALUES ('a', 'x', '[1,1]') ON CONFLICT DO UPDATE SET content = 'z'");
    assertEquals("INSERT 0 1", tag("INSERT INTO docs VALUES ('a', 'z', '[1,1]') ON CONFLICT ON CONSTRAINT docs_pkey DO UPDATE SET content = 'z'"));
  }

  @Test
  void uniqueConstraintsAndChecksHoldOnUpdateToo() {
    tag("CREATE TABLE users (id int PRIMARY KEY, email text UNIQUE, age int CHECK (age >= 0))");
    tag("INSERT INTO users VALUES (1, 'a@x', 30), (2, 'b@x', 40), (3, NULL, 1), (4, NULL, 2)");
    PgException e = error("INSERT INTO users VALUES (5, 'a@x', 1)");
    assertEquals("23505", e.sqlState());
    assertEquals("duplicate key value violates unique constraint \"users_email_key\"", e.getMessage());
    assertEquals("Key (email)=(a@x) already exists.", e.detail());
    assertError("23514", "new row for relation \"users\" violates check constraint \"users_age_check\"",
        "UPDATE users SET age = -1 WHERE id = 1");
    assertError("23505", "duplicate key value violates unique constraint \"users_email_key\"",
        "UPDATE users SET email = 'b@x' WHERE id = 1");
    assertEquals("INSERT 0 1", tag("INSERT INTO users VALUES (2, 'c@x', 5) ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email"));
    assertEquals(table("1|a@x|30", "2|c@x|40", "3|-|1", "4|-|2"), rows("SELECT id, coalesce(email, '-'), age FROM users ORDER BY id"));
  }

  @Test
  void insertsOfABlockAreCheckedWithoutWritingThemOutOneByOne() {
    int before = db.manifest().table("docs").segments().size();
    tag("BEGIN");
    for (int i = 0; i < 50; i++) {
      tag("INSERT INTO docs VALUES ('k" + i + "', 'x', '[1,1]')");
    }
    assertError("23505", "duplicate key value violates unique constraint \"docs_pkey\"",
        "INSERT INTO docs VALUES ('k7', 'again', '[1,1]')");
    tag("ROLLBACK");
    tag("BEGIN");
    for (int i = 0; i < 50; i++) {
      tag("INSERT INTO docs VALUES ('k" + i + "', 'x', '[1,1]')");
    }
    tag("COMMIT");
    // one segment for the 50 rows: the unique checks did not write each statement's row out
    assertEquals(before + 1, db.manifest().table("docs").segments().size());
    assertEquals("52", value("SELECT count(*) FROM docs"));
  }
}
