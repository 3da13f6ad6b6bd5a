package io.s3vector.bench;

import java.io.PrintStream;

/** The Markdown report: one table per server. */
final class Report {
  private Report() {}

  static void print(PrintStream out, BenchOptions options, Dataset dataset, Workload.Result r) {
    out.printf("### %s%n%n", r.url());
    out.printf("%s%n%n", r.serverVersion());
    out.printf("| | |%n|---|---|%n");
    out.printf("| data | %s, %d queries, k=%d |%n", dataset.description(), dataset.queries().length, options.k());
    out.printf("| load (%s) | %,.0f vectors/s (%.1f s) |%n", options.load(), r.loadVectorsPerSecond(), r.loadSeconds());
    out.printf("| index | %s |%n", r.index());
    out.printf("| bytes on storage | %s |%n", r.storage());
    out.printf("| server heap | %s |%n", r.heap());
    out.println();
    out.printf("| clients | ef_search | recall@%d | QPS | p50 ms | p99 ms |%n", options.k());
    out.printf("|---:|---:|---:|---:|---:|---:|%n");
    for (Workload.SearchResult s : r.searches()) {
      out.printf("| %d | %s | %.4f | %,.0f | %.2f | %.2f |%n", s.clients(), s.efSearch(), s.recall(), s.qps(),
          s.p50Ms(), s.p99Ms());
    }
    for (String note : r.notes()) {
      out.printf("%nNote: %s%n", note);
    }
    out.println();
  }
}
