package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** ALTER TABLE ADD/DROP COLUMN, CREATE INDEX CONCURRENTLY/IF NOT EXISTS, CREATE EXTENSION twice. */
class AlterTableTest extends SqlTestBase {

  @Test
  void addedColumnsShowTheirDefaultInOldRowsAndNewRowsTakeValues() {
    script("CREATE TABLE t (id bigint PRIMARY KEY, name text, v vector(2));"
        + "INSERT INTO t VALUES (1, 'a', '[1,1]'), (2, 'b', '[2,2]')");
    assertEquals("ALTER TABLE", tag("ALTER TABLE t ADD COLUMN score int DEFAULT 3 + 4"));
    assertEquals("ALTER TABLE", tag("ALTER TABLE t ADD note varchar(5), ADD COLUMN IF NOT EXISTS ts timestamp"));
    run("INSERT INTO t (id, name, v, note) VALUES (3, 'c', '[3,3]', 'new')");
    assertEquals(table("1|a|[1,1]|7|NULL|NULL", "2|b|[2,2]|7|NULL|NULL", "3|c|[3,3]|7|new|NULL"),
        rows("SELECT * FROM t ORDER BY id"));
    assertEquals(table("1", "2", "3"), rows("SELECT id FROM t WHERE score = 7 ORDER BY id"));
    assertEquals(table("3"), rows("SELECT id FROM t ORDER BY v <-> '[3,3]' LIMIT 1"));
  }

  @Test
  void theDefaultIsEvaluatedOnceAtAlterTime() {
    script("CREATE TABLE t (id int); INSERT INTO t VALUES (1)");
    run("ALTER TABLE t ADD COLUMN c int DEFAULT $1", 5);
    assertEquals(table("1|5"), rows("SELECT * FROM t"));
  }

  @Test
  void droppedColumnsAreHiddenAndANameAddedAgainStartsEmpty() {
    script("CREATE TABLE t (id int, name text, extra int); INSERT INTO t VALUES (1, 'a', 10)");
    assertEquals("ALTER TABLE", tag("ALTER TABLE t DROP COLUMN name, DROP extra CASCADE"));
    assertEquals(table("1"), rows("SELECT * FROM t"));
    assertError("42703", "column \"name\" does not exist", "SELECT name FROM t");
    run("ALTER TABLE t ADD COLUMN name text");
    run("INSERT INTO t VALUES (2, 'b')");
    assertEquals(table("1|NULL", "2|b"), rows("SELECT * FROM t ORDER BY id"));
  }

  @Test
  void insideABlockRowsWrittenBeforeTheChangeReadTheMissingValue() {
    script("CREATE TABLE t (id int)");
    run("BEGIN");
    run("INSERT INTO t VALUES (1)");
    run("ALTER TABLE t ADD COLUMN c int DEFAULT 9");
    run("INSERT INTO t VALUES (2, 3)");
    assertEquals(table("1|9", "2|3"), rows("SELECT * FROM t ORDER BY id"));
    run("COMMIT");
    assertEquals(table("1|9", "2|3"), rows("SELECT * FROM t ORDER BY id"));
  }

  @Test
  void existingAndMissingNames() {
    script("CREATE TABLE t (id int, name text)");
    assertError("42701", "column \"name\" of relation \"t\" already exists", "ALTER TABLE t ADD name text");
    run("ALTER TABLE t ADD IF NOT EXISTS name text");
    assertEquals("column \"name\" of relation \"t\" already exists, skipping", onlyNotice());
    assertError("42703", "column \"nope\" of relation \"t\" does not exist", "ALTER TABLE t DROP nope");
    run("ALTER TABLE t DROP COLUMN IF EXISTS nope");
    assertEquals("column \"nope\" of relation \"t\" does not exist, skipping", onlyNotice());
    assertError("42P01", "relation \"nope\" does not exist", "ALTER TABLE nope ADD c int");
    run("ALTER TABLE IF EXISTS nope ADD c int");
    assertEquals("relation \"nope\" does not exist, skipping", onlyNotice());
    assertError("42704", "type \"nosuchtype\" does not exist", "ALTER TABLE t ADD c nosuchtype");
    assertError("3F000", "schema \"other\" does not exist", "ALTER TABLE other.t ADD c int");
    assertError("42P01", "relation \"public.nosuch\" does not exist", "ALTER TABLE public.nosuch ADD c int");
    run("ALTER TABLE IF EXISTS ONLY public.\"t\" ADD COLUMN \"Mixed\" int, DROP COLUMN \"Mixed\"");
    assertEquals(List.of("id", "name"), columnNames("t"));
    // a failing action leaves the others undone
    assertError("42701", "column \"name\" of relation \"t\" already exists",
        "ALTER TABLE t ADD c int, ADD name text");
    assertError("42703", "column \"c\" does not exist", "SELECT c FROM t");
  }

  @Test
  void notNullNeedsADefaultOnceTheTableHasRows() {
    script("CREATE TABLE t (id int)");
    run("ALTER TABLE t ADD COLUMN a int NOT NULL");
    run("INSERT INTO t VALUES (1, 2)");
    assertError("23502", "column \"b\" of relation \"t\" contains null values",
        "ALTER TABLE t ADD COLUMN b int NOT NULL");
    run("ALTER TABLE t ADD COLUMN b int NOT NULL DEFAULT 0");
    assertEquals(table("1|2|0"), rows("SELECT * FROM t"));
    assertError("23502", "null value in column \"b\" of relation \"t\" violates not-null constraint",
        "INSERT INTO t VALUES (2, 2, NULL)");
  }

  @Test
  void addedUniqueConstraintsAreCheckedAgainstTheRowsThenEnforced() {
    script("CREATE TABLE t (id int PRIMARY KEY, n int, m int); INSERT INTO t VALUES (1, 1, 1), (2, 1, NULL),"
        + " (3, 2, NULL)");
    PgException e = error("ALTER TABLE t ADD UNIQUE (n)");
    assertEquals("23505", e.sqlState());
    assertEquals("could not create unique index \"t_n_key\"", e.getMessage());
    assertEquals("Key (n)=(1) is duplicated.", e.detail());
    run("ALTER TABLE t ADD UNIQUE (m)"); // NULLs are distinct
    run("ALTER TABLE t ADD CONSTRAINT t_nm UNIQUE (n, m)");
    assertError("42P07", "relation \"t_nm\" already exists", "ALTER TABLE t ADD CONSTRAINT t_nm UNIQUE (id)");
    assertError("42703", "column \"x\" named in key does not exist", "ALTER TABLE t ADD UNIQUE (x)");
    assertEquals(table("t_m_key|u|{3}", "t_nm|u|{2,3}", "t_pkey|p|{1}"),
        rows("SELECT conname, contype, conkey FROM pg_constraint WHERE conrelid = 't'::regclass ORDER BY 1"));
    e = error("INSERT INTO t VALUES (4, 3, 1)");
    assertEquals("duplicate key value violates unique constraint \"t_m_key\"", e.getMessage());
    assertEquals("Key (m)=(1) already exists.", e.detail());
    run("INSERT INTO t VALUES (4, 3, 4)");
  }

  @Test
  void anAddedCheckIsTestedOnTheRowsThenEnforced() {
    script("CREATE TABLE t (id int PRIMARY KEY, n int, m int); INSERT INTO t VALUES (1, 1, 1), (2, -1, NULL),"
        + " (3, NULL, 3)");
    assertError("23514", "check constraint \"t_n_check\" of relation \"t\" is violated by some row",
        "ALTER TABLE t ADD CHECK (n > 0)");
    run("UPDATE t SET n = 2 WHERE id = 2");
    run("ALTER TABLE t ADD CHECK (n > 0)"); // NULL passes, as in PostgreSQL
    run("ALTER TABLE t ADD CONSTRAINT t_nm CHECK (n <= m)");
    assertError("42710", "constraint \"t_nm\" for relation \"t\" already exists",
        "ALTER TABLE t ADD CONSTRAINT t_nm CHECK (n < 100)");
    assertEquals(table("t_n_check|CHECK ((n > 0))", "t_nm|CHECK ((n <= m))", "t_pkey|PRIMARY KEY (id)"),
        rows("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 't'::regclass"
            + " ORDER BY 1"));
    PgException e = error("INSERT INTO t VALUES (4, 0, 0)");
    assertEquals("new row for relation \"t\" violates check constraint \"t_n_check\"", e.getMessage());
    run("INSERT INTO t VALUES (4, 5, 6)");
  }

  @Test
  void anAddedPrimaryKeyNeedsNoNullsAndNoDuplicatesThenMakesItsColumnsNotNull() {
    script("CREATE TABLE t (id int, n int, m int); INSERT INTO t VALUES (1, 1, 1), (2, 1, NULL),"
        + " (3, NULL, 3)");
    assertError("23502", "column \"m\" of relation \"t\" contains null values", "ALTER TABLE t ADD PRIMARY KEY (m)");
    // duplicates are reported before NULLs, as PostgreSQL reports them
    PgException e = error("ALTER TABLE t ADD PRIMARY KEY (n)");
    assertEquals("could not create unique index \"t_pkey\"", e.getMessage());
    assertEquals("Key (n)=(1) is duplicated.", e.detail());
    run("UPDATE t SET n = 5 WHERE id = 2");
    assertError("23502", "column \"n\" of relation \"t\" contains null values", "ALTER TABLE t ADD PRIMARY KEY (n)");
    run("ALTER TABLE t ADD CONSTRAINT t_id_pk PRIMARY KEY (id)");
    assertError("42P16", "multiple primary keys for table \"t\" are not allowed", "ALTER TABLE t ADD PRIMARY KEY (n)");
    assertEquals(table("t_id_pk|PRIMARY KEY (id)"), rows("SELECT conname, pg_get_constraintdef(oid)"
        + " FROM pg_constraint WHERE conrelid = 't'::regclass"));
    assertError("23502", "null value in column \"id\" of relation \"t\" violates not-null constraint",
        "INSERT INTO t VALUES (NULL, 1, 1)");
    assertEquals("23505", error("INSERT INTO t VALUES (1, 1, 1)").sqlState());
    assertEquals(table("1|1|40"), rows("INSERT INTO t VALUES (1, 1, 1) ON CONFLICT (id) DO UPDATE SET m = 40"
        + " RETURNING *"));
  }

  @Test
  void addedForeignKeysAreCheckedAgainstTheRowsThenEnforced() {
    script("CREATE TABLE collections (id int PRIMARY KEY, name text UNIQUE);"
        + "CREATE TABLE docs (id int PRIMARY KEY, cid int, parent int);"
        + "INSERT INTO collections VALUES (1, 'a'), (2, 'b');"
        + "INSERT INTO docs VALUES (10, 1, NULL), (11, 7, 10), (12, NULL, 99)");
    PgException e = error("ALTER TABLE docs ADD FOREIGN KEY (cid) REFERENCES collections (id)");
    assertEquals("23503", e.sqlState());
    assertEquals("insert or update on table \"docs\" violates foreign key constraint \"docs_cid_fkey\"",
        e.getMessage());
    assertEquals("Key (cid)=(7) is not present in table \"collections\".", e.detail());
    run("DELETE FROM docs WHERE id = 11");
    run("ALTER TABLE docs ADD FOREIGN KEY (cid) REFERENCES collections (id) ON DELETE CASCADE");
    assertError("42710", "constraint \"docs_cid_fkey\" for relation \"docs\" already exists",
        "ALTER TABLE docs ADD CONSTRAINT docs_cid_fkey FOREIGN KEY (cid) REFERENCES collections (id)");
    assertError("42830", "there is no unique constraint matching given keys for referenced table"
        + " \"docs\"", "ALTER TABLE docs ADD FOREIGN KEY (cid) REFERENCES docs (parent)");
    e = error("ALTER TABLE docs ADD FOREIGN KEY (parent) REFERENCES docs (id)");
    assertEquals("Key (parent)=(99) is not present in table \"docs\".", e.detail(), e.getMessage());
    assertEquals(table("docs_cid_fkey|FOREIGN KEY (cid) REFERENCES collections(id) ON DELETE CASCADE",
            "docs_pkey|PRIMARY KEY (id)"),
        rows("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
            + " WHERE conrelid = 'docs'::regclass ORDER BY 1"));
    assertEquals("23503", error("INSERT INTO docs VALUES (13, 5, NULL)").sqlState());
    run("DELETE FROM collections WHERE id = 1");
    assertEquals(table("12|NULL"), rows("SELECT id, cid FROM docs ORDER BY id"), "the cascade ran");
  }

  @Test
  void whatWouldNeedARewriteOrAnotherObjectIsRefusedByName() {
    script("CREATE TABLE t (id int PRIMARY KEY, v vector(2), n int CHECK (n > 0));"
        + "INSERT INTO t VALUES (1, '[1,2]', 1);"
        + "CREATE INDEX t_v ON t USING hnsw (v vector_l2_ops)");
    assertError("0A000", "ALTER TABLE ... ALTER COLUMN ... TYPE from integer to bigint is not"
        + " supported yet: the stored values would have to be rewritten",
        "ALTER TABLE t ALTER COLUMN n TYPE bigint");
    assertError("0A000", "ALTER TABLE ... ALTER COLUMN ... TYPE ... USING is not supported yet",
        "ALTER TABLE t ALTER n SET DATA TYPE text USING n::text");
    assertError("0A000", "ALTER TABLE ... ALTER COLUMN is not supported yet",
        "ALTER TABLE t ALTER COLUMN n SET STATISTICS 100");
    // DROP CONSTRAINT alone is DropConstraintStatement's (golden drop_constraint); beside others not
    assertError("0A000", "ALTER TABLE ... DROP CONSTRAINT is not supported yet",
        "ALTER TABLE t DROP CONSTRAINT t_pkey, ADD COLUMN z int");
    assertError("42704", "constraint \"nosuch\" of relation \"t\" does not exist",
        "ALTER TABLE t DROP CONSTRAINT nosuch");
    assertError("0A000", "ALTER TABLE ... RENAME is not supported yet", "ALTER TABLE t RENAME TO u");
    // OWNER TO alone is OwnerChange's (PgDumpStatementsTest); beside other actions it is refused
    assertError("0A000", "ALTER TABLE ... OWNER TO is not supported yet",
        "ALTER TABLE t OWNER TO postgres, ADD COLUMN z int");
    assertError("0A000", "ALTER INDEX is not supported yet", "ALTER INDEX t_v RENAME TO w");
    assertError("0A000", "ALTER TABLE ... ADD COLUMN with a PRIMARY KEY, UNIQUE, CHECK or REFERENCES"
        + " constraint is not supported yet", "ALTER TABLE t ADD COLUMN u int UNIQUE");
    assertError("0A000", "ALTER TABLE ... ADD COLUMN with a volatile DEFAULT on a table with rows is"
        + " not supported yet", "ALTER TABLE t ADD COLUMN r uuid DEFAULT gen_random_uuid()");
    // now() is STABLE: evaluated once, as PostgreSQL does
    run("ALTER TABLE t ADD COLUMN created timestamptz DEFAULT now()");
    assertEquals(table("1"), rows("SELECT count(*) FROM t WHERE created <= now()"));
    run("ALTER TABLE t DROP COLUMN created");
    assertError("0A000", "ALTER TABLE ... ADD COLUMN of a serial type on a table with rows is not"
        + " supported yet", "ALTER TABLE t ADD COLUMN s bigserial");
    assertError("0A000", "ALTER TABLE ... DROP COLUMN of a column used by index \"t_v\" is not"
        + " supported yet", "ALTER TABLE t DROP COLUMN v");
    assertError("0A000", "ALTER TABLE ... DROP COLUMN of column \"id\", used by constraint \"t_pkey\","
        + " is not supported yet", "ALTER TABLE t DROP COLUMN id");
    assertError("0A000", "ALTER TABLE ... DROP COLUMN of column \"n\", used by constraint \"t_n_check\","
        + " is not supported yet", "ALTER TABLE t DROP COLUMN n");
    assertEquals(table("1|[1,2]|1"), rows("SELECT * FROM t"));
  }

  @Test
  void createIndexConcurrentlyAndIfNotExists() {
    script("CREATE TABLE t (id int, v vector(2)); INSERT INTO t VALUES (1, '[1,2]')");
    assertEquals("CREATE INDEX", tag("CREATE INDEX CONCURRENTLY t_v ON t USING hnsw (v vector_l2_ops)"));
    assertEquals("CREATE INDEX", tag("CREATE INDEX CONCURRENTLY IF NOT EXISTS t_v ON t USING hnsw (v vector_l2_ops)"));
    assertEquals("relation \"t_v\" already exists, skipping", onlyNotice());
    run("BEGIN");
    assertError("25001", "CREATE INDEX CONCURRENTLY cannot run inside a transaction block",
        "CREATE INDEX CONCURRENTLY t_c ON t USING hnsw (v vector_cosine_ops)");
    run("ROLLBACK");
    assertEquals(table("1"), rows("SELECT id FROM t ORDER BY v <-> '[1,2]' LIMIT 1"));
  }

  @Test
  void createExtensionTwice() {
    assertEquals("CREATE EXTENSION", tag("CREATE EXTENSION vector"));
    assertError("42710", "extension \"vector\" already exists", "CREATE EXTENSION vector");
    assertEquals("CREATE EXTENSION", tag("CREATE EXTENSION IF NOT EXISTS vector"));
    assertEquals("extension \"vector\" already exists, skipping", onlyNotice());
    run("SET client_min_messages = warning");
    tag("CREATE EXTENSION IF NOT EXISTS vector");
    assertTrue(session.drainNotices().isEmpty(), "client_min_messages hides notices");
  }

  private List<String> columnNames(String table) {
    return db.table(table).orElseThrow().schema().columns().stream()
        .map(io.s3vector.storage.table.ColumnSpec::name).toList();
  }

  private String onlyNotice() {
    List<Notice> notices = session.drainNotices();
    assertEquals(1, notices.size(), notices.toString());
    return notices.get(0).message();
  }
}
