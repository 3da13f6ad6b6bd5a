package io.s3vector.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The data folder is an open format: zarr-python 2.x reads the rows we inserted. */
class ZarrPythonTest {
  @RegisterExtension static final TestServer server = TestServer.trust();

  static final Path PYTHON = Path.of("/usr/bin/python3");

  @BeforeAll
  static void onlyOurServer() {
    TestServer.assumeInProcess();
  }

  @Test
  void zarrPythonReadsTheInsertedRows() throws Exception {
    int rows = 1000;
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE zarr_items (id bigint PRIMARY KEY, name text, score double precision,"
          + " small smallint, flag boolean, embedding vector(4))");
      // a few statements, so there may be several segments
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO zarr_items VALUES (?, ?, ?, ?, ?, ?::vector)")) {
        for (int i = 0; i < rows; i++) {
          ps.setLong(1, i);
          ps.setString(2, "item " + i + " é");
          ps.setDouble(3, i / 3.0);
          ps.setShort(4, (short) (i % 100 - 50));
          ps.setBoolean(5, i % 3 == 0);
          ps.setString(6, "[" + vector(i)[0] + "," + vector(i)[1] + "," + vector(i)[2] + "," + vector(i)[3] + "]");
          ps.addBatch();
          if (i % 300 == 299) {
            ps.executeBatch();
          }
        }
        ps.executeBatch();
      }
      s.execute("INSERT INTO zarr_items (id) VALUES (" + rows + ")");
      // small commits are one object each until merges fold them; VACUUM makes them Zarr now
      s.execute("VACUUM zarr_items");
    }
    assertTrue(Files.isDirectory(server.dataDir().resolve("zarr_items")), "the table's folder");
    List<String> out = runPython(server.dataDir(), "zarr_items", "id,name,score,small,flag,embedding");

    Map<String, String> arrays = new HashMap<>();
    List<String[]> got = new ArrayList<>();
    for (String line : out) {
      if (line.startsWith("array ")) {
        String[] f = line.split(" ");
        arrays.put(f[1], f[2] + " " + f[3]);
      } else if (line.startsWith("row ")) {
        got.add(line.substring(4).split("\\|", -1));
      }
    }
    assertEquals("<i8", arrays.get("id").split(" ")[0]);
    assertEquals("<f8", arrays.get("score").split(" ")[0]);
    assertEquals("<i2", arrays.get("small").split(" ")[0]);
    assertEquals("|b1", arrays.get("flag").split(" ")[0]);
    assertEquals("<f4", arrays.get("embedding").split(" ")[0]);
    assertTrue(arrays.get("embedding").endsWith("x4"), "embedding is [rows, 4]: " + arrays);

    assertEquals(rows + 1, got.size(), "rows across segments");
    got.sort(Comparator.comparingLong(r -> Long.parseLong(r[0])));
    assertEquals(
        List.of(Long.toString(rows), "\\N", "\\N", "\\N", "\\N", "\\N"),
        List.of(got.get(rows)),
        "NULLs are marked in the <column>.null arrays");
    for (int i = 0; i < rows; i++) {
      String[] r = got.get(i);
      assertEquals(i, Long.parseLong(r[0]));
      assertEquals("item " + i + " é", r[1]);
      assertEquals(i / 3.0, Double.parseDouble(r[2]));
      assertEquals(i % 100 - 50, Integer.parseInt(r[3]));
      assertEquals(i % 3 == 0 ? "t" : "f", r[4]);
      String[] v = r[5].split(",");
      assertEquals(4, v.length);
      for (int d = 0; d < 4; d++) {
        assertEquals(vector(i)[d], (float) Double.parseDouble(v[d]), "row " + i + " dim " + d);
      }
    }
  }

  private static float[] vector(int i) {
    return new float[] {i, -i / 7f, 0.1f * (i % 10), 1e-3f};
  }

  static List<String> runPython(Path root, String table, String columns)
      throws IOException, InterruptedException {
    if (!Files.isExecutable(PYTHON)) {
      fail("/usr/bin/python3 is missing (Debian: apt-get install python3-zarr, or .ci/install-deps)");
    }
    Path script = Files.createTempFile("dump_table", ".py");
    try (InputStream in = ZarrPythonTest.class.getResourceAsStream("/zarr/dump_table.py")) {
      Files.write(script, in.readAllBytes());
    }
    ProcessBuilder pb = new ProcessBuilder(PYTHON.toString(), script.toString(), root.toString(), table, columns);
    pb.environment().remove("PYTHONPATH");
    pb.environment().remove("PYTHONHOME");
    pb.environment().put("PYTHONIOENCODING", "utf-8");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python finished");
    Files.deleteIfExists(script);
    if (p.exitValue() != 0) {
      fail("zarr-python could not read table " + table + " in " + root + ":\n" + output);
    }
    return output.lines().toList();
  }
}
