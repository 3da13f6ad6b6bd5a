package io.s3vector.storage.engine;

import static io.s3vector.storage.engine.DeleteTest.liveIds;
import static io.s3vector.storage.table.Fixtures.column;
import static io.s3vector.storage.table.Fixtures.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.s3vector.storage.objectstore.LocalObjectStore;
import io.s3vector.storage.table.ColumnType;
import io.s3vector.storage.table.StagedWrite;
import io.s3vector.storage.table.StoreOptions;
import io.s3vector.storage.table.Table;
import io.s3vector.storage.table.TableSchema;
import io.s3vector.storage.table.TableSnapshot;
import io.s3vector.storage.table.UniqueViolationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Primary keys: enforced by group commits and staged writes, against each other too. */
class UniqueKeyTest {

  @TempDir Path root;

  private static TableSchema keyed() {
    return new TableSchema("k", List.of(column("id", ColumnType.INT8), column("name", ColumnType.TEXT),
        vector("embedding", 2)), List.of("id"));
  }

  private static List<Object[]> rows(long... ids) {
    List<Object[]> rows = new ArrayList<>();
    for (long id : ids) {
      rows.add(new Object[] {id, "n" + id, new float[] {id, id}});
    }
    return rows;
  }

  @Test
  void aDuplicateAppendFailsAloneAndNamesTheKey() throws Exception {
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root), StoreOptions.defaults())) {
      db.createTable(keyed(), false);
      Table table = db.table("k").orElseThrow();
      table.append(rows(1, 2));
      UniqueViolationException e = assertThrows(UniqueViolationException.class, () -> table.append(rows(3, 2)));
      assertEquals("k_pkey", e.constraint());
      assertArrayEquals(new Object[] {2L}, e.key());
      assertThrows(UniqueViolationException.class, () -> table.append(rows(5, 5)));
      // many concurrent appends of one key: exactly one wins, the others fail
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        futures.add(pool.submit(() -> table.append(rows(7))));
      }
      int won = 0;
      for (Future<?> f : futures) {
        try {
          f.get();
          won++;
        } catch (java.util.concurrent.ExecutionException ex) {
          assertEquals(UniqueViolationException.class, ex.getCause().getClass());
        }
      }
      pool.shutdown();
      assertEquals(1, won);
      assertEquals(List.of(1L, 2L, 7L), liveIds(db.readView().snapshot("k").orElseThrow()));
    }
  }

  /**
   * Rows a statement checked against a snapshot are checked at the commit against what was
   * committed since only: a duplicate another writer committed meanwhile still fails it, and so
   * does a row staged without a check (it is checked against every segment).
   */
  @Test
  void aCommitChecksCheckedRowsAgainstWhatWasCommittedSince() throws Exception {
    StoreOptions options = StoreOptions.builder().compaction(false).compactionThreshold(2)
        .smallSegmentRows(10).build();
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root), options)) {
      db.createTable(keyed(), false);
      Table table = db.table("k").orElseThrow();
      table.append(rows(1));
      table.append(rows(2));
      // checked against a snapshot holding 1 and 2; 3 arrives from another writer meanwhile
      try (StagedWrite write = db.beginWrite()) {
        TableSnapshot checked = write.readViewWithoutBuffer().snapshot("k").orElseThrow();
        write.write(table, rows(3), checked);
        table.append(rows(3));
        assertThrows(UniqueViolationException.class, write::commit);
      }
      // a merge since the snapshot: its output holds rows checked already, and 4 is new
      try (StagedWrite write = db.beginWrite()) {
        TableSnapshot checked = write.readViewWithoutBuffer().snapshot("k").orElseThrow();
        write.write(table, rows(4), checked);
        assertEquals(1, db.compact("k"));
        write.commit();
      }
      // a row no statement checked is checked against every segment, 1's among them
      try (StagedWrite write = db.beginWrite()) {
        TableSnapshot checked = write.readViewWithoutBuffer().snapshot("k").orElseThrow();
        write.write(table, rows(5), checked);
        write.write(table, rows(1));
        assertThrows(UniqueViolationException.class, write::commit);
      }
      // and rows of one write against each other
      try (StagedWrite write = db.beginWrite()) {
        TableSnapshot checked = write.readViewWithoutBuffer().snapshot("k").orElseThrow();
        write.write(table, rows(6), checked);
        write.write(table, rows(6), checked);
        assertThrows(UniqueViolationException.class, write::commit);
      }
      assertEquals(List.of(1L, 2L, 3L, 4L), liveIds(db.readView().snapshot("k").orElseThrow()));
    }
  }

  @Test
  void aNumericKeyComparesByValueAndKeepsItsScaleAcrossAReopen() {
    TableSchema prices = new TableSchema("p",
        List.of(column("price", ColumnType.NUMERIC), column("name", ColumnType.TEXT)), List.of("price"));
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root), StoreOptions.defaults())) {
      db.createTable(prices, false);
      Table table = db.table("p").orElseThrow();
      List<Object[]> rows = new ArrayList<>();
      rows.add(new Object[] {new java.math.BigDecimal("1.50"), "a"});
      rows.add(new Object[] {new java.math.BigDecimal("-0.001"), "b"});
      table.append(rows);
      // 1.5000 is the key 1.50: numeric equality ignores the scale
      List<Object[]> again = new ArrayList<>();
      again.add(new Object[] {new java.math.BigDecimal("1.5000"), "c"});
      assertThrows(UniqueViolationException.class, () -> table.append(again));
    }
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root), StoreOptions.defaults())) {
      List<String> read = new ArrayList<>();
      for (var it = db.readView().snapshot("p").orElseThrow().scan(new int[] {0}); it.hasNext(); ) {
        io.s3vector.storage.table.RowBatch batch = it.next();
        for (int r = 0; r < batch.rowCount(); r++) {
          read.add(((java.math.BigDecimal) batch.value(0, r)).toString());
        }
      }
      assertEquals(List.of("1.50", "-0.001"), read);
    }
  }

  @Test
  void stagedWritesCheckAtTheCommitAndAnUpdateKeepsItsKey() {
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root), StoreOptions.defaults())) {
      db.createTable(keyed(), false);
      Table table = db.table("k").orElseThrow();
      table.append(rows(1, 2));
      StagedWrite first = db.beginWrite();
      StagedWrite second = db.beginWrite();
      first.write(table, rows(3));
      second.write(table, rows(3));
      first.commit();
      assertThrows(UniqueViolationException.class, second::commit);
      // an UPDATE deletes the old version and writes the new one with the same key
      try (StagedWrite update = db.beginWrite()) {
        TableSnapshot snapshot = update.readView().snapshot("k").orElseThrow();
        long row = snapshot.findKey(keyed().uniqueKeys().get(0), new Object[] {2L});
        assertEquals(1, row);
        update.delete(snapshot, new long[] {row});
        update.write(table, rows(2));
        update.commit();
      }
      assertEquals(List.of(1L, 3L, 2L), liveIds(db.readView().snapshot("k").orElseThrow()));
      TableSnapshot now = db.readView().snapshot("k").orElseThrow();
      assertEquals(-1, now.findKey(keyed().uniqueKeys().get(0), new Object[] {9L}));
      assertEquals(3, now.findKey(keyed().uniqueKeys().get(0), new Object[] {2L}));
    }
  }

  @Test
  void anUpdateReadBeforeAMergeKeepsItsKey() {
    StoreOptions options = StoreOptions.builder().compactionThreshold(2).smallSegmentRows(100)
        .build();
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root), options)) {
      db.createTable(keyed(), false);
      Table table = db.table("k").orElseThrow();
      for (long i = 0; i < 6; i++) {
        table.append(rows(i * 2 + 1, i * 2 + 2));
      }
      try (StagedWrite update = db.beginWrite()) {
        TableSnapshot snapshot = update.readView().snapshot("k").orElseThrow();
        long row = snapshot.findKey(keyed().uniqueKeys().get(0), new Object[] {2L});
        update.delete(snapshot, new long[] {row});
        update.write(table, rows(2));
        db.compact("k"); // the old version of key 2 moves into a merged segment
        update.commit(); // before the fix: 23505, the old version looked live
      }
      List<Long> ids = liveIds(db.readView().snapshot("k").orElseThrow());
      assertEquals(12, ids.size());
      assertEquals(2L, ids.get(ids.size() - 1));
    }
  }

  @Test
  void twoServersOnOneStoreNeverStoreAKeyTwice() throws Exception {
    StoreOptions options = StoreOptions.builder().refreshInterval(java.time.Duration.ofSeconds(5))
        .build();
    try (StoreDatabase one = StoreDatabase.open(new LocalObjectStore(root), options)) {
      one.createTable(keyed(), false);
      try (StoreDatabase two = StoreDatabase.open(new LocalObjectStore(root), options)) {
        Table first = one.table("k").orElseThrow();
        Table second = two.table("k").orElseThrow();
        int stored = 0;
        int refused = 0;
        for (long key = 1; key <= 20; key++) {
          long k = key;
          ExecutorService pool = Executors.newFixedThreadPool(2);
          Future<?> a = pool.submit(() -> first.append(rows(k)));
          Future<?> b = pool.submit(() -> second.append(rows(k)));
          for (Future<?> f : List.of(a, b)) {
            try {
              f.get();
              stored++;
            } catch (java.util.concurrent.ExecutionException e) {
              assertEquals(UniqueViolationException.class, e.getCause().getClass(), e.toString());
              refused++;
            }
          }
          pool.shutdown();
        }
        assertEquals(20, stored);
        assertEquals(20, refused);
        assertEquals(20, liveIds(two.readView().snapshot("k").orElseThrow()).size());
      }
    }
  }

  /**
   * Statements that check keys between two commits of the table see one segment list: they share
   * one look at it (each loaded it again), and a look of another list, or with a write's own
   * deletions, is made anew.
   */
  @Test
  void looksAtOneListShareTheirLiveKeys() throws Exception {
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root), StoreOptions.defaults())) {
      db.createTable(keyed(), false);
      Table table = db.table("k").orElseThrow();
      table.append(rows(1, 2));
      table.append(rows(3));
      var entry = db.manifest().table("k");
      TableSchema.UniqueKey key = entry.schema().uniqueKeys().get(0);
      var checks = db.keyChecks();
      var first = checks.live(entry.directory(), entry.schema(), entry.segments(), java.util.Map.of(), key, null);
      assertSame(first, checks.live(entry.directory(), entry.schema(), entry.segments(), java.util.Map.of(), key, null));
      var withDeletions = checks.live(entry.directory(), entry.schema(), entry.segments(),
          java.util.Map.of(entry.segments().get(0).id(), io.s3vector.storage.segment.DeletionSet.of(0)), key, null);
      assertNotSame(first, withDeletions);
      assertEquals(-1, withDeletions.find(key, new Object[] {1L}));
      assertEquals(0, first.find(key, new Object[] {1L}));
      table.append(rows(4));
      var grown = db.manifest().table("k");
      var after = checks.live(grown.directory(), grown.schema(), grown.segments(), java.util.Map.of(), key, null);
      assertNotSame(first, after);
      assertEquals(3, after.find(key, new Object[] {4L}));
    }
  }
}
