package io.s3vector.storage.segment;

import io.s3vector.storage.table.RowBatch;

/** A {@link RowBatch} over one decoded chunk of each requested column. */
public final class ChunkRowBatch implements RowBatch {

  private final long firstRowNumber;
  private final int rowCount;
  private final ColumnData[] columns;
  /** Deleted rows of the batch, or null when none is. */
  private final boolean[] deleted;

  public ChunkRowBatch(long firstRowNumber, int rowCount, ColumnData[] columns) {
    this(firstRowNumber, rowCount, columns, null);
  }

  public ChunkRowBatch(long firstRowNumber, int rowCount, ColumnData[] columns, boolean[] deleted) {
    this.firstRowNumber = firstRowNumber;
    this.rowCount = rowCount;
    this.columns = columns;
    this.deleted = deleted;
  }

  @Override
  public boolean isDeleted(int row) {
    return deleted != null && deleted[row];
  }

  @Override
  public int rowCount() {
    return rowCount;
  }

  @Override
  public long firstRowNumber() {
    return firstRowNumber;
  }

  @Override
  public boolean isNull(int column, int row) {
    return column(column).isNull(row);
  }

  @Override
  public Object value(int column, int row) {
    return column(column).value(row);
  }

  @Override
  public float[] vectors(int column) {
    return column(column).vectors();
  }

  @Override
  public int dimension(int column) {
    return column(column).dimension();
  }

  /** The decoded chunk of a requested column. */
  ColumnData column(int column) {
    ColumnData data = columns[column];
    if (data == null) {
      throw new IllegalArgumentException("column " + column + " was not requested by the scan");
    }
    return data;
  }
}
