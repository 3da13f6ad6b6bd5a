package io.s3vector.server;

import io.s3vector.sql.CalciteSqlEngine;
import io.s3vector.sql.SqlEngine;
import io.s3vector.storage.engine.StoreDatabase;
import io.s3vector.storage.objectstore.ObjectStore;
import io.s3vector.storage.table.Database;
import io.s3vector.storage.table.WriterLeaseException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code io.s3vector.server.Main}: the command-line server. Reads flags and environment, opens the
 * data folder or S3 bucket, and serves until SIGTERM or SIGINT, when a shutdown hook closes connections and
 * the store cleanly.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    if (ServerConfig.helpRequested(args)) {
      System.out.print(ServerConfig.usage());
      return;
    }
    ServerConfig config;
    try {
      config = ServerConfig.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("s3vector: " + e.getMessage());
      System.exit(2);
      return;
    }
    try {
      run(config);
    } catch (UncheckedIOException | WriterLeaseException e) {
      // e.g. the port is taken, another server holds the writer lease: the message says it all
      LOG.error("S3Vector could not start: {}", e.getMessage());
      System.exit(1);
    } catch (RuntimeException e) {
      LOG.error("S3Vector could not start: {}", e.getMessage(), e);
      System.exit(1);
    }
  }

  private static void run(ServerConfig config) {
    Warmup.run();
    ObjectStore store = DataStore.open(config);
    Database database;
    try {
      database = StoreDatabase.open(store, config.storeOptions());
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    S3VectorServer server;
    try {
      SqlEngine engine = new CalciteSqlEngine(database);
      server = S3VectorServer.start(config, engine);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("S3Vector shutting down");
                  server.close();
                  database.close();
                },
                "s3vector-shutdown"));
    LOG.info("S3Vector listening on {}:{}, data in {}", config.host(), server.port(), store);
    // Netty's event-loop threads are not daemons: the process lives until the hook closes them.
  }
}
