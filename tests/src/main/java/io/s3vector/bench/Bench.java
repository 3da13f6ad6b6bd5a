package io.s3vector.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SQL benchmark: the same data set, index and queries against each {@code --url} (our server
 * and PostgreSQL + pgvector side by side), measured through pgjdbc like an application would.
 * Run as {@code ./s3vector bench --url ... [options]}; {@code --help} lists the options.
 */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT);
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h")) {
        System.out.print(BenchOptions.USAGE);
        return;
      }
    }
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.err.print(BenchOptions.USAGE);
      System.exit(2);
      return;
    }
    System.exit(run(options, System.out) == 0 ? 0 : 1);
  }

  /**
   * Every step (one per {@code --scale} size, else the one {@code --rows}) against every URL in
   * turn, then the scaling tables when there were several sizes and the files of {@code --out};
   * returns the number of runs that failed.
   */
  static int run(BenchOptions options, PrintStream out) throws Exception {
    System.setProperty("java.awt.headless", "true");
    if (options.writes()) {
      return runWrites(options, out);
    }
    int failures = 0;
    List<Report.Step> steps = new ArrayList<>();
    for (int rows : options.steps()) {
      long start = System.nanoTime();
      Dataset dataset = Dataset.forOptions(options, rows);
      System.err.printf("bench: %s, ground truth in %.1f s%n", dataset.description(), (System.nanoTime() - start) / 1e9);
      if (options.steps().size() > 1) {
        out.printf("## %,d rows%n%n", rows);
      }
      for (String url : options.urls()) {
        System.err.println("bench: running against " + url);
        try {
          Workload.Result result = new Workload(options, dataset, url).run();
          Report.print(out, options, dataset, result);
          steps.add(new Report.Step(rows, url, result));
        } catch (Exception e) {
          failures++;
          out.printf("### %s%n%nfailed: %s%n%n", url, e);
        }
      }
    }
    if (options.steps().size() > 1 && !steps.isEmpty()) {
      Report.printScaling(out, options, steps);
    }
    if (options.out() != null) {
      for (Path file : ResultFiles.write(options.out(), options, steps)) {
        System.err.println("bench: wrote " + file);
      }
    }
    out.flush();
    return failures;
  }

  /** {@code --workload writes} against every URL in turn, then side by side. */
  static int runWrites(BenchOptions options, PrintStream out) throws Exception {
    int failures = 0;
    List<WriteWorkload.Result> results = new ArrayList<>();
    for (String url : options.urls()) {
      System.err.println("bench: writes against " + url);
      try {
        WriteWorkload.Result result = new WriteWorkload(options, url).run();
        Report.printWrites(out, options, result);
        results.add(result);
      } catch (Exception e) {
        failures++;
        out.printf("### %s%n%nfailed: %s%n%n", url, e);
      }
    }
    Report.printWritesSideBySide(out, results);
    if (options.out() != null && !results.isEmpty()) {
      System.err.println("bench: wrote " + ResultFiles.writeWritesCsv(options.out(), results));
    }
    out.flush();
    return failures;
  }
}
