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
  private final BindContext ctx;

  public InsertBinder(BindContext ctx) {
    this.ctx = ctx;
  }

  public BoundInsert bind(SqlInsert insert, SqlNodeList returningList, CalciteText returningText) {
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
        for (int i = 0; i < targets.length; i++) {
          SqlNode item = items.get(i);
          int c = targets[i];
          if (item.getKind() == SqlKind.DEFAULT) {
            continue;
          }
          row[c] = assign(values, values.bind(item), columns.get(c), rowType, c, item);
        }
        fillDefaults(row, columns, rowType);
        rows.add(Arrays.asList(row));
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
      query = bound.rel();
      RexNode[] row = new RexNode[columns.size()];
      for (int i = 0; i < targets.length; i++) {
        RelDataType t = query.getRowType().getFieldList().get(i).getType();
        row[targets[i]] = assign(values, ctx.rex.makeInputRef(t, i), columns.get(targets[i]), rowType, targets[i], source);
      }
      fillDefaults(row, columns, rowType);
      queryColumns = Arrays.asList(row);
    }

    ReturningBinder.Bound returning = ReturningBinder.bind(ctx, schema.name(), null, columns,
        rowType, returningList, returningText);
    return new BoundInsert(schema, rows, query, queryColumns, returning.expressions(),
        returning.columns(), ConstraintChecks.bind(ctx, schema));
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
    SqlNode expr = parseExpression(spec.defaultSql());
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
