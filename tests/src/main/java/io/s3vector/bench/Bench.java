package io.s3vector.bench;

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
    long start = System.nanoTime();
    Dataset dataset =
        options.dataset().equals("fashion-mnist")
            ? Dataset.fashionMnist(options.fashionMnist(), options.rows(), options.queries(), options.k(), options.metric())
            : Dataset.synthetic(options.rows(), options.dim(), options.queries(), options.k(), options.metric());
    System.err.printf("bench: %s, ground truth in %.1f s%n", dataset.description(), (System.nanoTime() - start) / 1e9);
    int failures = 0;
    for (String url : options.urls()) {
      System.err.println("bench: running against " + url);
      try {
        Workload.Result result = new Workload(options, dataset, url).run();
        Report.print(System.out, options, dataset, result);
      } catch (Exception e) {
        failures++;
        System.out.printf("### %s%n%nfailed: %s%n%n", url, e);
      }
    }
    System.exit(failures == 0 ? 0 : 1);
  }
}
