package io.s3vector.storage.table;

/**
 * A run of consecutive rows in column form, as decoded from one chunk of each requested column.
 * Vector columns come as one flat {@code float[]} (row-major, {@code rowCount * dim}) so that the
 * distance kernels run over primitive arrays without per-row objects.
 */
public interface RowBatch {

  int rowCount();

  /** The number of the batch's first row in its snapshot (0-based, commit order). */
  long firstRowNumber();

  /**
   * Whether the row was deleted (by DELETE, UPDATE or an upsert): scans hand out batches of
   * consecutive row numbers, deleted rows included, and every reader skips these.
   */
  default boolean isDeleted(int row) {
    return false;
  }

  /** Whether the value at (column, row) is NULL. */
  boolean isNull(int column, int row);

  /** The value at (column, row) as its Java class ({@link ColumnType}), or null. */
  Object value(int column, int row);

  /**
   * The vectors of a {@link ColumnType#VECTOR} column, row-major; row {@code r} starts at
   * {@code r * dim}. Rows that are NULL hold zeros. The array may be longer than needed and must
   * not be modified.
   */
  float[] vectors(int column);

  /** The dimension of a vector column in this batch. */
  int dimension(int column);
}
