package io.s3vector.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * asyncpg (Debian's python3-asyncpg) as pgvector-python drives it. The server must never leave it
 * waiting: asyncpg prepares with Parse, Describe and Flush and sends Sync only after the answer,
 * so an error held until Sync hung it. Every step gets an answer: a result or a PostgreSQL error.
 */
class AsyncpgTest {
  @RegisterExtension static final TestServer server = TestServer.trust();

  @Test
  void everyStepIsAnsweredAndPlainQueriesWork() throws Exception {
    TestServer.assumeInProcess();
    Path script = Files.createTempFile("asyncpg_steps", ".py");
    try (var in = AsyncpgTest.class.getResourceAsStream("/python/asyncpg_steps.py")) {
      Files.write(script, in.readAllBytes());
    }
    Process p = new ProcessBuilder(ZarrPythonTest.PYTHON.toString(), script.toString(),
        String.valueOf(server.port())).redirectErrorStream(true).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the script ends");
    List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    String all = String.join("\n", lines);
    assertEquals(0, p.exitValue(), all);
    assertFalse(all.contains("timeout"), "the server left asyncpg waiting:\n" + all);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("ok fetch_ids [<Record id=1>]")), all);
    // pgvector-python's asyncpg support: a binary codec for vector, then executemany, COPY, k-NN
    assertTrue(lines.contains("ok set_type_codec None"), all);
    assertTrue(lines.contains("ok fetch_vectors [<Record embedding=[1.0, 2.0, 3.0]>]"), all);
    assertTrue(lines.contains("ok executemany None"), all);
    assertTrue(lines.contains("ok copy_records COPY 1"), all);
    assertTrue(lines.contains("ok nearest [<Record id=3>, <Record id=2>]"), all);
    assertTrue(lines.contains("ok fetch_after [<Record count=4>]"), all);
    Files.deleteIfExists(script);
  }
}
