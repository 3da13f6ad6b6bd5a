package io.s3vector.sql.bind;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.functions.Casts;
import io.s3vector.sql.functions.Operators;
import io.s3vector.sql.parser.SqlPgColumn;
import io.s3vector.sql.parser.SqlPgConstraint;
import io.s3vector.sql.parser.SqlPgCreateTable;
import io.s3vector.sql.catalog.SchemaNames;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.ColumnType;
import io.s3vector.storage.table.SerialOptions;
import io.s3vector.storage.table.Table;
import io.s3vector.storage.table.TableConstraint;
import io.s3vector.storage.table.TableSchema;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * CREATE TABLE → storage's TableSchema: PostgreSQL type names to storage types (bigserial → INT8
 * serial, vector(n) → VECTOR of dimension n, varchar/text/jsonb/uuid → TEXT keeping the SQL type),
 * DEFAULT expressions checked now and kept as SQL text, and the constraints as PostgreSQL 15
 * declares them: PRIMARY KEY (its columns become NOT NULL), UNIQUE (one equal to an earlier key is
 * dropped, as PostgreSQL does), CHECK (bound now, kept as SQL text) and FOREIGN KEY (the
 * referenced table and key resolved now), each named as PostgreSQL names it.
 */
public final class TableDefinition {
  private final BindContext ctx;
  private final String sql;

  public TableDefinition(BindContext ctx, String sql) {
    this.ctx = ctx;
    this.sql = sql;
  }

  /** A constraint as written, with the column it was declared on (null for table constraints). */
  private record Declared(SqlPgConstraint node, String column) {
    List<String> keyColumns() {
      if (node.columns == null) {
        return List.of(column);
      }
      List<String> out = new ArrayList<>();
      for (SqlNode n : node.columns) {
        out.add(((SqlIdentifier) n).getSimple());
      }
      return out;
    }

    String givenName() {
      return node.name == null ? null : node.name.getSimple();
    }
  }

  public TableSchema bind(SqlPgCreateTable create) {
    String table = create.name.names.get(create.name.names.size() - 1);
    String schemaName;
    try {
      schemaName = io.s3vector.sql.session.SearchPath.creationSchema(ctx.session, create.name.names);
    } catch (PgException e) {
      throw ctx.error(e.sqlState(), e.getMessage(), create.name); // PostgreSQL points at the name
    }
    String storageName = SchemaNames.storageName(schemaName, table);
    List<ColumnSpec> columns = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<Declared> declared = new ArrayList<>();
    for (SqlNode node : create.columns) {
      SqlPgColumn c = (SqlPgColumn) node;
      String name = c.name.getSimple();
      if (names.contains(name)) {
        throw ctx.error("42701", "column \"" + name + "\" specified more than once", c.name);
      }
      names.add(name);
      columns.add(column(c, table));
      for (SqlPgConstraint k : c.constraints) {
        declared.add(new Declared(k, name));
      }
    }
    for (SqlNode node : create.constraints) {
      declared.add(new Declared((SqlPgConstraint) node, null));
    }
    // Column and table constraints in the order written (PostgreSQL names them in that order).
    declared.sort(Comparator.comparing((Declared d) -> d.node.getParserPosition().getLineNum())
        .thenComparing(d -> d.node.getParserPosition().getColumnNum()));

    RelDataType rowType = rowType(columns);
    Set<String> constraintNames = new HashSet<>();
    Set<String> relationNames = new HashSet<>();
    relationNames.add(table);
    for (String other : ctx.database().tableNames()) {
      if (SchemaNames.inSchema(other, schemaName)) {
        relationNames.add(SchemaNames.tableOf(other));
      }
    }
    List<TableConstraint> out = new ArrayList<>();
    java.util.Map<Declared, TableConstraint> made = new java.util.IdentityHashMap<>();

    // CHECK constraints first (heap creation), then the indexes of PRIMARY KEY and UNIQUE, then
    // FOREIGN KEYs: the order in which PostgreSQL creates and names them.
    for (Declared d : declared) {
      if (d.node.kind == SqlPgConstraint.Kind.CHECK) {
        out.add(check(d, table, rowType, columns, constraintNames));
        made.put(d, out.get(out.size() - 1));
      }
    }
    Declared primary = null;
    List<Declared> keys = new ArrayList<>();
    for (Declared d : declared) {
      if (d.node.kind == SqlPgConstraint.Kind.PRIMARY_KEY) {
        if (primary != null) {
          throw ctx.error("42P16",
              "multiple primary keys for table \"" + table + "\" are not allowed", d.node);
        }
        primary = d;
      }
    }
    List<List<String>> keyColumns = new ArrayList<>();
    List<String> keyNames = new ArrayList<>();
    if (primary != null) {
      keyColumns.add(keyColumns(primary, names, "primary key"));
      keyNames.add(primary.givenName());
      keys.add(primary);
    }
    for (Declared d : declared) {
      if (d.node.kind != SqlPgConstraint.Kind.UNIQUE) {
        continue;
      }
      List<String> cols = keyColumns(d, names, "unique");
      int same = keyColumns.indexOf(cols);
      if (same >= 0) {
        // redundant (e.g. UNIQUE PRIMARY KEY): the earlier key stays, taking this one's name
        if (keyNames.get(same) == null) {
          keyNames.set(same, d.givenName());
        }
        continue;
      }
      keyColumns.add(cols);
      keyNames.add(d.givenName());
      keys.add(d);
    }
    List<String> primaryKey = List.of();
    for (int i = 0; i < keys.size(); i++) {
      boolean isPrimary = keys.get(i) == primary;
      List<String> cols = keyColumns.get(i);
      String name = keyNames.get(i);
      if (name == null) {
        name = isPrimary
            ? ConstraintNames.choose(table, null, "pkey",
                n -> relationNames.contains(n) || constraintNames.contains(n))
            : ConstraintNames.choose(table, ConstraintNames.columnsAddition(cols), "key",
                n -> relationNames.contains(n) || constraintNames.contains(n));
      } else if (relationNames.contains(name)) {
        throw ctx.error(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists",
            keys.get(i).node);
      } else if (constraintNames.contains(name)) {
        throw duplicateConstraint(name, table, keys.get(i).node);
      }
      relationNames.add(name);
      constraintNames.add(name);
      if (isPrimary) {
        primaryKey = cols;
        out.add(TableConstraint.primaryKey(name, cols));
        made.put(keys.get(i), out.get(out.size() - 1));
        for (String col : cols) {
          int index = names.indexOf(col);
          ColumnSpec c = columns.get(index);
          columns.set(index, c.withNotNull(true));
        }
      } else {
        out.add(TableConstraint.unique(name, cols, ctx.nullsNotDistinct(keys.get(i).node)));
        made.put(keys.get(i), out.get(out.size() - 1));
      }
    }
    TableSchema self = new TableSchema(storageName, columns, primaryKey, out);
    boolean skipReferences = create.ifNotExists && ctx.database().table(storageName).isPresent();
    for (Declared d : declared) {
      if (d.node.kind == SqlPgConstraint.Kind.FOREIGN_KEY) {
        out.add(foreignKey(d, self, names, constraintNames, skipReferences));
        made.put(d, out.get(out.size() - 1));
      }
    }
    // Stored in the order written (a redundant UNIQUE merged into the key before it).
    List<TableConstraint> ordered = new ArrayList<>();
    for (Declared d : declared) {
      TableConstraint c = made.get(d);
      if (c != null) {
        ordered.add(c);
      }
    }
    return new TableSchema(storageName, columns, primaryKey, ordered);
  }

  /**
   * One column definition (its type resolved, its DEFAULT checked and kept as SQL text), without
   * its constraints: for CREATE TABLE, and for ALTER TABLE ADD COLUMN.
   */
  public ColumnSpec column(SqlPgColumn c, String table) {
    TypeNames.Resolved type = ctx.resolveType(c.type);
    ColumnType storage = TypeNames.storageType(type.type(), type.sqlType());
    if (c.identity != null) {
      return identity(c, table, type, storage);
    }
    int dim = PgRelTypes.isVector(type.type()) ? Math.max(PgRelTypes.typmod(type.type()), 0) : 0;
    String defaultSql = null;
    if (c.defaultValue != null) {
      defaultSql = originalText(c.defaultValue);
      ExprBinder binder = new ExprBinder(ctx, null, "DEFAULT expressions");
      binder.coerce(binder.bind(c.defaultValue), type.type(), Casts.Context.ASSIGNMENT, c.defaultValue);
    }
    return new ColumnSpec(c.name.getSimple(), storage, type.sqlType(), dim,
        c.notNull || type.serial(), type.serial(), defaultSql);
  }

  /**
   * An identity column: an integer column numbered by its sequence as a serial one is, NOT NULL,
   * without a DEFAULT; PostgreSQL's errors (transformColumnDefinition, init_params) otherwise.
   */
  private ColumnSpec identity(SqlPgColumn c, String table, TypeNames.Resolved type,
      ColumnType storage) {
    String of = "for column \"" + c.name.getSimple() + "\" of table \"" + table + "\"";
    if (c.identity.repeated() != null) {
      throw new PgException(SqlState.SYNTAX_ERROR, "multiple identity specifications " + of, null,
          null, ctx.position(c.identity.repeated()), null);
    }
    if (c.defaultValue != null || type.serial()) {
      throw ctx.error(SqlState.SYNTAX_ERROR, "both default and identity specified " + of,
          c.defaultValue);
    }
    if (c.nullPos != null) {
      throw new PgException(SqlState.SYNTAX_ERROR, "conflicting NULL/NOT NULL declarations " + of,
          null, null, ctx.position(c.nullPos), null);
    }
    if (storage != ColumnType.INT2 && storage != ColumnType.INT4 && storage != ColumnType.INT8
        || PgRelTypes.isVector(type.type())) {
      throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
          "identity column type must be smallint, integer, or bigint");
    }
    io.s3vector.sql.session.SequenceOptions written =
        ctx.identityOptions(ctx.position(c.identity.pos()) - 1);
    SerialOptions options = written == null ? SerialOptions.defaults(storage, 1)
        : io.s3vector.sql.session.ColumnSequences.created(written, storage);
    return ColumnSpec.identity(c.name.getSimple(), storage, type.sqlType(),
        c.identity.always() ? ColumnSpec.Identity.ALWAYS : ColumnSpec.Identity.BY_DEFAULT,
        options);
  }

  private static RelDataType rowType(List<ColumnSpec> columns) {
    RelDataTypeFactory.Builder b = PgRelTypes.FACTORY.builder();
    for (ColumnSpec c : columns) {
      b.add(c.name(), TypeNames.columnType(c));
    }
    return b.build();
  }

  private List<String> keyColumns(Declared d, List<String> names, String what) {
    List<String> cols = d.keyColumns();
    for (int i = 0; i < cols.size(); i++) {
      String col = cols.get(i);
      SqlNode at = d.node.columns == null ? d.node : d.node.columns.get(i);
      if (!names.contains(col)) {
        throw ctx.error(SqlState.UNDEFINED_COLUMN,
            "column \"" + col + "\" named in key does not exist", at);
      }
      if (cols.subList(0, i).contains(col)) {
        throw ctx.error("42701", "column \"" + col + "\" appears twice in " + what
            + " constraint", at);
      }
    }
    return cols;
  }

  private RuntimeException duplicateConstraint(String name, String table, SqlNode at) {
    return ctx.error("42710",
        "constraint \"" + name + "\" for relation \"" + table + "\" already exists", at);
  }

  private TableConstraint check(Declared d, String table, RelDataType rowType,
      List<ColumnSpec> columns, Set<String> constraintNames) {
    SqlNode expr = d.node.check;
    rejectSubqueries(expr);
    RexNode bound = bindCheck(ctx, table, rowType, expr);
    BitSet read = new BitSet();
    bound.accept(new RexVisitorImpl<Void>(true) {
      @Override
      public Void visitInputRef(RexInputRef ref) {
        read.set(ref.getIndex());
        return null;
      }
    });
    List<String> cols = new ArrayList<>();
    for (int i = read.nextSetBit(0); i >= 0; i = read.nextSetBit(i + 1)) {
      cols.add(columns.get(i).name());
    }
    String name = d.givenName();
    if (name == null) {
      name = ConstraintNames.choose(table, cols.size() == 1 ? cols.get(0) : null, "check",
          constraintNames::contains);
    } else if (constraintNames.contains(name)) {
      throw duplicateConstraint(name, table, d.node);
    }
    constraintNames.add(name);
    return TableConstraint.check(name, cols, checkText(d.node));
  }

  /**
   * A CHECK table constraint ({@code ALTER TABLE ... ADD [CONSTRAINT name] CHECK (...)}) bound
   * against the table's current schema; {@code constraintNames} are the names taken.
   */
  public TableConstraint check(SqlPgConstraint node, TableSchema self, Set<String> constraintNames) {
    rejectSubqueries(node.check);
    return check(new Declared(node, null), SchemaNames.tableOf(self.name()), QueryBinder.rowType(self), self.columns(),
        new java.util.HashSet<>(constraintNames));
  }

  /** Binds a CHECK expression over a table's row: a boolean (or NULL) RexNode. */
  public static RexNode bindCheck(BindContext ctx, String table, RelDataType rowType, SqlNode expr) {
    ExprBinder binder = new ExprBinder(ctx, new Scope(table, null, rowType), "check constraints");
    return binder.toBool(binder.bind(expr), "CHECK", expr);
  }

  private void rejectSubqueries(SqlNode expr) {
    expr.accept(new SqlShuttle() {
      @Override
      public SqlNode visit(SqlCall call) {
        if (call instanceof SqlSelect || call.getKind() == SqlKind.SCALAR_QUERY
            || call.getKind() == SqlKind.EXISTS || call.getKind().belongsTo(SqlKind.QUERY)) {
          throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED,
              "cannot use subquery in check constraint", call);
        }
        return super.visit(call);
      }
    });
  }

  /**
   * A FOREIGN KEY table constraint ({@code ALTER TABLE ... ADD [CONSTRAINT name] FOREIGN KEY})
   * bound against the table's current schema; {@code constraintNames} are the names taken.
   */
  public TableConstraint foreignKey(SqlPgConstraint node, TableSchema self, Set<String> constraintNames) {
    List<String> names = new ArrayList<>();
    for (ColumnSpec c : self.columns()) {
      names.add(c.name());
    }
    return foreignKey(new Declared(node, null), self, names, new java.util.HashSet<>(constraintNames), false);
  }

  private TableConstraint foreignKey(Declared d, TableSchema self, List<String> names,
      Set<String> constraintNames, boolean skipReferences) {
    SqlPgConstraint node = d.node;
    String table = SchemaNames.tableOf(self.name());
    List<String> cols = d.keyColumns();
    for (int i = 0; i < cols.size(); i++) {
      if (!names.contains(cols.get(i))) {
        throw ctx.error(SqlState.UNDEFINED_COLUMN, "column \"" + cols.get(i)
            + "\" referenced in foreign key constraint does not exist",
            node.columns == null ? node : node.columns.get(i));
      }
    }
    if ("PARTIAL".equals(node.match)) {
      throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED, "MATCH PARTIAL not yet implemented", node);
    }
    String refName = node.refTable.names.get(node.refTable.names.size() - 1);
    List<String> refCols = new ArrayList<>();
    if (node.refColumns != null) {
      for (SqlNode n : node.refColumns) {
        refCols.add(((SqlIdentifier) n).getSimple());
      }
    }
    String name = d.givenName();
    if (name == null) {
      name = ConstraintNames.choose(table, ConstraintNames.columnsAddition(cols), "fkey",
          constraintNames::contains);
    } else if (constraintNames.contains(name)) {
      throw duplicateConstraint(name, table, node);
    }
    // the referenced table by its storage name: itself, or the table the name finds
    String refStorage = self.name();
    if (!skipReferences) {
      TableSchema ref;
      if (refName.equals(table) && node.refTable.names.size() == 1) {
        ref = self;
      } else {
        Table refTable = new QueryBinder(ctx).table(node.refTable);
        ref = refTable.schema();
        refStorage = refTable.name();
      }
      if (refCols.isEmpty()) {
        if (ref.primaryKey().isEmpty()) {
          throw ctx.error("42830",
              "there is no primary key for referenced table \"" + refName + "\"", node.refTable);
        }
        refCols.addAll(ref.primaryKey());
      } else {
        for (int i = 0; i < refCols.size(); i++) {
          if (ref.indexOf(refCols.get(i)) < 0) {
            throw ctx.error(SqlState.UNDEFINED_COLUMN, "column \"" + refCols.get(i)
                + "\" referenced in foreign key constraint does not exist",
                node.refColumns.get(i));
          }
        }
      }
      if (refCols.size() != cols.size()) {
        throw ctx.error("42830",
            "number of referencing and referenced columns for foreign key disagree", node);
      }
      if (!isKey(ref, refCols)) {
        throw ctx.error("42830", "there is no unique constraint matching given keys for"
            + " referenced table \"" + refName + "\"", node.refTable);
      }
      for (int i = 0; i < cols.size(); i++) {
        RelDataType fkType = TypeNames.columnType(self.columns().get(self.indexOf(cols.get(i))));
        RelDataType pkType = TypeNames.columnType(ref.columns().get(ref.indexOf(refCols.get(i))));
        if (Operators.comparable(fkType, pkType) == null) {
          throw new PgException("42804", "foreign key constraint \"" + name
              + "\" cannot be implemented", "Key columns \"" + cols.get(i) + "\" and \""
              + refCols.get(i) + "\" are of incompatible types: " + PgRelTypes.displayName(fkType)
              + " and " + PgRelTypes.displayName(pkType) + ".", null, 0, null);
        }
      }
    }
    constraintNames.add(name);
    return TableConstraint.foreignKey(name, cols, refStorage, refCols, action(node.onDelete),
        action(node.onUpdate), "FULL".equals(node.match));
  }

  /** Whether the columns (in any order) are the referenced table's primary key or a UNIQUE key. */
  private static boolean isKey(TableSchema ref, List<String> refCols) {
    Set<String> wanted = new HashSet<>(refCols);
    if (wanted.size() != refCols.size()) {
      return false;
    }
    if (!ref.primaryKey().isEmpty() && new HashSet<>(ref.primaryKey()).equals(wanted)
        && ref.primaryKey().size() == refCols.size()) {
      return true;
    }
    for (TableConstraint c : ref.constraints(TableConstraint.Kind.UNIQUE)) {
      if (c.columns().size() == refCols.size() && new HashSet<>(c.columns()).equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  private static TableConstraint.Action action(String sql) {
    if (sql == null) {
      return TableConstraint.Action.NO_ACTION;
    }
    return switch (sql) {
      case "RESTRICT" -> TableConstraint.Action.RESTRICT;
      case "CASCADE" -> TableConstraint.Action.CASCADE;
      case "SET NULL" -> TableConstraint.Action.SET_NULL;
      case "SET DEFAULT" -> TableConstraint.Action.SET_DEFAULT;
      default -> TableConstraint.Action.NO_ACTION;
    };
  }

  /** A CHECK's expression as written between its parentheses. */
  private String checkText(SqlPgConstraint check) {
    SqlParserPos pos = check.getParserPosition();
    int open = ctx.position(new SqlIdentifier("x", pos)) - 1;
    int close = ctx.position(new SqlIdentifier("x",
        new SqlParserPos(pos.getEndLineNum(), pos.getEndColumnNum()))) - 1;
    if (open < 0 || close <= open || close >= sql.length() || sql.charAt(open) != '('
        || sql.charAt(close) != ')') {
      return check.check.toString();
    }
    return sql.substring(open + 1, close).trim();
  }

  /** The DEFAULT expression as the user wrote it. */
  /**
   * A DEFAULT expression for a column of {@code type} (ALTER COLUMN SET DEFAULT): bound and
   * checked as CREATE TABLE checks one, kept as written.
   */
  public String checkedDefault(SqlNode expr, RelDataType type) {
    ExprBinder binder = new ExprBinder(ctx, null, "DEFAULT expressions");
    binder.coerce(binder.bind(expr), type, Casts.Context.ASSIGNMENT, expr);
    return originalText(expr);
  }

  /** The text of {@code node} as the statement wrote it. */
  public String originalText(SqlNode node) {
    SqlParserPos pos = node.getParserPosition();
    int start = ctx.position(node) - 1;
    SqlParserPos end = new SqlParserPos(pos.getEndLineNum(), pos.getEndColumnNum());
    int last = ctx.position(new SqlIdentifier("x", end)) - 1;
    if (start < 0 || last < start || last >= sql.length()) {
      return node.toString();
    }
    // The end position is the first character of the last token; extend to the token's end.
    int stop = last;
    for (io.s3vector.sql.lex.Token t : io.s3vector.sql.lex.PgLexer.tokenize(sql)) {
      if (t.start() == last) {
        stop = t.end();
        break;
      }
    }
    return sql.substring(start, Math.max(stop, last + 1)).trim();
  }
}
