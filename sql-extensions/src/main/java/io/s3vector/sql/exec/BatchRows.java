package io.s3vector.sql.exec;

import io.s3vector.storage.table.RowBatch;

/** Turns one row of a column batch into a full-width {@code Object[]} (undecoded columns null). */
final class BatchRows {
  private BatchRows() {}

  static Object[] row(RowBatch batch, int r, int[] columns, int width) {
    Object[] row = new Object[width];
    for (int c : columns) {
      row[c] = batch.isNull(c, r) ? null : batch.value(c, r);
    }
    return row;
  }
}
