package io.s3vector.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.server.CopyMain;
import io.s3vector.storage.objectstore.S3ProxyServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ./s3vector copy}: a table written on a data folder, copied into a bucket of S3Proxy,
 * answers the same through pgjdbc from a server on the bucket (rows and an HNSW search), and a
 * second copy into the same place is refused.
 */
class CopyToS3Test {

  @RegisterExtension static final S3ProxyServer s3 = S3ProxyServer.create();

  private record Run(int status, String out, String err) {}

  private static Run copy(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = CopyMain.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static List<String> answers(TestServer server) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("SET hnsw.ef_search = 100");
      for (String sql : List.of("SELECT id, note, embedding::text FROM docs ORDER BY id",
          "SELECT id FROM docs ORDER BY embedding <-> '[3,1,2]' LIMIT 5")) {
        try (ResultSet rs = s.executeQuery(sql)) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            StringBuilder line = new StringBuilder();
            for (int i = 1; i <= columns; i++) {
              line.append(rs.getString(i)).append('|');
            }
            lines.add(line.toString());
          }
        }
      }
    }
    return lines;
  }

  @Test
  void aFolderCopiedIntoABucketServesTheSameRows() throws Exception {
    TestServer.assumeInProcess();
    List<String> before;
    String dataDir;
    try (TestServer folder = TestServer.trust().startNow()) {
      dataDir = folder.dataDir().toString(); // skipped when the suite keeps its tables on S3
      try (Connection c = folder.connect(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE docs (id bigint PRIMARY KEY, note text, embedding vector(3))");
        s.execute("INSERT INTO docs SELECT g, 'note ' || g, ARRAY[g % 7, g % 5, g % 3]::vector"
            + " FROM generate_series(1, 1500) g");
        s.execute("CREATE INDEX ON docs USING hnsw (embedding vector_l2_ops)");
        s.execute("DELETE FROM docs WHERE id % 10 = 0");
      }
      before = answers(folder);
      folder.stop();

      String prefix = s3.freshPrefix();
      String[] flags = {"--data-dir", dataDir, "--s3-bucket", S3ProxyServer.BUCKET,
          "--s3-endpoint", s3.endpoint().toString(), "--s3-prefix", prefix, "--s3-path-style"};
      Run first = copy(flags);
      assertEquals(0, first.status(), first.err());
      assertTrue(first.out().startsWith("copied "), first.out());

      try (TestServer bucket = TestServer.onS3(s3, prefix).startNow()) {
        assertEquals(before, answers(bucket));
      }

      Run again = copy(flags);
      assertEquals(1, again.status(), again.out());
      assertTrue(again.err().contains("already holds a database"), again.err());
    }
  }

  @Test
  void withoutABucketTheFlagsAreRefused() {
    Run run = copy("--data-dir", "/nonexistent");
    assertEquals(2, run.status());
    assertTrue(run.err().contains("needs --s3-bucket"), run.err());
  }
}
