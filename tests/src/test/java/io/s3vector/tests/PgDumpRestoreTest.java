package io.s3vector.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A pgvector database moved here as users move one: dumped by PostgreSQL 15.20's pg_dump with
 * pgvector 0.8.6 ({@code resources/pg_dump/pgvector-15.sql}, plain, and {@code pgvector-15.dump},
 * {@code pg_dump -Fc}), restored by the real psql ({@code --single-transaction}, stopping at the
 * first error) and pg_restore ({@code --exit-on-error}, and {@code --clean} over an earlier
 * restore). The database: collections (serial key,
 * unique name) and items (bigserial key, vector(3) with an HNSW cosine index, jsonb, a DEFAULT
 * now(), a foreign key ON DELETE CASCADE), tickets numbered by a sequence of their own that
 * counts by ten, and two tables with identity columns (ALWAYS from 10, BY DEFAULT).
 */
class PgDumpRestoreTest {
  @RegisterExtension static final TestServer server = TestServer.trust();

  @BeforeEach
  void empty() throws SQLException {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS items, tickets, collections, idt, ida");
      s.execute("DROP SEQUENCE IF EXISTS ticket_seq");
    }
  }

  @Test
  void thePlainDumpRestoresWithPsqlInOneTransaction() throws Exception {
    Path psql = PsqlCases.psql();
    String out = run(List.of(psql.toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1",
        "--single-transaction", "-f", resource("pgvector-15.sql").toString()));
    assertRestored(out);
  }

  @Test
  void theCustomDumpRestoresWithPgRestore() throws Exception {
    Path pgRestore = Path.of("/usr/bin/pg_restore");
    assumeTrue(Files.isExecutable(pgRestore), "pg_restore comes with psql (postgresql-client)");
    String out = run(List.of(pgRestore.toString(), "--exit-on-error", "-d", "postgres",
        resource("pgvector-15.dump").toString()));
    assertRestored(out);
  }

  @Test
  void pgRestoreCleanRestoresOverTheDatabaseItRestoredBefore() throws Exception {
    Path pgRestore = Path.of("/usr/bin/pg_restore");
    assumeTrue(Files.isExecutable(pgRestore), "pg_restore comes with psql (postgresql-client)");
    String dump = resource("pgvector-15.dump").toString();
    run(List.of(pgRestore.toString(), "--exit-on-error", "-d", "postgres", dump));
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO items (content) VALUES ('written after the first restore')");
    }
    // drops the constraints, index, tables, sequences and the extension, then restores again
    String out = run(List.of(pgRestore.toString(), "--clean", "--if-exists", "--exit-on-error",
        "--single-transaction", "-d", "postgres", dump));
    assertRestored(out);
  }

  /** The rows, the sequences where the dump left them, the index, the constraints. */
  private static void assertRestored(String output) throws SQLException {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      assertEquals(List.of("1|a", "2|b"), rows(s, "SELECT id, name FROM collections ORDER BY id"),
          output);
      assertEquals(List.of("1|1|x|[1,2,3]|{\"k\": 1}", "2|2|y|[3,2,1]|null"), rows(s,
          "SELECT id, collection_id, content, embedding, meta FROM items ORDER BY id"));
      assertEquals(List.of("2"), rows(s,
          "SELECT id FROM items ORDER BY embedding <=> '[3,2,1.1]' LIMIT 1"));
      assertEquals(List.of("items_embedding_idx|CREATE INDEX items_embedding_idx ON public.items"
          + " USING hnsw (embedding vector_cosine_ops)"),
          rows(s, "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'items'"
              + " AND indexname LIKE '%embedding%'"));
      // the serial columns and the ticket sequence go on from where setval left them
      assertEquals(List.of("3"), rows(s, "INSERT INTO collections (name) VALUES ('c') RETURNING id"));
      assertEquals(List.of("3"), rows(s, "INSERT INTO items (content) VALUES ('z') RETURNING id"));
      assertEquals(List.of("120"), rows(s, "INSERT INTO tickets (t) VALUES ('s') RETURNING n"));
      assertEquals(List.of("public.items_id_seq"),
          rows(s, "SELECT pg_get_serial_sequence('items', 'id')"));
      // identity columns (ADD GENERATED ... AS IDENTITY after the table, as pg_dump writes them)
      assertEquals(List.of("3"), rows(s, "INSERT INTO idt (v) VALUES ('c') RETURNING id"));
      assertEquals(List.of("11"), rows(s, "INSERT INTO ida (v) VALUES ('y') RETURNING id"));
      assertTrue(fails(s, "INSERT INTO ida (id, v) VALUES (5, 'z')").contains("428C9"));
      // the constraints added after the data hold
      assertTrue(fails(s, "INSERT INTO collections (name) VALUES ('a')").contains("23505"));
      assertTrue(fails(s, "INSERT INTO items (collection_id) VALUES (99)").contains("23503"));
      s.execute("DELETE FROM collections WHERE id = 1");
      assertEquals(List.of("2", "3"), rows(s, "SELECT id FROM items ORDER BY id"));
    }
  }

  private static List<String> rows(Statement s, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          values.add(String.valueOf(rs.getString(i)));
        }
        out.add(String.join("|", values));
      }
    }
    return out;
  }

  private static String fails(Statement s, String sql) {
    try {
      s.execute(sql);
      return "no error";
    } catch (SQLException e) {
      return e.getSQLState() + " " + e.getMessage();
    }
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(PgDumpRestoreTest.class.getResource("/pg_dump/" + name).toURI());
  }

  /** Runs a client against the server; its exit status must be 0. Returns its output. */
  private static String run(List<String> command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>(command);
    full.addAll(List.of("-h", server.host(), "-p", Integer.toString(server.port()), "-U", "postgres"));
    if (!full.contains("-d")) {
      full.addAll(List.of("-d", "postgres"));
    }
    ProcessBuilder pb = new ProcessBuilder(full);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("PG"));
    env.put("LC_ALL", "C.UTF-8");
    pb.redirectErrorStream(true);
    Path output = Files.createTempFile("restore", ".out");
    pb.redirectOutput(output.toFile());
    Process p = pb.start();
    try {
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the restore did not finish in 120 s");
      String out = Files.readString(output, StandardCharsets.UTF_8);
      assertEquals(0, p.exitValue(), "exit status of " + command.get(0) + ":\n" + out);
      return out;
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
