package io.s3vector.storage.engine;

import static io.s3vector.storage.table.Fixtures.items;
import static io.s3vector.storage.table.Fixtures.itemsRows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.objectstore.LocalObjectStore;
import io.s3vector.storage.table.IndexDefinition;
import io.s3vector.storage.table.NearestRows;
import io.s3vector.storage.table.ReadView;
import io.s3vector.storage.table.RowBatch;
import io.s3vector.storage.table.StagedWrite;
import io.s3vector.storage.table.StoreOptions;
import io.s3vector.storage.table.Table;
import io.s3vector.storage.table.TableSnapshot;
import io.s3vector.storage.table.WriteConflictException;
import io.s3vector.storage.vector.DistanceMetric;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deletion markers: staged, committed, seen by scans and searches, kept by merges, conflicts. */
public class DeleteTest {

  @TempDir Path root;

  private StoreDatabase open(StoreOptions options) {
    return StoreDatabase.open(new LocalObjectStore(root), options);
  }

  /** The ids of the live rows, in row order. */
  public static List<Long> liveIds(TableSnapshot snapshot) {
    List<Long> ids = new ArrayList<>();
    for (var it = snapshot.scan(new int[] {0}); it.hasNext(); ) {
      RowBatch batch = it.next();
      for (int r = 0; r < batch.rowCount(); r++) {
        if (!batch.isDeleted(r)) {
          ids.add((Long) batch.value(0, r));
        }
      }
    }
    return ids;
  }

  /** The ids 1 to {@code last} without {@code gone}, in order. */
  public static List<Long> idsExcept(int last, long... gone) {
    List<Long> ids = new ArrayList<>();
    for (long id = 1; id <= last; id++) {
      ids.add(id);
    }
    for (long id : gone) {
      ids.remove(id);
    }
    return ids;
  }

  /** Table "t" with ids 1 to 10, in one segment. */
  private static Table tableOfTenRows(StoreDatabase db) {
    db.createTable(items("t"), false);
    Table table = db.table("t").orElseThrow();
    table.append(itemsRows(0, 10));
    return table;
  }

  /** The row numbers of the live rows holding {@code ids}. */
  public static long[] rowsWithIds(TableSnapshot snapshot, long... ids) {
    List<Long> wanted = new ArrayList<>();
    for (long id : ids) {
      wanted.add(id);
    }
    List<Long> rows = new ArrayList<>();
    for (var it = snapshot.scan(new int[] {0}); it.hasNext(); ) {
      RowBatch batch = it.next();
      for (int r = 0; r < batch.rowCount(); r++) {
        if (!batch.isDeleted(r) && wanted.contains((Long) batch.value(0, r))) {
          rows.add(batch.firstRowNumber() + r);
        }
      }
    }
    return rows.stream().mapToLong(Long::longValue).toArray();
  }

  @Test
  void deletedRowsAreGoneFromScansSearchesAndCountsAndSurviveReopen() {
    try (StoreDatabase db = open(StoreOptions.builder().minIndexedSegmentRows(10).build())) {
      db.createTable(items("t"), false);
      Table table = db.table("t").orElseThrow();
      table.append(itemsRows(0, 50));
      table.append(itemsRows(50, 50));
      IndexDefinition index = IndexDefinition.of("t_idx", "embedding", DistanceMetric.L2);
      table.createIndex(index);
      try (StagedWrite write = db.beginWrite()) {
        ReadView view = db.readView();
        write.delete(view.snapshot("t").orElseThrow(), rowsWithIds(view.snapshot("t").orElseThrow(), 1, 2, 60));
        write.commit();
      }
      StoreSnapshot after = (StoreSnapshot) db.readView().snapshot("t").orElseThrow();
      assertEquals(97, after.liveRowCount());
      assertEquals(97, liveIds(after).size());
      assertTrue(!liveIds(after).contains(60L) && !liveIds(after).contains(1L));
      // the nearest rows to row 60's vector skip it (and 1, 2 near the start)
      NearestRows nearest = after.vectorSearch(index, new float[] {59, 60, 61}, 3, 40, null);
      for (long row : nearest.rowNumbers()) {
        assertTrue(!after.isDeleted(row));
      }
      assertEquals(3, nearest.rowNumbers().length);
    }
    try (StoreDatabase db = open(StoreOptions.defaults())) {
      assertEquals(97, liveIds(db.readView().snapshot("t").orElseThrow()).size());
    }
  }

  @Test
  void rowsDeletedOneACommitFromABigSegmentTravelAsDeltasAndSurviveReopen() {
    long[] gone = new long[1_100];
    try (StoreDatabase db = open(StoreOptions.builder().compaction(false).build())) {
      db.createTable(items("t"), false);
      Table table = db.table("t").orElseThrow();
      table.append(itemsRows(0, 12_000));
      for (int i = 0; i < 1_000; i++) {
        gone[i] = 1 + 12L * i;
      }
      try (StagedWrite write = db.beginWrite()) {
        TableSnapshot snapshot = db.readView().snapshot("t").orElseThrow();
        write.delete(snapshot, rowsWithIds(snapshot, java.util.Arrays.copyOf(gone, 1_000)));
        write.commit();
      }
      java.util.Set<String> bases = new java.util.HashSet<>();
      for (int i = 1_000; i < gone.length; i++) {
        gone[i] = 2 + 12L * (i - 1_000);
        try (StagedWrite write = db.beginWrite()) {
          TableSnapshot snapshot = db.readView().snapshot("t").orElseThrow();
          write.delete(snapshot, rowsWithIds(snapshot, gone[i]));
          write.commit();
        }
        String name = db.manifest().table("t").segments().get(0).deletes();
        if (io.s3vector.storage.segment.DeletionSet.baseOf(name) != null) {
          bases.add(io.s3vector.storage.segment.DeletionSet.baseOf(name));
        }
      }
      assertTrue(bases.size() >= 2, "deltas on a base written whole again: " + bases);
      assertEquals(idsExcept(12_000, gone), liveIds(db.readView().snapshot("t").orElseThrow()));
    }
    try (StoreDatabase db = open(StoreOptions.defaults())) {
      assertEquals(idsExcept(12_000, gone), liveIds(db.readView().snapshot("t").orElseThrow()));
    }
  }

  @Test
  void twoWritesDeletingOneRowConflictAndTheLoserChangesNothing() {
    try (StoreDatabase db = open(StoreOptions.defaults())) {
      Table table = tableOfTenRows(db);
      TableSnapshot snapshot = db.readView().snapshot("t").orElseThrow();
      StagedWrite first = db.beginWrite();
      StagedWrite second = db.beginWrite();
      first.delete(snapshot, rowsWithIds(snapshot, 3));
      second.delete(snapshot, rowsWithIds(snapshot, 3, 4));
      second.write(table, itemsRows(100, 1));
      first.commit();
      assertThrows(WriteConflictException.class, second::commit);
      List<Long> ids = liveIds(db.readView().snapshot("t").orElseThrow());
      assertEquals(List.of(1L, 2L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), ids);
    }
  }

  @Test
  void writesThatEndLeaveNoDeletionSetWaitingForACommit() {
    try (StoreDatabase db = open(StoreOptions.defaults())) {
      Table table = tableOfTenRows(db);
      TableSnapshot snapshot = db.readView().snapshot("t").orElseThrow();
      StagedWrite first = db.beginWrite();
      StagedWrite second = db.beginWrite();
      StagedWrite third = db.beginWrite();
      first.delete(snapshot, rowsWithIds(snapshot, 1));
      second.delete(snapshot, rowsWithIds(snapshot, 2)); // its set is prepared again at commit
      third.delete(snapshot, rowsWithIds(snapshot, 1)); // conflicts
      first.commit();
      second.commit();
      assertThrows(WriteConflictException.class, third::commit);
      // a write whose commit is refused (a duplicate key) after its deletion set was prepared
      StagedWrite refused = db.beginWrite();
      TableSnapshot now = db.readView().snapshot("t").orElseThrow();
      refused.delete(now, rowsWithIds(now, 5));
      refused.write(table, List.<Object[]>of(new Object[] {3L, "dup", new float[] {1, 2, 3}}));
      assertThrows(io.s3vector.storage.StorageException.class, refused::commit);
      assertEquals(0, db.stagedInlineObjects(), "deletion sets staged for nothing");
      assertEquals(List.of(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L),
          liveIds(db.readView().snapshot("t").orElseThrow()));
    }
  }

  /**
   * Scans and index walks would visit every row of it to skip them all. (Small packs stay: merges
   * fold them with their deletions.)
   */
  @Test
  void aSegmentWhoseLastRowIsDeletedLeavesTheListAndItsLaterDeletersConflict() {
    StoreOptions plain = StoreOptions.builder().packSmallSegments(false).build();
    try (StoreDatabase db = open(plain)) {
      Table table = tableOfTenRows(db);
      table.append(itemsRows(10, 2));
      assertEquals(2, db.manifest().table("t").segments().size());
      TableSnapshot snapshot = db.readView().snapshot("t").orElseThrow();
      StagedWrite most = db.beginWrite();
      most.delete(snapshot, rowsWithIds(snapshot, 1, 2, 3, 4, 5, 6, 7, 8, 9));
      most.commit();
      assertEquals(2, db.manifest().table("t").segments().size());
      StagedWrite late = db.beginWrite();
      late.delete(snapshot, rowsWithIds(snapshot, 10)); // read before the segment emptied
      StagedWrite last = db.beginWrite();
      TableSnapshot now = db.readView().snapshot("t").orElseThrow();
      last.delete(now, rowsWithIds(now, 10));
      last.commit();
      assertEquals(1, db.manifest().table("t").segments().size(), "the empty segment left");
      assertEquals(0, db.stagedInlineObjects(), "its last deletion set is not kept for nothing");
      assertEquals(List.of(11L, 12L), liveIds(db.readView().snapshot("t").orElseThrow()));
      assertEquals(List.of(10L), liveIds(snapshot).subList(9, 10), "an older snapshot still reads it");
      assertThrows(WriteConflictException.class, late::commit);
    }
    try (StoreDatabase db = open(plain)) {
      assertEquals(List.of(11L, 12L), liveIds(db.readView().snapshot("t").orElseThrow()));
    }
  }

  @Test
  void aWriteReadsItsOwnRowsAndDeletionsAndSavepointsUndoThem() {
    try (StoreDatabase db = open(StoreOptions.defaults())) {
      db.createTable(items("t"), false);
      Table table = db.table("t").orElseThrow();
      table.append(itemsRows(0, 5));
      try (StagedWrite write = db.beginWrite()) {
        write.write(table, List.<Object[]>of(new Object[] {100L, "x", new float[] {1, 1, 1}}));
        TableSnapshot own = write.readView().snapshot("t").orElseThrow();
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 100L), liveIds(own));
        Object mark = write.mark();
        write.delete(own, rowsWithIds(own, 2, 100));
        assertEquals(List.of(1L, 3L, 4L, 5L), liveIds(write.readView().snapshot("t").orElseThrow()));
        write.rollbackTo(mark);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 100L), liveIds(write.readView().snapshot("t").orElseThrow()));
        TableSnapshot again = write.readView().snapshot("t").orElseThrow();
        write.delete(again, rowsWithIds(again, 100, 5));
        // not visible to others before the commit
        assertEquals(5, liveIds(db.readView().snapshot("t").orElseThrow()).size());
        write.commit();
      }
      assertEquals(List.of(1L, 2L, 3L, 4L), liveIds(db.readView().snapshot("t").orElseThrow()));
    }
  }

  @Test
  void truncateKeepsOnlyLaterRows() {
    try (StoreDatabase db = open(StoreOptions.defaults())) {
      db.createTable(items("t"), false);
      Table table = db.table("t").orElseThrow();
      table.append(itemsRows(0, 5));
      try (StagedWrite write = db.beginWrite()) {
        write.truncate(table);
        write.write(table, itemsRows(5, 2));
        write.commit();
      }
      assertEquals(List.of(6L, 7L), liveIds(db.readView().snapshot("t").orElseThrow()));
    }
  }

  @Test
  void mergesKeepDeletedRowsDeleted() {
    try (StoreDatabase db = open(StoreOptions.builder().compactionThreshold(2).smallSegmentRows(100)
        .build())) {
      db.createTable(items("t"), false);
      Table table = db.table("t").orElseThrow();
      for (int i = 0; i < 6; i++) {
        table.append(itemsRows(i * 3, 3));
      }
      TableSnapshot snapshot = db.readView().snapshot("t").orElseThrow();
      try (StagedWrite write = db.beginWrite()) {
        write.delete(snapshot, rowsWithIds(snapshot, 2, 8, 17));
        write.commit();
      }
      db.compact("t");
      StoreSnapshot after = (StoreSnapshot) db.readView().snapshot("t").orElseThrow();
      assertTrue(after.segments().size() < 6, "merged: " + after.segments());
      List<Long> expected = new ArrayList<>();
      for (long id = 1; id <= 18; id++) {
        if (id != 2 && id != 8 && id != 17) {
          expected.add(id);
        }
      }
      assertEquals(expected, liveIds(after));
    }
  }

  @Test
  void aDeleteReadBeforeAMergeFindsItsRowsInTheMergedSegment() {
    try (StoreDatabase db = open(StoreOptions.builder().compactionThreshold(2).smallSegmentRows(100)
        .build())) {
      db.createTable(items("t"), false);
      Table table = db.table("t").orElseThrow();
      for (int i = 0; i < 6; i++) {
        table.append(itemsRows(i * 3, 3));
      }
      TableSnapshot before = db.readView().snapshot("t").orElseThrow();
      try (StagedWrite write = db.beginWrite()) {
        write.delete(before, rowsWithIds(before, 5, 14));
        write.truncate(table);
        write.write(table, itemsRows(100, 1));
        db.compact("t"); // merges the segments the write read
        StoreSnapshot merged = (StoreSnapshot) db.readView().snapshot("t").orElseThrow();
        assertTrue(!merged.segments().containsAll(((StoreSnapshot) before).segments()));
        write.commit();
      }
      assertEquals(List.of(19L), liveIds(db.readView().snapshot("t").orElseThrow()));
      table.append(itemsRows(200, 3));
      TableSnapshot old = db.readView().snapshot("t").orElseThrow();
      try (StagedWrite write = db.beginWrite()) {
        write.delete(old, rowsWithIds(old, 21));
        db.compact("t");
        write.commit();
      }
      assertEquals(List.of(19L, 20L, 22L), liveIds(db.readView().snapshot("t").orElseThrow()));
    }
  }
}
