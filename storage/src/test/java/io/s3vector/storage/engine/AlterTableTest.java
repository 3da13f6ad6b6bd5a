package io.s3vector.storage.engine;

import static io.s3vector.storage.table.Fixtures.column;
import static io.s3vector.storage.table.Fixtures.items;
import static io.s3vector.storage.table.Fixtures.itemsRows;
import static io.s3vector.storage.table.Fixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.s3vector.storage.objectstore.LocalObjectStore;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.ColumnType;
import io.s3vector.storage.table.Table;
import io.s3vector.storage.table.TableSchema;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema changes without a rewrite: added columns read their missing value from old segments. */
class AlterTableTest {

  @TempDir Path root;

  private StoreDatabase open() {
    return StoreDatabase.open(new LocalObjectStore(root));
  }

  private static TableSchema withColumn(TableSchema s, ColumnSpec added) {
    List<ColumnSpec> columns = new ArrayList<>(s.columns());
    columns.add(added);
    return new TableSchema(s.name(), columns, s.primaryKey(), s.constraints());
  }

  private static TableSchema without(TableSchema s, String name) {
    List<ColumnSpec> columns = new ArrayList<>(s.columns());
    columns.removeIf(c -> c.name().equals(name));
    return new TableSchema(s.name(), columns, s.primaryKey(), s.constraints());
  }

  @Test
  void addedColumnsReadTheirMissingValueFromOlderSegments() {
    try (StoreDatabase db = open()) {
      db.createTable(items("t"), false);
      Table table = db.table("t").orElseThrow();
      table.append(itemsRows(0, 3));
      db.alterTable("t", s -> withColumn(s, column("score", ColumnType.INT4).added(7)));
      db.alterTable("t", s -> withColumn(s, column("note", ColumnType.TEXT).added(null)));
      assertEquals(List.of("id", "category", "embedding", "score", "note"),
          table.schema().columns().stream().map(ColumnSpec::name).toList());
      table.append(List.<Object[]>of(new Object[] {null, "new", new float[] {9, 9, 9}, 1, "x"}));
      List<Object[]> rows = readAll(table.snapshot());
      assertEquals(4, rows.size());
      for (int i = 0; i < 3; i++) {
        assertEquals(7, rows.get(i)[3]);
        assertNull(rows.get(i)[4]);
      }
      assertEquals(1, rows.get(3)[3]);
      assertEquals("x", rows.get(3)[4]);
      // fetch by row number takes the same path as a scan
      Object[][] fetched = table.snapshot().fetch(new long[] {0, 3}, new int[] {3, 4});
      assertEquals(7, fetched[0][0]);
      assertEquals(1, fetched[1][0]);
      // merged segments keep the values
      db.vacuum("t");
      rows = readAll(db.table("t").orElseThrow().snapshot());
      assertEquals(7, rows.get(0)[3]);
      assertEquals(1, rows.get(3)[3]);
    }
    try (StoreDatabase db = open()) {
      List<Object[]> rows = readAll(db.table("t").orElseThrow().snapshot());
      assertEquals(7, rows.get(1)[3]);
      assertEquals("x", rows.get(3)[4]);
    }
  }

  @Test
  void aDroppedColumnIsHiddenAndAddingItsNameAgainDoesNotBringItsValuesBack() {
    try (StoreDatabase db = open()) {
      db.createTable(items("t"), false);
      Table table = db.table("t").orElseThrow();
      table.append(itemsRows(0, 2));
      db.alterTable("t", s -> without(s, "category"));
      List<Object[]> rows = readAll(table.snapshot());
      assertEquals(2, rows.get(0).length);
      assertArrayEquals(new float[] {1, 2, 3}, (float[]) rows.get(1)[1]);
      table.append(List.<Object[]>of(new Object[] {null, new float[] {5, 5, 5}}));
      db.alterTable("t", s -> withColumn(s, column("category", ColumnType.TEXT).added("none")));
      rows = readAll(table.snapshot());
      assertEquals(3, rows.size());
      for (Object[] row : rows) {
        assertEquals("none", row[2], "the dropped column's values stay hidden");
      }
    }
  }

  @Test
  void missingValuesOfEveryScalarTypeRoundTrip() {
    Object[] values = {true, (short) -3, 12, 1L << 40, 1.5f, -0.1, "é ✓",
        new java.math.BigDecimal("-12.50"), new byte[] {0, (byte) 0xff},
        LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000), Instant.parse("1969-12-31T23:59:59.999999Z"),
        java.time.LocalDate.of(1969, 12, 31), new float[] {1.25f, -2}};
    ColumnType[] types = ColumnType.values();
    for (int i = 0; i < types.length; i++) {
      ColumnSpec spec = new ColumnSpec("c", types[i], "x", types[i] == ColumnType.VECTOR ? 2 : 0,
          false, false, null).added(values[i]);
      Object back = spec.missingValue();
      if (back instanceof float[] v) {
        assertArrayEquals((float[]) values[i], v);
      } else if (back instanceof byte[] v) {
        assertArrayEquals((byte[]) values[i], v);
      } else {
        assertEquals(values[i], back, types[i].name());
      }
    }
  }

  @Test
  void noChangeCommitsNothingAndAMissingTableThrows() {
    try (StoreDatabase db = open()) {
      db.createTable(items("t"), false);
      long before = db.manifest().version();
      TableSchema same = db.alterTable("t", s -> s);
      assertSame(db.table("t").orElseThrow().schema(), same);
      assertEquals(before, db.manifest().version());
      assertThrows(NoSuchElementException.class, () -> db.alterTable("nope", s -> s));
    }
  }
}
