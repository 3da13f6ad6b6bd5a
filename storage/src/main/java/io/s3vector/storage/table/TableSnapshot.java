package io.s3vector.storage.table;

import java.util.Iterator;

/**
 * The committed rows of a table at one manifest version. Rows are ordered by commit (segment
 * order) and position within the segment; {@link RowBatch#firstRowNumber()} numbers them in that
 * order, which breaks ties deterministically.
 */
public interface TableSnapshot {

  TableSchema schema();

  long rowCount();

  /**
   * Streams the rows in order, in batches of at most one chunk each, decoding only the given
   * columns (positions in the schema); other columns of the batch are absent.
   */
  Iterator<RowBatch> scan(int[] columns);
}
