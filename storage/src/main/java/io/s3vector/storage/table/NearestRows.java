package io.s3vector.storage.table;

/**
 * The result of a {@link TableSnapshot#vectorSearch}: row numbers of the snapshot (as {@link
 * RowBatch#firstRowNumber()} + row) with their distances as pgvector's operator returns them,
 * nearest first, ties by row number.
 */
public record NearestRows(long[] rowNumbers, double[] distances) {

  public int size() {
    return rowNumbers.length;
  }
}
