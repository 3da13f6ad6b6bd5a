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

  /** {@code --workload writes}, one server: the preload, the write phases, the mixed phase. */
  static void printWrites(PrintStream out, BenchOptions options, WriteWorkload.Result r) {
    out.printf("### %s%n%n", r.url());
    out.printf("%s%n%n", r.serverVersion());
    out.printf("| | |%n|---|---|%n");
    out.printf("| table | %s (id bigint PRIMARY KEY, category int, embedding vector(%d)) |%n", WriteWorkload.TABLE,
        r.dim());
    out.printf("| preload (COPY, text) | %,d rows: %,.0f rows/s (%.1f s) |%n", r.rows(), r.preloadRowsPerSecond(),
        r.preloadSeconds());
    out.printf("| vector index | %s |%n", r.index());
    out.printf("| each phase | %s s per client count, autocommit, one row per statement |%n",
        trim(options.durationSeconds()));
    if (options.warmupSeconds() > 0) {
      out.printf("| warm-up | each write phase %s s at the largest client count first, on a table"
          + " dropped before the measured run |%n", trim(options.warmupSeconds()));
    }
    out.printf("| rows at the end | %,d (count(*)); %,d expected |%n", r.countedRows(), r.expectedRows());
    out.println();
    out.printf("| statement | clients | rows/s | p50 ms | p99 ms | rows | errors |%n");
    out.printf("|---|---:|---:|---:|---:|---:|---:|%n");
    for (WriteWorkload.PhaseResult p : r.phases()) {
      out.printf("| %s | %d | %,.0f | %.2f | %.2f | %,d | %d |%n", p.phase(), p.clients(), p.rowsPerSecond(),
          p.p50Ms(), p.p99Ms(), p.rows(), p.errors());
    }
    out.println();
    out.printf("| search clients | writers (target rows/s) | search QPS | search p50 ms | search p99 ms"
        + " | writes/s | write p50 ms | write p99 ms | errors |%n");
    out.printf("|---:|---|---:|---:|---:|---:|---:|---:|---:|%n");
    for (WriteWorkload.MixedResult m : r.mixed()) {
      if (m.writers() == 0) {
        out.printf("| %d | none | %,.0f | %.2f | %.2f | - | - | - | %d |%n", m.searchers(), m.qps(), m.p50Ms(),
            m.p99Ms(), m.errors());
      } else {
        out.printf("| %d | %d (%,d) | %,.0f | %.2f | %.2f | %,.0f | %.2f | %.2f | %d |%n", m.searchers(),
            m.writers(), m.targetWriteRate(), m.qps(), m.p50Ms(), m.p99Ms(), m.writesPerSecond(), m.writeP50Ms(),
            m.writeP99Ms(), m.errors());
      }
    }
    for (String note : r.notes()) {
      out.printf("%nNote: %s%n", note);
    }
    out.println();
  }

  /**
   * The write workload's servers side by side: rows/s (and search QPS) of each, and the first
   * server's figure over each other's.
   */
  static void printWritesSideBySide(PrintStream out, java.util.List<WriteWorkload.Result> results) {
    if (results.size() < 2) {
      return;
    }
    WriteWorkload.Result first = results.get(0);
    StringBuilder head = new StringBuilder("| | clients |");
    StringBuilder rule = new StringBuilder("|---|---:|");
    for (WriteWorkload.Result r : results) {
      head.append(' ').append(Workload.shortName(r.url())).append(" (p50 / p99 ms) |");
      rule.append("---:|");
    }
    for (WriteWorkload.Result r : results.subList(1, results.size())) {
      head.append(" ratio to ").append(Workload.shortName(r.url())).append(" |");
      rule.append("---:|");
    }
    out.printf("### Side by side%n%n%s%n%s%n", head, rule);
    for (int i = 0; i < first.phases().size(); i++) {
      WriteWorkload.PhaseResult p0 = first.phases().get(i);
      StringBuilder line = new StringBuilder(String.format("| %s rows/s | %d |", p0.phase(), p0.clients()));
      for (WriteWorkload.Result r : results) {
        WriteWorkload.PhaseResult p = i < r.phases().size() ? r.phases().get(i) : null;
        line.append(p == null ? " - |" : String.format(" %,.0f (%.2f / %.2f) |", p.rowsPerSecond(), p.p50Ms(),
            p.p99Ms()));
      }
      for (WriteWorkload.Result r : results.subList(1, results.size())) {
        WriteWorkload.PhaseResult p = i < r.phases().size() ? r.phases().get(i) : null;
        line.append(p == null ? " - |" : " " + times(p0.rowsPerSecond() / p.rowsPerSecond()) + " |");
      }
      out.println(line);
    }
    for (int i = 0; i < first.mixed().size(); i++) {
      WriteWorkload.MixedResult m0 = first.mixed().get(i);
      String label = m0.writers() == 0 ? "search QPS, no writes"
          : String.format("search QPS, %d writer%s at %,d rows/s", m0.writers(), m0.writers() == 1 ? "" : "s",
              m0.targetWriteRate());
      StringBuilder line = new StringBuilder(String.format("| %s | %d |", label, m0.searchers()));
      for (WriteWorkload.Result r : results) {
        WriteWorkload.MixedResult m = i < r.mixed().size() ? r.mixed().get(i) : null;
        line.append(m == null ? " - |" : String.format(" %,.0f (%.2f / %.2f) |", m.qps(), m.p50Ms(), m.p99Ms()));
      }
      for (WriteWorkload.Result r : results.subList(1, results.size())) {
        WriteWorkload.MixedResult m = i < r.mixed().size() ? r.mixed().get(i) : null;
        line.append(m == null ? " - |" : " " + times(m0.qps() / m.qps()) + " |");
      }
      out.println(line);
    }
    out.println();
  }

  /** A ratio as "1.23×"; "-" when undefined. */
  static String times(double r) {
    return Double.isNaN(r) || Double.isInfinite(r) ? "-" : String.format("%.2f×", r);
  }

  private static String trim(double seconds) {
    return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
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
