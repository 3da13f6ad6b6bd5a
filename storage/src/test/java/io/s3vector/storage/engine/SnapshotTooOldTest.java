package io.s3vector.storage.engine;

import static io.s3vector.storage.table.Fixtures.items;
import static io.s3vector.storage.table.Fixtures.itemsRows;
import static io.s3vector.storage.table.Fixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.objectstore.LocalObjectStore;
import io.s3vector.storage.table.ReadView;
import io.s3vector.storage.table.SnapshotTooOldException;
import io.s3vector.storage.table.StoreOptions;
import io.s3vector.storage.table.Table;
import io.s3vector.storage.table.TableSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read view pins one manifest version; past the delete grace (less its margin) it reads on only
 * while the newest manifest still lists what it reads, and otherwise fails with "snapshot too
 * old" instead of meeting deleted segments.
 */
class SnapshotTooOldTest {

  @TempDir Path root;

  private static final Duration GRACE = Duration.ofMillis(300);
  private static final StoreOptions OPTIONS = StoreOptions.builder().compaction(false)
      .compactionThreshold(2).smallSegmentRows(100).deleteGrace(GRACE).build();

  private static void sleepPast(Duration duration) throws InterruptedException {
    Thread.sleep(duration.toMillis() + 50);
  }

  @Test
  void aViewWhoseSegmentsWereMergedAwayFailsAfterTheGrace() throws Exception {
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root), OPTIONS)) {
      db.createTable(items("t"), false);
      Table table = db.table("t").orElseThrow();
      for (int i = 0; i < 4; i++) {
        table.append(itemsRows(i, 1));
      }
      ReadView view = db.readView();
      TableSnapshot pinned = view.snapshot("t").orElseThrow();
      assertTrue(db.compact("t") > 0, "the small segments were merged");
      sleepPast(GRACE); // the replaced segments are deleted now

      SnapshotTooOldException e = assertThrows(SnapshotTooOldException.class, () -> readAll(pinned));
      assertTrue(e.getMessage().startsWith("snapshot too old"), e.getMessage());
      assertTrue(e.detail().contains("manifest version " + view.version()), e.detail());
      assertEquals(4, readAll(db.readView().snapshot("t").orElseThrow()).size(), "a new view reads");
    }
  }

  @Test
  void aViewOfAnUntouchedTableOutlivesTheGrace() throws Exception {
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root), OPTIONS)) {
      db.createTable(items("t"), false);
      db.table("t").orElseThrow().append(itemsRows(0, 3));
      ReadView view = db.readView();
      db.table("t").orElseThrow().append(itemsRows(3, 2)); // appends keep the view's segments
      sleepPast(GRACE);
      assertEquals(3, readAll(view.snapshot("t").orElseThrow()).size());
    }
  }

  @Test
  void aViewReadsOneVersionWhileAnotherServerCommits() {
    StoreOptions fastRefresh = OPTIONS.toBuilder().refreshInterval(Duration.ZERO)
        .deleteGrace(Duration.ofMinutes(5)).build();
    try (StoreDatabase a = StoreDatabase.open(new LocalObjectStore(root), fastRefresh);
        StoreDatabase b = StoreDatabase.open(new LocalObjectStore(root), fastRefresh)) {
      a.createTable(items("t"), false);
      a.table("t").orElseThrow().append(itemsRows(0, 2));
      ReadView statement = a.readView();
      long before = statement.snapshot("t").orElseThrow().rowCount();
      b.table("t").orElseThrow().append(itemsRows(2, 5));
      // the same statement reads the table again (a self-join, a subquery): the same version
      assertEquals(before, readAll(statement.snapshot("t").orElseThrow()).size());
      assertEquals(before, statement.snapshot("t").orElseThrow().rowCount());
      assertEquals(before + 5, a.readView().snapshot("t").orElseThrow().rowCount(), "the next statement sees it");
    }
  }
}
