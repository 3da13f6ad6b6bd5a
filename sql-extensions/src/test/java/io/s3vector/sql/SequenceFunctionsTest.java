package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** setval, currval and lastval with nextval and the values INSERT takes. */
class SequenceFunctionsTest extends SqlTestBase {

  @Test
  void currvalAndLastvalReadWhatThisSessionsNextvalAndInsertsTook() {
    tag("CREATE TABLE sq (id serial PRIMARY KEY, name text)");
    assertError("55000", "currval of sequence \"sq_id_seq\" is not yet defined in this session",
        "SELECT currval('sq_id_seq')");
    assertError("55000", "lastval is not yet defined in this session", "SELECT lastval()");
    tag("INSERT INTO sq (name) VALUES ('a'), ('b')");
    assertEquals(table("2|2"), rows("SELECT currval('sq_id_seq'), lastval()"));
    assertEquals("3", value("SELECT nextval('sq_id_seq')"));
    assertEquals("3", value("SELECT lastval()"));
    tag("DISCARD SEQUENCES");
    assertError("55000", "lastval is not yet defined in this session", "SELECT lastval()");
  }

  @Test
  void setvalMovesTheSequenceBothWays() {
    tag("CREATE TABLE sq (id serial PRIMARY KEY, name text)");
    tag("INSERT INTO sq (name) VALUES ('a')");
    assertEquals("100", value("SELECT setval('sq_id_seq', 100)"));
    assertEquals("100", value("SELECT currval('sq_id_seq')"));
    assertEquals("101", value("INSERT INTO sq (name) VALUES ('b') RETURNING id"));
    assertEquals("10", value("SELECT setval('sq_id_seq', 10, false)"));
    assertEquals("10", value("INSERT INTO sq (name) VALUES ('c') RETURNING id"));
    assertEquals("11", value("SELECT nextval('sq_id_seq')"));
    assertError("22003", "setval: value 0 is out of bounds for sequence \"sq_id_seq\" (1..2147483647)",
        "SELECT setval('sq_id_seq', 0)");
    // Django's sequence reset after loading rows with their ids
    tag("INSERT INTO sq VALUES (500, 'explicit')");
    assertEquals("500", value("SELECT setval(pg_get_serial_sequence('\"sq\"', 'id'),"
        + " coalesce(max(\"id\"), 1), max(\"id\") IS NOT null) FROM \"sq\""));
    assertEquals("501", value("INSERT INTO sq (name) VALUES ('d') RETURNING id"));
  }

  @Test
  void alterSequenceRestartsAndNextvalInsideABlockFollowsTruncateRestartIdentity() {
    tag("CREATE TABLE sq (id serial PRIMARY KEY, name text)");
    assertEquals("ALTER SEQUENCE", tag("ALTER SEQUENCE sq_id_seq RESTART WITH 1000"));
    assertEquals("1000", value("SELECT nextval('sq_id_seq')"));
    tag("ALTER SEQUENCE sq_id_seq RESTART");
    assertEquals("1", value("INSERT INTO sq (name) VALUES ('a') RETURNING id"));
    assertError("22023", "RESTART value (0) cannot be less than MINVALUE (1)",
        "ALTER SEQUENCE sq_id_seq RESTART WITH 0");
    assertEquals("ALTER SEQUENCE", tag("ALTER SEQUENCE sq_id_seq INCREMENT BY 2"));
    assertEquals("3", value("INSERT INTO sq (name) VALUES ('z') RETURNING id"));
    assertError("0A000", "the sequence option AS of a serial or identity column's sequence is not"
        + " supported yet", "ALTER SEQUENCE sq_id_seq AS smallint");
    tag("ALTER SEQUENCE sq_id_seq INCREMENT BY 1 RESTART");
    assertEquals("ALTER SEQUENCE", tag("ALTER SEQUENCE sq_id_seq OWNER TO CURRENT_USER"));
    assertEquals("ALTER SEQUENCE", tag("ALTER SEQUENCE IF EXISTS nosuch_seq RESTART"));
    tag("BEGIN");
    tag("TRUNCATE sq RESTART IDENTITY");
    assertEquals("1", value("SELECT nextval('sq_id_seq')"));
    assertEquals("2", value("INSERT INTO sq (name) VALUES ('b') RETURNING id"));
    tag("COMMIT");
    assertEquals("3", value("INSERT INTO sq (name) VALUES ('c') RETURNING id"));
  }

  @Test
  void sequencesOfTheirOwnCountByTheirOptionsAndSurviveAsDefaults() {
    assertEquals("CREATE SEQUENCE", tag("CREATE SEQUENCE s INCREMENT BY 10 START 5 MAXVALUE 30 CYCLE"));
    assertEquals(table("5", "15", "25", "1"), rows("SELECT nextval('s') FROM generate_series(1, 4)"));
    assertEquals("1", value("SELECT currval('s')"));
    tag("CREATE TABLE t (n int DEFAULT nextval('s'::regclass), v text)");
    assertEquals(table("11|a", "21|b", "1|c"),
        rows("INSERT INTO t (v) VALUES ('a'), ('b'), ('c') RETURNING *"));
    assertError("2BP01", "cannot drop sequence s because other objects depend on it",
        "DROP SEQUENCE s");
    assertError("42P07", "relation \"s\" already exists", "CREATE TABLE s (a int)");
    assertError("42809", "\"t\" is not a sequence", "DROP SEQUENCE t");
    tag("CREATE TABLE q (id serial)");
    assertError("2BP01", "cannot drop sequence q_id_seq because column id of table q requires it",
        "DROP SEQUENCE q_id_seq");
    tag("ALTER SEQUENCE s NO MAXVALUE RESTART WITH 100");
    assertEquals("100", value("SELECT nextval('s')"));
    assertEquals("DROP SEQUENCE", tag("DROP SEQUENCE s CASCADE"));
    // the default that called it went with it
    assertEquals("0", value("SELECT count(*) FROM pg_attrdef WHERE adrelid = 't'::regclass"));
  }

  @Test
  void aSequenceOwnedByAColumnIsItsSerialSequenceAndGoesWithItsTable() {
    tag("CREATE TABLE o (id integer NOT NULL, name text)");
    tag("CREATE SEQUENCE o_id_seq AS integer START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE"
        + " CACHE 1");
    tag("ALTER SEQUENCE o_id_seq OWNED BY o.id");
    tag("ALTER TABLE ONLY o ALTER COLUMN id SET DEFAULT nextval('o_id_seq'::regclass)");
    assertEquals("public.o_id_seq", value("SELECT pg_get_serial_sequence('o', 'id')"));
    assertEquals("41", value("SELECT setval('o_id_seq', 41, true)"));
    assertEquals("42", value("INSERT INTO o (name) VALUES ('x') RETURNING id"));
    assertError("22003", "setval: value 2147483648 is out of bounds for sequence \"o_id_seq\""
        + " (1..2147483647)", "SELECT setval('o_id_seq', 2147483648)");
    tag("DROP TABLE o");
    assertEquals("0", value("SELECT count(*) FROM pg_class WHERE relname = 'o_id_seq'"));
  }

  @Test
  void aSchemaWithASequenceOfItsOwnNeedsCascade() {
    tag("CREATE SCHEMA sch");
    tag("CREATE SEQUENCE sch.s");
    assertError("2BP01", "cannot drop schema sch because other objects depend on it",
        "DROP SCHEMA sch");
    assertEquals("DROP SCHEMA", tag("DROP SCHEMA sch CASCADE"));
    assertEquals("0", value("SELECT count(*) FROM pg_sequences WHERE schemaname = 'sch'"));
  }

  @Test
  void aSequenceReadAsARelationShowsTheLastValueHandedOut() {
    tag("CREATE TABLE sr (id serial, v text)");
    assertEquals(table("1|f"), rows("SELECT last_value, is_called FROM sr_id_seq"));
    tag("INSERT INTO sr (v) VALUES ('a'), ('b')");
    // the server reserved a block of values; the relation shows the last one handed out
    assertEquals(table("2|t"), rows("SELECT last_value, is_called FROM sr_id_seq"));
    tag("CREATE SEQUENCE own START 7");
    value("SELECT nextval('own')");
    assertEquals(table("7|0|t"), rows("SELECT * FROM own"));
  }

  @Test
  void aQuotedMixedCaseSequenceNameKeepsItsCase() {
    tag("CREATE TABLE \"Docs\" (id serial, v text)");
    assertEquals("ALTER SEQUENCE", tag("ALTER SEQUENCE \"Docs_id_seq\" RESTART WITH 10"));
    assertEquals("10", value("INSERT INTO \"Docs\" (v) VALUES ('a') RETURNING id"));
    assertEquals(table("10|t"), rows("SELECT last_value, is_called FROM \"Docs_id_seq\""));
    assertError("2BP01", "cannot drop sequence Docs_id_seq because column id of table Docs requires it",
        "DROP SEQUENCE \"Docs_id_seq\"");
  }
}
