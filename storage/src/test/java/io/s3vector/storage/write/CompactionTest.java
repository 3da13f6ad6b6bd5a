package io.s3vector.storage.write;

import static io.s3vector.storage.table.Fixtures.allTypes;
import static io.s3vector.storage.table.Fixtures.allTypesRow;
import static io.s3vector.storage.table.Fixtures.assertRowsEqual;
import static io.s3vector.storage.table.Fixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.engine.DeleteTest;
import io.s3vector.storage.engine.StoreDatabase;
import io.s3vector.storage.engine.StoreSnapshot;
import io.s3vector.storage.objectstore.FaultInjectingStore;
import io.s3vector.storage.objectstore.FaultInjectingStore.Fault;
import io.s3vector.storage.objectstore.FaultInjectingStore.Op;
import io.s3vector.storage.table.Fixtures;
import io.s3vector.storage.table.StagedWrite;
import io.s3vector.storage.manifest.SegmentRef;
import io.s3vector.storage.objectstore.LocalObjectStore;
import io.s3vector.storage.table.StoreOptions;
import io.s3vector.storage.table.Table;
import io.s3vector.storage.table.TableSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompactionTest {

  @TempDir Path root;

  @Test
  void mergingSmallSegmentsKeepsRowsAndOrder() {
    // small = under 10 rows; compaction when more than 4 small segments; a big segment in between
    StoreOptions options = StoreOptions.builder().compaction(false).compactionThreshold(4)
        .smallSegmentRows(10).keepManifests(10).manifestRetention(Duration.ofMinutes(2))
        .deleteGrace(Duration.ZERO).build();
    List<Object[]> all = new ArrayList<>();
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root), options)) {
      db.createTable(allTypes("t"), false);
      Table table = db.table("t").orElseThrow();
      int n = 0;
      for (int size : new int[] {1, 2, 3, 20, 1, 1, 5, 2}) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < size; i++) {
          rows.add(allTypesRow(n++));
        }
        table.append(rows);
        all.addAll(rows);
      }
      TableSnapshot before = table.snapshot();
      List<Object[]> rowsBefore = readAll(before);
      assertRowsEqual(all, rowsBefore);
      assertEquals(2, db.compact("t"));
      List<SegmentRef> segments = db.manifest().table("t").segments();
      assertEquals(List.of(6L, 20L, 9L), segments.stream().map(SegmentRef::rows).toList());
      assertRowsEqual(rowsBefore, readAll(table.snapshot()));
    }
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root), options)) {
      assertRowsEqual(all, readAll(db.table("t").orElseThrow().snapshot()));
    }
  }

  /**
   * Only a merge of a table dropped its expired merge records, so an idle table's rode in every
   * checkpoint; a checkpoint drops them now.
   */
  @Test
  void aCheckpointDropsAnIdleTablesExpiredMergeRecords() throws Exception {
    StoreOptions options = StoreOptions.builder().compaction(false).compactionThreshold(2)
        .smallSegmentRows(10).checkpointInterval(4).deleteGrace(Duration.ofMillis(300)).build();
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root), options)) {
      db.createTable(allTypes("t"), false);
      db.createTable(allTypes("u"), false);
      Table t = db.table("t").orElseThrow();
      for (int i = 0; i < 3; i++) {
        t.append(List.<Object[]>of(allTypesRow(i)));
      }
      List<Object[]> rows = readAll(t.snapshot());
      assertEquals(1, db.compact("t"));
      assertEquals(3, db.manifest().table("t").moved().size());
      Thread.sleep(400); // past the records' retention (the delete grace bounds it)
      Table u = db.table("u").orElseThrow();
      // only u is written: a checkpoint comes within 8 x 4 versions (CheckpointSpacing: the
      // deltas' JSON may take that long to add up to the checkpoint's)
      for (int i = 0; i < 33; i++) {
        u.append(List.<Object[]>of(allTypesRow(i)));
      }
      assertEquals(java.util.Map.of(), db.manifest().table("t").moved());
      assertRowsEqual(rows, readAll(t.snapshot()));
    }
  }

  /**
   * Under a stream of UPDATEs every run of small commits gets a row deleted while it is merged;
   * when that made the merge's swap fail, no merge ever landed and segments piled up by thousands.
   */
  @Test
  void aDeleteCommittedWhileARunIsMergedIsCarriedIntoTheMergedSegment() throws Exception {
    FaultInjectingStore store = new FaultInjectingStore(new LocalObjectStore(root));
    try (StoreDatabase db = fourSegmentsOfThree(store)) {
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Integer> merging = mergeHeldAtItsLastObject(db, store, release);
      TableSnapshot snapshot = db.readView().snapshot("t").orElseThrow();
      try (StagedWrite write = db.beginWrite()) {
        write.delete(snapshot, DeleteTest.rowsWithIds(snapshot, 2, 11));
        write.commit();
      }
      release.countDown();
      assertEquals(1, merging.get(30, TimeUnit.SECONDS));
      StoreSnapshot after = (StoreSnapshot) db.readView().snapshot("t").orElseThrow();
      assertEquals(List.of(12L), after.segments().stream().map(SegmentRef::rows).toList());
      assertEquals(2L, after.segments().get(0).deleted());
      assertEquals(DeleteTest.idsExcept(12, 2, 11), DeleteTest.liveIds(after));
    }
  }

  @Test
  void aDeletionSetTheSwapRewritesIsNotLeftStaged() throws Exception {
    FaultInjectingStore store = new FaultInjectingStore(new LocalObjectStore(root));
    try (StoreDatabase db = fourSegmentsOfThree(store)) {
      deleteIds(db, 5); // the merge drops this row and records it in a set of the merged segment
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Integer> merging = mergeHeldAtItsLastObject(db, store, release);
      deleteIds(db, 11); // the swap writes the merged segment's deletion set with this one
      release.countDown();
      assertEquals(1, merging.get(30, TimeUnit.SECONDS));
      StoreSnapshot after = (StoreSnapshot) db.readView().snapshot("t").orElseThrow();
      assertEquals(List.of(11L), after.segments().stream().map(SegmentRef::rows).toList());
      assertEquals(1L, after.segments().get(0).deleted());
      assertEquals(DeleteTest.idsExcept(12, 5, 11), DeleteTest.liveIds(after));
      assertEquals(0, db.stagedInlineObjects(), "the merge's first deletion set, never committed");
    }
  }

  /** Table "t" of four segments of three rows (ids 1..12), with merges only when asked. */
  private static StoreDatabase fourSegmentsOfThree(FaultInjectingStore store) {
    StoreOptions options = StoreOptions.builder().compaction(false).compactionThreshold(2)
        .smallSegmentRows(100).packSmallSegments(false).build();
    StoreDatabase db = StoreDatabase.open(store, options);
    db.createTable(Fixtures.items("t"), false);
    Table table = db.table("t").orElseThrow();
    for (int i = 0; i < 4; i++) {
      table.append(Fixtures.itemsRows(i * 3, 3));
    }
    return db;
  }

  /**
   * A merge of "t" that has read its run and waits for {@code release} before it writes the
   * merged segment's attributes, its last object.
   */
  private static CompletableFuture<Integer> mergeHeldAtItsLastObject(StoreDatabase db,
      FaultInjectingStore store, CountDownLatch release) throws InterruptedException {
    store.inject(EnumSet.of(Op.PUT), key -> key.endsWith(".zattrs"), new Fault.Held(release), 1);
    CompletableFuture<Integer> merging = CompletableFuture.supplyAsync(() -> db.compact("t"));
    while (store.injected() == 0) {
      Thread.sleep(5);
    }
    return merging;
  }

  private static void deleteIds(StoreDatabase db, long... ids) {
    TableSnapshot snapshot = db.readView().snapshot("t").orElseThrow();
    try (StagedWrite write = db.beginWrite()) {
      write.delete(snapshot, DeleteTest.rowsWithIds(snapshot, ids));
      write.commit();
    }
  }

  @Test
  void backgroundCompactionAfterCommitsNeverLosesConcurrentAppends() throws Exception {
    StoreOptions options = StoreOptions.builder().compaction(true).compactionThreshold(3)
        .smallSegmentRows(100).keepManifests(10).manifestRetention(Duration.ofMinutes(2))
        .deleteGrace(Duration.ofMillis(50)).build();
    List<Object[]> all = new ArrayList<>();
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root), options)) {
      db.createTable(allTypes("t"), false);
      Table table = db.table("t").orElseThrow();
      for (int i = 0; i < 60; i++) {
        Object[] row = allTypesRow(i);
        table.append(List.<Object[]>of(row));
        all.add(row);
      }
      // let the background compactions finish (up to 30 s on a loaded machine), then check
      // nothing was lost or reordered
      for (int i = 0; i < 1_500 && db.manifest().table("t").segments().size() > 4; i++) {
        Thread.sleep(20);
      }
      assertTrue(db.manifest().table("t").segments().size() <= 4,
          "segments after compaction: " + db.manifest().table("t").segments().size());
      assertRowsEqual(all, readAll(table.snapshot()));
    }
  }
}
