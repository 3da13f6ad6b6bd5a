package io.s3vector.sql.exec;

import io.s3vector.storage.table.RowBatch;
import io.s3vector.storage.table.TableSnapshot;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The live rows of a snapshot that a condition accepts, with their row numbers: what UPDATE and
 * DELETE act on. Rows are read whole (every column), since UPDATE writes them back.
 */
public final class MatchingRows {

  /** The rows found: {@code numbers[i]} is the row number of {@code rows.get(i)}. */
  public record Found(long[] numbers, List<Object[]> rows) {}

  private MatchingRows() {}

  /**
   * The row holding {@code key} (a unique key's values) when {@code condition} is true for it: a
   * lookup in the key's index instead of a scan.
   */
  public static Found findByKey(TableSnapshot snapshot, io.s3vector.storage.table.TableSchema.UniqueKey key,
      Object[] values, Expr condition, ExecContext ctx) {
    // key = NULL is never true, though a key whose NULLs are not distinct holds a row with NULL
    long number = io.s3vector.storage.keys.KeyIndex.hasNull(values) ? -1
        : snapshot.findKey(key, values);
    if (number < 0) {
      return new Found(new long[0], List.of());
    }
    Object[] row = snapshot.fetch(new long[] {number}, snapshot.schema().allColumns())[0];
    if (condition != null && !RexCompiler.isTrue(condition, row, ctx)) {
      return new Found(new long[0], List.of());
    }
    List<Object[]> rows = new ArrayList<>();
    rows.add(row);
    return new Found(new long[] {number}, rows);
  }

  /** The rows where {@code condition} (null: every row) is true. */
  public static Found find(TableSnapshot snapshot, Expr condition, ExecContext ctx) {
    int[] columns = snapshot.schema().allColumns();
    int width = columns.length;
    long[] numbers = new long[16];
    List<Object[]> rows = new ArrayList<>();
    Iterator<RowBatch> batches = snapshot.scan(columns);
    while (batches.hasNext()) {
      RowBatch batch = batches.next();
      for (int r = 0; r < batch.rowCount(); r++) {
        if (batch.isDeleted(r)) {
          continue;
        }
        Object[] row = BatchRows.row(batch, r, columns, width);
        if (condition == null || RexCompiler.isTrue(condition, row, ctx)) {
          if (rows.size() == numbers.length) {
            numbers = java.util.Arrays.copyOf(numbers, numbers.length * 2);
          }
          numbers[rows.size()] = batch.firstRowNumber() + r;
          rows.add(row);
        }
      }
    }
    return new Found(java.util.Arrays.copyOf(numbers, rows.size()), rows);
  }
}
