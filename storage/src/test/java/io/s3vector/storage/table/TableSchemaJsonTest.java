package io.s3vector.storage.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.s3vector.storage.layout.CatalogJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableSchemaJsonTest {

  private static final List<ColumnSpec> COLUMNS = List.of(
      new ColumnSpec("id", ColumnType.INT8, "bigint", 0, true, true, null),
      new ColumnSpec("price", ColumnType.INT4, "integer", 0, false, false, null),
      new ColumnSpec("owner", ColumnType.INT8, "bigint", 0, false, false, null));

  @Test
  void constraintsRoundTrip() {
    TableSchema schema = new TableSchema("items", COLUMNS, List.of("id"), List.of(
        TableConstraint.primaryKey("items_pkey", List.of("id")),
        TableConstraint.unique("items_price_owner_key", List.of("price", "owner")),
        TableConstraint.check("items_price_check", List.of("price"), "price > 0"),
        TableConstraint.foreignKey("items_owner_fkey", List.of("owner"), "owners", List.of("id"),
            TableConstraint.Action.CASCADE, null, false)));
    byte[] json = CatalogJson.write(schema);
    TableSchema back = CatalogJson.read(json, TableSchema.class, "schema");
    assertEquals(schema, back);
    assertEquals(TableConstraint.Action.NO_ACTION, back.constraints().get(3).onUpdate());
    assertEquals(List.of("id"), back.primaryKey());
  }

  @Test
  void nullsNotDistinctRoundTripsAndIsWrittenOnlyWhereSet() {
    TableSchema schema = new TableSchema("items", COLUMNS, List.of("id"), List.of(
        TableConstraint.primaryKey("items_pkey", List.of("id")),
        TableConstraint.unique("items_price_key", List.of("price"), true),
        TableConstraint.unique("items_owner_key", List.of("owner"))))
        .withSecondaryIndex("items_po_idx", new SecondaryIndex("items_po_idx", "btree",
            List.of("price", "owner"), null, true, null, true));
    byte[] json = CatalogJson.write(schema);
    TableSchema back = CatalogJson.read(json, TableSchema.class, "schema");
    assertEquals(schema, back);
    assertEquals(List.of(false, true, false, true),
        back.uniqueKeys().stream().map(TableSchema.UniqueKey::nullsNotDistinct).toList());
    String text = new String(json, StandardCharsets.UTF_8);
    assertEquals(2, text.split("nulls_not_distinct", -1).length - 1, text);
  }

  @Test
  void schemasWrittenBeforeConstraintsReadWithNone() {
    String old = "{\"name\": \"items\", \"columns\": [{\"name\": \"id\", \"type\": \"INT8\","
        + " \"sql_type\": \"bigint\", \"dimension\": 0, \"not_null\": true, \"serial\": true,"
        + " \"default_sql\": null}], \"primary_key\": [\"id\"]}";
    TableSchema schema = CatalogJson.read(old.getBytes(StandardCharsets.UTF_8), TableSchema.class,
        "schema");
    assertEquals(List.of(), schema.constraints());
    assertEquals(List.of("id"), schema.primaryKey());
    assertEquals(1, schema.columns().size());
  }

  @Test
  void identityColumnsRoundTripAndOtherColumnsWriteNoIdentityFields() {
    TableSchema schema = new TableSchema("ev", List.of(
        ColumnSpec.identity("id", ColumnType.INT8, "bigint", ColumnSpec.Identity.ALWAYS, 100),
        new ColumnSpec("body", ColumnType.TEXT, "text", 0, false, false, null)), List.of(), List.of());
    byte[] json = CatalogJson.write(schema);
    TableSchema back = CatalogJson.read(json, TableSchema.class, "schema");
    assertEquals(schema, back);
    assertEquals(ColumnSpec.Identity.ALWAYS, back.columns().get(0).identity());
    assertEquals(100, back.columns().get(0).sequenceStart());
    assertEquals(1, back.columns().get(1).sequenceStart());
    String text = new String(json, StandardCharsets.UTF_8);
    // "identity" and "identity_start", of the identity column only
    assertEquals(2, text.split("\"identity", -1).length - 1, text);
  }

  @Test
  void sequenceOptionsRoundTripAndDefaultOnesWriteNoField() {
    SerialOptions options = new SerialOptions(0, -2, -5, 0, true, 5);
    TableSchema schema = new TableSchema("ev", List.of(
        ColumnSpec.identity("id", ColumnType.INT4, "integer", ColumnSpec.Identity.ALWAYS, options),
        ColumnSpec.identity("n", ColumnType.INT8, "bigint", ColumnSpec.Identity.BY_DEFAULT,
            SerialOptions.defaults(ColumnType.INT8, 7)),
        new ColumnSpec("s", ColumnType.INT4, "integer", 0, true, true, null)), List.of(),
        List.of());
    byte[] json = CatalogJson.write(schema);
    TableSchema back = CatalogJson.read(json, TableSchema.class, "schema");
    assertEquals(schema, back);
    assertEquals(options, back.columns().get(0).serialOptions());
    assertEquals(SerialOptions.defaults(ColumnType.INT8, 7), back.columns().get(1).serialOptions());
    assertEquals(SerialOptions.defaults(ColumnType.INT4, 1), back.columns().get(2).serialOptions());
    String text = new String(json, StandardCharsets.UTF_8);
    // the options only of the column that has its own: START 7 alone stays identity_start
    assertEquals(1, text.split("\"sequence\"", -1).length - 1, text);
    assertEquals(1, text.split("\"identity_start\"", -1).length - 1, text);
  }

  @Test
  void primaryKeyFollowsTheConstraint() {
    TableSchema schema = new TableSchema("items", COLUMNS, null,
        List.of(TableConstraint.primaryKey("items_pkey", List.of("id", "price"))));
    assertEquals(List.of("id", "price"), schema.primaryKey());
  }
}
