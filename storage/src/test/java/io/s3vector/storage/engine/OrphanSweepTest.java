package io.s3vector.storage.engine;

import static io.s3vector.storage.engine.DeleteTest.liveIds;
import static io.s3vector.storage.engine.StagedWriteTest.segmentFolders;
import static io.s3vector.storage.table.Fixtures.items;
import static io.s3vector.storage.table.Fixtures.itemsRows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.objectstore.LocalObjectStore;
import io.s3vector.storage.segment.ColumnData;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.StagedWrite;
import io.s3vector.storage.table.StoreOptions;
import io.s3vector.storage.table.Table;
import io.s3vector.storage.table.TableSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segment folders no manifest names are deleted after the grace; named and staged ones stay. */
class OrphanSweepTest {

  @TempDir Path root;

  @Test
  void strayFoldersGoAfterTheGraceAndNothingElse() throws Exception {
    LocalObjectStore store = new LocalObjectStore(root);
    StoreOptions options = StoreOptions.builder().orphanGrace(Duration.ofMillis(200))
        .compaction(false).build();
    try (StoreDatabase db = StoreDatabase.open(store, options)) {
      db.createTable(items("t"), false);
      Table table = db.table("t").orElseThrow();
      table.append(itemsRows(0, 3));
      // a segment written and never committed (as a server killed before its commit leaves it;
      // a small one, a pack, travels inside its commit's manifest version and leaves nothing)
      TableSchema schema = items("t");
      List<ColumnData> columns = new ArrayList<>();
      List<Object[]> rows = itemsRows(10, 2);
      rows.forEach(r -> r[0] = 1L);
      for (int c = 0; c < schema.columns().size(); c++) {
        ColumnSpec spec = schema.columns().get(c);
        columns.add(ColumnData.fromRows(spec.name(), spec.type(), spec.dimension(), rows, c));
      }
      String directory = db.manifest().table("t").directory();
      String stray = db.writer().write(directory, schema, columns, false).id();
      StagedWrite open = db.beginWrite();
      open.write(table, itemsRows(20, 1));
      open.readView(); // writes the open write's segment
      Set<String> before = segmentFolders(store, directory);
      assertEquals(0, db.sweepOrphans()); // first sight: not yet
      Thread.sleep(300);
      assertEquals(1, db.sweepOrphans());
      Set<String> after = segmentFolders(store, directory);
      assertTrue(before.contains(stray) && !after.contains(stray));
      assertEquals(before.size() - 1, after.size());
      open.commit();
      assertEquals(List.of(1L, 2L, 3L, 4L), liveIds(db.readView().snapshot("t").orElseThrow()));
      Thread.sleep(300);
      assertEquals(0, db.sweepOrphans());
      assertEquals(List.of(1L, 2L, 3L, 4L), liveIds(db.readView().snapshot("t").orElseThrow()));
    }
  }
}
