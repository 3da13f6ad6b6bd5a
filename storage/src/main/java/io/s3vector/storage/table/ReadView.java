package io.s3vector.storage.table;

import io.s3vector.storage.io.ReadStats;
import java.util.Optional;

/**
 * What one statement reads: every table as of one manifest version, fixed when the view opens (so
 * a statement that reads two tables, or one table twice, sees one state of the store), and the
 * count of what its reads cost, for {@code EXPLAIN (ANALYZE)}.
 */
public interface ReadView {

  /** The table's committed rows at this view's version; empty when it has no such table. */
  Optional<TableSnapshot> snapshot(String table);

  /** The manifest version the view reads. */
  long version();

  /** What this view's reads have cost so far. */
  ReadStats stats();
}
