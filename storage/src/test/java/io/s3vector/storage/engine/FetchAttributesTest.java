package io.s3vector.storage.engine;

import static io.s3vector.storage.table.Fixtures.items;
import static io.s3vector.storage.table.Fixtures.itemsRows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.manifest.SegmentRef;
import io.s3vector.storage.objectstore.LocalObjectStore;
import io.s3vector.storage.table.StoreOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetching rows by number (an UPDATE or DELETE by key fetches the rows it found) reads the
 * attributes of the segments holding them, not of every segment of the table: under a stream of
 * single-row UPDATEs the look-up of a few hundred segments' attributes was a tenth of the time.
 */
class FetchAttributesTest {
  @TempDir Path root;

  @Test
  void aFetchReadsTheAttributesOfTheRowsSegmentsOnly() {
    StoreOptions options = StoreOptions.builder().compaction(false).build();
    List<Object[]> stored = new ArrayList<>();
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root), options)) {
      db.createTable(items("items"), false);
      for (int i = 0; i < 5; i++) {
        stored.addAll(db.table("items").orElseThrow().append(itemsRows(4 * i, 4)));
      }
    }
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root), options)) {
      StoreSnapshot snapshot = (StoreSnapshot) db.readView().snapshot("items").orElseThrow();
      List<SegmentRef> segments = snapshot.segments();
      assertEquals(5, segments.size(), "an append each");
      db.reader().forget("items", segments); // what opening the database read ahead
      for (SegmentRef segment : segments) {
        assertFalse(db.reader().knows("items", segment.id()), "forgotten");
      }
      Object[][] rows = snapshot.fetch(new long[] {13, 14}, new int[] {0, 1});
      assertArrayEquals(new Object[] {stored.get(13)[0], stored.get(13)[1]}, rows[0]);
      assertArrayEquals(new Object[] {stored.get(14)[0], stored.get(14)[1]}, rows[1]);
      for (int s = 0; s < segments.size(); s++) {
        boolean known = db.reader().knows("items", segments.get(s).id());
        if (s == 3) {
          assertTrue(known, "the attributes of the rows' segment were read");
        } else {
          assertFalse(known, "segment " + s + "'s attributes were not read");
        }
      }
    }
  }
}
