package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.s3vector.storage.engine.StoreDatabase;
import io.s3vector.storage.objectstore.LocalObjectStore;
import io.s3vector.storage.objectstore.ObjectStore;
import io.s3vector.storage.objectstore.S3ProxyServer;
import io.s3vector.storage.table.StoreOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** An engine over a real StoreDatabase in a temporary folder, and helpers to run SQL as text. */
abstract class SqlTestBase {
  @TempDir Path dir;
  StoreDatabase db;
  CalciteSqlEngine engine;
  SqlSession session;

  /**
   * {@code -Ds3vector.test.store=s3} runs the SQL tests on S3 (one in-process S3Proxy per JVM that
   * honours conditional writes, as S3 does; a key prefix per test) instead of a temporary folder.
   */
  static final boolean ON_S3 = "s3".equals(System.getProperty("s3vector.test.store"));
  private static S3ProxyServer s3;
  private String s3Prefix;

  private static synchronized S3ProxyServer s3() {
    if (s3 == null) {
      s3 = S3ProxyServer.withConditionalWrites().start();
      Runtime.getRuntime().addShutdownHook(new Thread(s3::close, "s3proxy-stop"));
    }
    return s3;
  }

  /** Whether this test class runs on S3 when asked to (false: it looks into the data folder). */
  boolean runsOnS3() {
    return ON_S3;
  }

  /** A new handle on the store the test's database lives in. */
  ObjectStore store() {
    if (!runsOnS3()) {
      return new LocalObjectStore(dir);
    }
    if (s3Prefix == null) {
      s3Prefix = s3().freshPrefix();
    }
    return s3().newStore(s3Prefix);
  }

  @BeforeEach
  void open() {
    db = StoreDatabase.open(store(), withTestCacheSize(options()));
    engine = new CalciteSqlEngine(db);
    session = engine.openSession("postgres", "postgres", Map.of());
  }

  /**
   * {@code -Ds3vector.test.cache-size=0} runs every SQL test with the in-process cache off (CI
   * does once): caches are an optimisation, and the answers must not depend on them.
   */
  static StoreOptions withTestCacheSize(StoreOptions options) {
    String size = System.getProperty("s3vector.test.cache-size");
    return size == null ? options : options.toBuilder().cacheBytes(Long.parseLong(size.trim())).build();
  }

  /** The store's options; tests override to shrink them. */
  StoreOptions options() {
    return StoreOptions.defaults();
  }

  @AfterEach
  void close() {
    session.close();
    db.close();
  }

  /** Runs one statement; returns its rows as text (NULL as null), or the command tag. */
  List<List<String>> rows(String sql, Object... params) {
    QueryResult r = run(sql, params);
    if (!(r instanceof QueryResult.Rows rows)) {
      throw new AssertionError("not a query: " + r);
    }
    List<List<String>> out = new ArrayList<>();
    Object[] row;
    while ((row = rows.cursor().next()) != null) {
      List<String> line = new ArrayList<>();
      for (int i = 0; i < row.length; i++) {
        line.add(row[i] == null ? null : rows.columns().get(i).type().encodeText(row[i]));
      }
      out.add(line);
    }
    return out;
  }

  /** The single value of a one-row, one-column query, as text. */
  String value(String sql, Object... params) {
    List<List<String>> r = rows(sql, params);
    assertEquals(1, r.size(), "rows of " + sql);
    return r.get(0).get(0);
  }

  String tag(String sql, Object... params) {
    QueryResult r = run(sql, params);
    if (r instanceof QueryResult.Command c) {
      return c.tag();
    }
    throw new AssertionError("not a command: " + r);
  }

  QueryResult run(String sql, Object... params) {
    try {
      Statement st = session.prepare(sql, new int[0]);
      return session.execute(st, params);
    } catch (PgException e) {
      session.onError();
      throw e;
    }
  }

  void script(String sql) {
    for (String s : session.splitStatements(sql)) {
      QueryResult r = run(s);
      if (r instanceof QueryResult.Rows rows) {
        while (rows.cursor().next() != null) {
          // drain
        }
      }
    }
  }

  PgException error(String sql, Object... params) {
    return assertThrows(PgException.class, () -> {
      QueryResult r = run(sql, params);
      if (r instanceof QueryResult.Rows rows) {
        while (rows.cursor().next() != null) {
          // errors may surface while rows are pulled
        }
      }
    });
  }

  void assertError(String sqlState, String message, String sql, Object... params) {
    PgException e = error(sql, params);
    assertEquals(message, e.getMessage(), sql);
    assertEquals(sqlState, e.sqlState(), sql + ": " + e.getMessage());
  }

  static List<List<String>> table(String... rows) {
    List<List<String>> out = new ArrayList<>();
    for (String r : rows) {
      List<String> line = new ArrayList<>();
      for (String v : r.split("\\|", -1)) {
        line.add(v.equals("NULL") ? null : v);
      }
      out.add(line);
    }
    return out;
  }
}
