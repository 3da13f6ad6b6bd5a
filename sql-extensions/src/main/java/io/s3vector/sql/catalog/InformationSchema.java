package io.s3vector.sql.catalog;

import io.s3vector.sql.catalog.CatalogTables.CatalogTable;
import io.s3vector.sql.catalog.UserTables.Column;
import io.s3vector.sql.catalog.UserTables.UserTable;
import io.s3vector.sql.types.TypeDescription;
import io.s3vector.storage.table.TableConstraint;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL-standard views of schema information_schema that frameworks read (LangChain's column
 * check, LlamaIndex's schema check, SQLAlchemy's and Alembic's fallbacks): tables, columns,
 * schemata, table_constraints, key_column_usage and the empty views. Its domains
 * (sql_identifier, character_data, yes_or_no, cardinal_number) are carried as their base types.
 */
public final class InformationSchema {
  private InformationSchema() {}

  /** The view of that name, or null. */
  public static CatalogTable table(String name) {
    return switch (name) {
      case "tables" -> tables();
      case "columns" -> columns();
      case "schemata" -> schemata();
      case "views" -> new CatalogTable(name, Columns.of("table_catalog name, table_schema name,"
          + " table_name name, view_definition text, check_option text, is_updatable text,"
          + " is_insertable_into text, is_trigger_updatable text, is_trigger_deletable text,"
          + " is_trigger_insertable_into text").rowType(), session -> List.of());
      case "table_constraints" -> tableConstraints();
      case "key_column_usage" -> keyColumnUsage();
      case "sequences" -> sequences();
      default -> null;
    };
  }

  /**
   * The sequences (Hibernate reads this view at startup): those of CREATE SEQUENCE and those of
   * serial columns, with their bounds as text, as the standard has them.
   */
  private static CatalogTable sequences() {
    Columns c = Columns.of("sequence_catalog name, sequence_schema name, sequence_name name,"
        + " data_type text, numeric_precision integer, numeric_precision_radix integer,"
        + " numeric_scale integer, start_value text, minimum_value text, maximum_value text,"
        + " increment text, cycle_option text");
    return new CatalogTable("sequences", c.rowType(), session -> {
      List<Object[]> rows = new ArrayList<>();
      for (UserTable t : UserTables.of(session.database())) {
        for (Column col : t.serialColumns()) {
          if (col.spec().identity() != null) {
            continue; // an identity column's sequence is internal: PostgreSQL leaves it out
          }
          io.s3vector.storage.table.SerialOptions o = col.spec().serialOptions();
          rows.add(sequenceRow(c, session.databaseName(), t.schemaName(), t.sequenceName(col),
              col.type().displayName(), o.start(), o.min(), o.max(), o.increment(), o.cycle()));
        }
      }
      for (StandaloneSequences.Sequence s : StandaloneSequences.of(session.database())) {
        rows.add(sequenceRow(c, session.databaseName(), s.schemaName(), s.name(), s.spec().type(),
            s.spec().start(), s.spec().min(), s.spec().max(), s.spec().increment(),
            s.spec().cycle()));
      }
      return rows;
    });
  }

  private static Object[] sequenceRow(Columns c, String database, String schema, String name,
      String type, long start, long min, long max, long increment, boolean cycle) {
    int precision = SequenceType.of(type).bits();
    return c.row().set("sequence_catalog", database).set("sequence_schema", schema)
        .set("sequence_name", name).set("data_type", type).set("numeric_precision", precision)
        .set("numeric_precision_radix", 2).set("numeric_scale", 0)
        .set("start_value", Long.toString(start)).set("minimum_value", Long.toString(min))
        .set("maximum_value", Long.toString(max)).set("increment", Long.toString(increment))
        .set("cycle_option", cycle ? "YES" : "NO").values();
  }

  private static CatalogTable tables() {
    Columns c = Columns.of("table_catalog name, table_schema name, table_name name,"
        + " table_type text, self_referencing_column_name name, reference_generation text,"
        + " user_defined_type_catalog name, user_defined_type_schema name,"
        + " user_defined_type_name name, is_insertable_into text, is_typed text,"
        + " commit_action text");
    return new CatalogTable("tables", c.rowType(), session -> {
      List<Object[]> rows = new ArrayList<>();
      for (UserTable t : UserTables.of(session.database())) {
        rows.add(c.row().set("table_catalog", session.databaseName()).set("table_schema", t.schemaName())
            .set("table_name", t.name()).set("table_type", "BASE TABLE")
            .set("is_insertable_into", "YES").set("is_typed", "NO").values());
      }
      return rows;
    });
  }

  private static CatalogTable columns() {
    Columns c = Columns.of("table_catalog name, table_schema name, table_name name,"
        + " column_name name, ordinal_position integer, column_default text, is_nullable text,"
        + " data_type text, character_maximum_length integer, character_octet_length integer,"
        + " numeric_precision integer, numeric_precision_radix integer, numeric_scale integer,"
        + " datetime_precision integer, interval_type text, interval_precision integer,"
        + " character_set_catalog name, character_set_schema name, character_set_name name,"
        + " collation_catalog name, collation_schema name, collation_name name,"
        + " domain_catalog name, domain_schema name, domain_name name, udt_catalog name,"
        + " udt_schema name, udt_name name, scope_catalog name, scope_schema name,"
        + " scope_name name, maximum_cardinality integer, dtd_identifier name,"
        + " is_self_referencing text, is_identity text, identity_generation text,"
        + " identity_start text, identity_increment text, identity_maximum text,"
        + " identity_minimum text, identity_cycle text, is_generated text,"
        + " generation_expression text, is_updatable text");
    return new CatalogTable("columns", c.rowType(), session -> {
      List<Object[]> rows = new ArrayList<>();
      for (UserTable t : UserTables.of(session.database())) {
        for (Column col : t.columns()) {
          TypeDescription type = col.type();
          boolean notNull = col.spec().notNull() || t.schema().primaryKey().contains(col.spec().name());
          Columns.Row row = c.row().set("table_catalog", session.databaseName())
              .set("table_schema", t.schemaName()).set("table_name", t.name())
              .set("column_name", col.spec().name()).set("ordinal_position", col.attnum())
              .set("column_default", Relations.deparsed(t.defaultExpression(col), session))
              .set("is_nullable", notNull ? "NO" : "YES").set("data_type", dataType(type))
              .set("udt_catalog", session.databaseName())
              .set("udt_schema", type.namespace() == Oids.PUBLIC ? "public" : "pg_catalog")
              .set("udt_name", type.name()).set("dtd_identifier", String.valueOf(col.attnum()))
              .set("is_self_referencing", "NO").set("is_identity", "NO").set("identity_cycle", "NO")
              .set("is_generated", "NEVER").set("is_updatable", "YES");
          if (col.spec().identity() != null) {
            row.set("is_identity", "YES").set("identity_generation",
                    col.spec().identity() == io.s3vector.storage.table.ColumnSpec.Identity.ALWAYS
                        ? "ALWAYS" : "BY DEFAULT")
                .set("identity_start", Long.toString(col.spec().sequenceStart()))
                .set("identity_increment", Long.toString(col.spec().serialOptions().increment()))
                .set("identity_maximum", Long.toString(col.spec().sequenceMax()))
                .set("identity_minimum", Long.toString(col.spec().serialOptions().min()))
                .set("identity_cycle", col.spec().serialOptions().cycle() ? "YES" : "NO");
          }
          numericFacets(row, type, col.typmod());
          rows.add(row.values());
        }
      }
      return rows;
    });
  }

  /** data_type: the standard name of a built-in type, ARRAY, or USER-DEFINED (vector). */
  static String dataType(TypeDescription type) {
    if (type.isArray()) {
      return "ARRAY";
    }
    if (type.namespace() != Oids.PG_CATALOG) {
      return "USER-DEFINED";
    }
    return type.displayName();
  }

  private static void numericFacets(Columns.Row row, TypeDescription type, int typmod) {
    switch (type.name()) {
      case "int2", "int4", "int8" -> row.set("numeric_precision", type.typlen() * 8)
          .set("numeric_precision_radix", 2).set("numeric_scale", 0);
      case "float4" -> row.set("numeric_precision", 24).set("numeric_precision_radix", 2);
      case "float8" -> row.set("numeric_precision", 53).set("numeric_precision_radix", 2);
      case "numeric" -> {
        row.set("numeric_precision_radix", 10);
        if (typmod >= 4) {
          row.set("numeric_precision", io.s3vector.sql.bind.NumericRelType.precisionOf(typmod))
              .set("numeric_scale", io.s3vector.sql.bind.NumericRelType.scaleOf(typmod));
        }
      }
      case "timestamp", "timestamptz" -> row.set("datetime_precision", typmod < 0 ? 6 : typmod);
      case "date" -> row.set("datetime_precision", 0);
      case "varchar", "bpchar" -> row.set("character_maximum_length", typmod < 0 ? null : typmod - 4)
          .set("character_octet_length", typmod < 0 ? 1073741824 : (typmod - 4) * 4);
      case "text" -> row.set("character_octet_length", 1073741824);
      default -> { }
    }
  }

  private static CatalogTable schemata() {
    Columns c = Columns.of("catalog_name name, schema_name name, schema_owner name,"
        + " default_character_set_catalog name, default_character_set_schema name,"
        + " default_character_set_name name, sql_path text");
    return new CatalogTable("schemata", c.rowType(), session -> {
      List<Object[]> rows = new ArrayList<>();
      for (String[] s : new String[][] {{"pg_catalog", session.user()},
          {"pg_toast", session.user()}, {"public", "pg_database_owner"},
          {"information_schema", session.user()}}) {
        rows.add(c.row().set("catalog_name", session.databaseName()).set("schema_name", s[0])
            .set("schema_owner", s[1]).values());
      }
      for (String schema : session.database().schemaNames()) {
        rows.add(c.row().set("catalog_name", session.databaseName()).set("schema_name", schema)
            .set("schema_owner", session.user()).values());
      }
      return rows;
    });
  }

  private static CatalogTable tableConstraints() {
    Columns c = Columns.of("constraint_catalog name, constraint_schema name,"
        + " constraint_name name, table_catalog name, table_schema name, table_name name,"
        + " constraint_type text, is_deferrable text, initially_deferred text, enforced text,"
        + " nulls_distinct text");
    return new CatalogTable("table_constraints", c.rowType(), session -> {
      List<Object[]> rows = new ArrayList<>();
      for (UserTable t : UserTables.of(session.database())) {
        for (TableConstraint k : t.schema().constraints()) {
          rows.add(c.row().set("constraint_catalog", session.databaseName())
              .set("constraint_schema", t.schemaName()).set("constraint_name", k.name())
              .set("table_catalog", session.databaseName()).set("table_schema", t.schemaName())
              .set("table_name", t.name()).set("constraint_type", switch (k.kind()) {
                case PRIMARY_KEY -> "PRIMARY KEY";
                case UNIQUE -> "UNIQUE";
                case CHECK -> "CHECK";
                case FOREIGN_KEY -> "FOREIGN KEY";
              }).set("is_deferrable", "NO").set("initially_deferred", "NO").set("enforced", "YES")
              .set("nulls_distinct", k.kind() != TableConstraint.Kind.UNIQUE ? null
                  : k.nullsNotDistinct() ? "NO" : "YES").values());
        }
      }
      return rows;
    });
  }

  private static CatalogTable keyColumnUsage() {
    Columns c = Columns.of("constraint_catalog name, constraint_schema name,"
        + " constraint_name name, table_catalog name, table_schema name, table_name name,"
        + " column_name name, ordinal_position integer, position_in_unique_constraint integer");
    return new CatalogTable("key_column_usage", c.rowType(), session -> {
      List<Object[]> rows = new ArrayList<>();
      for (UserTable t : UserTables.of(session.database())) {
        for (TableConstraint k : t.schema().constraints()) {
          if (k.kind() == TableConstraint.Kind.CHECK) {
            continue;
          }
          for (int i = 0; i < k.columns().size(); i++) {
            rows.add(c.row().set("constraint_catalog", session.databaseName())
                .set("constraint_schema", t.schemaName()).set("constraint_name", k.name())
                .set("table_catalog", session.databaseName()).set("table_schema", t.schemaName())
                .set("table_name", t.name()).set("column_name", k.columns().get(i))
                .set("ordinal_position", i + 1)
                .set("position_in_unique_constraint",
                    k.kind() == TableConstraint.Kind.FOREIGN_KEY ? i + 1 : null).values());
          }
        }
      }
      return rows;
    });
  }
}
