package io.s3vector.sql.exec;

import io.s3vector.storage.table.RowBatch;
import io.s3vector.storage.table.TableSnapshot;
import java.util.Iterator;

/**
 * {@link io.s3vector.sql.plan.StoreScan}: the snapshot's rows batch by batch (in a transaction
 * block the snapshot has the block's own rows and deletions), deleted rows skipped.
 */
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
    return new RowSource() {
      RowBatch batch;
      int next;

      @Override
      public Object[] next() {
        while (true) {
          while (batch == null || next >= batch.rowCount()) {
            if (!batches.hasNext()) {
              return null;
            }
            batch = batches.next();
            next = 0;
          }
          int r = next++;
          if (!batch.isDeleted(r)) {
            return BatchRows.row(batch, r, columns, width);
          }
        }
      }
    };
  }
}
