package io.s3vector.storage.engine;

import io.s3vector.storage.io.ReadStats;
import io.s3vector.storage.manifest.TableEntry;
import io.s3vector.storage.segment.DeletionSet;
import io.s3vector.storage.segment.SegmentReader;
import io.s3vector.storage.table.WriteConflictException;
import java.util.List;

/**
 * Rows of a segment an older snapshot read, followed through the merges since to where they are
 * now ({@link TableEntry#locate}): each merge shifts them behind the rows merged before theirs,
 * and a merge that dropped deleted rows ({@link TableEntry.Moved#purged}) moves them down past
 * those.
 */
final class MovedRows {

  private final SegmentReader reader;
  private final String directory;
  private final ReadStats stats;

  MovedRows(SegmentReader reader, String directory, ReadStats stats) {
    this.reader = reader;
    this.directory = directory;
    this.stats = stats;
  }

  /**
   * The positions {@code rows} of the located segment's ancestor have in it. A row some merge
   * dropped was deleted by another commit: {@code strict} makes that a conflict (a write deleting
   * it again), else it is left out (TRUNCATE of rows already gone).
   */
  DeletionSet follow(TableEntry.Located at, DeletionSet rows, boolean strict) {
    DeletionSet now = rows;
    for (TableEntry.Moved hop : at.hops()) {
      if (hop.offset() != 0) {
        now = now.shifted(Math.toIntExact(hop.offset()));
      }
      if (hop.purged() != null) {
        DeletionSet purged =
            reader.deletions(directory, List.of(hop.into()), List.of(hop.purged()), stats).get(0);
        if (strict && now.intersects(purged)) {
          throw StoreStagedWrite.concurrentUpdate();
        }
        now = now.afterPurge(purged);
      }
    }
    return now;
  }
}
