package io.s3vector.storage.engine;

import static io.s3vector.storage.table.Fixtures.assertRowsEqual;
import static io.s3vector.storage.table.Fixtures.items;
import static io.s3vector.storage.table.Fixtures.itemsRows;
import static io.s3vector.storage.table.Fixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.layout.Layout;
import io.s3vector.storage.objectstore.FaultInjectingStore;
import io.s3vector.storage.objectstore.LocalObjectStore;
import io.s3vector.storage.table.StoreOptions;
import io.s3vector.storage.table.Table;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed write never leaves a torn table: the commit is all or nothing. */
class FailureTest {

  @TempDir Path root;

  @Test
  void aFailedManifestWriteLeavesTheTableAsItWasAndRemovesTheSegment() {
    FaultInjectingStore store = new FaultInjectingStore(new LocalObjectStore(root));
    try (StoreDatabase db = StoreDatabase.open(store)) {
      db.createTable(items("items"), false);
      Table table = db.table("items").orElseThrow();
      table.append(itemsRows(0, 2));
      store.failWrites(key -> key.startsWith(Layout.MANIFEST_PREFIX));
      assertThrows(StorageException.class, () -> table.append(itemsRows(2, 3)));
      assertTrue(store.injected() > 0);
      store.failWrites(key -> false);
      assertEquals(2, table.snapshot().rowCount());
      String directory = db.manifest().table("items").directory();
      String segment = db.manifest().table("items").segments().get(0).id();
      for (String key : store.list(directory + "/")) {
        assertTrue(key.startsWith(directory + "/" + segment + "/") || key.endsWith(".zgroup")
            || key.equals(io.s3vector.storage.segment.SegmentPack.key(directory, segment)),
            "garbage left: " + key);
      }
      List<Object[]> next = table.append(itemsRows(5, 1));
      assertEquals(3L, next.get(0)[0], "the failed append took no sequence values");
    }
  }

  @Test
  void aFailedSegmentWriteFailsTheAppendOnly() {
    FaultInjectingStore store = new FaultInjectingStore(new LocalObjectStore(root));
    try (StoreDatabase db = StoreDatabase.open(store)) {
      db.createTable(items("items"), false);
      Table table = db.table("items").orElseThrow();
      // a small append travels inside its manifest version (a failed manifest write is tested
      // above); a larger one is an object per chunk
      store.failWrites(key -> key.endsWith("/embedding/0.0"));
      assertThrows(StorageException.class, () -> table.append(itemsRows(0, 2_000)));
      store.failWrites(key -> false);
      table.append(itemsRows(3, 1));
      assertEquals(1, table.snapshot().rowCount());
    }
  }

  @Test
  void readsWorkWithTheCacheOff() {
    List<Object[]> rows = itemsRows(0, 20);
    StoreOptions noCache = StoreOptions.builder().cacheBytes(0).targetChunkBytes(48).build();
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root), noCache)) {
      db.createTable(items("items"), false);
      List<Object[]> stored = db.table("items").orElseThrow().append(rows);
      assertRowsEqual(stored, readAll(db.table("items").orElseThrow().snapshot()));
      assertRowsEqual(stored, readAll(db.table("items").orElseThrow().snapshot()));
      assertEquals(0, db.tiers().l1Stats().weightBytes());
    }
  }
}
