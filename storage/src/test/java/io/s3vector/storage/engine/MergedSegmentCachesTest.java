package io.s3vector.storage.engine;

import static io.s3vector.storage.table.Fixtures.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.manifest.SegmentRef;
import io.s3vector.storage.manifest.TableEntry;
import io.s3vector.storage.objectstore.LocalObjectStore;
import io.s3vector.storage.table.StoreOptions;
import io.s3vector.storage.table.Table;
import io.s3vector.storage.table.TableSchema;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A merge drops what the process kept of the segments it replaced: under a stream of small
 * commits those filled the caches, whose admission policy then turned away new packs' attributes
 * and key indexes (parsed and rebuilt again at every merge and check).
 */
class MergedSegmentCachesTest {

  @TempDir Path root;

  @Test
  void aMergeForgetsTheAttributesAndKeyIndexesOfTheSegmentsItReplaced() {
    StoreOptions options = StoreOptions.builder().compaction(false).compactionThreshold(2)
        .smallSegmentRows(10).build();
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root), options)) {
      db.createTable(items("t"), false);
      Table t = db.table("t").orElseThrow();
      for (int i = 1; i <= 3; i++) {
        t.append(List.<Object[]>of(new Object[] {(long) i, "c", new float[] {i, 0, 0}}));
      }
      TableEntry before = db.manifest().table("t");
      TableSchema.UniqueKey key = before.schema().uniqueKeys().get(0);
      assertEquals(3, io.s3vector.storage.table.Fixtures.readAll(t.snapshot()).size());
      assertEquals(3, before.segments().size());
      for (SegmentRef segment : before.segments()) {
        assertTrue(db.reader().knows(before.directory(), segment.id()));
        assertTrue(db.keyChecks().knows(before.directory(), segment.id(), key));
        assertTrue(db.reader().tiers().cached(embeddingChunk(db, before, segment)) != null,
            "the scan kept the decoded chunk");
      }
      java.util.Map<String, String> chunks = new java.util.HashMap<>();
      for (SegmentRef segment : before.segments()) {
        chunks.put(segment.id(), embeddingChunk(db, before, segment));
      }
      assertEquals(1, db.compact("t"));
      TableEntry after = db.manifest().table("t");
      assertEquals(1, after.segments().size());
      for (SegmentRef segment : before.segments()) {
        assertFalse(db.reader().tiers().cached(chunks.get(segment.id())) != null, segment.id());
        assertFalse(db.reader().knows(before.directory(), segment.id()), segment.id());
        assertFalse(db.keyChecks().knows(before.directory(), segment.id(), key), segment.id());
      }
      assertTrue(db.reader().knows(after.directory(), after.segments().get(0).id()));
      assertTrue(db.keyChecks().knows(after.directory(), after.segments().get(0).id(), key),
          "the merge kept the merged segment's key index (not read back by the next commit)");
      assertEquals(3, t.snapshot().rowCount());
      org.junit.jupiter.api.Assertions.assertThrows(
          io.s3vector.storage.table.UniqueViolationException.class,
          () -> t.append(List.<Object[]>of(new Object[] {2L, "c", new float[] {2, 0, 0}})));
    }
  }

  /** The key under which the segment's decoded embedding chunk 0 is kept in process. */
  private static String embeddingChunk(StoreDatabase db, TableEntry entry, SegmentRef segment) {
    io.s3vector.storage.segment.SegmentMeta meta = db.reader().meta(entry.directory(), segment.id());
    io.s3vector.storage.segment.SegmentMeta.Column column = meta.column("embedding");
    return io.s3vector.storage.layout.Layout.segmentPrefix(entry.directory(), segment.id())
        + column.array() + "/" + meta.arrayMeta(column).chunkKey(0);
  }
}
