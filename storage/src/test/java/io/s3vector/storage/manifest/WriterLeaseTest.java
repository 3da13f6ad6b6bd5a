package io.s3vector.storage.manifest;

import static io.s3vector.storage.table.Fixtures.items;
import static io.s3vector.storage.table.Fixtures.itemsRows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.engine.StoreDatabase;
import io.s3vector.storage.layout.CatalogJson;
import io.s3vector.storage.objectstore.S3ObjectStore;
import io.s3vector.storage.objectstore.S3ProxyServer;
import io.s3vector.storage.table.StoreOptions;
import io.s3vector.storage.table.WriterLeaseException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The writer lease on S3Proxy 2.7.0 as it is, which does not honour {@code If-None-Match: *}: one
 * server at a time opens the store, the next one after the first closes, and a server that finds
 * its lease taken stops committing.
 */
class WriterLeaseTest {

  @RegisterExtension static final S3ProxyServer s3 = S3ProxyServer.create();

  private static final StoreOptions OPTIONS = StoreOptions.builder().compaction(false)
      .writerLease(true).leaseTimeout(Duration.ofSeconds(6)).build();

  @Test
  void aSecondServerIsRefusedUntilTheFirstCloses() {
    String prefix = s3.freshPrefix();
    StoreDatabase first = StoreDatabase.open(s3.newStore(prefix), OPTIONS);
    first.createTable(items("items"), false);
    S3ObjectStore second = s3.newStore(prefix);
    WriterLeaseException refused =
        assertThrows(WriterLeaseException.class, () -> StoreDatabase.open(second, OPTIONS));
    String holder = lease(prefix).serverId();
    assertTrue(refused.getMessage().contains("does not honour conditional writes"), refused.getMessage());
    assertTrue(refused.getMessage().contains("server " + holder + " (lease taken "), refused.getMessage());
    assertTrue(refused.getMessage().contains("holds the writer lease, renewed "), refused.getMessage());

    first.close();
    try (S3ObjectStore raw = s3.newStore(prefix)) {
      assertFalse(raw.get(WriterLease.KEY).isPresent(), "a clean close releases the lease");
    }
    try (StoreDatabase next = StoreDatabase.open(s3.newStore(prefix), OPTIONS)) {
      next.table("items").orElseThrow().append(itemsRows(0, 3));
      assertEquals(3, next.table("items").orElseThrow().snapshot().rowCount());
    }
  }

  @Test
  void aServerWhoseLeaseWasTakenStopsCommitting() throws InterruptedException {
    String prefix = s3.freshPrefix();
    try (StoreDatabase db = StoreDatabase.open(s3.newStore(prefix), OPTIONS);
        S3ObjectStore raw = s3.newStore(prefix)) {
      db.createTable(items("items"), false);
      WriterLease.Holder other = new WriterLease.Holder("other-server", "other-token",
          System.currentTimeMillis(), System.currentTimeMillis(), 0);
      raw.put(WriterLease.KEY, CatalogJson.write(other)); // as a server that took over would
      StorageException lost = null;
      while (lost == null) { // the next renewal notices (group commit wraps the cause)
        try {
          db.table("items").orElseThrow().append(itemsRows(0, 1));
          Thread.sleep(50);
        } catch (StorageException e) {
          lost = e;
        }
      }
      assertTrue(lost.getMessage().contains("lost the writer lease") && lost.getMessage().contains("other-server"),
          lost.getMessage());
      assertEquals("other-server", lease(prefix).serverId(), "closing leaves the other's lease alone");
    }
    assertEquals("other-server", lease(prefix).serverId());
  }

  @Test
  void aLeaseNoLongerRenewedIsTakenOver() {
    String prefix = s3.freshPrefix();
    try (S3ObjectStore raw = s3.newStore(prefix)) {
      long longAgo = System.currentTimeMillis() - 60_000;
      raw.put(WriterLease.KEY, CatalogJson.write(
          new WriterLease.Holder("crashed-server", "t", longAgo, longAgo, 7)));
    }
    try (StoreDatabase db = StoreDatabase.open(s3.newStore(prefix), OPTIONS)) {
      db.createTable(items("items"), false);
      assertFalse(lease(prefix).serverId().equals("crashed-server"));
    }
  }

  @Test
  void aStoreThatHonoursConditionalWritesNeedsNoLease() {
    try (S3ProxyServer honouring = S3ProxyServer.withConditionalWrites().start()) {
      String prefix = honouring.freshPrefix();
      try (StoreDatabase a = StoreDatabase.open(honouring.newStore(prefix), OPTIONS);
          StoreDatabase b = StoreDatabase.open(honouring.newStore(prefix), OPTIONS);
          S3ObjectStore raw = honouring.newStore(prefix)) {
        a.createTable(items("items"), false);
        b.table("items").orElseThrow().append(itemsRows(0, 1));
        assertFalse(raw.get(WriterLease.KEY).isPresent());
      }
    }
  }

  private static WriterLease.Holder lease(String prefix) {
    try (S3ObjectStore raw = s3.newStore(prefix)) {
      return CatalogJson.read(raw.get(WriterLease.KEY).orElseThrow(), WriterLease.Holder.class, "lease");
    }
  }
}
