package io.s3vector.storage.engine;

import static io.s3vector.storage.table.Fixtures.items;
import static io.s3vector.storage.table.Fixtures.itemsRows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.layout.Layout;
import io.s3vector.storage.manifest.SegmentRef;
import io.s3vector.storage.objectstore.LocalObjectStore;
import io.s3vector.storage.segment.SegmentPack;
import io.s3vector.storage.segment.SegmentReader;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.StoreOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vectors of a packed segment (a small commit) are decoded once and then come from the
 * in-process cache, as a plain segment's chunks do; with the cache off, each read decodes anew.
 */
class PackedChunkCacheTest {
  @TempDir Path root;

  private static float[][] readTwice(StoreOptions options, Path root) {
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root), options)) {
      db.createTable(items("items"), false);
      db.table("items").orElseThrow().append(itemsRows(0, 3));
      StoreSnapshot snapshot = (StoreSnapshot) db.readView().snapshot("items").orElseThrow();
      SegmentRef segment = snapshot.segments().get(0);
      assertTrue(SegmentPack.isPacked(segment.id()), segment.id());
      ColumnSpec embedding = snapshot.schema().columns().stream()
          .filter(c -> c.name().equals("embedding")).findFirst().orElseThrow();
      String directory = db.log().current().table("items").directory();
      SegmentReader.ChunkRef ref = new SegmentReader.ChunkRef(directory, segment.id(),
          snapshot.metas().get(0), embedding, 0);
      float[] first = db.reader().chunks(List.of(ref), true).get(0).vectors();
      float[] second = db.reader().chunks(List.of(ref), true).get(0).vectors();
      return new float[][] {first, second};
    }
  }

  @Test
  void aPackedSegmentsVectorsAreDecodedOnce() {
    float[][] read = readTwice(StoreOptions.builder().compaction(false).build(), root);
    assertSame(read[0], read[1]);
  }

  @Test
  void withTheCacheOffEachReadDecodes() {
    float[][] read = readTwice(StoreOptions.builder().compaction(false).cacheBytes(0).build(),
        root);
    assertNotSame(read[0], read[1]);
    assertArrayEquals(read[0], read[1]);
  }
}
