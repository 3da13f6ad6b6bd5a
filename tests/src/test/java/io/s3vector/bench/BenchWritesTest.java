package io.s3vector.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.tests.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --workload writes}: its options, its report and CSV, the preload's COPY rows, and one
 * short run against the server. No timing is asserted.
 */
class BenchWritesTest {
  @RegisterExtension static final TestServer server = TestServer.trust();

  @TempDir Path tmp;

  private static final String URL = "jdbc:postgresql://h:1/db";

  @Test
  void optionsOfTheWriteWorkload() {
    BenchOptions defaults = BenchOptions.parse(new String[] {"--url", URL, "--dataset", "synthetic"});
    assertEquals("search", defaults.workload(), "the search workload stays the default");
    assertFalse(defaults.writes());
    assertEquals(10.0, defaults.durationSeconds());
    assertEquals(1, defaults.writers());
    assertEquals(200, defaults.writeRate());
    assertEquals(0.0, defaults.warmupSeconds(), "no warm-up unless asked");

    // the write workload makes its own vectors: no Fashion-MNIST files needed
    BenchOptions o = BenchOptions.parse(new String[] {"--url", URL, "--workload", "writes",
        "--fashion-mnist", tmp.resolve("absent").toString(), "--duration", "0.5", "--writers=2",
        "--write-rate", "50", "--clients", "1,16", "--rows", "10000", "--dim", "128", "--warmup", "5"});
    assertTrue(o.writes());
    assertEquals(0.5, o.durationSeconds());
    assertEquals(2, o.writers());
    assertEquals(50, o.writeRate());
    assertEquals(5.0, o.warmupSeconds());
    assertEquals(List.of(1, 16), o.clients());

    for (String[] bad : new String[][] {
        {"--workload", "reads"}, {"--duration", "0"}, {"--duration", "abc"}, {"--duration", "-1"},
        {"--duration", "Infinity"}, {"--writers", "0"}, {"--write-rate", "-5"}, {"--warmup", "-1"}, {"--warmup", "x"}}) {
      List<String> args = new ArrayList<>(List.of("--url", URL, "--dataset", "synthetic"));
      args.addAll(List.of(bad));
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(args.toArray(String[]::new)));
      assertTrue(e.getMessage().contains(bad[0]), e.getMessage());
    }
    assertTrue(BenchOptions.USAGE.contains("--workload search|writes"), BenchOptions.USAGE);
  }

  @Test
  void preloadRowsCarryTheCategoryAfterTheId() throws Exception {
    CopyLoad.Rows rows = new CopyLoad.Rows(18, 2, false, 16);
    String text = new String(rows.readAllBytes(), StandardCharsets.US_ASCII);
    String[] lines = text.split("\n");
    assertEquals(18, lines.length);
    assertTrue(lines[0].matches("0\t0\t\\[[-0-9.E]+,[-0-9.E]+]"), lines[0]);
    assertTrue(lines[17].startsWith("17\t1\t["), lines[17]);
    // without categories the COPY load's rows are as before
    String plain = new String(new CopyLoad.Rows(2, 2, false).readAllBytes(), StandardCharsets.US_ASCII);
    assertTrue(plain.startsWith("0\t[") && plain.contains("\n1\t["), plain);
    // the refill after the DELETE phase numbers its rows after the ids used
    String refill = new String(new CopyLoad.Rows(2, 2, false, 16, 40).readAllBytes(),
        StandardCharsets.US_ASCII);
    assertTrue(refill.startsWith("40\t8\t[") && refill.contains("\n41\t9\t["), refill);
  }

  private static WriteWorkload.Result result(String url, double scale) {
    List<WriteWorkload.PhaseResult> phases = new ArrayList<>();
    for (String phase : new String[] {"INSERT", "UPDATE"}) {
      for (int clients : new int[] {1, 16}) {
        phases.add(new WriteWorkload.PhaseResult(phase, clients, (long) (1000 * scale * clients), 10,
            100 * scale * clients, 2.5 / scale, 9.75 / scale, clients == 16 ? 3 : 0));
      }
    }
    List<WriteWorkload.MixedResult> mixed = List.of(
        new WriteWorkload.MixedResult(4, 0, 0, 8000, 800 * scale, 1.25, 4.5, 0, 0, Double.NaN, Double.NaN, 0),
        new WriteWorkload.MixedResult(4, 1, 200, 6000, 600 * scale, 1.5, 6.0, 1990, 199, 3.0, 12.0, 0));
    return new WriteWorkload.Result(url, "v", 10000, 128, 0.5, "none", 1.5, phases, mixed, 12345, 12345,
        List.of("a note"));
  }

  @Test
  void reportSideBySideAndCsv() throws Exception {
    BenchOptions options = BenchOptions.parse(new String[] {"--url", URL, "--workload", "writes", "--duration", "10"});
    List<WriteWorkload.Result> results = List.of(result("jdbc:postgresql://127.0.0.1:55500/postgres", 2),
        result("jdbc:postgresql://127.0.0.1:5499/postgres?x=1,2", 1));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Report.printWrites(out, options, results.get(0));
    Report.printWritesSideBySide(out, results);
    String report = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(report.contains("| preload (COPY, text) | 10,000 rows: 20,000 rows/s (0.5 s) |"), report);
    assertTrue(report.contains("| each phase | 10 s per client count"), report);
    assertTrue(report.contains("| INSERT | 16 | 3,200 | 1.25 | 4.88 | 32,000 | 3 |"), report);
    assertTrue(report.contains("| 4 | none | 1,600 | 1.25 | 4.50 | - | - | - | 0 |"), report);
    assertTrue(report.contains("| 4 | 1 (200) | 1,200 | 1.50 | 6.00 | 199 | 3.00 | 12.00 | 0 |"), report);
    assertTrue(report.contains("Note: a note"), report);
    assertTrue(report.contains("### Side by side"), report);
    assertTrue(report.contains("| 127.0.0.1:55500/postgres (p50 / p99 ms) | 127.0.0.1:5499/postgres (p50 / p99 ms)"
        + " | ratio to 127.0.0.1:5499/postgres |"), report);
    assertTrue(report.contains("| UPDATE rows/s | 1 | 200 (1.25 / 4.88) | 100 (2.50 / 9.75) | 2.00× |"), report);
    assertTrue(report.contains("| search QPS, 1 writer at 200 rows/s | 4 | 1,200 (1.50 / 6.00) | 600 (1.50 / 6.00)"
        + " | 2.00× |"), report);

    Path csv = ResultFiles.writeWritesCsv(tmp.resolve("out"), results);
    List<String> lines = Files.readAllLines(csv);
    assertEquals(ResultFiles.WRITES_CSV_HEADER, lines.get(0));
    assertEquals(1 + 2 * (4 + 2), lines.size(), String.join("\n", lines));
    int columns = ResultFiles.WRITES_CSV_HEADER.split(",").length;
    for (String line : lines.subList(1, 7)) {
      assertEquals(columns, line.split(",", -1).length, line);
    }
    assertTrue(lines.get(2).startsWith("jdbc:postgresql://127.0.0.1:55500/postgres,INSERT,16,,,32000,"), lines.get(2));
    assertTrue(lines.get(12).startsWith("\"jdbc:postgresql://127.0.0.1:5499/postgres?x=1,2\",search,4,1,200,1990,"),
        lines.get(12));
  }

  @Test
  void writeWorkloadAgainstTheServer() throws Exception {
    Path out = tmp.resolve("writes-out");
    BenchOptions options = BenchOptions.parse(new String[] {"--url", server.url(), "--workload", "writes",
        "--rows", "300", "--dim", "8", "--clients", "2", "--duration", "0.25", "--writers", "1",
        "--write-rate", "20", "--ef-search", "20", "--warmup", "1", "--out", out.toString()});
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    int failures = Bench.run(options, new PrintStream(text, true, StandardCharsets.UTF_8));
    String report = text.toString(StandardCharsets.UTF_8);
    assertEquals(0, failures, report);
    for (String phase : new String[] {"INSERT", "UPDATE", "INSERT … ON CONFLICT DO UPDATE", "DELETE"}) {
      assertTrue(report.contains("| " + phase + " | 2 | "), report);
    }
    assertTrue(report.contains("| warm-up | each write phase 1 s at the largest client count"), report);
    assertTrue(report.contains("| 2 | none | "), report);
    assertTrue(report.contains("| 2 | 1 (20) | "), report);
    assertFalse(report.contains("Note: count(*)"), "no rows lost or doubled: " + report);
    assertFalse(report.contains("a search returned"),
        "the searches ran on a table refilled after the DELETE phase: " + report);
    assertFalse(report.contains("reported 0 rows") || report.contains("reported 2 rows"), report);
    // the warm-up's DELETEs (more than the table holds here) leave the measured run's ids alone
    assertFalse(report.contains("Note: UPDATE ran out of rows"), report);

    List<String> lines = Files.readAllLines(out.resolve("writes.csv"));
    assertEquals(1 + 4 + 2, lines.size(), String.join("\n", lines));
    List<String> header = List.of(ResultFiles.WRITES_CSV_HEADER.split(","));
    for (String line : lines.subList(1, 5)) {
      String[] f = line.split(",", -1);
      assertTrue(Long.parseLong(f[header.indexOf("rows")]) > 0, "each phase wrote rows: " + line);
      assertTrue(Double.parseDouble(f[header.indexOf("rows_per_s")]) > 0, line);
    }
    for (String line : lines.subList(5, 7)) {
      String[] f = line.split(",", -1);
      assertTrue(Long.parseLong(f[header.indexOf("search_queries")]) > 0, "searches ran: " + line);
    }
  }
}
