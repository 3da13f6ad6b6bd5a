package io.s3vector.storage.engine;

import static io.s3vector.storage.table.Fixtures.allTypes;
import static io.s3vector.storage.table.Fixtures.allTypesRow;
import static io.s3vector.storage.table.Fixtures.assertRowsEqual;
import static io.s3vector.storage.table.Fixtures.items;
import static io.s3vector.storage.table.Fixtures.itemsRows;
import static io.s3vector.storage.table.Fixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.layout.Layout;
import io.s3vector.storage.objectstore.LocalObjectStore;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.ColumnType;
import io.s3vector.storage.table.Fixtures;
import io.s3vector.storage.table.RowBatch;
import io.s3vector.storage.table.StoreOptions;
import io.s3vector.storage.table.Table;
import io.s3vector.storage.table.TableExistsException;
import io.s3vector.storage.table.TableSchema;
import io.s3vector.storage.table.TableSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreDatabaseTest {

  @TempDir Path root;

  private StoreDatabase open() {
    return StoreDatabase.open(new LocalObjectStore(root));
  }

  @Test
  void createListAndDropTables() {
    try (StoreDatabase db = open()) {
      assertTrue(db.createTable(items("items"), false));
      assertFalse(db.createTable(items("items"), true));
      assertThrows(TableExistsException.class, () -> db.createTable(items("items"), false));
      assertTrue(db.createTable(items("b"), false));
      assertEquals(List.of("b", "items"), db.tableNames());
      assertTrue(db.dropTable("b"));
      assertFalse(db.dropTable("b"));
      assertEquals(List.of("items"), db.tableNames());
      assertTrue(db.table("b").isEmpty());
      assertEquals(items("items"), db.table("items").orElseThrow().schema());
    }
  }

  @Test
  void schemasPersistThroughDeltasAndCheckpointsAndADropTakesItsTablesInOneCommit() {
    try (StoreDatabase db = open()) {
      assertTrue(db.createSchema("app"));
      assertFalse(db.createSchema("app"));
      assertTrue(db.createSchema("zeta"));
      assertTrue(db.createTable(items("app.a"), false));
      assertTrue(db.createTable(items("app.b"), false));
      assertTrue(db.createTable(items("keep"), false));
    }
    try (StoreDatabase db = open()) {
      assertEquals(List.of("app", "zeta"), db.schemaNames());
      assertTrue(db.dropSchema("nosuch", name -> true).isEmpty());
      assertEquals(java.util.Optional.of(List.of("app.a", "app.b")),
          db.dropSchema("app", name -> name.startsWith("app.")));
      assertEquals(List.of("keep"), db.tableNames());
      // many more versions: a checkpoint (written whole) keeps the set too
      for (int i = 0; i < 40; i++) {
        db.createTable(items("t" + i), false);
      }
    }
    try (StoreDatabase db = open()) {
      assertEquals(List.of("zeta"), db.schemaNames());
      assertEquals(41, db.tableNames().size());
    }
  }

  @Test
  void appendThenReadBackEveryTypeAndNull() {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      rows.add(allTypesRow(i));
    }
    try (StoreDatabase db = open()) {
      db.createTable(allTypes("t"), false);
      Table table = db.table("t").orElseThrow();
      table.append(rows.subList(0, 20));
      table.append(rows.subList(20, 50));
      assertRowsEqual(rows, readAll(table.snapshot()));
      assertEquals(50, table.snapshot().rowCount());
    }
  }

  @Test
  void restartReadsTheSameRows() {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      rows.add(allTypesRow(i));
    }
    try (StoreDatabase db = open()) {
      db.createTable(allTypes("t"), false);
      db.table("t").orElseThrow().append(rows);
    }
    try (StoreDatabase db = open()) {
      assertEquals(List.of("t"), db.tableNames());
      assertRowsEqual(rows, readAll(db.table("t").orElseThrow().snapshot()));
    }
  }

  @Test
  void serialColumnsTakeTheNextSequenceValueButExplicitValuesDoNotAdvanceIt() {
    try (StoreDatabase db = open()) {
      db.createTable(items("items"), false);
      Table table = db.table("items").orElseThrow();
      List<Object[]> stored = table.append(itemsRows(0, 3));
      assertEquals(List.of(1L, 2L, 3L), stored.stream().map(r -> r[0]).toList());
      table.append(List.<Object[]>of(new Object[] {100L, "x", new float[] {1, 2, 3}}));
      List<Object[]> next = table.append(itemsRows(0, 1));
      assertEquals(4L, next.get(0)[0]);
    }
    try (StoreDatabase db = open()) {
      assertEquals(5L, db.table("items").orElseThrow().append(itemsRows(0, 1)).get(0)[0]);
    }
  }

  @Test
  void snapshotsAreNotAffectedByLaterAppends() {
    try (StoreDatabase db = open()) {
      db.createTable(items("items"), false);
      Table table = db.table("items").orElseThrow();
      table.append(itemsRows(0, 5));
      TableSnapshot before = table.snapshot();
      table.append(itemsRows(5, 5));
      assertEquals(5, readAll(before).size());
      assertEquals(10, readAll(table.snapshot()).size());
    }
  }

  @Test
  void scanDecodesOnlyRequestedColumnsInChunkSizedBatches() {
    StoreOptions options = StoreOptions.builder().targetChunkBytes(12 * 4)
        .build(); // 4 rows of vector(3)
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root), options)) {
      db.createTable(items("items"), false);
      Table table = db.table("items").orElseThrow();
      table.append(itemsRows(0, 10));
      table.append(itemsRows(10, 3));
      List<Integer> sizes = new ArrayList<>();
      List<Long> firsts = new ArrayList<>();
      for (var it = table.snapshot().scan(new int[] {2}); it.hasNext(); ) {
        RowBatch batch = it.next();
        sizes.add(batch.rowCount());
        firsts.add(batch.firstRowNumber());
        assertEquals(3, batch.dimension(2));
        assertEquals(batch.firstRowNumber(), (long) batch.vectors(2)[0]);
        assertThrows(IllegalArgumentException.class, () -> batch.value(1, 0));
      }
      assertEquals(List.of(4, 4, 2, 3), sizes);
      assertEquals(List.of(0L, 4L, 8L, 10L), firsts);
    }
  }

  @Test
  void nullVectorsReadAsNullWithZerosInTheBlock() {
    try (StoreDatabase db = open()) {
      db.createTable(items("items"), false);
      Table table = db.table("items").orElseThrow();
      table.append(List.of(new Object[] {null, null, null}, new Object[] {null, "a", new float[] {1, 2, 3}}));
      RowBatch batch = table.snapshot().scan(new int[] {1, 2}).next();
      assertTrue(batch.isNull(2, 0));
      assertNull(batch.value(2, 0));
      assertNull(batch.value(1, 0));
      assertArrayEquals(new float[] {0, 0, 0, 1, 2, 3}, Arrays.copyOf(batch.vectors(2), 6));
    }
  }

  @Test
  void unconstrainedVectorColumnsMayMixDimensions() {
    TableSchema schema =
        new TableSchema("v", List.of(new ColumnSpec("e", ColumnType.VECTOR, "vector", 0, false, false, null)), List.of());
    List<Object[]> rows =
        List.of(new Object[] {new float[] {1, 2}}, new Object[] {null}, new Object[] {new float[] {3, 4}},
            new Object[] {new float[] {5, 6, 7}});
    try (StoreDatabase db = open()) {
      db.createTable(schema, false);
      Table table = db.table("v").orElseThrow();
      table.append(rows);
      assertRowsEqual(rows, readAll(table.snapshot()));
      assertEquals(2, db.manifest().table("v").segments().size());
    }
  }

  @Test
  void rejectsNullInNotNullColumnAndWrongDimension() {
    TableSchema schema =
        new TableSchema("n", List.of(new ColumnSpec("x", ColumnType.INT4, "integer", 0, true, false, null),
            Fixtures.vector("e", 2)), List.of());
    try (StoreDatabase db = open()) {
      db.createTable(schema, false);
      Table table = db.table("n").orElseThrow();
      StorageException e = assertThrows(StorageException.class,
          () -> table.append(List.<Object[]>of(new Object[] {null, null})));
      assertEquals("null value in column \"x\" of relation \"n\" violates not-null constraint", e.getMessage());
      assertThrows(StorageException.class,
          () -> table.append(List.<Object[]>of(new Object[] {1, new float[] {1, 2, 3}})));
      assertEquals(0, table.snapshot().rowCount());
    }
  }

  @Test
  void oldHandleFailsAfterDropAndCreate() {
    try (StoreDatabase db = open()) {
      db.createTable(items("items"), false);
      Table old = db.table("items").orElseThrow();
      db.dropTable("items");
      db.createTable(items("items"), false);
      assertThrows(StorageException.class, () -> old.append(itemsRows(0, 1)));
      assertThrows(StorageException.class, old::snapshot);
      assertEquals(0, db.table("items").orElseThrow().snapshot().rowCount());
    }
  }

  @Test
  void unsafeTableAndColumnNamesAreEscaped() {
    TableSchema schema =
        new TableSchema("../Weird/_name.", List.of(Fixtures.column("a/b.null", ColumnType.INT4),
            Fixtures.column("a/b", ColumnType.INT4)), List.of());
    try (StoreDatabase db = open()) {
      db.createTable(schema, false);
      Table table = db.table("../Weird/_name.").orElseThrow();
      table.append(List.<Object[]>of(new Object[] {1, null}, new Object[] {null, 2}));
      assertRowsEqual(List.of(new Object[] {1, null}, new Object[] {null, 2}), readAll(table.snapshot()));
      String dir = db.manifest().table("../Weird/_name.").directory();
      assertEquals("%2E%2E%2F%57eird%2F_name%2E", dir);
    }
    assertEquals("%5Fmanifest", Layout.tableDirectory("_manifest"));
  }

  @Test
  void oldManifestsArePrunedKeepingTheNewest() {
    // every version whole and no pack inline in one (ManifestDeltaTest covers those rules)
    StoreOptions options = StoreOptions.builder().keepManifests(3)
        .manifestRetention(java.time.Duration.ZERO).deleteGrace(java.time.Duration.ZERO)
        .checkpointInterval(1).packSmallSegments(false).build();
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root), options)) {
      db.createTable(items("items"), false);
      for (int i = 0; i < 8; i++) {
        db.table("items").orElseThrow().append(itemsRows(i, 1));
      }
      db.pruneManifests();
      List<String> manifests = db.store().list(Layout.MANIFEST_PREFIX);
      assertEquals(List.of(Layout.manifestKey(7), Layout.manifestKey(8), Layout.manifestKey(9)), manifests);
    }
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root), options)) {
      assertEquals(8, db.table("items").orElseThrow().snapshot().rowCount());
    }
  }

  @Test
  void anIndexDeclaredIvfflatStaysSoAfterAReopen() {
    try (StoreDatabase db = open()) {
      db.createTable(items("items"), false);
      db.table("items").orElseThrow().createIndex(new io.s3vector.storage.table.IndexDefinition("ivf",
          "embedding", io.s3vector.storage.vector.DistanceMetric.L2, 16, 64, List.of("lists=100"),
          io.s3vector.storage.table.IndexDefinition.IVFFLAT), false);
    }
    try (StoreDatabase db = open()) {
      io.s3vector.storage.table.IndexDefinition index = db.manifest().table("items").indexes().get(0);
      assertTrue(index.ivfflat());
      assertEquals(List.of("lists=100"), index.options());
    }
  }
}
