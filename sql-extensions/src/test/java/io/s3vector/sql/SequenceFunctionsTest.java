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
    assertError("0A000", "ALTER SEQUENCE ... INCREMENT is not supported yet",
        "ALTER SEQUENCE sq_id_seq INCREMENT BY 2");
    assertEquals("ALTER SEQUENCE", tag("ALTER SEQUENCE IF EXISTS nosuch_seq RESTART"));
    tag("BEGIN");
    tag("TRUNCATE sq RESTART IDENTITY");
    assertEquals("1", value("SELECT nextval('sq_id_seq')"));
    assertEquals("2", value("INSERT INTO sq (name) VALUES ('b') RETURNING id"));
    tag("COMMIT");
    assertEquals("3", value("INSERT INTO sq (name) VALUES ('c') RETURNING id"));
  }
}
