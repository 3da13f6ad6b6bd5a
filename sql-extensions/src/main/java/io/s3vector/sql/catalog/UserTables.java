package io.s3vector.sql.catalog;

import io.s3vector.sql.bind.PgRelTypes;
import io.s3vector.sql.bind.TypeNames;
import io.s3vector.sql.types.PgType;
import io.s3vector.sql.types.TypeDescription;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.Database;
import io.s3vector.storage.table.IndexDefinition;
import io.s3vector.storage.table.Table;
import io.s3vector.storage.table.TableConstraint;
import io.s3vector.storage.table.TableSchema;
import io.s3vector.storage.index.hnsw.HnswParams;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;

/**
 * The user relations of a database as the catalogs show them, read from the same tables the
 * engine runs on: each table with its columns, its indexes (HNSW, and the btree index PostgreSQL
 * makes for each PRIMARY KEY and UNIQUE constraint, which our storage enforces with its key
 * lookup), its constraints and its serial columns' sequences, each in its table's schema.
 */
public final class UserTables {
  /** A column: its 1-based attnum, its type and typmod. */
  public record Column(ColumnSpec spec, int attnum, TypeDescription type, int typmod) {}

  /**
   * An index: HNSW (am hnsw, one vector column and its opclass, m/ef_construction) or the btree
   * of a constraint.
   */
  public record Index(long oid, String name, long am, List<Column> columns, List<Long> opclasses,
      List<String> opclassNames, boolean unique, boolean primary, TableConstraint constraint,
      IndexDefinition hnsw, List<Integer> sortOptions, boolean nullsNotDistinct) {

    /** {@code sortOptions} null: every key ascending, NULLS LAST (indoption 0). */
    public Index {
      sortOptions = sortOptions == null ? java.util.Collections.nCopies(columns.size(), 0) : sortOptions;
    }

    /**
     * reloptions: the WITH options as written ("m=32"); for an index kept before they were, the
     * HNSW parameters that differ from pgvector's defaults.
     */
    public List<String> options() {
      if (hnsw != null && hnsw.options() != null) {
        return hnsw.options();
      }
      List<String> out = new ArrayList<>();
      if (hnsw != null) {
        if (hnsw.m() != HnswParams.DEFAULT_M) {
          out.add("m=" + hnsw.m());
        }
        if (hnsw.efConstruction() != HnswParams.DEFAULT_EF_CONSTRUCTION) {
          out.add("ef_construction=" + hnsw.efConstruction());
        }
      }
      return out;
    }
  }

  /** A user table. */
  public record UserTable(Table table, long oid, TableSchema schema, List<Column> columns,
      List<Index> indexes, long rowCount) {

    /** relname: the table's own name (storage keeps other schemas' tables under a longer one). */
    public String name() {
      return SchemaNames.tableOf(schema.name());
    }

    /** The schema the table lives in. */
    public String schemaName() {
      return SchemaNames.schemaOf(schema.name());
    }

    /** relnamespace. */
    public long namespace() {
      return Oids.namespace(schemaName());
    }

    /** The name regclass prints and pg_get_indexdef uses: qualified unless {@code visible}. */
    public String qualifiedName(boolean visible) {
      return visible ? Identifiers.quote(name())
          : Identifiers.quote(schemaName()) + "." + Identifiers.quote(name());
    }

    public Column column(String name) {
      for (Column c : columns) {
        if (c.spec().name().equals(name)) {
          return c;
        }
      }
      return null;
    }

    /** The index backing a PRIMARY KEY or UNIQUE constraint, or null. */
    public Index indexOf(TableConstraint constraint) {
      for (Index i : indexes) {
        if (i.constraint() != null && i.constraint().name().equals(constraint.name())) {
          return i;
        }
      }
      return null;
    }

    /** The serial columns, whose sequences are relations too ({@code items_id_seq}). */
    public List<Column> serialColumns() {
      List<Column> out = new ArrayList<>();
      for (Column c : columns) {
        if (c.spec().serial()) {
          out.add(c);
        }
      }
      return out;
    }

    /** PostgreSQL's name of a serial column's sequence. */
    public String sequenceName(Column c) {
      return name() + "_" + c.spec().name() + "_seq";
    }

    /**
     * The column's DEFAULT as pg_get_expr prints it, or null: a string constant carries its
     * column's type as PostgreSQL's deparser shows it ({@code 'x'::text}); other expressions
     * are shown as written.
     */
    public String defaultExpression(Column c) {
      if (c.spec().identity() != null) {
        return null; // an identity column has no default (pg_attrdef), its sequence is internal
      }
      if (c.spec().serial()) {
        String schema = schemaName().equals(SchemaNames.PUBLIC) ? ""
            : Identifiers.quote(schemaName()).replace("'", "''") + ".";
        return "nextval('" + schema + sequenceName(c) + "'::regclass)";
      }
      String sql = c.spec().defaultSql();
      if (sql != null && sql.matches("'([^']|'')*'")) {
        return sql + "::" + c.type().displayName();
      }
      return sql;
    }
  }

  private UserTables() {}

  /** The database's tables in name order. */
  public static List<UserTable> of(Database database) {
    List<UserTable> out = new ArrayList<>();
    List<String> names = new ArrayList<>(database.tableNames());
    names.sort(null);
    for (String name : names) {
      database.table(name).ifPresent(t -> out.add(describe(t)));
    }
    return out;
  }

  /** One table's description. */
  public static UserTable describe(Table table) {
    var snapshot = table.snapshot();
    TableSchema schema = snapshot.schema();
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < schema.columns().size(); i++) {
      ColumnSpec spec = schema.columns().get(i);
      RelDataType type = TypeNames.columnType(spec);
      PgType pg = PgRelTypes.pg(type);
      columns.add(new Column(spec, i + 1, pg.description(), PgRelTypes.typmod(type)));
    }
    List<Index> indexes = new ArrayList<>();
    for (TableSchema.UniqueKey key : schema.uniqueKeys()) {
      if (schema.secondaryIndex(key.name()) != null) {
        continue; // a UNIQUE index, listed with the other secondary indexes below
      }
      TableConstraint c = schema.constraint(key.name());
      boolean primary = c == null || c.kind() == TableConstraint.Kind.PRIMARY_KEY;
      if (c == null) {
        c = TableConstraint.primaryKey(key.name(), key.columns());
      }
      List<Column> cols = new ArrayList<>();
      List<Long> opclasses = new ArrayList<>();
      List<String> opclassNames = new ArrayList<>();
      for (String col : key.columns()) {
        Column column = columns.get(schema.indexOf(col));
        cols.add(column);
        OpClasses.OpClass opclass = OpClasses.btreeDefault(column.type().oid());
        opclasses.add(opclass == null ? 0L : opclass.oid());
        opclassNames.add(opclass == null ? null : opclass.name());
      }
      indexes.add(new Index(Oids.index(table, key.name()), key.name(), Oids.BTREE, cols,
          opclasses, opclassNames, true, primary, c, null, null, key.nullsNotDistinct()));
    }
    for (IndexDefinition d : snapshot.indexes()) {
      Column column = columns.get(schema.indexOf(d.column()));
      long am = d.ivfflat() ? Oids.IVFFLAT : Oids.HNSW;
      OpClasses.OpClass opclass = OpClasses.byName(am, d.metric().opclass());
      indexes.add(new Index(Oids.index(table, d.name()), d.name(), am, List.of(column),
          List.of(opclass.oid()), List.of(opclass.name()), false, false, null, d, null, false));
    }
    for (io.s3vector.storage.table.SecondaryIndex d : schema.secondaryIndexes()) {
      long am = accessMethod(d.method());
      List<Column> cols = new ArrayList<>();
      List<Long> opclasses = new ArrayList<>();
      List<String> opclassNames = new ArrayList<>();
      for (int k = 0; k < d.columns().size(); k++) {
        Column column = columns.get(schema.indexOf(d.columns().get(k)));
        cols.add(column);
        String written = d.opclasses().get(k);
        OpClasses.OpClass opclass = written != null ? OpClasses.byName(am, written)
            : OpClasses.defaultFor(am, column.type().oid());
        opclasses.add(opclass == null ? 0L : opclass.oid());
        opclassNames.add(opclass == null ? written : opclass.name());
      }
      indexes.add(new Index(Oids.index(table, d.name()), d.name(), am, cols, opclasses,
          opclassNames, d.unique(), false, null, null, d.sortOptions(), d.nullsNotDistinct()));
    }
    return new UserTable(table, Oids.table(table), schema, List.copyOf(columns),
        List.copyOf(indexes), snapshot.rowCount());
  }

  /** The pg_am OID of an access method a secondary index names (btree when none). */
  static long accessMethod(String method) {
    AccessMethods.AccessMethod m = AccessMethods.named(method);
    return m == null ? Oids.BTREE : m.oid();
  }

  /** The name of an access method by its pg_am OID. */
  public static String accessMethodName(long am) {
    AccessMethods.AccessMethod m = AccessMethods.byOid(am);
    return m == null ? "btree" : m.name();
  }
}
