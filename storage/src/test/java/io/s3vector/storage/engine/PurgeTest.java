package io.s3vector.storage.engine;

import static io.s3vector.storage.engine.DeleteTest.idsExcept;
import static io.s3vector.storage.engine.DeleteTest.liveIds;
import static io.s3vector.storage.engine.DeleteTest.rowsWithIds;
import static io.s3vector.storage.table.Fixtures.items;
import static io.s3vector.storage.table.Fixtures.itemsRows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.manifest.SegmentRef;
import io.s3vector.storage.manifest.TableEntry;
import io.s3vector.storage.objectstore.LocalObjectStore;
import io.s3vector.storage.segment.DeletionSet;
import io.s3vector.storage.table.IndexDefinition;
import io.s3vector.storage.table.NearestRows;
import io.s3vector.storage.table.RowBatch;
import io.s3vector.storage.table.StagedWrite;
import io.s3vector.storage.table.StoreOptions;
import io.s3vector.storage.table.Table;
import io.s3vector.storage.table.TableSnapshot;
import io.s3vector.storage.table.WriteConflictException;
import io.s3vector.storage.vector.DistanceMetric;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Merges drop deleted rows (pgvector's VACUUM): a merged segment holds the live rows of its run,
 * a segment mostly deleted is rewritten alone, and writes that read the rows before the merge
 * still delete the right ones.
 */
class PurgeTest {

  @TempDir Path root;

  private static final StoreOptions MERGE_WHEN_ASKED = StoreOptions.builder().compaction(false)
      .compactionThreshold(2).smallSegmentRows(100).build();

  private StoreDatabase open(StoreOptions options) {
    return StoreDatabase.open(new LocalObjectStore(root), options);
  }

  /** Table "t" of four segments of three rows (ids 1..12). */
  private static Table fourSegmentsOfThree(StoreDatabase db) {
    db.createTable(items("t"), false);
    Table table = db.table("t").orElseThrow();
    for (int i = 0; i < 4; i++) {
      table.append(itemsRows(i * 3, 3));
    }
    return table;
  }

  private static void deleteIds(StoreDatabase db, long... ids) {
    TableSnapshot snapshot = db.readView().snapshot("t").orElseThrow();
    try (StagedWrite write = db.beginWrite()) {
      write.delete(snapshot, rowsWithIds(snapshot, ids));
      write.commit();
    }
  }

  @Test
  void aMergeDropsDeletedRowsAndAnOlderWriteStillDeletesTheRightOnes() {
    try (StoreDatabase db = open(MERGE_WHEN_ASKED)) {
      fourSegmentsOfThree(db);
      TableSnapshot old = db.readView().snapshot("t").orElseThrow();
      deleteIds(db, 2, 5, 6);
      assertEquals(1, db.compact("t"));
      List<SegmentRef> segments = db.manifest().table("t").segments();
      assertEquals(List.of(9L), segments.stream().map(SegmentRef::rows).toList());
      assertEquals(0, segments.get(0).deleted());
      // rows read before the merge: 3 and 12 moved down past the dropped rows below them
      try (StagedWrite write = db.beginWrite()) {
        write.delete(old, rowsWithIds(old, 3, 12));
        write.commit();
      }
      assertEquals(idsExcept(12, 2, 3, 5, 6, 12), liveIds(db.readView().snapshot("t").orElseThrow()));
      // a row the merge dropped was deleted by another commit: deleting it again conflicts
      try (StagedWrite write = db.beginWrite()) {
        write.delete(old, rowsWithIds(old, 5));
        assertThrows(WriteConflictException.class, write::commit);
      }
      assertEquals(idsExcept(12, 2, 3, 5, 6, 12), liveIds(db.readView().snapshot("t").orElseThrow()));
    }
  }

  @Test
  void aTruncateReadBeforeAPurgingMergeLeavesOnlyItsOwnRows() {
    try (StoreDatabase db = open(MERGE_WHEN_ASKED)) {
      Table table = fourSegmentsOfThree(db);
      try (StagedWrite write = db.beginWrite()) {
        write.truncate(table);
        write.write(table, itemsRows(100, 1));
        deleteIds(db, 1, 4, 9, 10, 11);
        assertEquals(1, db.compact("t"));
        write.commit();
      }
      assertEquals(List.of(13L), liveIds(db.readView().snapshot("t").orElseThrow()));
    }
  }

  @Test
  void aRunWhoseRowsAreAllDeletedLeavesTheListAndItsDeletersConflict() {
    try (StoreDatabase db = open(MERGE_WHEN_ASKED)) {
      fourSegmentsOfThree(db);
      TableSnapshot old = db.readView().snapshot("t").orElseThrow();
      deleteIds(db, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
      assertTrue(db.compact("t") >= 0);
      assertEquals(List.of(), db.manifest().table("t").segments());
      try (StagedWrite write = db.beginWrite()) {
        write.delete(old, rowsWithIds(old, 7));
        assertThrows(WriteConflictException.class, write::commit);
      }
    }
  }

  /**
   * The records of a purging merge name a set of the merged segment (the rows it dropped); it is
   * inline in the manifest version, so another server (or this one after a restart) reads it.
   */
  @Test
  void theSetOfDroppedRowsOutlivesARestart() {
    DeletionSet dropped;
    try (StoreDatabase db = open(MERGE_WHEN_ASKED)) {
      fourSegmentsOfThree(db);
      deleteIds(db, 2, 5, 6);
      assertEquals(1, db.compact("t"));
      dropped = purgedSet(db);
    }
    assertEquals(DeletionSet.of(1, 4, 5), dropped);
    try (StoreDatabase db = open(MERGE_WHEN_ASKED)) {
      assertEquals(dropped, purgedSet(db));
      assertEquals(idsExcept(12, 2, 5, 6), liveIds(db.readView().snapshot("t").orElseThrow()));
    }
  }

  /** The set of rows the table's merge records say were dropped (all records name one). */
  private static DeletionSet purgedSet(StoreDatabase db) {
    TableEntry entry = db.manifest().table("t");
    assertEquals(4, entry.moved().size());
    TableEntry.Moved any = entry.moved().values().iterator().next();
    assertNotNull(any.purged());
    for (TableEntry.Moved moved : entry.moved().values()) {
      assertEquals(any.purged(), moved.purged());
    }
    return db.reader().deletions(entry.directory(), List.of(any.into()), List.of(any.purged()),
        db.readTotals()).get(0);
  }

  @Test
  void aMostlyDeletedSegmentIsRewrittenAloneWithAGraphOfItsLiveRows() {
    try (StoreDatabase db = open(StoreOptions.builder().compaction(false)
        .minIndexedSegmentRows(10).build())) {
      db.createTable(items("t"), false);
      Table table = db.table("t").orElseThrow();
      table.append(itemsRows(0, 200));
      IndexDefinition index = IndexDefinition.of("t_idx", "embedding", DistanceMetric.L2);
      table.createIndex(index);
      deleteIds(db, LongStream.rangeClosed(1, 150).toArray());
      assertEquals(1, db.compact("t"));
      StoreSnapshot after = (StoreSnapshot) db.readView().snapshot("t").orElseThrow();
      assertEquals(List.of(50L), after.segments().stream().map(SegmentRef::rows).toList());
      assertEquals(0, after.segments().get(0).deleted());
      assertTrue(after.segments().get(0).hasIndex("t_idx"), "a graph of the live rows");
      assertEquals(idsExcept(200, LongStream.rangeClosed(1, 150).toArray()), liveIds(after));
      NearestRows nearest = after.vectorSearch(index, new float[] {10, 11, 12}, 3, 40, null);
      assertEquals(List.of(151L, 152L, 153L), idsAt(after, nearest.rowNumbers()));
      assertEquals(0, db.compact("t"), "nothing left to drop");
    }
  }

  /**
   * The run's largest segment with a graph keeps its few deleted rows (the merged graph extends
   * its graph, which names rows by position), the others lose theirs; searches find the right rows
   * through the extended graph.
   */
  @Test
  void aMergeKeepsTheDeletedRowsOfTheSegmentWhoseGraphItExtends() {
    try (StoreDatabase db = open(StoreOptions.builder().compaction(false)
        .minIndexedSegmentRows(10).build())) {
      db.createTable(items("t"), false);
      Table table = db.table("t").orElseThrow();
      IndexDefinition index = IndexDefinition.of("t_idx", "embedding", DistanceMetric.L2);
      table.createIndex(index);
      int[] sizes = {100, 100, 150, 100, 100};
      int first = 0;
      for (int size : sizes) {
        table.append(itemsRows(first, size));
        first += size;
      }
      // ids 1..100 in the first segment (dropped), 201..350 in the third (the largest: kept)
      long[] gone = LongStream.concat(LongStream.rangeClosed(11, 30),
          LongStream.rangeClosed(251, 260)).toArray();
      deleteIds(db, gone);
      assertEquals(1, db.compact("t"));
      StoreSnapshot after = (StoreSnapshot) db.readView().snapshot("t").orElseThrow();
      assertEquals(List.of(530L), after.segments().stream().map(SegmentRef::rows).toList());
      assertEquals(10, after.segments().get(0).deleted());
      assertTrue(after.segments().get(0).hasIndex("t_idx"));
      assertEquals(idsExcept(550, gone), liveIds(after));
      for (int q : new int[] {5, 40, 230, 248, 300, 420, 540}) {
        NearestRows nearest = after.vectorSearch(index, new float[] {q, q + 1, q + 2}, 3, 64, null);
        List<Long> expected = nearestLive(q + 1, 3, gone, 550);
        assertEquals(expected, idsAt(after, nearest.rowNumbers()), "query " + q);
      }
    }
  }

  /** The k live ids nearest to id {@code center} (vectors are id - 1 + (0, 1, 2)), nearest first. */
  private static List<Long> nearestLive(long center, int k, long[] gone, long last) {
    List<Long> live = idsExcept((int) last, gone);
    live.sort((a, b) -> a - center == center - b ? Long.compare(a, b)
        : Long.compare(Math.abs(a - center), Math.abs(b - center)));
    return live.subList(0, k);
  }

  /** The ids at these row numbers, in that order. */
  private static List<Long> idsAt(TableSnapshot snapshot, long[] rowNumbers) {
    Map<Long, Long> byRow = new HashMap<>();
    for (var it = snapshot.scan(new int[] {0}); it.hasNext(); ) {
      RowBatch batch = it.next();
      for (int r = 0; r < batch.rowCount(); r++) {
        byRow.put(batch.firstRowNumber() + r, (Long) batch.value(0, r));
      }
    }
    List<Long> ids = new ArrayList<>();
    for (long row : rowNumbers) {
      ids.add(byRow.get(row));
    }
    return ids;
  }
}
