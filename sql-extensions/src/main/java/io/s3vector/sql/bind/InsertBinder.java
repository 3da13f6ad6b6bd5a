package io.s3vector.sql.bind;

import io.s3vector.sql.PgException;
import io.s3vector.sql.ResultColumn;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.functions.Casts;
import io.s3vector.sql.lex.CalciteText;
import io.s3vector.sql.lex.PgLexer;
import io.s3vector.sql.lex.Token;
import io.s3vector.sql.parser.PgParserConfig;
import io.s3vector.sql.plan.ConstraintChecks;
import io.s3vector.sql.types.PgType;
import io.s3vector.sql.types.PgTypes;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.Table;
import io.s3vector.storage.table.TableSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Binds INSERT: target columns, VALUES rows or a query, each value coerced to its column's type
 * with assignment casts (vector dimensions, varchar length, ...), DEFAULT expressions for missing
 * columns, and RETURNING over the stored row.
 */
public final class InsertBinder {
  /** INSERT's {@code OVERRIDING SYSTEM VALUE} or {@code OVERRIDING USER VALUE}, or neither. */
  public enum Overriding {
    NONE,
    /** Values given to {@code GENERATED ALWAYS} identity columns are taken. */
    SYSTEM_VALUE,
    /** Values given to identity columns are ignored: they take their sequence's next value. */
    USER_VALUE
  }

  private final BindContext ctx;

  public InsertBinder(BindContext ctx) {
    this.ctx = ctx;
  }

  public BoundInsert bind(SqlInsert insert, SqlNodeList returningList, CalciteText returningText) {
    return bind(insert, returningList, returningText, Overriding.NONE, null);
  }

  /** {@code alias}: the name {@code INSERT INTO t AS alias} gives the table (RETURNING), or null. */
  public BoundInsert bind(SqlInsert insert, SqlNodeList returningList, CalciteText returningText,
      Overriding overriding, String alias) {
    if (!(insert.getTargetTable() instanceof SqlIdentifier target)) {
      throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED, "unsupported INSERT target", insert);
    }
    QueryBinder queries = new QueryBinder(ctx);
    Table table = queries.table(target);
    TableSchema schema = table.schema();
    RelDataType rowType = QueryBinder.rowType(table);
    List<ColumnSpec> columns = schema.columns();

    int[] targets;
    if (insert.getTargetColumnList() == null) {
      targets = new int[columns.size()];
      Arrays.setAll(targets, i -> i);
    } else {
      SqlNodeList list = insert.getTargetColumnList();
      targets = new int[list.size()];
      for (int i = 0; i < targets.length; i++) {
        SqlIdentifier col = (SqlIdentifier) list.get(i);
        String name = col.names.get(col.names.size() - 1);
        int index = schema.indexOf(name);
        if (index < 0) {
          throw ctx.error(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \""
              + io.s3vector.sql.catalog.SchemaNames.tableOf(schema.name()) + "\" does not exist", col);
        }
        for (int j = 0; j < i; j++) {
          if (targets[j] == index) {
            throw ctx.error("42701", "column \"" + name + "\" specified more than once", col);
          }
        }
        targets[i] = index;
      }
    }

    ExprBinder values = new ExprBinder(ctx, null, "VALUES");
    List<List<RexNode>> rows = null;
    List<boolean[]> given = new ArrayList<>();
    org.apache.calcite.rel.RelNode query = null;
    List<RexNode> queryColumns = null;
    SqlNode source = insert.getSource();
    if (source.getKind() == SqlKind.VALUES) {
      rows = new ArrayList<>();
      int width = -1;
      for (SqlNode rowNode : ((SqlCall) source).getOperandList()) {
        List<SqlNode> items = rowNode.getKind() == SqlKind.ROW
            ? ((SqlCall) rowNode).getOperandList() : List.of(rowNode);
        if (width >= 0 && items.size() != width) {
          throw ctx.error(SqlState.SYNTAX_ERROR, "VALUES lists must all be the same length", rowNode);
        }
        width = items.size();
        if (insert.getTargetColumnList() == null && items.size() < targets.length) {
          // no column list: the values fill the first columns, the rest take their defaults
          targets = Arrays.copyOf(targets, items.size());
        }
        if (items.size() > targets.length) {
          throw ctx.error(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns", items.get(targets.length));
        }
        if (items.size() < targets.length) {
          throw ctx.error(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions", rowNode);
        }
        RexNode[] row = new RexNode[columns.size()];
        boolean[] rowGiven = new boolean[columns.size()];
        for (int i = 0; i < targets.length; i++) {
          SqlNode item = items.get(i);
          int c = targets[i];
          if (item.getKind() == SqlKind.DEFAULT || !takesGiven(columns.get(c), overriding)) {
            continue;
          }
          row[c] = assign(values, values.bind(item), columns.get(c), rowType, c, item);
          rowGiven[c] = true;
        }
        fillDefaults(row, columns, rowType);
        rows.add(Arrays.asList(row));
        given.add(rowGiven);
      }
    } else {
      BoundQuery bound = queries.bind(source);
      if (insert.getTargetColumnList() == null && bound.columns().size() < targets.length) {
        targets = Arrays.copyOf(targets, bound.columns().size());
      }
      if (bound.columns().size() > targets.length) {
        throw ctx.error(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns", source);
      }
      if (bound.columns().size() < targets.length) {
        throw ctx.error(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions", source);
      }
      query = typedLiterals(source, bound.rel(), targets, rowType, values);
      RexNode[] row = new RexNode[columns.size()];
      boolean[] rowGiven = new boolean[columns.size()];
      for (int i = 0; i < targets.length; i++) {
        if (!takesGiven(columns.get(targets[i]), overriding)) {
          continue;
        }
        RelDataType t = query.getRowType().getFieldList().get(i).getType();
        row[targets[i]] = assign(values, ctx.rex.makeInputRef(t, i), columns.get(targets[i]),
            rowType, targets[i], outputNode(source, i));
        rowGiven[targets[i]] = true;
      }
      fillDefaults(row, columns, rowType);
      queryColumns = Arrays.asList(row);
      given.add(rowGiven);
    }

    ReturningBinder.Bound returning = ReturningBinder.bind(ctx, schema.name(), alias, rowType,
        returningList, returningText);
    return new BoundInsert(schema, rows, query, queryColumns, returning.expressions(),
        returning.columns(), ConstraintChecks.bind(ctx, schema), null, given);
  }

  /**
   * Where a query's i-th output is written, for errors about it (PostgreSQL points there): the
   * item of the select list, of the first SELECT of a set operation; the query when unknown.
   */
  private static SqlNode outputNode(SqlNode query, int i) {
    SqlNode node = query;
    while (true) {
      if (node instanceof org.apache.calcite.sql.SqlOrderBy orderBy) {
        node = orderBy.query;
      } else if (node instanceof SqlCall call && call.getOperator() instanceof org.apache.calcite.sql.SqlSetOperator) {
        node = call.operand(0);
      } else {
        break;
      }
    }
    if (!(node instanceof SqlSelect select) || i >= select.getSelectList().size()) {
      return query;
    }
    SqlNode item = select.getSelectList().get(i);
    return item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
  }

  /**
   * INSERT ... SELECT's untyped literals ({@code SELECT '5', NULL}) take their target columns'
   * types, as PostgreSQL's INSERT resolves its SELECT's unknown-type outputs (where a SELECT of
   * its own makes them text): the query's top projection gets the literals converted.
   */
  private org.apache.calcite.rel.RelNode typedLiterals(SqlNode source,
      org.apache.calcite.rel.RelNode query, int[] targets, RelDataType rowType, ExprBinder values) {
    if (!(source instanceof SqlSelect select)
        || !(query instanceof org.apache.calcite.rel.logical.LogicalProject project)
        || select.getSelectList().size() != project.getProjects().size()) {
      return query;
    }
    List<RexNode> exprs = new ArrayList<>(project.getProjects());
    boolean changed = false;
    for (int i = 0; i < exprs.size() && i < targets.length; i++) {
      SqlNode item = select.getSelectList().get(i);
      if (item.getKind() == SqlKind.AS) {
        item = ((SqlCall) item).operand(0);
      }
      boolean untyped = item instanceof org.apache.calcite.sql.SqlCharStringLiteral
          || item instanceof org.apache.calcite.sql.SqlLiteral l && l.getTypeName() == SqlTypeName.NULL;
      if (untyped) {
        RelDataType target = rowType.getFieldList().get(targets[i]).getType();
        exprs.set(i, values.coerce(values.bind(item), target, Casts.Context.ASSIGNMENT, item));
        changed = true;
      }
    }
    if (!changed) {
      return query;
    }
    return org.apache.calcite.rel.logical.LogicalProject.create(project.getInput(), project.getHints(),
        exprs, project.getRowType().getFieldNames(), project.getVariablesSet());
  }

  /**
   * Whether a value INSERT gives the column is stored: not one given to an identity column under
   * OVERRIDING USER VALUE (it takes its sequence's next value); PostgreSQL's 428C9 for one given
   * to a GENERATED ALWAYS column without OVERRIDING SYSTEM VALUE.
   */
  private static boolean takesGiven(ColumnSpec column, Overriding overriding) {
    if (column.identity() == null) {
      return true;
    }
    if (overriding == Overriding.USER_VALUE) {
      return false;
    }
    if (column.identity() == ColumnSpec.Identity.ALWAYS && overriding != Overriding.SYSTEM_VALUE) {
      throw new PgException("428C9", "cannot insert a non-DEFAULT value into column \""
          + column.name() + "\"", generatedAlways(column),
          "Use OVERRIDING SYSTEM VALUE to override.", 0, null);
    }
    return true;
  }

  /** The DETAIL of PostgreSQL's errors about a GENERATED ALWAYS column given a value. */
  static String generatedAlways(ColumnSpec column) {
    return "Column \"" + column.name() + "\" is an identity column defined as GENERATED ALWAYS.";
  }

  /** A value for a column: assignment cast with PostgreSQL's error naming the column. */
  RexNode assign(ExprBinder binder, RexNode value, ColumnSpec column, RelDataType rowType,
      int c, SqlNode at) {
    RelDataType target = rowType.getFieldList().get(c).getType();
    try {
      return binder.coerce(value, target, Casts.Context.ASSIGNMENT, at);
    } catch (PgException e) {
      if (!e.sqlState().equals(SqlState.CANNOT_COERCE)) {
        throw e;
      }
      throw new PgException(SqlState.DATATYPE_MISMATCH, "column \"" + column.name() + "\" is of type "
          + PgRelTypes.displayName(target) + " but expression is of type "
          + PgRelTypes.displayName(value.getType()), null,
          "You will need to rewrite or cast the expression.", ctx.position(at), null);
    }
  }

  /** Columns without a value get their DEFAULT, or NULL (storage numbers serial columns). */
  private void fillDefaults(RexNode[] row, List<ColumnSpec> columns, RelDataType rowType) {
    for (int c = 0; c < row.length; c++) {
      if (row[c] != null) {
        continue;
      }
      ColumnSpec spec = columns.get(c);
      RelDataType type = rowType.getFieldList().get(c).getType();
      if (spec.defaultSql() != null && !spec.serial()) {
        row[c] = defaultValue(spec, type);
      } else {
        row[c] = ctx.rex.makeNullLiteral(ctx.rex.getTypeFactory().createSqlType(SqlTypeName.NULL));
      }
    }
  }

  /** Binds a column's DEFAULT expression (kept as SQL text by storage). */
  public RexNode defaultValue(ColumnSpec spec, RelDataType type) {
    return storedExpression(spec.defaultSql(), type);
  }

  /**
   * A serial or identity column's next value where it is needed at once (UPDATE's {@code SET c =
   * DEFAULT}): its sequence's nextval, as PostgreSQL's default is. INSERT leaves such a column
   * NULL instead, and storage numbers the rows together.
   */
  public RexNode nextSerialValue(TableSchema schema, ColumnSpec spec, RelDataType type) {
    Table table = ctx.database().table(schema.name()).orElseThrow();
    return storedExpression("nextval(" + io.s3vector.sql.catalog.Oids.sequence(table, spec.name())
        + "::regclass)", type);
  }

  private RexNode storedExpression(String sql, RelDataType type) {
    SqlNode expr = parseExpression(sql);
    ExprBinder binder = new ExprBinder(new BindContext(ctx.cluster, ctx.params, ctx.session, null), null, "DEFAULT expressions");
    return binder.coerce(binder.bind(expr), type, Casts.Context.ASSIGNMENT, null);
  }

  /** Parses an expression kept as SQL text (a DEFAULT, a CHECK). */
  public static SqlNode parseExpression(String sql) {
    List<Token> tokens = PgLexer.tokenize("SELECT " + sql);
    CalciteText text = CalciteText.of("SELECT " + sql, tokens, 0, tokens.size());
    try {
      SqlNode select = SqlParser.create(text.text(), PgParserConfig.CONFIG).parseQuery();
      return ((SqlSelect) select).getSelectList().get(0);
    } catch (SqlParseException e) {
      throw new PgException(SqlState.SYNTAX_ERROR, "invalid stored expression: " + sql);
    }
  }
}
