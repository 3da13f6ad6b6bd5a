package io.s3vector.bench;

import java.io.PrintStream;

/**
 * The Markdown report, per server: its settings, the search table, and the reads per query (from
 * {@code s3vector_stat_io}; "n/a" for a server without it, such as PostgreSQL).
 */
final class Report {
  private Report() {}

  static void print(PrintStream out, BenchOptions options, Dataset dataset, Workload.Result r) {
    out.printf("### %s%n%n", r.url());
    out.printf("%s%n%n", r.serverVersion());
    out.printf("| | |%n|---|---|%n");
    out.printf("| data | %s, %d queries, k=%d |%n", dataset.description(), dataset.queries().length, options.k());
    out.printf("| load (%s) | %,.0f vectors/s (%.1f s) |%n", options.load(), r.loadVectorsPerSecond(), r.loadSeconds());
    out.printf("| index | %s |%n", r.index());
    out.printf("| first query on a new connection (cold) | %.2f ms |%n", r.coldFirstQueryMs());
    out.printf("| bytes on storage | %s |%n", r.storage());
    out.printf("| raw float32 / bytes on storage | %s (raw %s) |%n", ratio(r.compressionRatio()),
        Workload.megabytes(r.rawFloat32Bytes()));
    out.printf("| server heap | %s |%n", r.heap());
    out.println();
    out.printf("| clients | ef_search | recall@%d | QPS | p50 ms | p99 ms |%n", options.k());
    out.printf("|---:|---:|---:|---:|---:|---:|%n");
    for (Workload.SearchResult s : r.searches()) {
      out.printf("| %d | %s | %.4f | %,.0f | %.2f | %.2f |%n", s.clients(), s.efSearch(), s.recall(), s.qps(),
          s.p50Ms(), s.p99Ms());
    }
    printIo(out, r);
    for (String note : r.notes()) {
      out.printf("%nNote: %s%n", note);
    }
    out.println();
  }

  /**
   * Reads per query in the timed passes. Hit rates are the share of all values read (L1 + Redis +
   * store) that the tier served, so the two rates and the store's share add up to 1.
   */
  static void printIo(PrintStream out, Workload.Result r) {
    out.println();
    out.printf("| clients | ef_search | store requests/query | store bytes/query | store rounds/query"
        + " | store wait ms/query | L1 hit rate | Redis hit rate |%n");
    out.printf("|---:|---:|---:|---:|---:|---:|---:|---:|%n");
    for (Workload.SearchResult s : r.searches()) {
      if (s.io().isEmpty()) {
        out.printf("| %d | %s | n/a | n/a | n/a | n/a | n/a | n/a |%n", s.clients(), s.efSearch());
        continue;
      }
      IoPerQuery io = s.io().get();
      out.printf("| %d | %s | %.2f | %s | %.2f | %.3f | %s | %s |%n", s.clients(), s.efSearch(),
          io.storeRequests(), bytes(io.storeBytes()), io.storeRounds(), io.storeWaitMs(),
          rate(io.l1HitRate()), rate(io.redisHitRate()));
    }
  }

  /** One step of a progressive run: a data size measured on one server. */
  record Step(int scale, String url, Workload.Result result) {}

  /**
   * The progressive run in two tables: per size and server what the load, the index and the
   * storage cost, then every search configuration side by side.
   */
  static void printScaling(PrintStream out, BenchOptions options, java.util.List<Step> steps) {
    out.printf("### Scaling%n%n");
    out.printf("| rows | server | load vectors/s (s) | CREATE INDEX s | cold first query ms | bytes on storage"
        + " | raw/storage | server heap used |%n");
    out.printf("|---:|---|---:|---:|---:|---:|---:|---:|%n");
    for (Step st : steps) {
      Workload.Result r = st.result();
      out.printf("| %,d | %s | %,.0f (%.1f) | %s | %.2f | %s | %s | %s |%n", st.scale(), Workload.shortName(st.url()),
          r.loadVectorsPerSecond(), r.loadSeconds(),
          Double.isNaN(r.createIndexSeconds()) ? "-" : String.format("%.1f", r.createIndexSeconds()),
          r.coldFirstQueryMs(), r.storageBytes() < 0 ? "n/a" : Workload.megabytes(r.storageBytes()),
          ratio(r.compressionRatio()), r.heapBytes().map(h -> Workload.megabytes(h.used())).orElse("n/a"));
    }
    out.println();
    out.printf("| rows | server | clients | ef_search | recall@%d | QPS | p50 ms | p99 ms |%n", options.k());
    out.printf("|---:|---|---:|---:|---:|---:|---:|---:|%n");
    for (Step st : steps) {
      for (Workload.SearchResult s : st.result().searches()) {
        out.printf("| %,d | %s | %d | %s | %.4f | %,.0f | %.2f | %.2f |%n", st.scale(), Workload.shortName(st.url()),
            s.clients(), s.efSearch(), s.recall(), s.qps(), s.p50Ms(), s.p99Ms());
      }
    }
    out.println();
  }

  static String ratio(double r) {
    return Double.isNaN(r) ? "n/a" : String.format("%.2f×", r);
  }

  static String bytes(double b) {
    if (b < 1e3) {
      return String.format("%.0f B", b);
    }
    return b < 1e6 ? String.format("%.1f kB", b / 1e3) : String.format("%.2f MB", b / 1e6);
  }

  /** A share as a percentage; "-" when nothing was read. */
  static String rate(double share) {
    return Double.isNaN(share) ? "-" : String.format("%.1f%%", share * 100);
  }
}
