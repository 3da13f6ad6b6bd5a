package io.s3vector.server;

import io.s3vector.sql.CalciteSqlEngine;
import io.s3vector.storage.engine.StoreDatabase;
import io.s3vector.storage.objectstore.LocalObjectStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The server on a free port over the real engine and a store in a folder, for tests of real SQL. */
final class RealEngineServer implements AutoCloseable {
  private final StoreDatabase database;
  private final S3VectorServer server;

  private RealEngineServer(StoreDatabase database, S3VectorServer server) {
    this.database = database;
    this.server = server;
  }

  static RealEngineServer start(Path storeFolder) {
    StoreDatabase database = StoreDatabase.open(new LocalObjectStore(storeFolder));
    return new RealEngineServer(
        database,
        S3VectorServer.start(ServerConfig.defaults().withPort(0), new CalciteSqlEngine(database)));
  }

  int port() {
    return server.port();
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres", "postgres", "");
  }

  @Override
  public void close() {
    server.close();
    database.close();
  }
}
