package io.s3vector.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark's command line, parsed once. */
public record BenchOptions(
    List<String> urls,
    String user,
    String password,
    String dataset,
    int rows,
    int dim,
    int queries,
    int k,
    List<Integer> clients,
    List<Integer> efSearch,
    String index,
    int m,
    int efConstruction,
    String load,
    Metric metric,
    Path dataDir,
    Path fashionMnist,
    int passes,
    List<Integer> scales,
    Double overlap,
    Path out,
    boolean progress,
    String memory,
    String workload,
    double durationSeconds,
    int writers,
    int writeRate,
    double warmupSeconds) {

  /** The data sizes to measure in turn: {@code --scale}, else the one {@code --rows}. */
  public List<Integer> steps() {
    return scales.isEmpty() ? List.of(rows) : scales;
  }

  static final String USAGE =
      """
      Usage: s3vector bench --url jdbc:postgresql://HOST:PORT/DB [--url ...] [options]
      Loads one data set into each server, optionally builds an HNSW index, and measures
      recall@k, queries per second and latency; prints one Markdown table per URL (and per size
      with --scale), optionally a CSV file and charts (--out).
      With --workload writes: autocommit single-row writes and searches during a write stream
      instead (see below).

        --url URL               a server to measure (repeatable; e.g. ours and PostgreSQL + pgvector)
        --workload search|writes
                                search (default): the above. writes: bench_writes (id bigint PRIMARY KEY,
                                category int, embedding vector(--dim)) is created anew and loaded with
                                --rows random vectors by COPY; then, for --duration at each --clients
                                value, single-row autocommit INSERT (new ids), UPDATE ... SET embedding
                                WHERE id (random existing id), upsert (INSERT ... ON CONFLICT (id) DO
                                UPDATE, half new ids) and DELETE ... WHERE id (each id once): rows/s and
                                p50/p99 latency; then an HNSW index is built and, at each --clients
                                value, that many clients search (ORDER BY embedding <-> $1 LIMIT --k,
                                hnsw.ef_search = the first --ef-search) alone and then beside --writers
                                writers inserting and updating (alternately) --write-rate rows/s in all:
                                search QPS and p50/p99 with and without the writes. --index hnsw builds
                                the index before the write phases instead (writes then maintain it).
                                --dataset, --queries, --load, --passes, --scale do not apply
        --duration S            writes: seconds per phase and client count (default 10; decimals allowed)
        --warmup S              writes: before the measured run, each write phase runs S seconds at the
                                largest --clients value on a table dropped afterwards, unmeasured: a
                                fresh JVM server compiles its hot paths in the first minute of load
                                (default 0: none)
        --writers N             writes: writer connections during the mixed phase (default 1)
        --write-rate N          writes: rows/s the writers aim at together in the mixed phase (default 200)
        --user NAME             user (default postgres)
        --password SECRET       password (default none)
        --dataset NAME          fashion-mnist | synthetic (default fashion-mnist)
        --rows N                rows to load: a prefix of the data set, or the synthetic size (default 10000)
        --scale LIST            progressive sizes, e.g. 1000,10000,100000: at each size in turn, against
                                every URL, the table is created anew, loaded and indexed, then measured
                                (replaces --rows; each step measures what --rows SIZE would)
        --dim N                 synthetic dimension (default 128)
        --overlap F             synthetic clusters' overlap: within-cluster spread / distance between
                                centres (noise σ = F·√2; default σ = 0.25, i.e. F ≈ 0.177); fixed seed
        --queries N             queries (default 100)
        --k N                   neighbours per query (default 10)
        --metric NAME           l2 | cosine | ip (default l2)
        --clients LIST          concurrent clients, e.g. 1,8 (default 1,8)
        --ef-search LIST        hnsw.ef_search values, e.g. 40,100,200 (default 40)
        --index none|hnsw       build an HNSW index after loading (default none)
        --m N                   HNSW m (default 16)
        --ef-construction N     HNSW ef_construction (default 64)
        --load insert-values|batch|copy|keep
                                multi-row VALUES of 100 rows, JDBC batches of 1000 prepared INSERTs,
                                or COPY bench_items FROM STDIN in text format, streamed (default batch);
                                keep: bench_items as an earlier run left it (same data set, indexed
                                when --index hnsw), only searched: e.g. a server started anew over a
                                bucket, whose first query is cold
        --passes N              passes over the queries per client for QPS (default 3)
        --data-dir DIR          our server's data folder, to report bytes on storage
        --out DIR               also write DIR/results.csv (one row per url, size, clients, ef_search) and
                                PNG charts: QPS against recall, p50 latency against data size
        --memory after-gc|now|off
                                our server's heap after the searches, from s3vector_stat_memory_after_gc
                                (a full GC first: live data), s3vector_stat_memory, or not read
                                (default after-gc; PostgreSQL: n/a)
        --progress on|off       a progress line on stderr during loads and CREATE INDEX (default on)
        --fashion-mnist DIR     Fashion-MNIST's IDX files (default $S3VECTOR_FASHION_MNIST, else
                                /usr/share/datasets/fashion-mnist: apt-get install dataset-fashion-mnist)
      """;

  /** Parses the arguments; throws IllegalArgumentException with a message for the user. */
  public static BenchOptions parse(String[] args) {
    List<String> urls = new ArrayList<>();
    String user = "postgres";
    String password = null;
    String dataset = "fashion-mnist";
    int rows = 10_000;
    int dim = 128;
    int queries = 100;
    int k = 10;
    List<Integer> clients = List.of(1, 8);
    List<Integer> efSearch = List.of(40);
    String index = "none";
    int m = 16;
    int efConstruction = 64;
    String load = "batch";
    Metric metric = Metric.L2;
    Path dataDir = null;
    Path fashionMnist = FashionMnist.defaultFolder();
    int passes = 3;
    List<Integer> scales = List.of();
    Double overlap = null;
    Path out = null;
    boolean progress = true;
    String memory = "after-gc";
    String workload = "search";
    double duration = 10;
    int writers = 1;
    int writeRate = 200;
    double warmup = 0;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      String value = null;
      int eq = flag.indexOf('=');
      if (flag.startsWith("--") && eq > 0) {
        value = flag.substring(eq + 1);
        flag = flag.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      }
      if (value == null) {
        throw new IllegalArgumentException("option " + flag + " needs a value");
      }
      switch (flag) {
        case "--url" -> urls.add(value);
        case "--user" -> user = value;
        case "--password" -> password = value;
        case "--dataset" -> dataset = value;
        case "--rows" -> rows = positive(flag, value);
        case "--dim" -> dim = positive(flag, value);
        case "--queries" -> queries = positive(flag, value);
        case "--k" -> k = positive(flag, value);
        case "--clients" -> clients = list(flag, value);
        case "--ef-search" -> efSearch = list(flag, value);
        case "--index" -> index = value;
        case "--m" -> m = positive(flag, value);
        case "--ef-construction" -> efConstruction = positive(flag, value);
        case "--load" -> load = value;
        case "--passes" -> passes = positive(flag, value);
        case "--metric" ->
            metric =
                switch (value.toLowerCase(Locale.ROOT)) {
                  case "l2" -> Metric.L2;
                  case "cosine" -> Metric.COSINE;
                  case "ip" -> Metric.NEGATIVE_INNER_PRODUCT;
                  default -> throw new IllegalArgumentException("--metric is l2, cosine or ip");
                };
        case "--data-dir" -> dataDir = Path.of(value);
        case "--scale" -> scales = list(flag, value);
        case "--overlap" -> overlap = overlap(value);
        case "--out" -> out = Path.of(value);
        case "--progress" ->
            progress =
                switch (value) {
                  case "on" -> true;
                  case "off" -> false;
                  default -> throw new IllegalArgumentException("--progress is on or off");
                };
        case "--memory" -> memory = value;
        case "--workload" -> workload = value;
        case "--duration" -> duration = seconds(flag, value);
        case "--writers" -> writers = positive(flag, value);
        case "--write-rate" -> writeRate = positive(flag, value);
        case "--warmup" -> warmup = seconds(flag, value, true);
        case "--fashion-mnist" -> fashionMnist = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("at least one --url is needed");
    }
    if (!List.of("fashion-mnist", "synthetic").contains(dataset)) {
      throw new IllegalArgumentException("--dataset is fashion-mnist or synthetic");
    }
    if (!List.of("none", "hnsw").contains(index)) {
      throw new IllegalArgumentException("--index is none or hnsw");
    }
    if (!List.of("insert-values", "batch", "copy", "keep").contains(load)) {
      throw new IllegalArgumentException("--load is insert-values, batch, copy or keep");
    }
    if (!List.of("after-gc", "now", "off").contains(memory)) {
      throw new IllegalArgumentException("--memory is after-gc, now or off");
    }
    if (overlap != null && !dataset.equals("synthetic")) {
      throw new IllegalArgumentException("--overlap is for --dataset synthetic");
    }
    if (!List.of("search", "writes").contains(workload)) {
      throw new IllegalArgumentException("--workload is search or writes");
    }
    if (dataset.equals("fashion-mnist") && workload.equals("search")) {
      try {
        FashionMnist.require(fashionMnist);
      } catch (IOException e) {
        throw new IllegalArgumentException(e.getMessage() + " (or name the folder: --fashion-mnist DIR)");
      }
    }
    return new BenchOptions(List.copyOf(urls), user, password, dataset, rows, dim, queries, k,
        clients, efSearch, index, m, efConstruction, load, metric, dataDir, fashionMnist, passes,
        scales, overlap, out, progress, memory, workload, duration, writers, writeRate, warmup);
  }

  /** Whether this is the write workload ({@code --workload writes}). */
  public boolean writes() {
    return workload.equals("writes");
  }

  private static double seconds(String flag, String value) {
    return seconds(flag, value, false);
  }

  /** A finite number of seconds, above zero (or zero too when {@code zeroAllowed}). */
  private static double seconds(String flag, String value, boolean zeroAllowed) {
    try {
      double s = Double.parseDouble(value.trim());
      if (!(s > 0 || (zeroAllowed && s == 0)) || Double.isInfinite(s)) {
        throw new NumberFormatException();
      }
      return s;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be " + (zeroAllowed ? "zero or " : "")
          + "a positive number of seconds, not \"" + value + "\"");
    }
  }

  private static int positive(String flag, String value) {
    try {
      int n = Integer.parseInt(value.trim());
      if (n <= 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a positive number, not \"" + value + "\"");
    }
  }

  private static double overlap(String value) {
    try {
      double f = Double.parseDouble(value.trim());
      Dataset.spreadForOverlap(f);
      return f;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--overlap must be a number >= 0, not \"" + value + "\"");
    }
  }

  private static List<Integer> list(String flag, String value) {
    List<Integer> out = new ArrayList<>();
    for (String part : value.split(",")) {
      out.add(positive(flag, part));
    }
    return List.copyOf(out);
  }

  /** A connection to {@code url} as this run's user, named {@code application} in pg_stat_activity. */
  java.sql.Connection connect(String url, String application) throws java.sql.SQLException {
    java.util.Properties p = new java.util.Properties();
    p.setProperty("user", user());
    if (password() != null) {
      p.setProperty("password", password());
    }
    p.setProperty("ApplicationName", application);
    return java.sql.DriverManager.getConnection(url, p);
  }
}
