package io.s3vector.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SQLAlchemy from Debian (python3-sqlalchemy, 1.4 in its 2.0 style) over psycopg2 (python3-psycopg2):
 * Core insert and select with a vector column, the ORM, metadata.create_all with an HNSW index,
 * and the Inspector. {@code resources/python/sqlalchemy_steps.py} runs the steps; the expected
 * results are what PostgreSQL 15 + pgvector 0.8.6 gave it.
 */
class SqlAlchemyTest {
  @RegisterExtension static final TestServer server = TestServer.trust();

  private static ClientScript script;

  @BeforeAll
  static void run() throws Exception {
    assumeTrue(Files.isExecutable(ZarrPythonTest.PYTHON), "no /usr/bin/python3");
    Process check = new ProcessBuilder(ZarrPythonTest.PYTHON.toString(), "-c", "import sqlalchemy, psycopg2")
        .redirectErrorStream(true).start();
    assertEquals(0, check.waitFor(), "python3-sqlalchemy and python3-psycopg2 are needed (.ci/install-deps)");
    Path file = ClientScript.pythonScript("sqlalchemy_steps.py");
    script = ClientScript.run(List.of(ZarrPythonTest.PYTHON.toString(), file.toString(), server.host(),
        String.valueOf(server.port())), null, 180);
  }

  @Test
  void connects() {
    // the server_version major SQLAlchemy parsed from version(), and SELECT 1
    assertEquals("[" + (TestServer.inProcess() ? "16" : "15") + ", 1]", script.ok("connect"));
  }

  @Test
  void coreInsertAndSelect() {
    script.ok("raw_ddl");
    assertEquals("[3, 4]", script.ok("core_insert"));
    assertEquals("[[\"a\", [1.0, 1.0, 1.0]], [\"c\", [1.0, 1.0, 2.0]], [\"b\", [2.0, 2.0, 2.0]]]",
        script.ok("core_select"));
    assertEquals("[1, 4]", script.ok("core_select_where"));
  }

  @Test
  void orm() {
    assertEquals("[[\"e\", [9.0, 9.0, 9.0]], [\"d\", [5.0, 5.0, 5.0]], \"a\"]", script.ok("orm_add_and_query"));
    assertEquals("5", script.ok("orm_update_delete"));
  }

  @Test
  void hasTable() {
    assertEquals("[true, false]", script.ok("has_table"));
  }

  @Test
  void createAllWithAnHnswIndex() {
    assertEquals("[\"ix_sa_docs_collection_id\", \"sa_docs_embedding_idx\", \"sa_docs_meta_gin\","
        + " \"sa_docs_pkey\"]", script.ok("create_all"));
    script.ok("drop_all");
  }

  @Test
  void identityColumnsAreCreatedFilledAndReflectedAsOnPostgres() {
    // the same as PostgreSQL 15 answers: ids from RETURNING, GENERATED ALWAYS refusing a value,
    // the Inspector's identity options (no default)
    assertEquals("[[[1, 1], [2, 40]], \"428C9\", [[\"id\", null, true, 1], [\"n\", null, false, 1],"
        + " [\"body\", null, null, null]]]", script.ok("identity_columns"));
  }

  @Test
  void inspectorTableNames() {
    assertEquals("[\"sa_docs\", \"sa_items\"]", script.ok("get_table_names"));
  }

  @Test
  void inspectorColumns() {
    assertEquals("[[\"id\", \"INTEGER\", false, \"nextval('sa_items_id_seq'::regclass)\"],"
        + " [\"name\", \"VARCHAR(20)\", false, null], [\"embedding\", \"NULL\", true, null]]",
        script.ok("get_columns"));
    assertEquals("[\"id\", \"name\", \"embedding\"]", script.ok("reflect_table"));
  }

  @Test
  void inspectorPrimaryKey() {
    assertEquals("{\"constrained_columns\": [\"id\"], \"name\": \"sa_items_pkey\"}",
        script.ok("get_pk_constraint"));
  }

  @Test
  void inspectorIndexes() {
    assertEquals("[{\"name\": \"ix_sa_docs_collection_id\", \"unique\": false, \"column_names\":"
        + " [\"collection_id\"], \"include_columns\": [], \"dialect_options\": {\"postgresql_include\": []}},"
        + " {\"name\": \"sa_docs_embedding_idx\", \"unique\": false, \"column_names\": [\"embedding\"],"
        + " \"include_columns\": [], \"dialect_options\": {\"postgresql_include\": [], \"postgresql_with\":"
        + " {\"m\": \"16\", \"ef_construction\": \"64\"}, \"postgresql_using\": \"hnsw\"}},"
        + " {\"name\": \"sa_docs_meta_gin\", \"unique\": false, \"column_names\": [\"meta\"],"
        + " \"include_columns\": [], \"dialect_options\": {\"postgresql_include\": [], \"postgresql_using\":"
        + " \"gin\"}}]",
        script.ok("get_indexes"));
  }
}
