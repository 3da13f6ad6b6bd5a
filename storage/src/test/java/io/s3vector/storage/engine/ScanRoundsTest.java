package io.s3vector.storage.engine;

import static io.s3vector.storage.table.Fixtures.assertRowsEqual;
import static io.s3vector.storage.table.Fixtures.items;
import static io.s3vector.storage.table.Fixtures.itemsRows;
import static io.s3vector.storage.table.Fixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.io.ReadStats;
import io.s3vector.storage.objectstore.LocalObjectStore;
import io.s3vector.storage.table.ReadView;
import io.s3vector.storage.table.StoreOptions;
import io.s3vector.storage.table.TableSnapshot;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scan reads its chunks in rounds of several (1, 2, 4, then 8), not one round trip per chunk. */
class ScanRoundsTest {
  @TempDir Path root;

  @Test
  void aScanOfFortyChunksTakesEightRoundsNotForty() {
    StoreOptions options = StoreOptions.builder().cacheBytes(0).targetChunkBytes(48)
        .packSmallSegments(false) // chunks, each an object, are what the rounds read
        .compaction(false).build();
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root), options)) {
      db.createTable(items("items"), false);
      List<Object[]> stored = db.table("items").orElseThrow().append(itemsRows(0, 160));
      ReadView view = db.readView();
      TableSnapshot snapshot = view.snapshot("items").orElseThrow();
      int chunks = ((StoreSnapshot) snapshot).metas().get(0).chunkCount();
      assertEquals(40, chunks, "4 rows of vector(3) per 48-byte chunk");
      long before = view.stats().snapshot().rounds();
      assertRowsEqual(stored, readAll(snapshot));
      ReadStats.Snapshot after = view.stats().snapshot();
      // 1 + 2 + 4 + 8 + 8 + 8 + 8 + 1 chunks
      assertEquals(8, after.rounds() - before, "rounds of the scan");
      assertTrue(after.storeRequests() >= 40, "every chunk still read: " + after);
    }
  }
}
