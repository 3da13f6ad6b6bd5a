package io.s3vector.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.objectstore.FaultInjectingStore;
import io.s3vector.storage.objectstore.FaultInjectingStore.Fault;
import io.s3vector.storage.objectstore.FaultInjectingStore.Op;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/**
 * Object-store failures through SQL, on S3 with the in-process cache off so every query reads the
 * store: a failed or timed-out read fails that query with 58030 naming the object, never with
 * partial or wrong rows, and the next query works; a commit whose manifest write fails is not
 * acknowledged and leaves no row behind.
 */
class StoreFailureTest {

  @Test
  void readFailuresFailTheQueryAndWriteFailuresAreNotAcknowledged() throws Exception {
    TestServer.assumeInProcess();
    FaultInjectingStore[] faults = new FaultInjectingStore[1];
    try (TestServer server = TestServer.onS3().withFlags("--cache-size", "0")
            .wrappingStore(store -> faults[0] = new FaultInjectingStore(store)).startNow();
        Connection conn = server.connect();
        Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE items (id bigint, embedding vector(2))");
      // 1,000 rows: a segment of Zarr arrays, not a small commit's pack (which travels inside
      // its manifest version)
      s.execute("INSERT INTO items SELECT g, ('[' || g || ',' || g || ']')::vector"
          + " FROM generate_series(1, 1000) g");
      String query = "SELECT id FROM items ORDER BY embedding <-> '[0,0]' LIMIT 3";
      assertEquals(List.of(1L, 2L, 3L), Longs.of(conn, query));

      // a chunk read fails: the query fails with io_error naming the object
      faults[0].inject(Op.READS, key -> key.contains("/embedding/"), new Fault.Fail(), 1);
      PSQLException failed = assertThrows(PSQLException.class, () -> Longs.of(conn, query));
      assertEquals("58030", failed.getSQLState());
      String message = failed.getServerErrorMessage().getMessage();
      assertTrue(message.contains("/embedding/"), message);
      assertEquals(List.of(1L, 2L, 3L), Longs.of(conn, query), "the next query works");

      // a read that times out: the same
      faults[0].inject(Op.READS, key -> key.contains("/id/"),
          new Fault.Timeout(Duration.ofMillis(200)), 1);
      assertEquals("58030", assertThrows(PSQLException.class, () -> Longs.of(conn, "SELECT id FROM items")).getSQLState());
      String ids = "SELECT id FROM items WHERE id <= 3 OR id > 1000 ORDER BY id";
      assertEquals(List.of(1L, 2L, 3L), Longs.of(conn, ids));

      // the manifest write of a commit fails: the INSERT is not acknowledged, and nothing is stored
      faults[0].failWrites(key -> key.startsWith("_manifest/"));
      PSQLException insert = assertThrows(PSQLException.class,
          () -> s.execute("INSERT INTO items VALUES (1004, '[4,4]')"));
      assertEquals("58030", insert.getSQLState(), insert.getMessage());
      faults[0].heal();
      assertEquals(List.of(1L, 2L, 3L), Longs.of(conn, ids));
      s.execute("INSERT INTO items VALUES (1005, '[5,5]')");
      assertEquals(List.of(1L, 2L, 3L, 1005L), Longs.of(conn, ids));
    }
  }
}
