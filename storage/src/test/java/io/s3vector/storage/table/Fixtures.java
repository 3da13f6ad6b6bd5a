package io.s3vector.storage.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Schemas and rows the table tests share. */
public final class Fixtures {

  private Fixtures() {}

  public static ColumnSpec column(String name, ColumnType type) {
    return new ColumnSpec(name, type, type.name().toLowerCase(), 0, false, false, null);
  }

  public static ColumnSpec serial(String name, ColumnType type) {
    return new ColumnSpec(name, type, "bigserial", 0, true, true, null);
  }

  public static ColumnSpec vector(String name, int dimension) {
    return new ColumnSpec(name, ColumnType.VECTOR, "vector(" + dimension + ")", dimension, false,
        false, null);
  }

  /** items (id bigserial, category text, embedding vector(3)). */
  public static TableSchema items(String name) {
    return new TableSchema(
        name,
        List.of(serial("id", ColumnType.INT8), column("category", ColumnType.TEXT), vector("embedding", 3)),
        List.of("id"));
  }

  /** One column of every type (all nullable). */
  public static TableSchema allTypes(String name) {
    return new TableSchema(
        name,
        List.of(
            column("b", ColumnType.BOOL),
            column("i2", ColumnType.INT2),
            column("i4", ColumnType.INT4),
            column("i8", ColumnType.INT8),
            column("f4", ColumnType.FLOAT4),
            column("f8", ColumnType.FLOAT8),
            column("t", ColumnType.TEXT),
            column("ts", ColumnType.TIMESTAMP),
            column("tstz", ColumnType.TIMESTAMPTZ),
            vector("v", 2)),
        List.of());
  }

  /** Row {@code i} of {@link #allTypes}; every 3rd row has NULLs in some columns. */
  public static Object[] allTypesRow(int i) {
    boolean nulls = i % 3 == 2;
    return new Object[] {
      nulls ? null : i % 2 == 0,
      (short) (i - 5),
      nulls ? null : i * 1000,
      (long) i * 10_000_000_000L,
      nulls ? null : i * 0.25f,
      i * -1.5,
      nulls ? null : "text " + i + " ✓",
      LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000).plusDays(i),
      nulls ? null : Instant.parse("1969-12-31T23:59:59.999999Z").plusSeconds(i),
      nulls ? null : new float[] {i, -i / 2f}
    };
  }

  public static List<Object[]> itemsRows(int from, int count) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      rows.add(new Object[] {null, "c" + (i % 5), new float[] {i, i + 1, i + 2}});
    }
    return rows;
  }

  /** Every row of the snapshot, all columns, as values. */
  public static List<Object[]> readAll(TableSnapshot snapshot) {
    int n = snapshot.schema().columns().size();
    int[] columns = new int[n];
    for (int i = 0; i < n; i++) {
      columns[i] = i;
    }
    List<Object[]> rows = new ArrayList<>();
    long expected = 0;
    for (var it = snapshot.scan(columns); it.hasNext(); ) {
      RowBatch batch = it.next();
      if (batch.firstRowNumber() != expected) {
        throw new AssertionError("row number " + batch.firstRowNumber() + ", expected " + expected);
      }
      for (int r = 0; r < batch.rowCount(); r++) {
        Object[] row = new Object[n];
        for (int c = 0; c < n; c++) {
          row[c] = batch.value(c, r);
        }
        rows.add(row);
      }
      expected += batch.rowCount();
    }
    return rows;
  }

  /** The rows, value for value (arrays by content). */
  public static void assertRowsEqual(List<Object[]> expected, List<Object[]> actual) {
    assertEquals(expected.size(), actual.size(), "row count");
    for (int i = 0; i < expected.size(); i++) {
      assertTrue(Arrays.deepEquals(expected.get(i), actual.get(i)),
          "row " + i + ": expected " + Arrays.deepToString(expected.get(i)) + " but was "
              + Arrays.deepToString(actual.get(i)));
    }
  }
}
