package io.s3vector.tests;

import io.s3vector.server.DataStore;
import io.s3vector.server.S3VectorServer;
import io.s3vector.server.ServerConfig;
import io.s3vector.sql.CalciteSqlEngine;
import io.s3vector.storage.engine.StoreDatabase;
import io.s3vector.storage.objectstore.ObjectStore;
import io.s3vector.storage.objectstore.S3ProxyServer;
import io.s3vector.storage.table.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real server, in-process on a free port over a fresh data folder: one per test class
 * ({@code @RegisterExtension static final TestServer server = TestServer.trust();}), or one per
 * test when used with try-with-resources ({@link #startNow()}).
 *
 * <p>With {@code -Ds3vector.test.reference=host:port} nothing is started and the tests run against
 * that server instead (a PostgreSQL with pgvector, trust auth for user postgres): the way to check
 * that a test asserts PostgreSQL's behaviour and not ours. Tests that need the data folder or our
 * own flags call {@link #assumeInProcess()}.
 *
 * <p>{@link #onS3()} keeps the tables in an S3 bucket instead: an in-process S3Proxy started and
 * stopped with the server, reached through the same {@code --s3-*} flags a user gives.
 */
public final class TestServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
  /**
   * The in-process cache size every test server gets (e.g. {@code -Ds3vector.test.cache-size=0}:
   * the suite with caches off, as CI runs it once), unless the test sets its own.
   */
  public static final String CACHE_SIZE_PROPERTY = "s3vector.test.cache-size";

  /** {@code host:port} of a reference PostgreSQL + pgvector, or null. */
  public static final String REFERENCE = System.getProperty("s3vector.test.reference");

  private final List<String> flags;
  /** Wraps the server's object store (e.g. a FaultInjectingStore), or null. */
  private java.util.function.UnaryOperator<ObjectStore> storeWrapper;
  /** The S3 server holding the tables, or null for a data folder. */
  private final S3ProxyServer s3;
  /** Whether this server starts and stops {@link #s3} (false when servers share it). */
  private final boolean ownsS3;
  private String s3Prefix;
  private Path dataDir;
  private boolean ownsDataDir;
  private Database database;
  private S3VectorServer running;
  private int port;

  private TestServer(List<String> flags) {
    this(flags, null, true, null);
  }

  private TestServer(List<String> flags, S3ProxyServer s3, boolean ownsS3, String s3Prefix) {
    this.flags = flags;
    this.s3 = s3;
    this.ownsS3 = ownsS3;
    this.s3Prefix = s3Prefix;
  }

  /** Trust authentication, tables in a bucket of an in-process S3Proxy. */
  public static TestServer onS3() {
    return new TestServer(List.of("--auth", "trust"), S3ProxyServer.create(), true, null);
  }

  /**
   * Trust authentication, tables under {@code prefix} of a running S3 server the test owns: give
   * several servers the same server and prefix to run them on one bucket. Stopping this server
   * leaves the S3 server running.
   */
  public static TestServer onS3(S3ProxyServer shared, String prefix) {
    return new TestServer(List.of("--auth", "trust"), shared, false, prefix);
  }

  /**
   * {@code -Ds3vector.test.store=s3} puts the tables of every server the suites start with {@link
   * #trust()} or {@link #withPassword} in a bucket of an in-process S3Proxy instead of a folder:
   * the whole end-to-end suite then runs on S3 (tests that read the data folder are skipped).
   */
  public static final String STORE_PROPERTY = "s3vector.test.store";

  private static TestServer local(List<String> flags) {
    return "s3".equals(System.getProperty(STORE_PROPERTY))
        ? new TestServer(flags, S3ProxyServer.create(), true, null)
        : new TestServer(flags);
  }

  /** Trust authentication, any user. */
  public static TestServer trust() {
    return local(List.of("--auth", "trust"));
  }

  /** {@code method} is {@code password} (cleartext) or {@code md5}. */
  public static TestServer withPassword(String method, String user, String password) {
    return local(List.of("--auth", method, "--user", user, "--password", password));
  }

  /** The same server with more flags, e.g. {@code --redis-url}. */
  public TestServer withFlags(String... more) {
    List<String> all = new ArrayList<>(flags);
    all.addAll(List.of(more));
    return new TestServer(all, s3, ownsS3, s3Prefix);
  }

  /** The server's object store is wrapped by {@code wrapper} (fault injection). */
  public TestServer wrappingStore(java.util.function.UnaryOperator<ObjectStore> wrapper) {
    this.storeWrapper = wrapper;
    return this;
  }

  /** Starts at once, for a server that lives as long as one test (try-with-resources). */
  public TestServer startNow() {
    if (s3 != null) {
      if (inProcess() && ownsS3) {
        s3.start();
        s3Prefix = s3.freshPrefix();
      }
    } else {
      try {
        dataDir = Files.createTempDirectory("s3vector-test");
        ownsDataDir = true;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    start();
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    startNow();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /** Whether the server runs in this JVM (false against a reference PostgreSQL). */
  public static boolean inProcess() {
    return REFERENCE == null;
  }

  /** Skips the calling test against a reference PostgreSQL. */
  public static void assumeInProcess() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        inProcess(), "needs the in-process server, not a reference PostgreSQL");
  }

  /** Starts the server over {@link #dataDir()} (or the bucket), with a database opened anew. */
  public void start() {
    if (!inProcess()) {
      port = Integer.parseInt(REFERENCE.substring(REFERENCE.lastIndexOf(':') + 1));
      return;
    }
    List<String> args = new ArrayList<>();
    String cacheSize = System.getProperty(CACHE_SIZE_PROPERTY);
    if (cacheSize != null) {
      args.addAll(List.of("--cache-size", cacheSize)); // before the test's flags: they win
    }
    args.addAll(flags);
    args.addAll(List.of("--port", "0"));
    if (s3 != null) {
      args.addAll(List.of("--s3-bucket", S3ProxyServer.BUCKET, "--s3-endpoint", s3.endpoint().toString(),
          "--s3-prefix", s3Prefix, "--s3-path-style"));
    } else {
      args.addAll(List.of("--data-dir", dataDir.toString()));
    }
    ServerConfig config = ServerConfig.parse(args.toArray(String[]::new), Map.of());
    ObjectStore store = DataStore.open(config);
    if (storeWrapper != null) {
      store = storeWrapper.apply(store);
    }
    try {
      database = StoreDatabase.open(store, config.storeOptions());
    } catch (RuntimeException e) {
      store.close(); // e.g. another server holds the writer lease
      throw e;
    }
    running = S3VectorServer.start(config, new CalciteSqlEngine(database));
    port = running.port();
  }

  /** Stops the server and closes its database; the data folder stays. */
  public void stop() {
    if (running != null) {
      running.close();
      running = null;
    }
    if (database != null) {
      database.close();
      database = null;
    }
  }

  /** Stops and starts again over the same data folder, on a new port. */
  public void restart() {
    stop();
    start();
  }

  @Override
  public void close() {
    stop();
    if (s3 != null && ownsS3) {
      s3.close();
    }
    if (ownsDataDir && dataDir != null) {
      deleteRecursively(dataDir);
      dataDir = null;
    }
  }

  public int port() {
    return port;
  }

  public String host() {
    return inProcess() ? "127.0.0.1" : REFERENCE.substring(0, REFERENCE.lastIndexOf(':'));
  }

  /** The data folder; a test that reads it is skipped when the tables live on S3. */
  public Path dataDir() {
    org.junit.jupiter.api.Assumptions.assumeTrue(s3 == null, "reads the data folder, and the tables are on S3");
    return dataDir;
  }

  public String url() {
    return "jdbc:postgresql://" + host() + ":" + port() + "/postgres";
  }

  /** A pgjdbc connection as user postgres. */
  public Connection connect() throws SQLException {
    return connect(new Properties());
  }

  /** A pgjdbc connection with these properties (user postgres unless given). */
  public Connection connect(Properties properties) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    p.setProperty("connectTimeout", "10");
    p.setProperty("socketTimeout", "30");
    p.putAll(properties);
    return DriverManager.getConnection(url(), p);
  }

  /** Properties from alternating names and values. */
  public static Properties props(String... namesAndValues) {
    Properties p = new Properties();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      p.setProperty(namesAndValues[i], namesAndValues[i + 1]);
    }
    return p;
  }

  static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
