package io.s3vector.storage.objectstore;

import static io.s3vector.storage.objectstore.TestTables.items;
import static io.s3vector.storage.objectstore.TestTables.itemsRows;
import static io.s3vector.storage.objectstore.TestTables.readAll;
import static io.s3vector.storage.objectstore.TestTables.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.objectstore.FaultInjectingStore.Fault;
import io.s3vector.storage.objectstore.FaultInjectingStore.Op;
import io.s3vector.storage.engine.StoreDatabase;
import io.s3vector.storage.table.StoreOptions;
import io.s3vector.storage.table.Table;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A read that fails fails the query with a StorageException naming the object — never a shorter
 * or wrong answer — and the next read, once the store is well, works. On a bucket, cache off, so
 * every read reaches the store.
 */
class FaultInjectionTest {

  @RegisterExtension static final S3ProxyServer s3 = S3ProxyServer.create();

  private static final StoreOptions NO_CACHE = StoreOptions.builder().cacheBytes(0)
      .targetChunkBytes(48)
      .packSmallSegments(false).build(); // the faults are injected into chunk objects

  private static void assertNamesAnEmbeddingChunk(StorageException e) {
    assertTrue(e.getMessage().matches("(?s).*\"[^\"]*/embedding/\\d+(\\.\\d+)*\".*"), e.getMessage());
  }

  @Test
  void aFailedChunkReadFailsTheScanNamingTheObjectAndTheNextScanWorks() {
    FaultInjectingStore store = new FaultInjectingStore(s3.newStore());
    try (StoreDatabase db = StoreDatabase.open(store, NO_CACHE)) {
      db.createTable(items("items"), false);
      Table table = db.table("items").orElseThrow();
      List<String> stored = text(table.append(itemsRows(0, 20)));
      store.inject(Op.READS, key -> key.contains("/embedding/"), new Fault.Fail(), 1);
      StorageException e = assertThrows(StorageException.class, () -> readAll(table.snapshot()));
      assertNamesAnEmbeddingChunk(e);
      assertEquals(1, store.injected());
      assertEquals(stored, text(readAll(table.snapshot())));
    }
  }

  @Test
  void aTimedOutReadFailsAndASlowOneAnswersCorrectly() {
    FaultInjectingStore store = new FaultInjectingStore(s3.newStore());
    try (StoreDatabase db = StoreDatabase.open(store, NO_CACHE)) {
      db.createTable(items("items"), false);
      Table table = db.table("items").orElseThrow();
      List<String> stored = text(table.append(itemsRows(0, 12)));
      store.inject(Op.READS, key -> key.contains("/embedding/"), new Fault.Timeout(Duration.ofMillis(50)), 1);
      StorageException e = assertThrows(StorageException.class, () -> readAll(table.snapshot()));
      assertNamesAnEmbeddingChunk(e);
      assertTrue(e.getMessage().contains("no answer within"), e.getMessage());
      store.inject(Op.READS, key -> true, new Fault.Slow(Duration.ofMillis(5)), FaultInjectingStore.ALWAYS);
      assertEquals(stored, text(readAll(table.snapshot())));
      store.heal();
      assertEquals(stored, text(readAll(table.snapshot())));
    }
  }

  @Test
  void aFailedManifestReadFailsTheRefreshAndTheNextOneWorks() {
    String prefix = s3.freshPrefix();
    try (StoreDatabase writer = StoreDatabase.open(s3.newStore(prefix))) {
      writer.createTable(items("items"), false);
      writer.table("items").orElseThrow().append(itemsRows(0, 3));
    }
    FaultInjectingStore store = new FaultInjectingStore(s3.newStore(prefix));
    store.inject(Op.READS, key -> key.startsWith("_manifest/"), new Fault.Fail(), 1);
    StorageException e = assertThrows(StorageException.class, () -> StoreDatabase.open(store));
    assertTrue(e.getMessage().contains("\"_manifest/v"), e.getMessage());
    try (StoreDatabase db = StoreDatabase.open(store)) {
      assertEquals(3, db.table("items").orElseThrow().snapshot().rowCount());
    }
  }
}
