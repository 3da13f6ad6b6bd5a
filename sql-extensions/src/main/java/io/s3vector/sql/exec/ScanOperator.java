package io.s3vector.sql.exec;

import io.s3vector.storage.table.RowBatch;
import io.s3vector.storage.table.TableSnapshot;
import java.util.Iterator;
import java.util.List;

/** {@link io.s3vector.sql.plan.StoreScan}: committed rows batch by batch, then pending rows. */
final class ScanOperator implements Operator {
  private final String table;
  private final int[] columns;
  private final int width;

  ScanOperator(String table, int[] columns, int width) {
    this.table = table;
    this.columns = columns;
    this.width = width;
  }

  @Override
  public RowSource open(ExecContext ctx) {
    TableSnapshot snapshot = ctx.snapshot(table);
    Iterator<RowBatch> batches = snapshot.scan(columns);
    List<Object[]> pending = ctx.pendingRows(table);
    return new RowSource() {
      RowBatch batch;
      int next;
      int pendingNext;

      @Override
      public Object[] next() {
        while (batch == null || next >= batch.rowCount()) {
          if (!batches.hasNext()) {
            return pendingNext < pending.size() ? pending.get(pendingNext++).clone() : null;
          }
          batch = batches.next();
          next = 0;
        }
        return BatchRows.row(batch, next++, columns, width);
      }
    };
  }
}
