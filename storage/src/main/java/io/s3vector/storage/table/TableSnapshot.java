package io.s3vector.storage.table;

import java.util.Iterator;
import java.util.List;
import java.util.function.LongPredicate;

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

  /** The table's HNSW indexes at this snapshot. */
  default List<IndexDefinition> indexes() {
    return List.of();
  }

  /**
   * The {@code k} rows nearest to {@code query} by the index's distance, as {@code ORDER BY column
   * <op> query LIMIT k} returns them through pgvector's index: row numbers (as {@link
   * RowBatch#firstRowNumber()} + row) and the operator's exact distances, nearest first, ties by
   * row number. Segments with the index's graph are searched approximately with beam width
   * {@code max(efSearch, k)} ({@code hnsw.ef_search}), the others exactly. Rows with a NULL vector
   * are never returned.
   *
   * @param accept a filter over row numbers (e.g. the WHERE clause), or null; only accepted rows
   *     are returned, and k of them whenever k rows are accepted
   * @throws StorageException when the index is not one of {@link #indexes()}, or the query's
   *     dimension differs from the stored vectors' ("different vector dimensions 3 and 4")
   */
  default NearestRows vectorSearch(
      IndexDefinition index, float[] query, int k, int efSearch, LongPredicate accept) {
    throw new UnsupportedOperationException("vector search");
  }

  /**
   * The row number of the live row whose {@code columns} (a unique key of the table) hold {@code
   * key}, or -1 (also for a key with a NULL, unless {@code uniqueKey}'s NULLs are not distinct):
   * what {@code INSERT ... ON CONFLICT} and the unique checks of a statement look up.
   */
  default long findKey(TableSchema.UniqueKey uniqueKey, Object[] key) {
    throw new UnsupportedOperationException("findKey");
  }

  /**
   * The values of the given rows (row numbers of this snapshot, any order, repeats allowed): one
   * {@code Object[]} per row number, in the given order, holding the values of {@code columns}
   * (schema positions) in the order of {@code columns}, as {@link RowBatch#value} returns them.
   */
  default Object[][] fetch(long[] rowNumbers, int[] columns) {
    throw new UnsupportedOperationException("fetch");
  }
}
