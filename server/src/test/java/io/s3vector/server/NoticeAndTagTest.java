package io.s3vector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.sql.CalciteSqlEngine;
import io.s3vector.storage.engine.StoreDatabase;
import io.s3vector.storage.objectstore.LocalObjectStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLWarning;

/** NOTICE/WARNING messages of the real engine reach the client as NoticeResponse. */
class NoticeAndTagTest {
  @TempDir Path dir;

  @Test
  void noticesAndWarningsReachPgjdbc() throws Exception {
    try (StoreDatabase database = StoreDatabase.open(new LocalObjectStore(dir));
        S3VectorServer server =
            S3VectorServer.start(ServerConfig.defaults().withPort(0), new CalciteSqlEngine(database))) {
      Properties p = new Properties();
      p.setProperty("user", "postgres");
      try (Connection c =
              DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres", p);
          Statement st = c.createStatement()) {
        st.execute("DROP TABLE IF EXISTS nosuch");
        SQLWarning w = st.getWarnings();
        assertNotNull(w);
        assertTrue(w.getMessage().contains("does not exist, skipping"), w.getMessage());
        assertEquals("00000", w.getSQLState());
        st.clearWarnings();
        st.execute("COMMIT");
        w = st.getWarnings();
        assertNotNull(w);
        assertEquals("25P01", w.getSQLState());
        assertEquals("WARNING", ((PSQLWarning) w).getServerErrorMessage().getSeverity());
      }
    }
  }
}
