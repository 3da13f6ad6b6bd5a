package io.s3vector.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files: each {@code src/test/resources/golden/NAME.sql} is fed to the real psql, as
 * pgvector's regression tests do ({@code psql -X -a}, errors interleaved), and its output must be
 * {@code NAME.out} to the byte. The .out files were written by PostgreSQL 15 + pgvector 0.8.6,
 * never by our server; to add one, run the script against such a server with the command below.
 * On a mismatch the output is kept in {@code target/golden-actual/NAME.out}. Run on a data folder
 * by {@link PsqlTest} and on an S3 bucket by {@link PsqlOnS3Test}.
 */
abstract class PsqlCases {

  /** The server the scripts run against. */
  abstract TestServer server();

  static Path psql() {
    Path p = Path.of("/usr/bin/psql");
    if (Files.isExecutable(p)) {
      return p;
    }
    fail("psql is not installed at /usr/bin/psql (Debian: apt-get install postgresql-client,"
        + " or run .ci/install-deps)");
    return null;
  }

  @TestFactory
  Stream<DynamicTest> goldenFiles() throws IOException, URISyntaxException {
    Path dir = Path.of(PsqlCases.class.getResource("/golden").toURI());
    List<Path> scripts;
    try (Stream<Path> files = Files.list(dir)) {
      scripts = files.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
    }
    assertTrue(!scripts.isEmpty(), "golden scripts in " + dir);
    return scripts.stream()
        .map(script -> DynamicTest.dynamicTest(script.getFileName().toString(), () -> check(script)));
  }

  private void check(Path script) throws Exception {
    String name = script.getFileName().toString().replaceFirst("\\.sql$", "");
    Path expectedFile = script.resolveSibling(name + ".out");
    String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
    String actual = run(script);
    if (!expected.equals(actual)) {
      Path actualDir = Path.of("target", "golden-actual");
      Files.createDirectories(actualDir);
      Path actualFile = actualDir.resolve(name + ".out");
      Files.writeString(actualFile, actual, StandardCharsets.UTF_8);
      fail("psql output differs from " + name + ".out (actual output in " + actualFile.toAbsolutePath()
          + "):\n" + LineDiff.diff(expected, actual));
    }
  }

  /** psql -X -a -v ON_ERROR_STOP=0 with the script on standard input, stderr merged. */
  String run(Path script) throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(
            psql().toString(), "-X", "-a", "-v", "ON_ERROR_STOP=0", "-h", server().host(), "-p",
            Integer.toString(server().port()), "-U", "postgres", "-d", "postgres");
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("PG"));
    env.put("LC_ALL", "C.UTF-8");
    env.put("PGCLIENTENCODING", "UTF8");
    pb.redirectErrorStream(true);
    pb.redirectInput(script.toFile());
    Path output = Files.createTempFile("psql", ".out");
    pb.redirectOutput(output.toFile());
    Process p = pb.start();
    try {
      boolean finished = p.waitFor(60, TimeUnit.SECONDS);
      String out = Files.readString(output, StandardCharsets.UTF_8);
      if (!finished) {
        p.destroyForcibly();
        fail("psql did not finish within 60 s on " + script.getFileName()
            + " (the server never answered the last statement shown):\n" + tail(out, 15));
      }
      return out;
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static String tail(String text, int lines) {
    List<String> all = text.lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
