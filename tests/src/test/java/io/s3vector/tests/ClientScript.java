package io.s3vector.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A client driven by a script in another language (node, python) that runs every step of a
 * scenario, even after one fails, and prints one line per step: {@code ok <step> <json result>}
 * or {@code error <step> <sqlstate> <message>}. The test class runs it once and checks each step
 * in a test method of its own, so that a step waiting for a server feature can be disabled alone.
 */
final class ClientScript {
  private final Map<String, String> lines = new LinkedHashMap<>();
  private final String output;

  private ClientScript(String output) {
    this.output = output;
    for (String line : output.lines().toList()) {
      String[] f = line.split(" ", 3);
      if (f.length >= 2 && (f[0].equals("ok") || f[0].equals("error"))) {
        lines.put(f[1], line);
      }
    }
  }

  /** Copies the script resource to a temporary file (the interpreter needs a path). */
  /**
   * A script of {@code resources/python/} copied into a fresh folder beside the module the
   * SQLAlchemy-based scripts share ({@code sa_steps.py}), so that it imports it.
   */
  static Path pythonScript(String name) throws IOException {
    Path dir = Files.createTempDirectory("client-scripts");
    dir.toFile().deleteOnExit();
    Path script = null;
    for (String file : List.of(name, "sa_steps.py")) {
      Path to = dir.resolve(file);
      Files.copy(resource("/python/" + file, ".py"), to);
      to.toFile().deleteOnExit();
      script = script == null ? to : script;
    }
    return script;
  }

  static Path resource(String name, String suffix) throws IOException {
    Path script = Files.createTempFile("client-script", suffix);
    try (InputStream in = ClientScript.class.getResourceAsStream(name)) {
      Files.write(script, in.readAllBytes());
    }
    script.toFile().deleteOnExit();
    return script;
  }

  /** Runs the command, which must end within {@code seconds} and exit 0. */
  static ClientScript run(List<String> command, Path workDir, int seconds) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    if (workDir != null) {
      pb.directory(workDir.toFile());
    }
    pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
    Process p = pb.start();
    byte[][] out = new byte[1][];
    Thread reader = Thread.ofVirtual().start(() -> {
      try {
        out[0] = p.getInputStream().readAllBytes();
      } catch (IOException e) {
        out[0] = new byte[0];
      }
    });
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      reader.join(5000);
      fail("the client script did not end within " + seconds + " s (the server left it waiting?):\n"
          + (out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8)));
    }
    reader.join();
    String text = new String(out[0], StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), "the client script failed:\n" + text);
    return new ClientScript(text);
  }

  /** The step's result (the JSON after {@code ok <step>}); fails with the step's error. */
  String ok(String step) {
    String line = lines.get(step);
    if (line == null) {
      fail("no line for step " + step + " in:\n" + output);
    }
    if (!line.startsWith("ok ")) {
      fail("step " + step + " failed: " + line);
    }
    String[] f = line.split(" ", 3);
    return f.length > 2 ? f[2] : "";
  }

  /** The step failed with this SQLSTATE; returns its message. */
  String error(String step, String sqlState) {
    String line = lines.get(step);
    assertTrue(line != null && line.startsWith("error " + step + " " + sqlState + " "),
        "step " + step + " should fail with " + sqlState + ": " + line);
    return line.split(" ", 4)[3];
  }

  /** Every step that failed, for a report. */
  List<String> failures() {
    List<String> out = new ArrayList<>();
    lines.values().stream().filter(l -> l.startsWith("error ")).forEach(out::add);
    return out;
  }

  String output() {
    return output;
  }
}
