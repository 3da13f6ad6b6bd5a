package io.s3vector.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.objectstore.S3ProxyServer;
import io.s3vector.storage.table.WriterLeaseException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * S3Proxy 2.7.0 as it is ignores {@code If-None-Match: *}: the first server on a bucket holds the
 * writer lease, a second one refuses to start with an error naming it, and starts once the first
 * has stopped.
 */
class WriterLeaseOnS3Test {

  @RegisterExtension static final S3ProxyServer s3 = S3ProxyServer.create();

  @Test
  void aSecondServerRefusesToStartUntilTheFirstStops() throws Exception {
    String prefix = s3.freshPrefix();
    TestServer first = TestServer.onS3(s3, prefix).startNow();
    try (Connection c = first.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id bigserial, note text)");
      s.execute("INSERT INTO t (note) VALUES ('by the first')");
    }
    TestServer second = TestServer.onS3(s3, prefix);
    WriterLeaseException refused = assertThrows(WriterLeaseException.class, second::startNow);
    assertTrue(refused.getMessage().contains("does not honour conditional writes")
        && refused.getMessage().contains("holds the writer lease, renewed"), refused.getMessage());
    second.close();

    first.close(); // releases the lease
    try (TestServer next = TestServer.onS3(s3, prefix).startNow();
        Connection c = next.connect(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO t (note) VALUES ('by the next')");
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
        rs.next();
        assertEquals(2, rs.getLong(1));
      }
    }
  }
}
