package io.s3vector.sql.bind;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.lex.CalciteText;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.Table;
import io.s3vector.storage.table.TableSchema;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlUpdate;

/**
 * Binds UPDATE and DELETE: the target table (and its alias), WHERE over the old row, SET values
 * coerced to their columns as INSERT coerces them (DEFAULT allowed), and RETURNING.
 */
public final class DmlBinder {
  private final BindContext ctx;

  public DmlBinder(BindContext ctx) {
    this.ctx = ctx;
  }

  public BoundDml bindDelete(SqlDelete delete, SqlNodeList returning, CalciteText returningText) {
    Target target = target(delete.getTargetTable(), delete.getAlias());
    RexNode condition = condition(target, delete.getCondition());
    return finish(target, condition, null, returning, returningText);
  }

  public BoundDml bindUpdate(SqlUpdate update, SqlNodeList returning, CalciteText returningText) {
    Target target = target(update.getTargetTable(), update.getAlias());
    RexNode condition = condition(target, update.getCondition());
    RexNode[] assignments = assignments(target.table.schema(), target.rowType, target.scope(),
        update.getTargetColumnList(), update.getSourceExpressionList());
    return finish(target, condition, Arrays.asList(assignments), returning, returningText);
  }

  /**
   * SET's values per table column (null: not assigned), bound in {@code scope} and coerced to
   * their columns; {@code DEFAULT} is the column's default.
   */
  RexNode[] assignments(TableSchema schema, RelDataType rowType, Scope scope, SqlNodeList columns,
      SqlNodeList sources) {
    RexNode[] assignments = new RexNode[schema.columns().size()];
    ExprBinder values = new ExprBinder(ctx, scope, "UPDATE");
    InsertBinder inserts = new InsertBinder(ctx);
    for (int i = 0; i < columns.size(); i++) {
      int c = assignedColumn(schema, (SqlIdentifier) columns.get(i), assignments);
      SqlNode source = sources.get(i);
      if (source.getKind() == SqlKind.DEFAULT || isSetDefault(source)) {
        assignments[c] = defaultOf(inserts, schema, rowType, c);
        continue;
      }
      assignments[c] = inserts.assign(values, values.bind(source), settable(schema, c), rowType, c,
          source);
    }
    return assignments;
  }

  /**
   * Column {@code c}, which a SET item gives a value other than DEFAULT: PostgreSQL's 428C9 for a
   * GENERATED ALWAYS identity column.
   */
  private static ColumnSpec settable(TableSchema schema, int c) {
    ColumnSpec spec = schema.columns().get(c);
    if (spec.identity() == ColumnSpec.Identity.ALWAYS) {
      throw new PgException("428C9", "column \"" + spec.name() + "\" can only be updated to DEFAULT",
          InsertBinder.generatedAlways(spec), null, 0, null);
    }
    return spec;
  }

  /** The column a SET item assigns; fails when there is none or it was assigned already. */
  private int assignedColumn(TableSchema schema, SqlIdentifier column, RexNode[] assignments) {
    String name = column.names.get(column.names.size() - 1);
    int c = schema.indexOf(name);
    if (c < 0) {
      throw ctx.error(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \""
          + io.s3vector.sql.catalog.SchemaNames.tableOf(schema.name()) + "\" does not exist", column);
    }
    if (assignments[c] != null) {
      // PostgreSQL's error has no position
      throw new PgException(SqlState.SYNTAX_ERROR, "multiple assignments to same column \"" + name + "\"");
    }
    return c;
  }

  /**
   * {@code SET column = DEFAULT}: the column's default (a serial or identity column's next
   * value), or NULL.
   */
  private RexNode defaultOf(InsertBinder inserts, TableSchema schema, RelDataType rowType, int c) {
    ColumnSpec spec = schema.columns().get(c);
    RelDataType type = rowType.getFieldList().get(c).getType();
    if (spec.serial()) {
      return inserts.nextSerialValue(schema, spec, type);
    }
    return spec.defaultSql() != null ? inserts.defaultValue(spec, type) : ctx.rex.makeNullLiteral(type);
  }

  /** {@code DEFAULT} as a SET value, as the lexer passes it on ({@link CalciteText#SET_DEFAULT}). */
  private static boolean isSetDefault(SqlNode source) {
    return source instanceof org.apache.calcite.sql.SqlCall call && call.operandCount() == 0
        && call.getOperator().getName().equals(CalciteText.SET_DEFAULT);
  }

  /**
   * The unique key whose every column the condition's conjuncts set equal to a value that reads
   * no column, of the column's own type family; null when there is none.
   */
  static BoundDml.KeyLookup keyLookup(TableSchema schema, RexNode condition) {
    if (condition == null) {
      return null;
    }
    java.util.Map<Integer, RexNode> fixed = new java.util.HashMap<>();
    for (RexNode conjunct : org.apache.calcite.rex.RexUtil.flattenAnd(List.of(condition))) {
      if (!io.s3vector.sql.functions.Operators.isEquality(conjunct)) {
        continue;
      }
      org.apache.calcite.rex.RexCall call = (org.apache.calcite.rex.RexCall) conjunct;
      for (int side = 0; side < 2; side++) {
        RexNode column = call.getOperands().get(side);
        RexNode value = call.getOperands().get(1 - side);
        if (column instanceof org.apache.calcite.rex.RexInputRef ref
            && org.apache.calcite.rex.RexUtil.containsInputRef(value) == false
            && value.getType().getSqlTypeName().getFamily()
                == column.getType().getSqlTypeName().getFamily()) {
          fixed.putIfAbsent(ref.getIndex(), value);
        }
      }
    }
    for (TableSchema.UniqueKey key : schema.uniqueKeys()) {
      List<RexNode> values = new java.util.ArrayList<>();
      for (int c : schema.indexesOf(key.columns())) {
        values.add(fixed.get(c));
      }
      if (!values.contains(null)) {
        return new BoundDml.KeyLookup(key, values);
      }
    }
    return null;
  }

  /** WHERE in {@code scope}, as a boolean. */
  RexNode condition(Scope scope, SqlNode where) {
    if (where == null) {
      return null;
    }
    ExprBinder binder = new ExprBinder(ctx, scope, "WHERE");
    return binder.toBool(binder.bind(where), "WHERE", where);
  }

  private BoundDml finish(Target target, RexNode condition, List<RexNode> assignments,
      SqlNodeList returning, CalciteText returningText) {
    TableSchema schema = target.table.schema();
    return finish(target, condition, assignments, ReturningBinder.bind(ctx, schema.name(),
        target.alias, target.rowType, returning, returningText));
  }

  private BoundDml finish(Target target, RexNode condition, List<RexNode> assignments,
      ReturningBinder.Bound returning) {
    TableSchema schema = target.table.schema();
    return new BoundDml(schema, condition, assignments, returning.expressions(),
        returning.columns(), io.s3vector.sql.plan.ConstraintChecks.bind(ctx, schema),
        keyLookup(schema, condition), null);
  }

  /**
   * The relations of a joined UPDATE's FROM list or DELETE's USING list (a query over {@code
   * target, items...}), after the target: their columns are added to the end of {@code select}'s
   * list, so that each joined row carries them to RETURNING, which may read them. Call before
   * {@code select} is bound.
   */
  public List<FromItem> carryFromColumns(org.apache.calcite.sql.SqlSelect select) {
    List<FromItem> items = new FromBinder(ctx, null).bind(select.getFrom()).scope().items();
    List<FromItem> others = items.subList(1, items.size());
    for (FromItem item : others) {
      if (item.qualifier == null) {
        throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED,
            "RETURNING with a FROM item that has no name is not supported yet", select.getFrom());
      }
      for (String name : item.rowType.getFieldNames()) {
        select.getSelectList().add(new SqlIdentifier(List.of(item.qualifier, name),
            org.apache.calcite.sql.parser.SqlParserPos.ZERO));
      }
    }
    return others;
  }

  /**
   * {@code UPDATE target [AS alias] SET ... FROM ... WHERE ...} as a query ({@code joined}, with
   * {@code select} its parsed SELECT) over the target joined with the FROM list, whose rows hold
   * the target's columns and then the values of the SET items that are not DEFAULT, in order.
   * {@code columns} are the SET columns and {@code isDefault} which of them are set to DEFAULT.
   */
  public BoundDml bindUpdateFrom(SqlIdentifier targetName, String alias, List<SqlIdentifier> columns,
      List<Boolean> isDefault, BoundQuery joined, org.apache.calcite.sql.SqlSelect select,
      List<FromItem> carried, SqlNodeList returning, CalciteText returningText) {
    Target target = target(targetName, alias == null ? null
        : new SqlIdentifier(alias, targetName.getParserPosition()));
    TableSchema schema = target.table.schema();
    TableSchema.UniqueKey identity = identity(schema, targetName, "UPDATE ... FROM");
    int width = schema.columns().size();
    RelDataType joinedType = joined.rel().getRowType();
    Scope scope = new Scope(schema.name(), target.alias, joinedType);
    ExprBinder values = new ExprBinder(ctx, scope, "UPDATE");
    InsertBinder inserts = new InsertBinder(ctx);
    RexNode[] assignments = new RexNode[width];
    int selected = width;
    for (int i = 0; i < columns.size(); i++) {
      int c = assignedColumn(schema, columns.get(i), assignments);
      if (isDefault.get(i)) {
        assignments[c] = defaultOf(inserts, schema, target.rowType, c);
        continue;
      }
      SqlNode source = select.getSelectList().get(1 + (selected - width));
      RexNode value = ctx.rex.makeInputRef(joinedType.getFieldList().get(selected).getType(), selected);
      selected++;
      assignments[c] = inserts.assign(values, value, settable(schema, c), target.rowType, c,
          source);
    }
    return joined(target, Arrays.asList(assignments), joined, identity, carried, returning,
        returningText);
  }

  /**
   * {@code DELETE FROM target [AS alias] USING ... WHERE ...} as a query ({@code joined}) over the
   * target joined with the USING list, whose rows start with the target's columns: each target
   * row it holds is deleted once, however many rows of the USING list it matched.
   */
  public BoundDml bindDeleteUsing(SqlIdentifier targetName, String alias, BoundQuery joined,
      List<FromItem> carried, SqlNodeList returning, CalciteText returningText) {
    Target target = target(targetName, alias == null ? null
        : new SqlIdentifier(alias, targetName.getParserPosition()));
    TableSchema.UniqueKey identity = identity(target.table.schema(), targetName, "DELETE ... USING");
    return joined(target, null, joined, identity, carried, returning, returningText);
  }

  /**
   * A unique key of NOT NULL columns of the target, by which a joined row finds its target row;
   * {@code statement} ("UPDATE ... FROM") is refused on a table without one.
   */
  private TableSchema.UniqueKey identity(TableSchema schema, SqlIdentifier targetName,
      String statement) {
    for (TableSchema.UniqueKey key : schema.uniqueKeys()) {
      boolean notNull = true;
      for (int c : schema.indexesOf(key.columns())) {
        notNull &= schema.columns().get(c).notNull();
      }
      if (notNull) {
        return key;
      }
    }
    throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED, statement + " is supported only on a table"
        + " with a primary key (\"" + schema.name() + "\" has none)", targetName);
  }

  /**
   * The statement over {@code joined}'s rows, whose last columns are those of the relations
   * {@code carried} (see {@link #carryFromColumns}; null without RETURNING): RETURNING reads the
   * target's new row followed by them.
   */
  private BoundDml joined(Target target, List<RexNode> assignments, BoundQuery joined,
      TableSchema.UniqueKey identity, List<FromItem> carried, SqlNodeList returning,
      CalciteText returningText) {
    ReturningBinder.Bound bound = ReturningBinder.Bound.NONE;
    int carriedFrom = -1;
    if (returning != null) {
      bound = ReturningBinder.bind(ctx, Scope.followedBy(target.table.schema().name(), target.alias,
          target.rowType, carried), returning, returningText);
      int carriedWidth = 0;
      for (FromItem other : carried) {
        carriedWidth += other.width();
      }
      carriedFrom = joined.rel().getRowType().getFieldCount() - carriedWidth;
    }
    BoundDml plain = finish(target, null, assignments, bound);
    return new BoundDml(plain.schema(), null, plain.assignments(), plain.returning(),
        plain.returningColumns(), plain.checks(), null,
        new BoundDml.Joined(joined.rel(), identity, carriedFrom));
  }

  private RexNode condition(Target target, SqlNode where) {
    return condition(target.scope(), where);
  }

  private Target target(SqlNode node, SqlIdentifier alias) {
    if (!(node instanceof SqlIdentifier id)) {
      throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED, "unsupported target relation", node);
    }
    Table table = new QueryBinder(ctx).table(id);
    return new Target(table, QueryBinder.rowType(table), alias == null ? null : alias.getSimple());
  }

  private record Target(Table table, RelDataType rowType, String alias) {
    Scope scope() {
      return new Scope(table.schema().name(), alias, rowType);
    }
  }
}
