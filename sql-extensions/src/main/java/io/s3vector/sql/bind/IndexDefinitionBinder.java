package io.s3vector.sql.bind;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.parser.SqlPgCreateIndex;
import io.s3vector.storage.index.hnsw.HnswParams;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.ColumnType;
import io.s3vector.storage.table.IndexDefinition;
import io.s3vector.storage.table.Table;
import io.s3vector.storage.vector.DistanceMetric;
import java.math.BigDecimal;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;

/**
 * CREATE INDEX ... USING hnsw (column opclass) WITH (m, ef_construction) → storage's
 * IndexDefinition, with pgvector's checks and messages; the default name is PostgreSQL's
 * {@code <table>_<column>_idx} (with a number when taken).
 */
public final class IndexDefinitionBinder {
  /** pgvector's HNSW_MAX_DIM for vector. */
  static final int HNSW_MAX_DIM = 2000;

  /** pgvector's IVFFLAT_MIN_LISTS and IVFFLAT_MAX_LISTS. */
  static final int IVFFLAT_MIN_LISTS = 1;

  static final int IVFFLAT_MAX_LISTS = 32768;

  private final BindContext ctx;

  public IndexDefinitionBinder(BindContext ctx) {
    this.ctx = ctx;
  }

  /** The table name and the index definition. */
  public record Bound(String table, IndexDefinition index) {}

  public Bound bind(SqlPgCreateIndex create) {
    String method = create.method == null ? "btree" : create.method.getSimple();
    boolean ivfflat = method.equals(IndexDefinition.IVFFLAT);
    if (!method.equals("hnsw") && !ivfflat) {
      throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED,
          "index access method \"" + method + "\" is not supported yet", create.method);
    }
    Table table = new QueryBinder(ctx).table(create.table);
    String columnName = create.column.getSimple();
    int c = table.schema().indexOf(columnName);
    if (c < 0) {
      throw ctx.error(SqlState.UNDEFINED_COLUMN, "column \"" + columnName + "\" does not exist", create.column);
    }
    ColumnSpec column = table.schema().columns().get(c);
    // IVFFlat's vector_l2_ops is vector's default class; HNSW has none
    if (create.opclass == null && !(ivfflat && column.type() == ColumnType.VECTOR)) {
      // no position, as PostgreSQL's GetDefaultOpClass gives none
      throw new PgException(SqlState.UNDEFINED_OBJECT, "data type " + displayType(column)
          + " has no default operator class for access method \"" + method + "\"", null,
          "You must specify an operator class for the index or define a default operator class for the data type.",
          0, null);
    }
    DistanceMetric metric = create.opclass == null ? DistanceMetric.L2 : metric(create.opclass);
    String opclass = create.opclass == null ? "vector_l2_ops" : String.join(".", create.opclass.names);
    if (metric == null || ivfflat && metric == DistanceMetric.L1) {
      throw new PgException(SqlState.UNDEFINED_OBJECT,
          "operator class \"" + opclass + "\" does not exist for access method \"" + method + "\"");
    }
    if (column.type() != ColumnType.VECTOR) {
      throw new PgException(SqlState.DATATYPE_MISMATCH,
          "operator class \"" + opclass + "\" does not accept data type " + displayType(column));
    }
    if (column.dimension() <= 0) {
      throw new PgException(SqlState.DATA_EXCEPTION, "column does not have dimensions");
    }
    if (column.dimension() > HNSW_MAX_DIM) { // pgvector's IVFFLAT_MAX_DIM is the same
      throw new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED,
          "column cannot have more than " + HNSW_MAX_DIM + " dimensions for " + method + " index");
    }
    int m = HnswParams.DEFAULT_M;
    int efConstruction = HnswParams.DEFAULT_EF_CONSTRUCTION;
    java.util.List<String> options = new java.util.ArrayList<>(); // as pg_class.reloptions keeps them
    for (int i = 0; i + 1 < create.params.size(); i += 2) {
      String key = ((SqlIdentifier) create.params.get(i)).getSimple();
      SqlNode value = create.params.get(i + 1);
      boolean known = ivfflat == key.equals("lists"); // IVFFlat takes lists only, HNSW m and ef_construction
      switch (known ? key : "") {
        case "lists" -> {
          int lists = intOption(key, value, IVFFLAT_MIN_LISTS, IVFFLAT_MAX_LISTS);
          options.add("lists=" + lists);
        }
        case "m" -> {
          m = intOption(key, value, HnswParams.MIN_M, HnswParams.MAX_M);
          options.add("m=" + m);
        }
        case "ef_construction" -> {
          efConstruction = intOption(key, value,
              HnswParams.MIN_EF_CONSTRUCTION, HnswParams.MAX_EF_CONSTRUCTION);
          options.add("ef_construction=" + efConstruction);
        }
        // reloption errors carry no position in PostgreSQL
        default -> throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
            "unrecognized parameter \"" + key + "\"");
      }
    }
    if (efConstruction < 2 * m) {
      throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
          "ef_construction must be greater than or equal to 2 * m");
    }
    String name = create.name != null ? create.name.getSimple() : defaultName(table.name(), columnName);
    return new Bound(table.name(), new IndexDefinition(name, columnName, metric, m, efConstruction,
        options, ivfflat ? IndexDefinition.IVFFLAT : null));
  }

  private int intOption(String key, SqlNode value, int min, int max) {
    BigDecimal v = null;
    if (value instanceof SqlLiteral lit && lit.getValue() instanceof org.apache.calcite.util.NlsString text) {
      try { // a quoted value, as pg_dump writes reloptions: WITH (lists='100')
        v = new BigDecimal(text.getValue().trim());
      } catch (NumberFormatException e) {
        v = null;
      }
    } else if (value instanceof SqlLiteral lit) {
      v = lit.getValueAs(BigDecimal.class);
    }
    if (v == null || v.scale() > 0 && v.stripTrailingZeros().scale() > 0) {
      throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
          "invalid value for integer option \"" + key + "\": " + optionText(value));
    }
    if (v.compareTo(BigDecimal.valueOf(min)) < 0 || v.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
          "value " + v.toPlainString() + " out of bounds for option \"" + key + "\"",
          "Valid values are between \"" + min + "\" and \"" + max + "\".", null, 0, null);
    }
    return v.intValue();
  }

  /** The option's value as written, without SQL quotes ('x' prints as x, as in PostgreSQL). */
  private static String optionText(SqlNode value) {
    return value instanceof SqlLiteral lit && lit.getValue() instanceof org.apache.calcite.util.NlsString nls
        ? nls.getValue()
        : value.toString();
  }

  /** PostgreSQL's choice: table_column_idx, then table_column_idx1, 2, ... when taken. */
  private String defaultName(String table, String column) {
    String base = io.s3vector.sql.catalog.SchemaNames.tableOf(table) + "_" + column + "_idx";
    String name = base;
    for (int i = 1; taken(name); i++) {
      name = base + i;
    }
    return name;
  }

  private boolean taken(String name) {
    return ctx.database().tableOfIndex(name).isPresent() || ctx.database().table(name).isPresent();
  }

  /**
   * The metric of pgvector's operator class {@code opclass}, or null when there is no such class.
   * The classes live in schema public, with the extension: a name qualified by another schema
   * finds none, and one by a schema that does not exist is 3F000, as in PostgreSQL. Like
   * PostgreSQL's ResolveOpClass, its errors have no position in the statement.
   */
  private DistanceMetric metric(SqlIdentifier opclass) {
    if (opclass.names.size() > 3) {
      throw new PgException(SqlState.SYNTAX_ERROR, "improper qualified name (too many dotted names): "
          + String.join(".", opclass.names));
    }
    if (opclass.names.size() == 3 && !opclass.names.get(0).equals(ctx.session.databaseName())) {
      throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "cross-database references are not implemented: "
          + String.join(".", opclass.names));
    }
    if (opclass.names.size() > 1) {
      String schema = opclass.names.get(opclass.names.size() - 2);
      if (!io.s3vector.sql.session.SearchPath.exists(ctx.session.database(), schema)) {
        throw new PgException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist");
      }
      if (!schema.equals("public")) {
        return null;
      }
    }
    String name = opclass.names.get(opclass.names.size() - 1);
    for (DistanceMetric m : DistanceMetric.values()) {
      if (m.opclass().equals(name)) {
        return m;
      }
    }
    return null;
  }

  private static String displayType(ColumnSpec column) {
    return column.type() == ColumnType.VECTOR ? "vector" : column.sqlType();
  }
}
