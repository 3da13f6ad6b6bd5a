package io.s3vector.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * What {@code --out DIR} writes: {@code results.csv}, one row per server, data size, clients and
 * ef_search, and PNG charts drawn by JFreeChart (headless): QPS against recall per data size and
 * client count (one series per server, one point per ef_search), and p50 latency against the data
 * size per client count and ef_search (one series per server).
 */
final class ResultFiles {
  static final String CSV_HEADER = "url,dataset,overlap,metric,rows,dim,k,clients,ef_search,recall,qps,p50_ms,p99_ms,"
      + "cold_first_query_ms,load_method,load_seconds,load_vectors_per_s,create_index_seconds,storage_bytes,"
      + "raw_float32_bytes,compression_ratio,heap_used_bytes,heap_committed_bytes,heap_max_bytes,"
      + "store_requests_per_query,store_bytes_per_query";

  static final int WIDTH = 900;
  static final int HEIGHT = 600;

  private ResultFiles() {}

  /** The CSV file and the charts into {@code dir} (created); returns the files written. */
  static List<Path> write(Path dir, BenchOptions options, List<Report.Step> steps) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    Path csv = dir.resolve("results.csv");
    writeCsv(csv, options, steps);
    written.add(csv);
    written.addAll(writeCharts(dir, steps));
    return written;
  }

  static void writeCsv(Path file, BenchOptions options, List<Report.Step> steps) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(CSV_HEADER);
      w.write('\n');
      for (Report.Step st : steps) {
        Workload.Result r = st.result();
        for (Workload.SearchResult s : r.searches()) {
          List<String> row = List.of(
              csv(st.url()), options.dataset(), options.overlap() == null ? "" : num(options.overlap()),
              options.metric().name().toLowerCase(Locale.ROOT), Integer.toString(r.rows()), Integer.toString(r.dim()),
              Integer.toString(options.k()), Integer.toString(s.clients()), s.efSearch().equals("-") ? "" : s.efSearch(),
              num(s.recall()), num(s.qps()), num(s.p50Ms()), num(s.p99Ms()), num(r.coldFirstQueryMs()),
              options.load(), num(r.loadSeconds()), num(r.loadVectorsPerSecond()), num(r.createIndexSeconds()),
              r.storageBytes() < 0 ? "" : Long.toString(r.storageBytes()), Long.toString(r.rawFloat32Bytes()),
              num(r.compressionRatio()),
              r.heapBytes().map(h -> Long.toString(h.used())).orElse(""),
              r.heapBytes().map(h -> Long.toString(h.committed())).orElse(""),
              r.heapBytes().map(h -> h.max() < 0 ? "" : Long.toString(h.max())).orElse(""),
              s.io().map(io -> num(io.storeRequests())).orElse(""),
              s.io().map(io -> num(io.storeBytes())).orElse(""));
          w.write(String.join(",", row));
          w.write('\n');
        }
      }
    }
  }

  static final String WRITES_CSV_HEADER = "url,phase,clients,writers,target_write_rate,rows,seconds,rows_per_s,"
      + "p50_ms,p99_ms,errors,search_queries,search_qps,search_p50_ms,search_p99_ms";

  /**
   * {@code --workload writes}: {@code DIR/writes.csv}, one row per server, statement and client
   * count, then one per server, search client count and writers (phase {@code search}; the
   * writers' rows and latency in the row's write columns). Returns the file.
   */
  static Path writeWritesCsv(Path dir, List<WriteWorkload.Result> results) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("writes.csv");
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(WRITES_CSV_HEADER);
      w.write('\n');
      for (WriteWorkload.Result r : results) {
        for (WriteWorkload.PhaseResult p : r.phases()) {
          w.write(String.join(",", csv(r.url()), csv(p.phase()), Integer.toString(p.clients()), "", "",
              Long.toString(p.rows()), num(p.seconds()), num(p.rowsPerSecond()), num(p.p50Ms()), num(p.p99Ms()),
              Long.toString(p.errors()), "", "", "", ""));
          w.write('\n');
        }
        for (WriteWorkload.MixedResult m : r.mixed()) {
          boolean writes = m.writers() > 0;
          w.write(String.join(",", csv(r.url()), "search", Integer.toString(m.searchers()),
              Integer.toString(m.writers()), writes ? Integer.toString(m.targetWriteRate()) : "",
              writes ? Long.toString(m.writes()) : "", "", writes ? num(m.writesPerSecond()) : "",
              num(m.writeP50Ms()), num(m.writeP99Ms()), Long.toString(m.errors()), Long.toString(m.queries()),
              num(m.qps()), num(m.p50Ms()), num(m.p99Ms())));
          w.write('\n');
        }
      }
    }
    return file;
  }

  /** A number for the CSV: empty when unknown (NaN). */
  static String num(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
  }

  /** A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
  static String csv(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  static List<Path> writeCharts(Path dir, List<Report.Step> steps) throws IOException {
    List<Path> written = new ArrayList<>();
    Set<Integer> scales = new LinkedHashSet<>();
    Set<Integer> clientCounts = new LinkedHashSet<>();
    Set<String> efs = new LinkedHashSet<>();
    for (Report.Step st : steps) {
      scales.add(st.scale());
      for (Workload.SearchResult s : st.result().searches()) {
        clientCounts.add(s.clients());
        efs.add(s.efSearch());
      }
    }
    for (int scale : scales) {
      for (int clients : clientCounts) {
        XYSeriesCollection data = new XYSeriesCollection();
        List<List<String>> efLabels = new ArrayList<>();
        for (Map.Entry<String, List<Workload.SearchResult>> e : byUrl(steps, scale).entrySet()) {
          XYSeries series = new XYSeries(Workload.shortName(e.getKey()), false, true); // in ef_search order
          List<String> labels = new ArrayList<>();
          for (Workload.SearchResult s : e.getValue()) {
            if (s.clients() == clients) {
              series.add(s.recall(), s.qps());
              labels.add(s.efSearch().equals("-") ? "exact" : "ef " + s.efSearch());
            }
          }
          if (!series.isEmpty()) {
            data.addSeries(series);
            efLabels.add(labels);
          }
        }
        if (data.getSeriesCount() == 0) {
          continue;
        }
        JFreeChart chart = ChartFactory.createXYLineChart(
            String.format("QPS against recall, %,d rows, %d client%s (points: ef_search)", scale, clients,
                clients == 1 ? "" : "s"),
            "recall@k", "queries per second", data, PlotOrientation.VERTICAL, true, false, false);
        style(chart);
        ((NumberAxis) chart.getXYPlot().getDomainAxis()).setAutoRangeIncludesZero(false);
        XYItemRenderer renderer = chart.getXYPlot().getRenderer();
        renderer.setDefaultItemLabelGenerator((dataset, series, item) -> efLabels.get(series).get(item));
        renderer.setDefaultItemLabelsVisible(true);
        Path file = dir.resolve(String.format("qps-recall-rows%d-c%d.png", scale, clients));
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        written.add(file);
      }
    }
    for (int clients : clientCounts) {
      for (String ef : efs) {
        XYSeriesCollection data = new XYSeriesCollection();
        Map<String, XYSeries> series = new LinkedHashMap<>();
        for (Report.Step st : steps) {
          for (Workload.SearchResult s : st.result().searches()) {
            if (s.clients() == clients && s.efSearch().equals(ef)) {
              series.computeIfAbsent(st.url(), u -> new XYSeries(Workload.shortName(u), true, true))
                  .addOrUpdate(st.scale(), s.p50Ms());
            }
          }
        }
        if (series.isEmpty()) {
          continue;
        }
        series.values().forEach(data::addSeries);
        String efText = ef.equals("-") ? "exact search" : "ef_search " + ef;
        JFreeChart chart = ChartFactory.createXYLineChart(
            String.format("p50 latency against data size, %d client%s, %s", clients, clients == 1 ? "" : "s", efText),
            "rows", "p50 latency (ms)", data, PlotOrientation.VERTICAL, true, false, false);
        style(chart);
        XYPlot plot = chart.getXYPlot();
        int min = scales.stream().mapToInt(Integer::intValue).min().orElse(1);
        int max = scales.stream().mapToInt(Integer::intValue).max().orElse(1);
        if (max >= 10L * min) {
          LogAxis rows = new LogAxis("rows (log scale)");
          rows.setBase(10);
          rows.setSmallestValue(1);
          rows.setTickUnit(new NumberTickUnit(1)); // one tick per power of ten
          rows.setNumberFormatOverride(new DecimalFormat("#,##0"));
          plot.setDomainAxis(rows);
        }
        Path file = dir.resolve(String.format("latency-p50-c%d-%s.png", clients, ef.equals("-") ? "exact" : "ef" + ef));
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        written.add(file);
      }
    }
    return written;
  }

  /** The searches of each server at one data size, in the order they ran (ef_search ascending as given). */
  private static Map<String, List<Workload.SearchResult>> byUrl(List<Report.Step> steps, int scale) {
    Map<String, List<Workload.SearchResult>> out = new LinkedHashMap<>();
    for (Report.Step st : steps) {
      if (st.scale() == scale) {
        out.computeIfAbsent(st.url(), u -> new ArrayList<>()).addAll(st.result().searches());
      }
    }
    return out;
  }

  /** Lines with a marker per point on a white background. */
  private static void style(JFreeChart chart) {
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < plot.getDataset().getSeriesCount(); i++) {
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
    plot.setRenderer(renderer);
    chart.setBackgroundPaint(Color.WHITE);
  }
}
