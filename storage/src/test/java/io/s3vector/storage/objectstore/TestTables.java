package io.s3vector.storage.objectstore;

import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.ColumnType;
import io.s3vector.storage.table.RowBatch;
import io.s3vector.storage.table.TableSchema;
import io.s3vector.storage.table.TableSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The table the store-level tests write, through storage's public API only. */
final class TestTables {

  private TestTables() {}

  /** items (id bigserial, category text, embedding vector(3)). */
  static TableSchema items(String name) {
    return new TableSchema(
        name,
        List.of(
            new ColumnSpec("id", ColumnType.INT8, "bigserial", 0, true, true, null),
            new ColumnSpec("category", ColumnType.TEXT, "text", 0, false, false, null),
            new ColumnSpec("embedding", ColumnType.VECTOR, "vector(3)", 3, false, false, null)),
        List.of("id"));
  }

  /** Rows {@code from..from+count-1} of items, the id left to the sequence. */
  static List<Object[]> itemsRows(int from, int count) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      rows.add(new Object[] {null, "c" + (i % 5), new float[] {i, i + 1, (i * 7) % 11}});
    }
    return rows;
  }

  /** Every row of the snapshot, all columns. */
  static List<Object[]> readAll(TableSnapshot snapshot) {
    int n = snapshot.schema().columns().size();
    int[] columns = new int[n];
    Arrays.setAll(columns, i -> i);
    List<Object[]> rows = new ArrayList<>();
    for (var it = snapshot.scan(columns); it.hasNext(); ) {
      RowBatch batch = it.next();
      for (int r = 0; r < batch.rowCount(); r++) {
        Object[] row = new Object[n];
        for (int c = 0; c < n; c++) {
          row[c] = batch.value(c, r);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** Rows as text, for assertEquals with a readable difference. */
  static List<String> text(List<Object[]> rows) {
    return rows.stream().map(Arrays::deepToString).toList();
  }
}
