package io.s3vector.storage.engine;

import static io.s3vector.storage.engine.DeleteTest.idsExcept;
import static io.s3vector.storage.engine.DeleteTest.liveIds;
import static io.s3vector.storage.engine.DeleteTest.rowsWithIds;
import static io.s3vector.storage.table.Fixtures.items;
import static io.s3vector.storage.table.Fixtures.itemsRows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.s3vector.storage.objectstore.LocalObjectStore;
import io.s3vector.storage.table.StagedWrite;
import io.s3vector.storage.table.StoreOptions;
import io.s3vector.storage.table.Table;
import io.s3vector.storage.table.TableSnapshot;
import io.s3vector.storage.table.WriteConflictException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent writes deleting rows of one segment commit together: the group's leader writes the
 * segment's deletion set once, and a row two writes of one group delete fails the later one.
 */
class GroupDeletionsTest {

  @TempDir Path root;

  private StoreDatabase open() {
    return StoreDatabase.open(new LocalObjectStore(root),
        StoreOptions.builder().compaction(false).build());
  }

  /** Table "t" with ids 1 to {@code rows}, in one segment. */
  private static Table tableOf(StoreDatabase db, int rows) {
    db.createTable(items("t"), false);
    Table table = db.table("t").orElseThrow();
    table.append(itemsRows(0, rows));
    return table;
  }

  @Test
  void concurrentDeletionsOfOneSegmentAllLandAndARowDeletedTwiceConflictsOnce() throws Exception {
    try (StoreDatabase db = open()) {
      tableOf(db, 160);
      for (int round = 0; round < 10; round++) {
        int writers = 32;
        long first = 1 + 16L * round;
        CyclicBarrier together = new CyclicBarrier(writers);
        AtomicInteger conflicts = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
          List<Future<?>> done = new ArrayList<>();
          for (int i = 0; i < writers; i++) {
            long id = first + i % 16; // each row of the round deleted by two writes
            done.add(pool.submit(() -> {
              StagedWrite write = db.beginWrite();
              TableSnapshot snapshot = db.readView().snapshot("t").orElseThrow();
              write.delete(snapshot, rowsWithIds(snapshot, id));
              together.await();
              try {
                write.commit();
              } catch (WriteConflictException e) {
                conflicts.incrementAndGet();
              }
              return null;
            }));
          }
          for (Future<?> f : done) {
            f.get();
          }
        }
        assertEquals(16, conflicts.get(), "round " + round);
        long[] gone = new long[16 * (round + 1)];
        for (int g = 0; g < gone.length; g++) {
          gone[g] = g + 1;
        }
        assertEquals(idsExcept(160, gone), liveIds(db.readView().snapshot("t").orElseThrow()),
            "round " + round);
      }
    }
  }

  @Test
  void concurrentUpdatesOfOneSegmentKeepOneRowPerKey() throws Exception {
    try (StoreDatabase db = open()) {
      Table table = tableOf(db, 64);
      int writers = 48;
      CyclicBarrier together = new CyclicBarrier(writers);
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
          long id = 1 + i;
          done.add(pool.submit(() -> {
            StagedWrite write = db.beginWrite();
            TableSnapshot snapshot = db.readView().snapshot("t").orElseThrow();
            write.delete(snapshot, rowsWithIds(snapshot, id));
            write.write(table, List.<Object[]>of(new Object[] {id, "new", new float[] {id, 0, 0}}));
            together.await();
            write.commit();
            return null;
          }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      }
      List<Long> ids = liveIds(db.readView().snapshot("t").orElseThrow());
      assertEquals(64, ids.size());
      assertEquals(idsExcept(64), ids.stream().sorted().toList());
    }
  }
}
