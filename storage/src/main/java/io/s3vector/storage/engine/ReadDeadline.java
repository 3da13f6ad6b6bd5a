package io.s3vector.storage.engine;

import io.s3vector.storage.manifest.ObservedManifest;
import io.s3vector.storage.manifest.SegmentRef;
import io.s3vector.storage.manifest.TableEntry;
import io.s3vector.storage.table.SnapshotTooOldException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Until when one table snapshot may read its segments. A segment leaves the catalog in some commit
 * after the snapshot's manifest was confirmed newest, and whoever commits that deletes it the
 * delete grace later — so a snapshot is safe for the grace after that confirmation, less a margin
 * (a fifth) for a read already in flight and clocks that run at slightly different rates.
 *
 * <p>Past that, the snapshot is not necessarily lost: when the newest manifest still lists every
 * segment and index graph it reads, nothing it reads has left the catalog, and its deadline moves
 * to the grace after that manifest's confirmation. Otherwise reads fail with {@link
 * SnapshotTooOldException} rather than meet half-deleted segments.
 */
final class ReadDeadline {

  private final StoreDatabase database;
  private final TableEntry entry;
  private final long version;
  private final long createdNanos = System.nanoTime();
  private volatile long validUntilNanos;

  ReadDeadline(StoreDatabase database, TableEntry entry, ObservedManifest pinned) {
    this.database = database;
    this.entry = entry;
    this.version = pinned.manifest().version();
    this.validUntilNanos = pinned.confirmedNanos() + safeNanos(database.options().deleteGrace());
  }

  /** Throws {@link SnapshotTooOldException} when the snapshot may have lost segments. */
  void check() {
    if (System.nanoTime() - validUntilNanos < 0) {
      return;
    }
    if (listsAll(database.log().observeIfStale()) && System.nanoTime() - validUntilNanos < 0) {
      return;
    }
    // A grace shorter than the refresh interval (tests): ask the store. When the newest manifest
    // lists everything right now, a read issued at once is as safe as a new snapshot's.
    if (listsAll(database.log().observe())) {
      return;
    }
    throw new SnapshotTooOldException("the snapshot of table \"" + entry.schema().name()
        + "\" at manifest version " + version + " is "
        + Duration.ofNanos(System.nanoTime() - createdNanos).toMillis()
        + " ms old and its segments changed since; replaced segments are deleted "
        + database.options().deleteGrace().toMillis() + " ms (the delete grace) after they"
        + " leave the catalog");
  }

  /**
   * Whether {@code newest} still lists every segment this snapshot reads, with every index graph
   * it had (CREATE INDEX may have added graphs since); if so the deadline moves after it.
   */
  private boolean listsAll(ObservedManifest newest) {
    TableEntry now = newest.manifest().table(entry.schema().name());
    if (now == null || !now.id().equals(entry.id())) {
      return false;
    }
    Map<String, SegmentRef> current = new HashMap<>();
    for (SegmentRef segment : now.segments()) {
      current.put(segment.id(), segment);
    }
    for (SegmentRef segment : entry.segments()) {
      SegmentRef listed = current.get(segment.id());
      if (listed == null || !listed.indexes().containsAll(segment.indexes())) {
        return false;
      }
    }
    long until = newest.confirmedNanos() + safeNanos(database.options().deleteGrace());
    if (until - validUntilNanos > 0) {
      validUntilNanos = until;
    }
    return true;
  }

  private static long safeNanos(Duration grace) {
    return grace.toNanos() / 5 * 4;
  }
}
