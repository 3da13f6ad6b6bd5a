package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("storage-independent")
class SettingsTest extends SqlTestBase {

  @Test
  void defaultsAreOfPostgres() {
    assertEquals("16.4", value("SHOW server_version"));
    assertEquals("UTF8", value("SHOW server_encoding"));
    assertEquals("ISO, MDY", value("SHOW DateStyle"));
    assertEquals("UTC", value("SHOW TIME ZONE"));
    assertEquals("\"$user\", public", value("SHOW search_path"));
    assertEquals("40", value("SHOW hnsw.ef_search"));
    assertEquals("off", value("SHOW hnsw.iterative_scan"));
    assertEquals("read committed", value("SHOW transaction isolation level"));
    assertEquals("postgres", session.setting("session_authorization"));
    QueryResult.Rows r = (QueryResult.Rows) run("SHOW timezone");
    assertEquals("TimeZone", r.columns().get(0).name());
    assertTrue(rows("SHOW ALL").size() > 15);
  }

  @Test
  void timeZonesOtherThanUtcAreRefusedNotIgnored() {
    assertEquals("SET", tag("SET TIME ZONE 'UTC'"));
    assertEquals("SET", tag("SET timezone = 'Etc/UTC'"));
    assertError("0A000", "time zone \"Europe/Berlin\" is not supported yet: the session time zone is UTC",
        "SET TIME ZONE 'Europe/Berlin'");
    assertEquals("Etc/UTC", value("SHOW TIME ZONE")); // the last value that was taken
    assertError("0A000", "IntervalStyle \"iso_8601\" is not supported yet", "SET IntervalStyle = iso_8601");
    assertEquals("SET", tag("SET DateStyle = 'ISO, DMY'"));
    assertError("0A000", "DateStyle \"german\" is not supported yet: dates are printed in ISO style",
        "SET DateStyle = German");
  }

  @Test
  void setShowReset() {
    assertEquals("SET", tag("SET application_name = 'my app'"));
    assertEquals("my app", value("SHOW application_name"));
    assertEquals(Map.of("application_name", "my app"), session.drainChangedReportedSettings());
    assertEquals(Map.of(), session.drainChangedReportedSettings());
    assertEquals("SET", tag("SET SESSION hnsw.ef_search TO 100"));
    assertEquals("100", value("SHOW hnsw.ef_search"));
    assertEquals("SET", tag("SET hnsw.ef_search = DEFAULT"));
    assertEquals("40", value("SHOW hnsw.ef_search"));
    assertEquals("SET", tag("SET hnsw.iterative_scan = relaxed_order"));
    assertEquals("relaxed_order", value("SHOW hnsw.iterative_scan"));
    assertEquals("SET", tag("SET TIME ZONE 'UTC'"));
    assertEquals("SET", tag("SET search_path TO public, \"Other\""));
    assertEquals("public, \"Other\"", value("SHOW search_path"));
    assertEquals("SET", tag("SET myapp.user_id = '42'"));
    assertEquals("42", value("SHOW myapp.user_id"));
    assertEquals("RESET", tag("RESET application_name"));
    assertEquals("", value("SHOW application_name"));
    assertEquals("RESET", tag("RESET ALL"));
    assertEquals("off", value("SHOW hnsw.iterative_scan"));
    assertEquals("SET", tag("SET extra_float_digits = 3"));
  }

  @Test
  void errorsAreOfPostgres() {
    assertError("22023", "invalid value for parameter \"hnsw.ef_search\": \"abc\"", "SET hnsw.ef_search = abc");
    assertError("22023", "0 is outside the valid range for parameter \"hnsw.ef_search\" (1 .. 1000)",
        "SET hnsw.ef_search = 0");
    assertError("22023", "1001 is outside the valid range for parameter \"hnsw.ef_search\" (1 .. 1000)",
        "SET hnsw.ef_search = 1001");
    assertError("22023", "invalid value for parameter \"hnsw.iterative_scan\": \"on\"",
        "SET hnsw.iterative_scan = on");
    assertError("42704", "unrecognized configuration parameter \"nosuch\"", "SET nosuch = 1");
    assertError("42704", "unrecognized configuration parameter \"nosuch\"", "SHOW nosuch");
    assertError("55P02", "parameter \"server_version\" cannot be changed", "SET server_version = '1'");
    assertError("42601", "syntax error at end of input", "SET application_name =");
  }

  @Test
  void theSettingsOfPgDumpScriptsAreKept() {
    assertEquals("on", value("SHOW check_function_bodies"));
    assertEquals("content", value("SHOW xmloption"));
    assertEquals("on", value("SHOW row_security"));
    assertEquals("", value("SHOW default_tablespace"));
    assertEquals("heap", value("SHOW default_table_access_method"));
    assertEquals("SET", tag("SET check_function_bodies = false"));
    assertEquals("off", value("SHOW check_function_bodies"));
    assertEquals("SET", tag("SET xmloption = DOCUMENT"));
    assertEquals("document", value("SHOW xmloption"));
    assertEquals("SET", tag("SET row_security = off"));
    assertEquals("off", value("SELECT current_setting('row_security')"));
    assertEquals("SET", tag("SET default_tablespace = pg_default"));
    assertEquals("pg_default", value("SHOW default_tablespace"));
    assertEquals("SET", tag("SET default_tablespace = ''"));
    assertEquals("", value("SHOW default_tablespace"));
    assertEquals("SET", tag("SET default_table_access_method = heap"));
    assertEquals("RESET", tag("RESET row_security"));
    assertEquals("on", value("SHOW row_security"));
    assertEquals("SET", tag("SET xmloption = content"));
    assertEquals(table("default_table_access_method|heap", "xmloption|content"),
        rows("SELECT name, setting FROM pg_settings"
            + " WHERE name IN ('xmloption', 'default_table_access_method') ORDER BY name"));
  }

  @Test
  void pgDumpSettingsAreCheckedAsPostgresChecksThem() {
    assertError("22023", "invalid value for parameter \"xmloption\": \"foo\"", "SET xmloption = foo");
    assertError("22023", "parameter \"row_security\" requires a Boolean value", "SET row_security = maybe");
    assertError("22023", "parameter \"check_function_bodies\" requires a Boolean value",
        "SET check_function_bodies = maybe");
    PgException e = error("SET default_tablespace = 'x'");
    assertEquals("invalid value for parameter \"default_tablespace\": \"x\"", e.getMessage());
    assertEquals("22023", e.sqlState());
    assertEquals("Tablespace \"x\" does not exist.", e.detail());
    assertError("0A000", "default_tablespace \"pg_global\" is not supported yet: tables are stored in pg_default",
        "SET default_tablespace = pg_global");
    e = error("SET default_table_access_method = x");
    assertEquals("invalid value for parameter \"default_table_access_method\": \"x\"", e.getMessage());
    assertEquals("22023", e.sqlState());
    assertEquals("Table access method \"x\" does not exist.", e.detail());
    e = error("SET default_table_access_method = ''");
    assertEquals("default_table_access_method cannot be empty.", e.detail());
    assertError("22023", "invalid value for parameter \"default_table_access_method\": \"Heap\"",
        "SET default_table_access_method = 'Heap'");
    assertError("55000", "access method \"btree\" is not of type TABLE",
        "SET default_table_access_method = btree");
    assertEquals("heap", value("SHOW default_table_access_method"));
    assertEquals("", value("SHOW default_tablespace"));
  }

  @Test
  void setLocalLastsUntilTheEndOfTheTransaction() {
    tag("BEGIN");
    tag("SET LOCAL hnsw.ef_search = 200");
    assertEquals("200", value("SHOW hnsw.ef_search"));
    tag("COMMIT");
    assertEquals("40", value("SHOW hnsw.ef_search"));
    tag("SET LOCAL hnsw.ef_search = 200"); // outside a block: no effect (PostgreSQL warns)
    assertEquals("40", value("SHOW hnsw.ef_search"));
  }

  @Test
  void startupParametersAndReportedSettings() {
    SqlSession s = engine.openSession("alice", "db", Map.of("application_name", "psql",
        "client_encoding", "utf-8", "DateStyle", "ISO"));
    assertEquals("psql", s.setting("application_name"));
    assertEquals("UTF8", s.setting("client_encoding"));
    assertEquals("alice", s.setting("session_authorization"));
    assertEquals("16.4", s.setting("server_version"));
    assertEquals("on", s.setting("integer_datetimes"));
    assertEquals(Map.of(), s.drainChangedReportedSettings());
  }

  @Test
  void utilityStatementTags() {
    assertEquals("CREATE EXTENSION", tag("CREATE EXTENSION vector"));
    assertEquals("CREATE EXTENSION", tag("create extension if not exists \"vector\" with schema public"));
    assertError("0A000", "extension \"postgis\" is not available", "CREATE EXTENSION postgis");
    assertEquals("DISCARD ALL", tag("DISCARD ALL"));
    tag("PREPARE foo AS SELECT 1");
    assertEquals("DEALLOCATE", tag("DEALLOCATE foo"));
    assertEquals("DEALLOCATE ALL", tag("DEALLOCATE ALL"));
    assertEquals(QueryResult.Empty.class, run("  -- nothing\n").getClass());
  }
}
