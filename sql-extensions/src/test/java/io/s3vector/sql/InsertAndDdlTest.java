package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.ColumnType;
import io.s3vector.storage.table.TableSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

class InsertAndDdlTest extends SqlTestBase {

  @Test
  void createTableMapsPostgresTypesToStorage() {
    assertEquals("CREATE TABLE", tag("CREATE TABLE t (id bigserial PRIMARY KEY, n serial,"
        + " s smallint NOT NULL, i int4, b boolean, r real, d double precision, f8 float8,"
        + " name varchar(5), note text, doc jsonb, at1 timestamp, at2 timestamptz,"
        + " at3 timestamp with time zone, v vector(3), v2 vector, k int DEFAULT 7)"));
    TableSchema schema = db.table("t").orElseThrow().schema();
    assertEquals(List.of("id"), schema.primaryKey());
    ColumnSpec id = schema.columns().get(0);
    assertEquals(ColumnType.INT8, id.type());
    assertEquals(true, id.serial());
    assertEquals(true, id.notNull());
    assertEquals(ColumnType.INT4, schema.columns().get(1).type());
    assertEquals(true, schema.columns().get(1).serial());
    assertEquals(true, schema.columns().get(2).notNull());
    assertEquals(ColumnType.TEXT, schema.columns().get(8).type());
    assertEquals("character varying(5)", schema.columns().get(8).sqlType());
    assertEquals("jsonb", schema.columns().get(10).sqlType());
    assertEquals(ColumnType.TIMESTAMP, schema.columns().get(11).type());
    assertEquals(ColumnType.TIMESTAMPTZ, schema.columns().get(13).type());
    assertEquals(ColumnType.VECTOR, schema.columns().get(14).type());
    assertEquals(3, schema.columns().get(14).dimension());
    assertEquals(0, schema.columns().get(15).dimension());
    assertEquals("7", schema.columns().get(16).defaultSql());
  }

  @Test
  void ddlErrors() {
    tag("CREATE TABLE t (id int)");
    assertError("42P07", "relation \"t\" already exists", "CREATE TABLE t (id int)");
    assertEquals("CREATE TABLE", tag("CREATE TABLE IF NOT EXISTS t (id int)"));
    assertError("22023", "dimensions for type vector must be at least 1", "CREATE TABLE u (v vector(0))");
    assertError("22023", "dimensions for type vector cannot exceed 16000", "CREATE TABLE u (v vector(16001))");
    assertError("22023", "NUMERIC precision 0 must be between 1 and 1000", "CREATE TABLE u (n numeric(0))");
    assertError("0A000", "type numeric[] is not supported yet", "CREATE TABLE u (n numeric[])");
    assertError("42701", "column \"a\" specified more than once", "CREATE TABLE u (a int, a int)");
    assertError("42704", "type \"nosuch\" does not exist", "CREATE TABLE u (a nosuch)");
    assertError("42P01", "table \"nosuch\" does not exist", "DROP TABLE nosuch");
    assertEquals("DROP TABLE", tag("DROP TABLE IF EXISTS nosuch"));
    assertEquals("DROP TABLE", tag("DROP TABLE t"));
    assertError("42P01", "relation \"t\" does not exist", "SELECT * FROM t");
    tag("CREATE TABLE items (id int, embedding vector(3))");
    assertEquals("CREATE INDEX", tag(
        "CREATE INDEX ON items USING hnsw (embedding vector_l2_ops) WITH (m = 16, ef_construction = 64)"));
    assertError("42704", "index \"idx\" does not exist", "DROP INDEX idx");
    assertEquals("CREATE INDEX", tag("CREATE INDEX ON items (id)")); // a btree index: catalog only
    assertEquals("DROP INDEX", tag("DROP INDEX IF EXISTS idx"));
  }

  @Test
  void insertsEveryTypeAndReadsItBack() {
    tag("CREATE TABLE t (id bigserial, s int2, i int, b bool, r real, d float8, name varchar(5),"
        + " note text, doc jsonb, at1 timestamp, at2 timestamptz, v vector(3))");
    assertEquals("INSERT 0 2", tag("INSERT INTO t (s, i, b, r, d, name, note, doc, at1, at2, v) VALUES"
        + " (1, 2, true, 1.5, 0.1, 'abc', 'it''s', '{\"b\": [1, 2], \"a\": 1}',"
        + " '2024-01-02 03:04:05.5', '2024-01-02 03:04:05', '[1,2,3]'),"
        + " (NULL, NULL, 'f', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)"));
    assertEquals(table(
        "1|1|2|t|1.5|0.1|abc|it's|{\"a\": 1, \"b\": [1, 2]}|2024-01-02 03:04:05.5|2024-01-02 03:04:05+00|[1,2,3]",
        "2|NULL|NULL|f|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL"),
        rows("SELECT * FROM t ORDER BY id"));
    QueryResult.Rows r = (QueryResult.Rows) run("SELECT * FROM t");
    assertEquals(List.of("int8", "int2", "int4", "bool", "float4", "float8", "varchar", "text",
            "jsonb", "timestamp", "timestamptz", "vector"),
        r.columns().stream().map(c -> c.type().name()).toList());
    assertEquals(9, r.columns().get(6).typmod());
    assertEquals(3, r.columns().get(11).typmod());
  }

  @Test
  void insertErrors() {
    tag("CREATE TABLE t (id bigserial PRIMARY KEY, name varchar(3) NOT NULL, doc jsonb, v vector(3))");
    assertError("22000", "expected 3 dimensions, not 2", "INSERT INTO t (name, v) VALUES ('a', '[1,2]')");
    assertError("22P02", "invalid input syntax for type vector: \"[1,x]\"",
        "INSERT INTO t (name, v) VALUES ('a', '[1,x]')");
    assertEquals(38, error("INSERT INTO t (name, v) VALUES ('a', '[1,x]')").position());
    assertEquals(0, error("INSERT INTO t (name, v) VALUES ('a', '[1,2]')").position());
    assertEquals(8, error("SELECT ''::vector").position());
    assertEquals(0, error("SELECT '[1,2,3]'::vector(2)").position());
    assertError("0A000", "SELECT FOR UPDATE/SHARE is not supported", "SELECT count(*) FROM t FOR UPDATE");
    assertError("22000", "NaN not allowed in vector", "INSERT INTO t (name, v) VALUES ('a', '[NaN,1,2]')");
    assertError("22001", "value too long for type character varying(3)",
        "INSERT INTO t (name) VALUES ('abcd')");
    assertError("22P02", "invalid input syntax for type json", "INSERT INTO t (name, doc) VALUES ('a', '{x')");
    PgException e = error("INSERT INTO t (doc) VALUES ('{}')");
    assertEquals("23502", e.sqlState());
    assertEquals("null value in column \"name\" of relation \"t\" violates not-null constraint", e.getMessage());
    assertEquals("Failing row contains (1, null, {}, null).", e.detail()); // id from the sequence, as PostgreSQL
    assertError("42703", "column \"nosuch\" of relation \"t\" does not exist", "INSERT INTO t (nosuch) VALUES (1)");
    assertError("42601", "INSERT has more expressions than target columns", "INSERT INTO t (name) VALUES ('a', 'b')");
    assertError("42804", "column \"v\" is of type vector but expression is of type integer",
        "INSERT INTO t (name, v) VALUES ('a', 1)");
    assertError("42P01", "relation \"nosuch\" does not exist", "INSERT INTO nosuch VALUES (1)");
    assertError("54000", "vector cannot have more than 16000 dimensions",
        "INSERT INTO t (name, v) VALUES ('a', $1::text::vector)", "[" + "1,".repeat(16000) + "1]");
  }

  @Test
  void defaultsSerialsReturningAndInsertSelect() {
    tag("CREATE TABLE t (id bigserial PRIMARY KEY, k int DEFAULT 40 + 2, name text, v vector(2))");
    assertEquals(table("1|42|a", "2|42|b"),
        rows("INSERT INTO t (name, v) VALUES ('a', '[1,2]'), ('b', ARRAY[3,4]) RETURNING id, k, name"));
    assertEquals(table("3|7|[5,6]"), rows("INSERT INTO t VALUES (DEFAULT, 7, 'c', '{5,6}'::real[]) RETURNING id, k AS x, v"));
    QueryResult.Rows r = (QueryResult.Rows) run("INSERT INTO t (name) VALUES ('d') RETURNING *");
    assertEquals("INSERT 0", r.tagPrefix());
    assertEquals(List.of("id", "k", "name", "v"), r.columns().stream().map(ResultColumn::name).toList());
    assertEquals("INSERT 0 4", tag("INSERT INTO t (name, v) SELECT name || '2', v FROM t"));
    assertEquals("8", value("SELECT count(*) FROM t"));
    assertEquals(table("a2|[1,2]"), rows("SELECT name, v FROM t WHERE name = 'a2'"));
    Statement st = session.prepare("INSERT INTO t (name, v) VALUES ($1, $2)", new int[0]);
    assertEquals(List.of("text", "vector"), st.parameterTypes().stream().map(t -> t.name()).toList());
    for (int i = 0; i < 3; i++) {
      assertEquals("INSERT 0 1", ((QueryResult.Command) session.execute(st, new Object[] {"p" + i, new float[] {i, i}})).tag());
    }
    assertEquals("11", value("SELECT count(*) FROM t"));
  }

  @Test
  void commentOn() {
    script("CREATE TABLE commented (id int, embedding vector(2))");
    org.junit.jupiter.api.Assertions.assertEquals("COMMENT", tag("COMMENT ON TABLE commented IS 'the docs'"));
    tag("COMMENT ON COLUMN public.commented.embedding IS 'from model x'");
    var schema = db.table("commented").orElseThrow().schema();
    org.junit.jupiter.api.Assertions.assertEquals("the docs", schema.comment());
    org.junit.jupiter.api.Assertions.assertEquals("from model x", schema.comment("embedding"));
    tag("COMMENT ON TABLE commented IS NULL");
    org.junit.jupiter.api.Assertions.assertNull(db.table("commented").orElseThrow().schema().comment());
    assertError("42703", "column \"nosuch\" of relation \"commented\" does not exist",
        "COMMENT ON COLUMN commented.nosuch IS 'x'");
    assertError("42P01", "relation \"nosuch\" does not exist", "COMMENT ON TABLE nosuch IS 'x'");
    assertError("0A000", "COMMENT ON INDEX is not supported yet", "COMMENT ON INDEX i IS 'x'");
  }

  @Test
  void aTypedVectorIsCheckedAgainstTheColumnsDimension() {
    // our own casts have SqlKind CAST: a pass-through meant for Calcite's CASTs skipped them
    script("CREATE TABLE dims (a int, embedding vector(3))");
    assertError("22000", "expected 3 dimensions, not 2", "INSERT INTO dims (a, embedding) VALUES (1, '[1,2]'::vector)");
    assertError("22000", "expected 3 dimensions, not 2",
        "INSERT INTO dims (a, embedding) VALUES ($1, $2::vector)", 1, new float[] {1, 2});
  }

  @Test
  void generatedColumnsAreRefusedByName() {
    // these were syntax errors (42601), which suggest the statement is wrong; PostgreSQL runs them
    // (identity columns' sequence options run now: IdentityOptionsTest)
    assertError("0A000", "generated columns are not supported yet",
        "CREATE TABLE gen (a int, b int GENERATED ALWAYS AS (a * 2) STORED)");
    tag("CREATE TABLE plain (a int, generated int)");
    // data-modifying statements in WITH run now (WithDmlTest)
    assertEquals("0", value(
        "WITH gone AS (DELETE FROM plain WHERE a = 1 RETURNING *) SELECT count(*) FROM gone"));
    assertEquals(table(), rows("WITH up AS MATERIALIZED (UPDATE plain SET a = 2 RETURNING a) SELECT a FROM up"));
    assertEquals("CREATE TABLE", tag("CREATE TABLE un (a int UNIQUE NULLS DISTINCT, b int, UNIQUE NULLS DISTINCT (a, b))"));
    assertEquals("INSERT 0 2", tag("INSERT INTO un VALUES (NULL, 1), (NULL, 1)"));
    // NULLS NOT DISTINCT runs now (unique_nulls.sql, nullsNotDistinctKeysTreatNullsAsEqual)
    // a column named "generated" is still a column
    assertEquals("INSERT 0 1", tag("INSERT INTO plain (a, generated) VALUES (1, 2)"));
    assertEquals("2", value("WITH x AS (SELECT generated FROM plain) SELECT generated FROM x"));
    assertError("0A000", "ALTER TABLE ... ADD COLUMN of an identity column on a table with rows"
        + " is not supported yet", "ALTER TABLE plain ADD COLUMN id int GENERATED ALWAYS AS IDENTITY");
    // ADD GENERATED ... AS IDENTITY alone is IdentityColumnStatement's (golden identity_alter)
    assertError("55000", "column \"a\" of relation \"plain\" must be declared NOT NULL before"
        + " identity can be added", "ALTER TABLE plain ALTER COLUMN a ADD GENERATED ALWAYS AS IDENTITY");
    assertError("0A000", "ALTER TABLE ... ALTER COLUMN is not supported yet",
        "ALTER TABLE plain ALTER COLUMN a ADD GENERATED ALWAYS AS IDENTITY, ADD COLUMN z int");
  }

  @Test
  void identityColumnsAreNumberedLikeSerialOnesAndGeneratedAlwaysRefusesValues() {
    tag("CREATE TABLE ida (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, t text)");
    ColumnSpec id = db.table("ida").orElseThrow().schema().columns().get(0);
    assertEquals(ColumnSpec.Identity.ALWAYS, id.identity());
    assertEquals(true, id.serial());
    assertEquals(true, id.notNull());
    assertEquals(null, id.defaultSql());
    assertEquals(table("1|a", "2|b"), rows("INSERT INTO ida (t) VALUES ('a'), ('b') RETURNING *"));
    PgException e = error("INSERT INTO ida VALUES (10, 'x')");
    assertEquals("428C9", e.sqlState());
    assertEquals("cannot insert a non-DEFAULT value into column \"id\"", e.getMessage());
    assertEquals("Column \"id\" is an identity column defined as GENERATED ALWAYS.", e.detail());
    assertEquals("Use OVERRIDING SYSTEM VALUE to override.", e.hint());
    assertEquals("428C9", error("INSERT INTO ida (id, t) SELECT $1, 'y'", 11L).sqlState());
    assertEquals("428C9", error("INSERT INTO ida (id, t) VALUES (DEFAULT, 'c'), (NULL, 'd')").sqlState());
    assertEquals(table("10|x"), rows("INSERT INTO ida OVERRIDING SYSTEM VALUE VALUES (10, 'x') RETURNING *"));
    assertEquals(table("3|y"), rows("INSERT INTO ida OVERRIDING USER VALUE VALUES (99, 'y') RETURNING *"));
    assertEquals(table("4|z"), rows("INSERT INTO ida OVERRIDING USER VALUE (id, t) SELECT 98, 'z' RETURNING *"));
    assertError("23502", "null value in column \"id\" of relation \"ida\" violates not-null constraint",
        "INSERT INTO ida OVERRIDING SYSTEM VALUE VALUES (NULL, 'x')");
    e = error("UPDATE ida SET id = 5 WHERE t = 'a'");
    assertEquals("428C9", e.sqlState());
    assertEquals("column \"id\" can only be updated to DEFAULT", e.getMessage());
    assertEquals("428C9", error("INSERT INTO ida (t) VALUES ('d') ON CONFLICT (id) DO UPDATE SET id = 7").sqlState());
    tag("CREATE TABLE idsrc (k text, n bigint)");
    tag("INSERT INTO idsrc VALUES ('a', 50)");
    assertEquals("428C9", error("UPDATE ida SET id = idsrc.n FROM idsrc WHERE ida.t = idsrc.k").sqlState());
    assertEquals(table("5|a"), rows("UPDATE ida SET id = DEFAULT WHERE t = 'a' RETURNING *"));
    assertEquals(table("2|b", "3|y", "4|z", "5|a", "10|x"), rows("SELECT * FROM ida ORDER BY id"));
    // a table or a column named "overriding" is not the clause
    tag("CREATE TABLE overriding (overriding int)");
    assertEquals("INSERT 0 1", tag("INSERT INTO overriding (overriding) VALUES (1)"));
  }

  @Test
  void startWithIsWhereTheSequenceBeginsAndRestartsAndStaysAfterAReopen() {
    tag("CREATE TABLE st (id int GENERATED BY DEFAULT AS IDENTITY (START WITH 100 NO MINVALUE), t text)");
    assertEquals(100, db.table("st").orElseThrow().schema().columns().get(0).sequenceStart());
    assertEquals(table("100|a", "101|b"), rows("INSERT INTO st (t) VALUES ('a'), ('b') RETURNING *"));
    tag("TRUNCATE st RESTART IDENTITY");
    assertEquals("100", value("INSERT INTO st (t) VALUES ('c') RETURNING id"));
    assertEquals("5", value("SELECT setval('st_id_seq', 5, false)"));
    assertEquals("5", value("INSERT INTO st (t) VALUES ('d') RETURNING id"));
    assertError("22023", "START value (40000) cannot be greater than MAXVALUE (32767)",
        "CREATE TABLE st2 (id smallint GENERATED ALWAYS AS IDENTITY (START WITH 40000))");
  }

  @Test
  void generatedByDefaultTakesGivenValuesButNotNull() {
    tag("CREATE TABLE idd (id int GENERATED BY DEFAULT AS IDENTITY, t text)");
    assertEquals(table("1|a"), rows("INSERT INTO idd (t) VALUES ('a') RETURNING *"));
    assertEquals(table("7|b"), rows("INSERT INTO idd VALUES (7, 'b') RETURNING *"));
    PgException e = error("INSERT INTO idd VALUES ($1, 'b')", (Object) null);
    assertEquals("23502", e.sqlState());
    assertEquals("Failing row contains (null, b).", e.detail());
    assertEquals(table("100|b"), rows("UPDATE idd SET id = 100 WHERE t = 'b' RETURNING *"));
    assertEquals("23502", error("UPDATE idd SET id = NULL WHERE t = 'b'").sqlState());
    assertEquals(table("2|q"), rows("INSERT INTO idd OVERRIDING USER VALUE VALUES (8, 'q') RETURNING *"));
  }

  @Test
  void identityDefinitionErrorsArePostgresOnes() {
    assertError("22023", "identity column type must be smallint, integer, or bigint",
        "CREATE TABLE e (id text GENERATED ALWAYS AS IDENTITY)");
    assertError("42601", "multiple identity specifications for column \"id\" of table \"e\"",
        "CREATE TABLE e (id int GENERATED ALWAYS AS IDENTITY GENERATED BY DEFAULT AS IDENTITY)");
    assertError("42601", "both default and identity specified for column \"id\" of table \"e\"",
        "CREATE TABLE e (id serial GENERATED ALWAYS AS IDENTITY)");
    assertError("42601", "both default and identity specified for column \"id\" of table \"e\"",
        "CREATE TABLE e (id int GENERATED ALWAYS AS IDENTITY DEFAULT 5)");
    assertError("42601", "conflicting NULL/NOT NULL declarations for column \"id\" of table \"e\"",
        "CREATE TABLE e (id int GENERATED ALWAYS AS IDENTITY NULL)");
    tag("CREATE TABLE e (id int GENERATED ALWAYS AS IDENTITY, identity int)");
    assertError("42601", "column \"id\" of relation \"e\" is an identity column",
        "ALTER TABLE e ALTER COLUMN id DROP NOT NULL");
    assertError("42601", "column \"id\" of relation \"e\" is an identity column",
        "ALTER TABLE e ALTER COLUMN id DROP DEFAULT");
    assertEquals("ALTER TABLE", tag("ALTER TABLE e ADD COLUMN k smallint GENERATED BY DEFAULT AS IDENTITY"));
    assertEquals(table("1|5|1"), rows("INSERT INTO e (identity) VALUES (5) RETURNING *"));
  }

  @Test
  void insertSelectsUntypedLiteralsTakeTheTargetColumnsTypes() {
    tag("CREATE TABLE lit (a int, v vector(3))");
    assertEquals("INSERT 0 1", tag("INSERT INTO lit (a, v) SELECT '5', NULL"));
    assertEquals("INSERT 0 1", tag("INSERT INTO lit SELECT '6' AS six, '[1,2,3]' FROM lit WHERE a = 5"));
    assertError("22P02", "invalid input syntax for type integer: \"x\"", "INSERT INTO lit (a) SELECT 'x'");
    // a set operation's literals are text by then, as in PostgreSQL
    assertError("42804", "column \"a\" is of type integer but expression is of type text",
        "INSERT INTO lit (a) SELECT '1' UNION SELECT '2'");
    // folded at planning: the error comes though no row is selected
    assertError("22000", "expected 3 dimensions, not 2", "INSERT INTO lit (a, v) SELECT 7, '[1,2]' WHERE false");
    assertEquals(table("5|NULL", "6|[1,2,3]"), rows("SELECT * FROM lit ORDER BY a"));
  }

  @Test
  void aSelectWithoutFromTakesWhereGroupByAndHaving() {
    assertEquals(table(), rows("SELECT 1 WHERE false"));
    assertEquals(table("1"), rows("SELECT count(*) HAVING count(*) > 0"));
    assertEquals(table("t"), rows("SELECT 1 IS DISTINCT FROM 2 WHERE true"));
    // key words after a dot or AS are names, not clauses
    tag("CREATE TABLE g (\"group\" int, \"window\" int)");
    tag("INSERT INTO g VALUES (1, 2)");
    assertEquals(table("1|2"), rows("SELECT g.group, g.window FROM g"));
    assertEquals(table("1"), rows("SELECT 1 AS group WHERE true"));
    tag("CREATE TABLE once (id int PRIMARY KEY)");
    String insertIfMissing = "INSERT INTO once SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM once WHERE id = 1)";
    assertEquals("INSERT 0 1", tag(insertIfMissing));
    assertEquals("INSERT 0 0", tag(insertIfMissing));
  }

  @Test
  void anExplicitNullInASerialColumnFailsNotNullAsInPostgres() {
    tag("CREATE TABLE s (id serial PRIMARY KEY, t text)");
    assertError("23502", "null value in column \"id\" of relation \"s\" violates not-null constraint",
        "INSERT INTO s VALUES (NULL, 'x')");
    assertError("23502", "null value in column \"id\" of relation \"s\" violates not-null constraint",
        "INSERT INTO s (id, t) SELECT NULL::int, 'x'");
    assertEquals(table("1|y"), rows("INSERT INTO s (t) VALUES ('y') RETURNING *"));
    assertError("23502", "null value in column \"id\" of relation \"s\" violates not-null constraint",
        "UPDATE s SET id = NULL");
    assertEquals(table("2|y"), rows("UPDATE s SET id = DEFAULT RETURNING *"));
    assertEquals(table("3|z"), rows("INSERT INTO s VALUES (DEFAULT, 'z') RETURNING *"));
  }
}
