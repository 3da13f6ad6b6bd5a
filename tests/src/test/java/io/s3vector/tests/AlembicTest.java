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
 * Alembic from Debian (python3-alembic 1.8) autogenerating against an existing schema with a
 * vector, numeric and date column, a foreign key and an index: {@code
 * resources/python/alembic_steps.py} compares the database with the models, applies the
 * operations and compares again; the expected results are what PostgreSQL 15 + pgvector 0.8.6
 * gave it.
 */
class AlembicTest {
  @RegisterExtension static final TestServer server = TestServer.trust();

  private static ClientScript script;

  @BeforeAll
  static void run() throws Exception {
    assumeTrue(Files.isExecutable(ZarrPythonTest.PYTHON), "no /usr/bin/python3");
    Process check = new ProcessBuilder(ZarrPythonTest.PYTHON.toString(), "-c", "import alembic, psycopg2")
        .redirectErrorStream(true).start();
    assertEquals(0, check.waitFor(), "python3-alembic and python3-psycopg2 are needed (.ci/install-deps)");
    Path file = ClientScript.pythonScript("alembic_steps.py");
    script = ClientScript.run(List.of(ZarrPythonTest.PYTHON.toString(), file.toString(), server.host(),
        String.valueOf(server.port())), null, 180);
  }

  @Test
  void autogenerateFindsWhatTheModelsChangeAndNothingOnceApplied() {
    script.ok("existing_schema");
    assertEquals("[\"[\\\"add_column\\\", \\\"al_docs\\\", \\\"title\\\", \\\"VARCHAR(50)\\\"]\","
        + " \"[\\\"add_index\\\", \\\"ix_al_docs_created\\\", [\\\"created\\\"]]\","
        + " \"[\\\"add_table\\\", \\\"al_tags\\\"]\","
        + " \"[\\\"remove_column\\\", \\\"al_docs\\\", \\\"price\\\", \\\"NUMERIC(10, 2)\\\"]\","
        + " \"[\\\"remove_index\\\", \\\"al_docs_body\\\", [\\\"body\\\"]]\"]",
        script.ok("autogenerate"));
    assertEquals("\"applied\"", script.ok("apply"));
    assertEquals("[]", script.ok("autogenerate_again"));
  }

  @Test
  void theVersionTable() {
    assertEquals("\"ae1027a6acf\"", script.ok("version_table"));
    assertEquals("\"dropped\"", script.ok("cleanup"));
  }
}
