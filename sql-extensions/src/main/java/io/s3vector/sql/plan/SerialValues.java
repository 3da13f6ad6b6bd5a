package io.s3vector.sql.plan;

import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.Table;
import io.s3vector.storage.table.TableSchema;
import java.util.List;

/**
 * nextval for rows about to be buffered in a transaction block: a NULL in a serial column takes
 * the next value of the column's sequence at once, as PostgreSQL's DEFAULT nextval(...) does, so
 * RETURNING and the block's own SELECTs show it. Sequences are not transactional: a ROLLBACK does
 * not give the values back.
 */
public final class SerialValues {
  private SerialValues() {}

  /** Fills the NULL serial values of {@code rows} in place (one reservation per column). */
  public static void fill(Table table, TableSchema schema, List<Object[]> rows) {
    fill(table, schema, rows, null, null);
  }

  /**
   * {@link #fill} of rows a block's write stages: numbered by the write (from 1 again after its
   * TRUNCATE ... RESTART IDENTITY of the table).
   */
  public static void fill(Table table, TableSchema schema, List<Object[]> rows,
      io.s3vector.storage.table.StagedWrite write) {
    fill(table, schema, rows, null, write);
  }

  /** {@link #fill} of the serial columns but those {@code kept} names (null: none). */
  static void fill(Table table, TableSchema schema, List<Object[]> rows, boolean[] kept,
      io.s3vector.storage.table.StagedWrite write) {
    List<ColumnSpec> columns = schema.columns();
    for (int c = 0; c < columns.size(); c++) {
      ColumnSpec spec = columns.get(c);
      if (!spec.serial() || kept != null && kept[c]) {
        continue;
      }
      int nulls = 0;
      for (Object[] row : rows) {
        if (row[c] == null) {
          nulls++;
        }
      }
      if (nulls == 0) {
        continue;
      }
      long[] values = write == null ? table.reserveSerials(spec.name(), nulls)
          : write.reserveSerials(table, spec.name(), nulls);
      int next = 0;
      for (Object[] row : rows) {
        if (row[c] == null) {
          row[c] = spec.sequenceValue(values[next++]);
        }
      }
    }
  }
}
