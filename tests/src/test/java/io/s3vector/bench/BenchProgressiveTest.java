package io.s3vector.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.tests.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progressive benchmark: its options, the synthetic overlap knob, the CSV and chart files,
 * and a small run of two sizes against the server. No timing is asserted.
 */
class BenchProgressiveTest {
  @RegisterExtension static final TestServer server = TestServer.trust();

  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @TempDir Path tmp;

  private static BenchOptions parse(String... args) {
    return BenchOptions.parse(args);
  }

  @Test
  void optionsOfTheProgressiveRun() {
    BenchOptions defaults = parse("--url", "jdbc:postgresql://h:1/db", "--dataset", "synthetic", "--rows", "1234");
    assertEquals(List.of(), defaults.scales());
    assertEquals(List.of(1234), defaults.steps(), "without --scale: the one --rows");
    assertNull(defaults.overlap());
    assertNull(defaults.out());
    assertTrue(defaults.progress());
    assertEquals("after-gc", defaults.memory());

    BenchOptions o = parse("--url", "jdbc:postgresql://a:1/db", "--url=jdbc:postgresql://b:2/db",
        "--dataset", "synthetic", "--scale", "1000,10000,100000", "--overlap", "0.3", "--out", "/tmp/x",
        "--progress", "off", "--memory", "now", "--clients", "1,16", "--ef-search", "40,100");
    assertEquals(List.of(1000, 10000, 100000), o.steps());
    assertEquals(0.3, o.overlap());
    assertEquals(Path.of("/tmp/x"), o.out());
    assertFalse(o.progress());
    assertEquals("now", o.memory());
    assertEquals(List.of("jdbc:postgresql://a:1/db", "jdbc:postgresql://b:2/db"), o.urls());
    assertEquals(List.of(1, 16), o.clients());

    String url = "jdbc:postgresql://h:1/db";
    for (String[] bad : new String[][] {
        {"--scale", "1000,0"}, {"--scale", "10,x"}, {"--overlap", "-1"}, {"--overlap", "abc"},
        {"--overlap", "NaN"}, {"--progress", "maybe"}, {"--memory", "all"}}) {
      List<String> args = new ArrayList<>(List.of("--url", url, "--dataset", "synthetic"));
      args.addAll(List.of(bad));
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(args.toArray(String[]::new)));
      assertTrue(e.getMessage().contains(bad[0]), e.getMessage());
    }
  }

  /** The generator as it was before the overlap knob: the default must still give these values. */
  private static float[][] previousGenerator(int rows, int dim) {
    Random random = new Random(20240601L);
    int clusters = Math.max(8, rows / 1000);
    float[][] centres = new float[clusters][dim];
    for (float[] c : centres) {
      for (int d = 0; d < dim; d++) {
        c[d] = (float) random.nextGaussian();
      }
    }
    float[][] out = new float[rows][dim];
    for (float[] v : out) {
      float[] c = centres[random.nextInt(centres.length)];
      for (int d = 0; d < dim; d++) {
        v[d] = c[d] + 0.25f * (float) random.nextGaussian();
      }
    }
    return out;
  }

  @Test
  void overlapChangesTheDataDeterministically() {
    Dataset plain = Dataset.synthetic(300, 8, 4, 5, Metric.L2);
    assertArrayEquals(previousGenerator(300, 8), plain.base(), "the default data is unchanged");
    assertArrayEquals(plain.base(), Dataset.synthetic(300, 8, 4, 5, Metric.L2, null).base());

    Dataset a = Dataset.synthetic(300, 8, 4, 5, Metric.L2, 0.5);
    Dataset b = Dataset.synthetic(300, 8, 4, 5, Metric.L2, 0.5);
    assertArrayEquals(a.base(), b.base(), "seeded: the same overlap gives the same data");
    assertArrayEquals(a.queries(), b.queries());
    assertFalse(Arrays.deepEquals(a.base(), plain.base()), "another overlap, other data");
    assertTrue(a.description().contains("overlap 0.5"), a.description());

    // overlap 0: every point is its cluster's centre, so at most 8 distinct vectors
    Set<List<Float>> distinct = new HashSet<>();
    for (float[] v : Dataset.synthetic(300, 8, 4, 5, Metric.L2, 0.0).base()) {
      List<Float> row = new ArrayList<>();
      for (float x : v) {
        row.add(x);
      }
      distinct.add(row);
    }
    assertTrue(distinct.size() <= 8, distinct.size() + " distinct vectors");
    // the spread grows with the overlap: mean distance to the nearest other point
    assertTrue(meanNearest(Dataset.synthetic(300, 8, 4, 5, Metric.L2, 0.1).base())
        < meanNearest(Dataset.synthetic(300, 8, 4, 5, Metric.L2, 1.0).base()));
    assertEquals((float) Math.sqrt(2) * 0.5f, Dataset.spreadForOverlap(0.5), 1e-6);
  }

  private static double meanNearest(float[][] base) {
    double sum = 0;
    for (int i = 0; i < base.length; i++) {
      double best = Double.MAX_VALUE;
      for (int j = 0; j < base.length; j++) {
        if (i != j) {
          best = Math.min(best, Metric.L2.distance(base[i], base[j]));
        }
      }
      sum += best;
    }
    return sum / base.length;
  }

  private static Workload.Result result(String url, int rows, double qpsScale, boolean heap) {
    List<Workload.SearchResult> searches = new ArrayList<>();
    for (int ef : new int[] {40, 100}) {
      for (int clients : new int[] {1, 4}) {
        searches.add(new Workload.SearchResult(clients, Integer.toString(ef), 0.8 + ef / 1000.0,
            qpsScale * 1000.0 / ef * clients, ef / 40.0, ef / 10.0, Optional.empty()));
      }
    }
    return new Workload.Result(url, "v", rows, 16, 5000, rows / 5000.0, "hnsw", 1.5, 12.5, "1 MB",
        rows * 40L, "h", heap ? Optional.of(new Workload.Heap(1 << 20, 2 << 20, -1)) : Optional.empty(),
        searches, List.of());
  }

  @Test
  void csvAndChartsAreWritten() throws IOException {
    List<Report.Step> steps = new ArrayList<>();
    for (int rows : new int[] {1000, 10000, 100000}) {
      steps.add(new Report.Step(rows, "jdbc:postgresql://127.0.0.1:55500/postgres", result("ours", rows, 2, true)));
      steps.add(new Report.Step(rows, "jdbc:postgresql://127.0.0.1:5499/postgres?x=1,2", result("pg", rows, 1, false)));
    }
    BenchOptions options = parse("--url", "jdbc:postgresql://h:1/db", "--dataset", "synthetic", "--overlap", "0.2");
    List<Path> files = ResultFiles.write(tmp.resolve("out"), options, steps);

    List<String> lines = Files.readAllLines(tmp.resolve("out/results.csv"));
    assertEquals(ResultFiles.CSV_HEADER, lines.get(0));
    assertEquals(1 + 3 * 2 * 4, lines.size(), "one row per url, size, clients and ef_search");
    int columns = ResultFiles.CSV_HEADER.split(",").length;
    for (String line : lines.subList(1, lines.size())) {
      assertEquals(columns, csvFields(line).size(), line);
    }
    List<String> header = List.of(ResultFiles.CSV_HEADER.split(","));
    List<String> first = csvFields(lines.get(1));
    assertEquals("jdbc:postgresql://127.0.0.1:55500/postgres", first.get(header.indexOf("url")));
    assertEquals("synthetic", first.get(header.indexOf("dataset")));
    assertEquals("0.200000", first.get(header.indexOf("overlap")));
    assertEquals("1000", first.get(header.indexOf("rows")));
    assertEquals("1", first.get(header.indexOf("clients")));
    assertEquals("40", first.get(header.indexOf("ef_search")));
    assertEquals("1048576", first.get(header.indexOf("heap_used_bytes")));
    assertEquals("40000", first.get(header.indexOf("storage_bytes")));
    assertEquals("1.60000", first.get(header.indexOf("compression_ratio")), "1000 × 16 × 4 / 40,000");
    List<String> pg = csvFields(lines.get(5));
    assertEquals("jdbc:postgresql://127.0.0.1:5499/postgres?x=1,2", pg.get(0), "quoted");
    assertEquals("", pg.get(header.indexOf("heap_used_bytes")), "PostgreSQL: no heap");

    List<Path> pngs = files.stream().filter(p -> p.toString().endsWith(".png")).toList();
    // QPS against recall: 3 sizes × 2 client counts; p50 against size: 2 client counts × 2 ef_search
    assertEquals(3 * 2 + 2 * 2, pngs.size(), pngs.toString());
    assertTrue(pngs.contains(tmp.resolve("out/qps-recall-rows10000-c4.png")), pngs.toString());
    assertTrue(pngs.contains(tmp.resolve("out/latency-p50-c1-ef100.png")), pngs.toString());
    for (Path png : pngs) {
      assertPng(png);
    }
  }

  private static void assertPng(Path png) throws IOException {
    assertTrue(Files.size(png) > 1000, png + " has " + Files.size(png) + " bytes");
    try (InputStream in = Files.newInputStream(png)) {
      assertArrayEquals(PNG_MAGIC, in.readNBytes(8), png.toString());
    }
  }

  /** The fields of one RFC 4180 line. */
  private static List<String> csvFields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    out.add(field.toString());
    return out;
  }

  @Test
  void progressLineCountsRows() {
    try (Progress p = Progress.rows("load x", 200, false)) {
      p.add(50);
      assertTrue(p.line().startsWith("load x: [#####...............]  25% 50 / 200 rows"), p.line());
    }
    try (Progress p = Progress.polling("CREATE INDEX x", () -> "building, 3 / 4 tuples", false)) {
      assertTrue(p.line().matches("CREATE INDEX x: \\d+\\.\\d s, building, 3 / 4 tuples"), p.line());
    }
  }

  @Test
  void progressiveRunAgainstTheServer() throws Exception {
    Path out = tmp.resolve("bench-out");
    List<String> args = new ArrayList<>(List.of("--url", server.url(), "--dataset", "synthetic", "--dim", "8",
        "--scale", "200,500", "--overlap", "0.3", "--queries", "5", "--k", "5", "--clients", "1,2",
        "--index", "hnsw", "--ef-search", "10,40", "--load", "copy", "--passes", "1", "--out", out.toString(),
        "--progress", "on"));
    if (TestServer.inProcess() && !"s3".equals(System.getProperty(TestServer.STORE_PROPERTY))) {
      args.addAll(List.of("--data-dir", server.dataDir().toString()));
    }
    BenchOptions options = BenchOptions.parse(args.toArray(String[]::new));
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    int failures = Bench.run(options, new PrintStream(text, true, StandardCharsets.UTF_8));
    String report = text.toString(StandardCharsets.UTF_8);
    assertEquals(0, failures, report);
    assertTrue(report.contains("## 200 rows") && report.contains("## 500 rows"), report);
    assertTrue(report.contains("### Scaling"), report);
    assertTrue(report.contains("first query on a new connection (cold)"), report);

    List<String> lines = Files.readAllLines(out.resolve("results.csv"));
    assertEquals(1 + 2 * 2 * 2, lines.size(), String.join("\n", lines));
    int columns = ResultFiles.CSV_HEADER.split(",").length;
    List<String> header = List.of(ResultFiles.CSV_HEADER.split(","));
    for (String line : lines.subList(1, lines.size())) {
      List<String> f = csvFields(line);
      assertEquals(columns, f.size(), line);
      double recall = Double.parseDouble(f.get(header.indexOf("recall")));
      assertTrue(recall > 0 && recall <= 1, line);
      assertTrue(Double.parseDouble(f.get(header.indexOf("qps"))) > 0, line);
      assertTrue(Double.parseDouble(f.get(header.indexOf("cold_first_query_ms"))) > 0, line);
      assertTrue(Double.parseDouble(f.get(header.indexOf("create_index_seconds"))) >= 0, line);
      if (TestServer.inProcess()) {
        assertFalse(f.get(header.indexOf("heap_used_bytes")).isEmpty(), "ours reports its heap: " + line);
      } else {
        assertFalse(f.get(header.indexOf("storage_bytes")).isEmpty(), "pg_total_relation_size: " + line);
      }
    }
    assertEquals(Set.of("200", "500"),
        Set.copyOf(lines.subList(1, lines.size()).stream().map(l -> csvFields(l).get(header.indexOf("rows"))).toList()));
    List<Path> pngs;
    try (Stream<Path> files = Files.list(out)) {
      pngs = files.filter(p -> p.toString().endsWith(".png")).sorted().toList();
    }
    assertEquals(2 * 2 + 2 * 2, pngs.size(), pngs.toString());
    for (Path png : pngs) {
      assertPng(png);
    }
  }
}
