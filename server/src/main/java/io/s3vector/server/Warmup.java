package io.s3vector.server;

import io.s3vector.sql.CalciteSqlEngine;
import io.s3vector.sql.QueryResult;
import io.s3vector.sql.SqlSession;
import io.s3vector.storage.engine.StoreDatabase;
import io.s3vector.storage.objectstore.LocalObjectStore;
import io.s3vector.storage.table.StoreOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the statements a pgvector application starts with against a scratch database in a temporary
 * folder, before the server listens: the first client query then pays for its object-store reads,
 * not for loading and compiling the parser, planner, executor and kernels (about a second on a cold
 * JVM). The real database is never touched.
 */
final class Warmup {
  private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);

  private static final List<String> STATEMENTS = List.of(
      "SELECT 1",
      "CREATE TABLE warmup (id bigserial PRIMARY KEY, category text, embedding vector(3))",
      "INSERT INTO warmup (category, embedding) VALUES ('a', '[1,2,3]'), ('b', '[4,5,6]'), ('a', '[7,8,9]') RETURNING id",
      "SELECT id, embedding <-> '[3,1,2]' AS distance FROM warmup WHERE category = 'a' ORDER BY embedding <-> '[3,1,2]' LIMIT 5",
      "SELECT category, count(*), avg(embedding) FROM warmup GROUP BY category ORDER BY category",
      "CREATE INDEX ON warmup USING hnsw (embedding vector_cosine_ops)",
      "SET hnsw.ef_search = 100",
      "SELECT id FROM warmup ORDER BY embedding <=> '[1,1,1]' LIMIT 2",
      "SELECT typname, oid FROM pg_type WHERE typname IN ('vector', '_vector')",
      "SHOW server_version");

  private Warmup() {}

  /** Set to false ({@code -Ds3vector.warmup=false}) to skip it, e.g. to measure what it saves. */
  static final String PROPERTY = "s3vector.warmup";

  /** Runs the statements; a failure is logged and otherwise ignored (it only costs speed). */
  static void run() {
    if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
      return;
    }
    long started = System.nanoTime();
    try {
      runStatements();
      LOG.info("SQL path warmed up in {} ms", (System.nanoTime() - started) / 1_000_000);
    } catch (IOException | RuntimeException e) {
      LOG.warn("warm-up failed (the first queries will be slower): {}", e.toString());
    }
  }

  /**
   * Rows, dimension and queries of the cold-path warm-up: enough for the JIT to compile its loops.
   * The dimension is a multiple of 4 with a whole register of 6-bit codes in each quarter (16
   * float lanes), so the packed-code kernels' vector loops run here; at 32 they did not, and a
   * fresh server's first 128-dimension query ran them interpreted (750 ms instead of 56).
   */
  private static final int COLD_ROWS = 2_000;
  private static final int COLD_DIMENSION = 64;
  private static final int COLD_QUERIES = 300;

  /** Runs every statement on a scratch database in a temporary folder, deleted after. */
  static void runStatements() throws IOException {
    Path dir = Files.createTempDirectory("s3vector-warmup");
    try {
      StoreOptions options = StoreOptions.builder().compaction(false).minIndexedSegmentRows(1)
          .cacheBytes(1 << 20).build();
      try (StoreDatabase database = StoreDatabase.open(new LocalObjectStore(dir), options)) {
        run(database, STATEMENTS);
        run(database, List.of(
            "CREATE TABLE cold_warmup (id bigint, embedding vector(" + COLD_DIMENSION + "))",
            "INSERT INTO cold_warmup VALUES " + coldRows(),
            "CREATE INDEX ON cold_warmup USING hnsw (embedding vector_l2_ops)"));
      }
      // The cold path (IVF routing, int8 code kernels, byte-range reads, re-rank): a database
      // opened anew holds no graph, so its first vector queries take it, as a fresh server's do.
      try (StoreDatabase database = StoreDatabase.open(new LocalObjectStore(dir),
          options.toBuilder().warmGraphs(false).build())) {
        List<String> queries = new java.util.ArrayList<>();
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int q = 0; q < COLD_QUERIES; q++) {
          queries.add("SELECT id, embedding FROM cold_warmup ORDER BY embedding <-> '"
              + vector(random) + "' LIMIT 10");
        }
        run(database, queries);
      }
    } finally {
      delete(dir);
    }
  }

  private static void run(StoreDatabase database, List<String> statements) {
    SqlSession session = new CalciteSqlEngine(database).openSession("postgres", "postgres", Map.of());
    try {
      for (String sql : statements) {
        QueryResult result = session.execute(session.prepare(sql, new int[0]), new Object[0]);
        if (result instanceof QueryResult.Rows rows) {
          while (rows.cursor().next() != null) {
            // drain: the rows are what compiles the executor
          }
        }
      }
    } finally {
      session.close();
    }
  }

  private static String coldRows() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(42);
    StringBuilder values = new StringBuilder();
    for (int r = 0; r < COLD_ROWS; r++) {
      values.append(r == 0 ? "" : ", ").append('(').append(r).append(", '").append(vector(random))
          .append("')");
    }
    return values.toString();
  }

  private static String vector(java.util.SplittableRandom random) {
    StringBuilder v = new StringBuilder("[");
    for (int d = 0; d < COLD_DIMENSION; d++) {
      v.append(d == 0 ? "" : ",").append((float) random.nextDouble(-1, 1));
    }
    return v.append(']').toString();
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      LOG.debug("could not delete the warm-up folder {}: {}", dir, e.toString());
    }
  }
}
