package io.s3vector.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * node-postgres ({@code pg}) with the {@code pgvector} npm package, as pgvector-node's README uses
 * them: {@code registerTypes} (its pg_type lookup), {@code toSql} parameters, nearest-neighbour
 * queries read back as arrays, a named prepared statement and a pool. Both packages are installed
 * from npm at the pinned versions into {@code target/node} (once; skipped only when npm itself is
 * missing). {@code resources/node/pg_pgvector.mjs} runs the steps.
 */
class NodePgTest {
  @RegisterExtension static final TestServer server = TestServer.trust();

  static final String PG_VERSION = "8.23.1";
  static final String PGVECTOR_VERSION = "0.3.0";

  private static ClientScript script;

  @BeforeAll
  static void run() throws Exception {
    Path modules = install();
    Path file = ClientScript.resource("/node/pg_pgvector.mjs", ".mjs");
    script = ClientScript.run(List.of("node", file.toString(), modules.toAbsolutePath().toString(),
        server.host(), String.valueOf(server.port())), null, 120);
  }

  /** {@code npm install} of pg and pgvector at the pinned versions into target/node. */
  static Path install() throws Exception {
    Path prefix = Path.of("target", "node");
    Path modules = prefix.resolve("node_modules");
    if (installed(modules, "pg", PG_VERSION) && installed(modules, "pgvector", PGVECTOR_VERSION)) {
      return modules;
    }
    assumeTrue(onPath("npm") && onPath("node"),
        "node and npm are not installed: Debian's nodejs and npm packages, or Node.js 20+");
    Files.createDirectories(prefix);
    Process p = new ProcessBuilder("npm", "install", "--prefix", prefix.toString(), "--no-audit",
        "--no-fund", "--no-save", "--loglevel=error", "pg@" + PG_VERSION, "pgvector@" + PGVECTOR_VERSION)
        .redirectErrorStream(true).start();
    String out;
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("npm install did not end within 300 s");
    }
    out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), "npm install failed:\n" + out);
    return modules;
  }

  private static boolean installed(Path modules, String name, String version) throws Exception {
    Path json = modules.resolve(name).resolve("package.json");
    return Files.exists(json) && Files.readString(json).contains("\"version\": \"" + version + "\"");
  }

  private static boolean onPath(String command) throws Exception {
    return new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
  }

  @Test
  void connectsAndRegistersTheVectorType() {
    script.ok("connect");
    script.ok("create_extension");
    script.ok("register_types");
  }

  @Test
  void insertsWithToSql() {
    script.ok("create_table");
    assertEquals("7", script.ok("insert_to_sql"));
    assertEquals("[8,9]", script.ok("insert_many_returning"));
  }

  @Test
  void nearestNeighboursComeBackAsArrays() {
    assertEquals("[{\"id\":1,\"embedding\":[1,1,1],\"isArray\":true},"
        + "{\"id\":3,\"embedding\":[1,1,2],\"isArray\":true},"
        + "{\"id\":5,\"embedding\":[0,0,1],\"isArray\":true},"
        + "{\"id\":2,\"embedding\":[2,2,2],\"isArray\":true},"
        + "{\"id\":7,\"embedding\":[-1,0,1],\"isArray\":true}]", script.ok("nearest_l2"));
    assertEquals("[[\"item 4\",0],[\"item 2\",0.183503],[\"item 6\",0.292893]]",
        script.ok("nearest_cosine_with_distance"));
  }

  @Test
  void hnswIndexAndNamedStatements() {
    assertEquals("[6,4,9]", script.ok("hnsw_index"));
    assertEquals("[5,4]", script.ok("prepared_named"));
  }

  @Test
  void aggregatesAndPools() {
    assertEquals("[1.5,1.5,1.5]", script.ok("average"));
    assertEquals("[1,1,1]", script.ok("pool"));
    script.ok("drop_table");
  }
}
