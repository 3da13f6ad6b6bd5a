package io.s3vector.storage.engine;

import static io.s3vector.storage.table.Fixtures.items;
import static io.s3vector.storage.table.Fixtures.itemsRows;
import static io.s3vector.storage.table.Fixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.layout.Layout;
import io.s3vector.storage.manifest.SegmentRef;
import io.s3vector.storage.objectstore.LocalObjectStore;
import io.s3vector.storage.objectstore.ObjectStore;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.ColumnType;
import io.s3vector.storage.table.IndexDefinition;
import io.s3vector.storage.table.NearestRows;
import io.s3vector.storage.table.SequenceExhaustedException;
import io.s3vector.storage.table.SerialSequence;
import io.s3vector.storage.table.StagedWrite;
import io.s3vector.storage.table.StoreOptions;
import io.s3vector.storage.table.Table;
import io.s3vector.storage.table.TableSchema;
import io.s3vector.storage.vector.DistanceMetric;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sequence reservations and staged (all-or-nothing) writes. */
class StagedWriteTest {

  @TempDir Path root;

  private StoreDatabase open() {
    return open(StoreOptions.defaults());
  }

  private StoreDatabase open(StoreOptions options) {
    return StoreDatabase.open(new LocalObjectStore(root), options);
  }

  /** Segment folders under the table's folder, whether a manifest names them or not. */
  static Set<String> segmentFolders(ObjectStore store, String table) {
    String prefix = Layout.tableDirectory(table) + "/";
    Set<String> ids = new TreeSet<>();
    for (String key : store.list(prefix)) {
      String segment = io.s3vector.storage.segment.SegmentPack.segmentOf(key.substring(prefix.length()));
      if (segment != null) {
        ids.add(segment);
      }
    }
    return ids;
  }

  /** The segments the manifest names that are objects of their own (not packs inline in it). */
  private static Set<String> storedSegmentIds(StoreDatabase db, String table) {
    Set<String> ids = segmentIds(db, table);
    String directory = db.manifest().table(table).directory();
    ids.removeIf(id -> db.manifest().inline().containsKey(
        io.s3vector.storage.segment.SegmentPack.key(directory, id)));
    return ids;
  }

  private static Set<String> segmentIds(StoreDatabase db, String table) {
    Set<String> ids = new TreeSet<>();
    for (SegmentRef segment : db.manifest().table(table).segments()) {
      ids.add(segment.id());
    }
    return ids;
  }

  @Test
  void reservedSerialsAreConsecutiveNeverReusedAndAppendsContinueFromThem() {
    try (StoreDatabase db = open()) {
      db.createTable(items("t"), false);
      Table t = db.table("t").orElseThrow();
      long version = db.manifest().version();
      assertEquals(1, t.reserveSerials("id", 1)[0]);
      assertEquals(2, t.reserveSerials("id", 3)[0]);
      assertEquals(5, t.reserveSerials("id", 1)[0]);
      assertEquals(version + 1, db.manifest().version(), "one block, one manifest commit");
      assertEquals(6, t.reserveSerials("id", 100)[0]); // past the cached block: contiguous
      // an append continues from the values reserved (6..132: 27 cached + a block of 100), as
      // PostgreSQL's next INSERT after nextval() does, where numbering from the manifest skipped
      // the rest of the block (133)
      List<Object[]> stored = t.append(itemsRows(0, 2));
      assertEquals(106L, stored.get(0)[0]);
      assertEquals(107L, stored.get(1)[0]);
      assertEquals(108, t.reserveSerials("id", 1)[0]);
      // once the block is used up, appends number from the manifest again
      t.reserveSerials("id", 132 - 108);
      stored = t.append(itemsRows(2, 1));
      assertEquals(133L, stored.get(0)[0]);
      assertEquals(134, t.reserveSerials("id", 1)[0]);
      // explicit values are kept
      Object[] explicit = {42L, "x", new float[] {1, 2, 3}};
      assertEquals(42L, t.append(List.<Object[]>of(explicit)).get(0)[0]);
      assertThrows(StorageException.class, () -> t.reserveSerials("category", 1));
    }
    try (StoreDatabase db = open()) {
      // after a restart the cached rest of the block is skipped, never handed out again
      long next = db.table("t").orElseThrow().reserveSerials("id", 1)[0];
      assertTrue(next > 134, "next " + next);
    }
  }

  @Test
  void aSequenceSetBackIsFollowedByThisServerAndByAnotherOneHoldingAReservedBlock() {
    StoreOptions options = StoreOptions.defaults().toBuilder()
        .refreshInterval(java.time.Duration.ZERO).build();
    try (StoreDatabase one = open(options); StoreDatabase two = open(options)) {
      one.createTable(items("t"), false);
      Table a = one.table("t").orElseThrow();
      Table b = two.table("t").orElseThrow();
      assertEquals(1, a.reserveSerials("id", 1)[0]);
      assertEquals(33, b.reserveSerials("id", 1)[0]); // after a's block of 32, b holds 34..64
      a.setSequence("id", 100, true);
      assertEquals(100, one.manifest().table("t").sequenceCounter("id"));
      assertEquals(101, a.reserveSerials("id", 1)[0]);
      // b's block lies below the value set: once b has seen the change (within its refresh
      // interval, here at its next read), the block is dropped, never handed out
      b.snapshot();
      assertEquals(133, b.reserveSerials("id", 1)[0]);
      b.setSequence("id", 1, false); // as new
      assertEquals(1, b.reserveSerials("id", 1)[0]);
      a.snapshot();
      assertEquals(33, a.reserveSerials("id", 1)[0]); // a's block above 1 was dropped too
    }
  }

  @Test
  void anInt2SequenceEndsAtItsMaximum() {
    TableSchema schema = new TableSchema("s",
        List.of(new ColumnSpec("id", ColumnType.INT2, "smallserial", 0, true, true, null)),
        List.of());
    try (StoreDatabase db = open()) {
      db.createTable(schema, false);
      Table t = db.table("s").orElseThrow();
      assertEquals(1, t.reserveSerials("id", Short.MAX_VALUE - 1)[0]);
      assertEquals(Short.MAX_VALUE, t.reserveSerials("id", 1)[0]);
      StorageException e = assertThrows(StorageException.class, () -> t.reserveSerials("id", 1));
      assertTrue(e.getMessage().contains("reached maximum value"), e.getMessage());
    }
  }

  @Test
  void twoDatabasesReservingConcurrentlyNeverShareAValue() throws Exception {
    try (StoreDatabase setup = open()) {
      setup.createTable(items("t"), false);
    }
    List<long[]> ranges = Collections.synchronizedList(new ArrayList<>());
    try (StoreDatabase a = open(); StoreDatabase b = open();
        ExecutorService pool = Executors.newFixedThreadPool(6)) {
      List<Future<?>> work = new ArrayList<>();
      for (int w = 0; w < 6; w++) {
        StoreDatabase db = w % 2 == 0 ? a : b;
        int worker = w;
        work.add(pool.submit(() -> {
          Table t = db.table("t").orElseThrow();
          for (int i = 0; i < 60; i++) {
            int count = 1 + (i * 7 + worker) % 40;
            if (i % 10 == 9) {
              // appends (writes of their own) number from the same sequence
              for (Object[] row : t.append(itemsRows(0, count))) {
                long id = (Long) row[0];
                ranges.add(new long[] {id, id});
              }
            } else {
              long first = t.reserveSerials("id", count)[0];
              ranges.add(new long[] {first, first + count - 1});
            }
          }
          return null;
        }));
      }
      for (Future<?> f : work) {
        f.get();
      }
    }
    Set<Long> seen = new HashSet<>();
    for (long[] range : ranges) {
      for (long v = range[0]; v <= range[1]; v++) {
        assertTrue(seen.add(v), "value " + v + " handed out twice");
      }
    }
  }

  /** A table whose identity column counts by five from 10 to 100,000. */
  private static TableSchema byFive() {
    return new TableSchema("f", List.of(
        ColumnSpec.identity("id", ColumnType.INT4, "integer", ColumnSpec.Identity.ALWAYS,
            new io.s3vector.storage.table.SerialOptions(10, 5, 1, 100_000, false, 1)),
        new ColumnSpec("v", ColumnType.TEXT, "text", 0, false, false, null)), List.of());
  }

  @Test
  void twoDatabasesCountingByFiveNeverShareAValueAndStayOnTheGrid() throws Exception {
    try (StoreDatabase setup = open()) {
      setup.createTable(byFive(), false);
    }
    List<Long> values = Collections.synchronizedList(new ArrayList<>());
    try (StoreDatabase a = open(); StoreDatabase b = open();
        ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<?>> work = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        StoreDatabase db = w % 2 == 0 ? a : b;
        work.add(pool.submit(() -> {
          Table t = db.table("f").orElseThrow();
          for (int i = 0; i < 40; i++) {
            if (i % 8 == 7) {
              for (Object[] row : t.append(List.<Object[]>of(new Object[] {null, "x"}))) {
                values.add(((Integer) row[0]).longValue());
              }
            } else {
              for (long v : t.reserveSerials("id", 1 + i % 5)) {
                values.add(v);
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : work) {
        f.get();
      }
    }
    Set<Long> seen = new HashSet<>();
    for (long v : values) {
      assertTrue(seen.add(v), "value " + v + " handed out twice");
      assertEquals(0, (v - 10) % 5, "value " + v + " off the sequence's steps");
    }
  }

  @Test
  void aSequenceWhoseOptionsChangeGoesOnFromWhereItStood() {
    try (StoreDatabase db = open()) {
      db.createTable(byFive(), false);
      Table t = db.table("f").orElseThrow();
      assertArrayEquals(new long[] {10, 15}, t.reserveSerials("id", 2));
      assertEquals(Map.of("id", 1L + 9 + 31), db.manifest().table("f").sequences(),
          "a block of 32 counters, START's origin written nowhere");
      t.giveBackSerials("id"); // nobody reserved after this server: the block's rest goes back
      assertEquals(new SerialSequence.State(15, true), t.serialState("id"));
      db.alterTable("f", schema -> schema.withColumns(List.of(schema.columns().get(0)
          .withSerialOptions(new io.s3vector.storage.table.SerialOptions(10, -3, 1, 100_000, true,
              1)), schema.columns().get(1)), schema.comments()));
      assertArrayEquals(new long[] {12, 9, 6, 3, 100_000}, t.reserveSerials("id", 5));
      t.setSequence("id", 50, false);
      assertArrayEquals(new long[] {50, 47}, t.reserveSerials("id", 2));
      assertEquals(new SerialSequence.State(47, true), t.serialState("id"));
    }
    try (StoreDatabase db = open()) {
      // the origin setval left is in the manifest: a restart goes on past the block of 32 from
      // 50, which stepped down to 2 (17 values) and wrapped to the maximum (15 more)
      assertEquals(100_000 - 15 * 3, db.table("f").orElseThrow().reserveSerials("id", 1)[0]);
    }
  }

  @Test
  void anExhaustedSequenceIsPostgresqlsLimitError() {
    TableSchema schema = new TableSchema("d", List.of(ColumnSpec.identity("id", ColumnType.INT2,
        "smallint", ColumnSpec.Identity.ALWAYS,
        new io.s3vector.storage.table.SerialOptions(-1, -1, -3, -1, false, 1))), List.of());
    try (StoreDatabase db = open()) {
      db.createTable(schema, false);
      Table t = db.table("d").orElseThrow();
      assertEquals(List.of((short) -1, (short) -2), t.append(List.<Object[]>of(new Object[] {null},
          new Object[] {null})).stream().map(r -> r[0]).toList());
      SequenceExhaustedException e = assertThrows(SequenceExhaustedException.class,
          () -> t.reserveSerials("id", 2));
      assertEquals("nextval: reached minimum value of sequence \"d_id_seq\" (-3)", e.getMessage());
      assertArrayEquals(new long[] {-3}, t.reserveSerials("id", 1));
    }
  }

  @Test
  void oneCommitMakesEveryTableVisibleAtOnce() {
    try (StoreDatabase db = open()) {
      db.createTable(items("a"), false);
      db.createTable(items("b"), false);
      Table a = db.table("a").orElseThrow();
      Table b = db.table("b").orElseThrow();
      a.append(itemsRows(0, 1));
      long version = db.manifest().version();
      try (StagedWrite write = db.beginWrite()) {
        write.write(a, itemsRows(0, 3));
        write.write(b, itemsRows(0, 2));
        write.write(a, itemsRows(3, 1));
        assertEquals(6, write.rows());
        assertEquals(1, a.snapshot().rowCount());
        assertEquals(0, b.snapshot().rowCount());
        assertEquals(version + 1, write.commit());
      }
      assertEquals(version + 1, db.manifest().version());
      List<Object[]> rowsA = readAll(a.snapshot());
      assertEquals(5, rowsA.size());
      for (int i = 0; i < 5; i++) {
        assertEquals((long) (i + 1), rowsA.get(i)[0]);
      }
      assertEquals(2, b.snapshot().rowCount());
      assertEquals(2L, readAll(b.snapshot()).get(1)[0]);
    }
  }

  @Test
  void aLargeWriteIsStagedInSegmentsThatOnlyTheCommitMakesVisible() {
    StoreOptions small = StoreOptions.builder().stagedSegmentBytes(64 << 10).build();
    try (StoreDatabase db = open(small)) {
      db.createTable(items("t"), false);
      Table t = db.table("t").orElseThrow();
      t.append(itemsRows(0, 10));
      Set<String> before = segmentFolders(db.store(), "t");
      StagedWrite write = db.beginWrite();
      for (int i = 0; i < 10; i++) {
        write.write(t, itemsRows(i * 1000, 1000));
      }
      Set<String> staged = segmentFolders(db.store(), "t");
      staged.removeAll(before);
      assertTrue(staged.size() >= 3, "segments staged before the commit: " + staged.size());
      assertEquals(10, t.snapshot().rowCount());
      // another writer moves the sequence meanwhile: nothing is numbered twice
      t.append(itemsRows(0, 5));
      write.commit();
      assertEquals(10_015, t.snapshot().rowCount());
      Set<Long> ids = new HashSet<>();
      for (Object[] row : readAll(t.snapshot())) {
        assertTrue(ids.add((Long) row[0]), "duplicate id " + row[0]);
      }
      assertTrue(segmentIds(db, "t").containsAll(staged));
      assertEquals(storedSegmentIds(db, "t"), segmentFolders(db.store(), "t"), "no garbage left");
    }
  }

  @Test
  void abortDeletesEverythingStaged() {
    StoreOptions small = StoreOptions.builder().stagedSegmentBytes(64 << 10).build();
    try (StoreDatabase db = open(small)) {
      db.createTable(items("t"), false);
      Table t = db.table("t").orElseThrow();
      t.append(itemsRows(0, 10));
      long version = db.manifest().version();
      Set<String> before = segmentFolders(db.store(), "t");
      Set<String> committedBefore = segmentIds(db, "t");
      StagedWrite write = db.beginWrite();
      for (int i = 0; i < 5; i++) {
        write.write(t, itemsRows(i * 1000, 1000));
      }
      assertTrue(segmentFolders(db.store(), "t").size() > before.size());
      write.abort();
      write.abort();
      assertEquals(before, segmentFolders(db.store(), "t"));
      assertEquals(10, t.snapshot().rowCount());
      assertThrows(StorageException.class, write::commit);
      // only sequence reservations reached the manifest, no segment
      assertEquals(committedBefore, segmentIds(db, "t"));
      assertTrue(db.manifest().version() >= version);
    }
  }

  @Test
  void aStagedWriteNeverCommittedLeavesTheTableUnchangedAfterACrash() {
    StoreOptions small = StoreOptions.builder().stagedSegmentBytes(64 << 10).build();
    Set<String> committed;
    StoreDatabase crashed = open(small);
    crashed.createTable(items("t"), false);
    Table t = crashed.table("t").orElseThrow();
    t.append(itemsRows(0, 10));
    committed = segmentIds(crashed, "t");
    StagedWrite write = crashed.beginWrite();
    for (int i = 0; i < 5; i++) {
      write.write(t, itemsRows(i * 1000, 1000));
    }
    // the process dies: no commit, no abort (the database is not even closed)
    try (StoreDatabase db = open(small)) {
      Table reopened = db.table("t").orElseThrow();
      assertEquals(10, reopened.snapshot().rowCount());
      assertEquals(committed, segmentIds(db, "t"));
      assertEquals(10, readAll(reopened.snapshot()).size());
      assertTrue(segmentFolders(db.store(), "t").size() > committed.size(), "garbage only");
      reopened.append(itemsRows(0, 1));
      assertEquals(11, reopened.snapshot().rowCount());
    }
  }

  @Test
  void aDroppedTableFailsTheCommitAndNothingStays() {
    try (StoreDatabase db = open()) {
      db.createTable(items("a"), false);
      db.createTable(items("b"), false);
      Table a = db.table("a").orElseThrow();
      Table b = db.table("b").orElseThrow();
      StagedWrite write = db.beginWrite();
      write.write(a, itemsRows(0, 3));
      write.write(b, itemsRows(0, 3));
      db.dropTable("b");
      StorageException e = assertThrows(StorageException.class, write::commit);
      assertEquals("relation \"b\" does not exist", e.getMessage());
      assertEquals(0, a.snapshot().rowCount());
      assertEquals(Set.of(), segmentFolders(db.store(), "a"));
    }
  }

  @Test
  void notNullIsCheckedWhenStaging() {
    TableSchema schema = new TableSchema("n",
        List.of(new ColumnSpec("x", ColumnType.INT4, "int4", 0, true, false, null)), List.of());
    try (StoreDatabase db = open()) {
      db.createTable(schema, false);
      Table n = db.table("n").orElseThrow();
      try (StagedWrite write = db.beginWrite()) {
        assertThrows(StorageException.class,
            () -> write.write(n, List.<Object[]>of(new Object[] {null})));
      }
    }
  }

  @Test
  void largeStagedSegmentsGetTheirGraphsBeforeTheCommit() {
    StoreOptions options = StoreOptions.builder().minIndexedSegmentRows(500).build();
    IndexDefinition index = IndexDefinition.of("t_idx", "embedding", DistanceMetric.L2);
    try (StoreDatabase db = open(options)) {
      db.createTable(items("t"), false);
      Table t = db.table("t").orElseThrow();
      t.createIndex(index);
      try (StagedWrite write = db.beginWrite()) {
        write.write(t, itemsRows(0, 600));
        write.commit();
      }
      // a large append takes the same path
      List<Object[]> stored = t.append(itemsRows(600, 700));
      assertEquals(601L, stored.get(0)[0]);
      t.append(itemsRows(0, 3));
      List<SegmentRef> segments = db.manifest().table("t").segments();
      assertEquals(3, segments.size());
      assertTrue(segments.get(0).hasIndex("t_idx"));
      assertTrue(segments.get(1).hasIndex("t_idx"));
      assertTrue(segments.get(2).indexes().isEmpty());
      NearestRows found = t.snapshot().vectorSearch(index, new float[] {650, 651, 652}, 1, 40, null);
      assertEquals(650, found.rowNumbers()[0]);
    }
  }
}
