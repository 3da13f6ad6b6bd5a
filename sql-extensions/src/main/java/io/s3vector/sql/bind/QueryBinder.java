package io.s3vector.sql.bind;

import io.s3vector.sql.ResultColumn;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.plan.StoreScan;
import io.s3vector.sql.types.PgType;
import io.s3vector.sql.types.PgTypes;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.logical.LogicalWindow;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexWindowBounds;
import org.apache.calcite.rex.RexWindowExclusion;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import io.s3vector.sql.functions.Casts;
import io.s3vector.sql.functions.Operators;
import io.s3vector.sql.plan.RecursiveUnion;
import io.s3vector.sql.plan.WorkTableScan;
import org.apache.calcite.rel.logical.LogicalIntersect;
import org.apache.calcite.rel.logical.LogicalMinus;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.Litmus;

/**
 * Binds a SELECT into a logical plan: Scan (or one empty row) → Filter (WHERE) → [Project of group
 * keys and aggregate arguments → Aggregate → Filter (HAVING)] → Project (select list and hidden
 * ORDER BY keys) → [Aggregate for DISTINCT] → Sort (ORDER BY, OFFSET, LIMIT) → [Project dropping
 * hidden keys]. Only single-table FROM in this slice.
 */
public final class QueryBinder {
  private final BindContext ctx;
  /** The scope of the query this one is a subquery of, or null. */
  private final Scope outer;

  public QueryBinder(BindContext ctx) {
    this(ctx, null);
  }

  /** A binder for a subquery: names its FROM lacks are looked up in {@code outer}. */
  public QueryBinder(BindContext ctx, Scope outer) {
    this.ctx = ctx;
    this.outer = outer;
  }

  public BoundQuery bind(SqlNode query) {
    if (query instanceof SqlWith with) {
      return with(with);
    }
    SqlNodeList orderList = null;
    SqlNode offset = null;
    SqlNode fetch = null;
    if (query instanceof SqlOrderBy orderBy) {
      orderList = orderBy.orderList;
      offset = orderBy.offset;
      fetch = orderBy.fetch;
      query = orderBy.query;
      if (query instanceof SqlWith with) {
        // WITH ... (SELECT ...) ORDER BY: the WITH names are visible in the whole statement
        ctx.pushCtes();
        try {
          defineCtes(with);
          return bind(new SqlOrderBy(orderBy.getParserPosition(), with.body, orderList, offset, fetch));
        } finally {
          ctx.popCtes();
        }
      }
    }
    if (query instanceof SqlSelect select) {
      return bindSelect(select, orderList, offset, fetch);
    }
    BoundQuery bound;
    if (query.getKind() == SqlKind.VALUES) {
      FromBinder.Derived values = values((SqlCall) query);
      List<ResultColumn> columns = new ArrayList<>();
      for (int i = 0; i < values.names().size(); i++) {
        columns.add(resultColumn(values.names().get(i),
            values.rel().getRowType().getFieldList().get(i).getType(), query));
      }
      bound = new BoundQuery(values.rel(), columns);
    } else if (query.getKind() == SqlKind.UNION || query.getKind() == SqlKind.INTERSECT
        || query.getKind() == SqlKind.EXCEPT) {
      bound = setOperation((SqlCall) query);
    } else {
      throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED, "statement is not supported yet", query);
    }
    return orderList == null && offset == null && fetch == null ? bound
        : sortOutput(bound, orderList, offset, fetch);
  }

  /** WITH [RECURSIVE] name [(columns)] AS (query), ... body. */
  private BoundQuery with(SqlWith with) {
    ctx.pushCtes();
    try {
      defineCtes(with);
      return bind(with.body);
    } finally {
      ctx.popCtes();
    }
  }

  private void defineCtes(SqlWith with) {
    for (SqlNode node : with.withList) {
      SqlWithItem item = (SqlWithItem) node;
      String name = item.name.getSimple();
      List<String> aliases = new ArrayList<>();
      if (item.columnList != null) {
        for (SqlNode c : item.columnList) {
          aliases.add(((SqlIdentifier) c).getSimple());
        }
      }
      BoundQuery bound = recursiveTerm(item, name, aliases);
      if (bound == null) {
        bound = new QueryBinder(ctx, outer).bind(item.query);
      }
      List<String> names = new ArrayList<>();
      for (int i = 0; i < bound.columns().size(); i++) {
        names.add(i < aliases.size() ? aliases.get(i) : bound.columns().get(i).name());
      }
      if (aliases.size() > names.size()) {
        throw ctx.error(SqlState.INVALID_COLUMN_REFERENCE, "WITH query \"" + name + "\" has "
            + names.size() + " columns available but " + aliases.size() + " columns specified", item);
      }
      ctx.addCte(new BindContext.Cte(name, bound.rel(), names, origins(bound)));
    }
  }

  /**
   * Per output column of a query, the stored table and attnum it reads unchanged (RowDescription
   * follows a column through a subquery or a WITH query to its table, as PostgreSQL does), or null.
   */
  static int[][] origins(BoundQuery query) {
    int[][] out = new int[query.columns().size()][];
    for (int i = 0; i < out.length; i++) {
      var c = query.columns().get(i);
      out[i] = c.tableOid() == 0 ? null : new int[] {c.tableOid(), c.columnNumber()};
    }
    return out;
  }

  /**
   * A WITH RECURSIVE query of the form {@code seed UNION [ALL] step}, where {@code step} reads
   * the query's own name, as a {@link RecursiveUnion}; null for a query that is not recursive.
   */
  private BoundQuery recursiveTerm(SqlWithItem item, String name, List<String> aliases) {
    boolean recursive = item.recursive != null && item.recursive.booleanValue();
    SqlNode query = item.query;
    if (!recursive || query.getKind() != SqlKind.UNION || !mentions(query, name)) {
      return null;
    }
    SqlCall union = (SqlCall) query;
    boolean all = ((org.apache.calcite.sql.SqlSetOperator) union.getOperator()).isAll();
    if (mentions(union.operand(0), name)) {
      throw ctx.error("42P19", "recursive reference to query \"" + name
          + "\" must not appear within its non-recursive term", union.operand(0));
    }
    BoundQuery seed = new QueryBinder(ctx, outer).bind(union.operand(0));
    List<String> names = new ArrayList<>();
    for (int i = 0; i < seed.columns().size(); i++) {
      names.add(i < aliases.size() ? aliases.get(i) : seed.columns().get(i).name());
    }
    Object table = new Object();
    RelNode work = new WorkTableScan(ctx.cluster, table, seed.rel().getRowType());
    ctx.pushCtes();
    BoundQuery step;
    try {
      ctx.addCte(new BindContext.Cte(name, work, names));
      step = new QueryBinder(ctx, outer).bind(union.operand(1));
    } finally {
      ctx.popCtes();
    }
    if (step.columns().size() != seed.columns().size()) {
      throw ctx.error(SqlState.SYNTAX_ERROR, "each UNION query must have the same number of columns", union.operand(1));
    }
    RelNode stepRel = castTo(step.rel(), seed.rel().getRowType(), union.operand(1), true);
    return new BoundQuery(new RecursiveUnion(ctx.cluster, seed.rel(), stepRel, table, all), seed.columns());
  }

  /** Whether a query mentions a relation name anywhere (a recursive self-reference). */
  private static boolean mentions(SqlNode node, String name) {
    if (node instanceof SqlIdentifier id) {
      return id.names.size() == 1 && id.getSimple().equals(name);
    }
    if (node instanceof SqlCall call) {
      for (SqlNode o : call.getOperandList()) {
        if (o != null && mentions(o, name)) {
          return true;
        }
      }
    }
    if (node instanceof SqlNodeList list) {
      for (SqlNode o : list) {
        if (o != null && mentions(o, name)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * UNION/INTERSECT/EXCEPT [ALL]: both sides with the same number of columns, each column of the
   * type both can be converted to (PostgreSQL's UNION type resolution); names from the left.
   */
  private BoundQuery setOperation(SqlCall call) {
    BoundQuery left = new QueryBinder(ctx, outer).bind(call.operand(0));
    BoundQuery right = new QueryBinder(ctx, outer).bind(call.operand(1));
    String op = call.getKind() == SqlKind.EXCEPT ? "EXCEPT" : call.getKind().sql;
    if (left.columns().size() != right.columns().size()) {
      SqlNode at = call.operand(1) instanceof SqlSelect select ? select.getSelectList().get(0) : call.operand(1);
      throw ctx.error(SqlState.SYNTAX_ERROR, "each " + op + " query must have the same number of columns", at);
    }
    RelDataTypeFactory.Builder common = PgRelTypes.FACTORY.builder();
    List<RelDataTypeField> lf = left.rel().getRowType().getFieldList();
    List<RelDataTypeField> rf = right.rel().getRowType().getFieldList();
    for (int i = 0; i < lf.size(); i++) {
      RelDataType l = lf.get(i).getType();
      RelDataType r = rf.get(i).getType();
      RelDataType t = Operators.isUnknownType(l) ? r
          : Operators.isUnknownType(r) ? l : Operators.comparable(l, r);
      if (t == null) {
        throw ctx.error(SqlState.DATATYPE_MISMATCH, op + " types " + PgRelTypes.displayName(l)
            + " and " + PgRelTypes.displayName(r) + " cannot be matched", call.operand(1));
      }
      common.add("$s" + i, Operators.isUnknownType(t) ? PgRelTypes.TEXT : t);
    }
    RelDataType type = common.build();
    List<RelNode> inputs = List.of(castTo(left.rel(), type, call.operand(0), false),
        castTo(right.rel(), type, call.operand(1), false));
    boolean all = ((org.apache.calcite.sql.SqlSetOperator) call.getOperator()).isAll();
    RelNode rel = switch (call.getKind()) {
      case UNION -> LogicalUnion.create(inputs, all);
      case INTERSECT -> LogicalIntersect.create(inputs, all);
      default -> LogicalMinus.create(inputs, all);
    };
    List<ResultColumn> columns = new ArrayList<>();
    for (int i = 0; i < left.columns().size(); i++) {
      columns.add(resultColumn(left.columns().get(i).name(), type.getFieldList().get(i).getType(), call));
    }
    return new BoundQuery(rel, columns);
  }

  /** A Project converting a plan's columns to {@code type}'s (assignment casts for a recursive step). */
  private RelNode castTo(RelNode rel, RelDataType type, SqlNode at, boolean assignment) {
    ExprBinder binder = new ExprBinder(ctx, null, "UNION");
    List<RexNode> exprs = new ArrayList<>();
    boolean same = true;
    for (int i = 0; i < type.getFieldCount(); i++) {
      RexNode ref = ctx.rex.makeInputRef(rel, i);
      RelDataType target = type.getFieldList().get(i).getType();
      RexNode cast = binder.coerce(ref, target,
          assignment ? Casts.Context.ASSIGNMENT : Casts.Context.IMPLICIT, at);
      same &= cast == ref;
      exprs.add(cast);
    }
    return same ? rel
        : LogicalProject.create(rel, List.of(), exprs, fieldNames(exprs.size(), "$c"), java.util.Set.of());
  }

  /** ORDER BY / OFFSET / LIMIT over a set operation or VALUES: by output name or position only. */
  private BoundQuery sortOutput(BoundQuery bound, SqlNodeList orderList, SqlNode offset, SqlNode fetch) {
    List<RelFieldCollation> collations = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (ResultColumn c : bound.columns()) {
      names.add(c.name());
    }
    if (orderList != null) {
      for (SqlNode o : orderList) {
        OrderKey key = OrderKey.of(o);
        int index;
        if (key.expr() instanceof SqlNumericLiteral n && n.isInteger()) {
          index = n.intValue(true) - 1;
          if (index < 0 || index >= names.size()) {
            throw ctx.error(SqlState.INVALID_COLUMN_REFERENCE,
                "ORDER BY position " + (index + 1) + " is not in select list", key.expr());
          }
        } else if (key.expr() instanceof SqlIdentifier id && id.isSimple()) {
          index = names.indexOf(id.getSimple());
          if (index < 0) {
            throw ctx.error(SqlState.UNDEFINED_COLUMN, "column \"" + id.getSimple() + "\" does not exist", id);
          }
        } else {
          throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED, "invalid UNION/INTERSECT/EXCEPT ORDER BY clause",
              key.expr());
        }
        collations.add(new RelFieldCollation(index, key.direction(), key.nulls()));
      }
    }
    ExprBinder binder = new ExprBinder(ctx, null, "LIMIT");
    RexNode offsetRex = offset == null ? null : limit(binder, offset);
    RexNode fetchRex = fetch == null ? null : limit(binder, fetch);
    RelNode rel = LogicalSort.create(bound.rel(), RelCollations.of(collations), offsetRex, fetchRex);
    return new BoundQuery(rel, bound.columns());
  }

  /** One ORDER BY item: its expression, direction and NULLs placement (PostgreSQL's default). */
  record OrderKey(SqlNode expr, RelFieldCollation.Direction direction, RelFieldCollation.NullDirection nulls) {
    static OrderKey of(SqlNode o) {
      RelFieldCollation.Direction direction = RelFieldCollation.Direction.ASCENDING;
      RelFieldCollation.NullDirection nulls = null;
      SqlNode e = o;
      while (true) {
        if (e.getKind() == SqlKind.DESCENDING) {
          direction = RelFieldCollation.Direction.DESCENDING;
        } else if (e.getKind() == SqlKind.NULLS_FIRST) {
          nulls = RelFieldCollation.NullDirection.FIRST;
        } else if (e.getKind() == SqlKind.NULLS_LAST) {
          nulls = RelFieldCollation.NullDirection.LAST;
        } else {
          break;
        }
        e = ((SqlCall) e).operand(0);
      }
      if (nulls == null) {
        // PostgreSQL: NULLs sort as larger than any value.
        nulls = direction == RelFieldCollation.Direction.ASCENDING
            ? RelFieldCollation.NullDirection.LAST : RelFieldCollation.NullDirection.FIRST;
      }
      return new OrderKey(e, direction, nulls);
    }
  }

  /** VALUES: each column takes the common type of its rows (untyped ones follow). */
  FromBinder.Derived values(SqlCall values) {
    ExprBinder binder = new ExprBinder(ctx, outer, "VALUES");
    List<List<RexNode>> rows = new ArrayList<>();
    int width = -1;
    for (SqlNode rowNode : values.getOperandList()) {
      List<SqlNode> items = rowNode.getKind() == SqlKind.ROW
          ? ((SqlCall) rowNode).getOperandList() : List.of(rowNode);
      if (width >= 0 && items.size() != width) {
        throw ctx.error(SqlState.SYNTAX_ERROR, "VALUES lists must all be the same length", rowNode);
      }
      width = items.size();
      List<RexNode> row = new ArrayList<>();
      for (SqlNode item : items) {
        row.add(binder.bind(item));
      }
      rows.add(row);
    }
    List<RelDataType> types = new ArrayList<>();
    for (int c = 0; c < width; c++) {
      RelDataType common = null;
      for (List<RexNode> row : rows) {
        RelDataType t = row.get(c).getType();
        if (!io.s3vector.sql.functions.Operators.isUnknownType(t)) {
          common = common == null ? t : io.s3vector.sql.functions.Operators.comparable(common, t);
          if (common == null) {
            throw ctx.error(SqlState.DATATYPE_MISMATCH, "VALUES types cannot be matched", values);
          }
        }
      }
      types.add(common == null ? PgRelTypes.TEXT : common);
    }
    List<List<RexNode>> coerced = new ArrayList<>();
    for (List<RexNode> row : rows) {
      List<RexNode> out = new ArrayList<>();
      for (int c = 0; c < width; c++) {
        out.add(binder.coerce(row.get(c), types.get(c),
            io.s3vector.sql.functions.Casts.Context.IMPLICIT, values));
      }
      coerced.add(out);
    }
    List<String> names = new ArrayList<>();
    RelDataTypeFactory.Builder internal = PgRelTypes.FACTORY.builder();
    for (int c = 0; c < width; c++) {
      names.add("column" + (c + 1));
      internal.add("$v" + c, types.get(c));
    }
    RelDataType relType = internal.build();
    io.s3vector.sql.plan.ValuesScan scan = new io.s3vector.sql.plan.ValuesScan(ctx.cluster, relType, coerced);
    return new FromBinder.Derived(names, scan);
  }

  /** A row type with the user's column names over the field types of a plan's output. */
  static RelDataType rowType(List<String> names, RelDataType fields) {
    RelDataTypeFactory.Builder b = PgRelTypes.FACTORY.builder().kind(org.apache.calcite.rel.type.StructKind.FULLY_QUALIFIED);
    for (int i = 0; i < names.size(); i++) {
      b.add(names.get(i), fields.getFieldList().get(i).getType());
    }
    return b.uniquify().build();
  }

  /** The stored table a name refers to (qualified, or found on the search_path), or 42P01. */
  public Table table(SqlIdentifier id) {
    Table table = io.s3vector.sql.session.SearchPath.find(ctx.session, id.names).orElseThrow(() ->
        ctx.error(SqlState.UNDEFINED_TABLE,
            "relation \"" + String.join(".", id.names) + "\" does not exist", id));
    ctx.dependOn(table);
    return table;
  }

  public static RelDataType rowType(Table table) {
    return rowType(table.schema());
  }

  /** The row type of a table's columns, in schema order. */
  public static RelDataType rowType(io.s3vector.storage.table.TableSchema schema) {
    RelDataTypeFactory.Builder b = PgRelTypes.FACTORY.builder();
    for (ColumnSpec c : schema.columns()) {
      b.add(c.name(), TypeNames.columnType(c));
    }
    return b.build();
  }

  private BoundQuery bindSelect(SqlSelect select, SqlNodeList orderList, SqlNode offset, SqlNode fetch) {
    if (select.getOrderList() != null && orderList == null) {
      orderList = select.getOrderList();
      offset = select.getOffset();
      fetch = select.getFetch();
    }
    FromBinder.Bound from = select.getFrom() == null ? null : new FromBinder(ctx, outer).bind(select.getFrom());
    Scope scope = from != null ? from.scope() : outer != null ? new Scope(List.of(), outer, 0) : null;
    ExprBinder base = new ExprBinder(ctx, scope, "WHERE");

    RexNode where = null;
    if (select.getWhere() != null) {
      where = base.toBool(base.bind(select.getWhere()), "WHERE", select.getWhere());
    }

    // The select list with * expanded, and the keys of DISTINCT ON (labelled items, CalciteText).
    List<SqlNode> items = new ArrayList<>();
    List<SqlNode> distinctOn = new ArrayList<>();
    for (SqlNode item : select.getSelectList()) {
      SqlNode expr = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
      if (item.getKind() == SqlKind.AS && ((SqlIdentifier) ((SqlCall) item).operand(1)).getSimple()
          .equals(io.s3vector.sql.lex.CalciteText.DISTINCT_ON)) {
        distinctOn.add(expr);
        continue;
      }
      if (expr instanceof SqlIdentifier id && id.isStar()) {
        if (from == null) {
          throw ctx.error(SqlState.SYNTAX_ERROR, "SELECT * with no tables specified is not valid", id);
        }
        items.addAll(scope.star(id.names.size() > 1 ? id.names.get(id.names.size() - 2) : null, id, ctx));
      } else {
        items.add(item);
      }
    }

    boolean aggregating = select.getGroup() != null || select.getHaving() != null
        || containsAggregate(items) || (orderList != null && containsAggregate(orderList.getList()));
    Grouping grouping = null;
    ExprBinder binder = base;
    if (aggregating) {
      grouping = base.newGrouping();
      if (select.getGroup() != null) {
        WindowBinder.reject(ctx, select.getGroup(), "GROUP BY");
        for (SqlNode g : select.getGroup()) {
          grouping.addGroup(groupItem(g, items, scope));
        }
      }
      binder = base.above(grouping, "WHERE");
    }

    List<RexNode> exprs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<ResultColumn> columns = new ArrayList<>();
    // Window functions: allowed in the select list and ORDER BY only (WindowBinder).
    WindowBinder windows = new WindowBinder(ctx, base, grouping, select.getWindowList());
    ExprBinder selectBinder = (aggregating ? base.above(grouping, "SELECT") : base).withWindows(windows);
    for (SqlNode item : items) {
      SqlNode expr = item;
      String alias = null;
      if (item.getKind() == SqlKind.AS) {
        expr = ((SqlCall) item).operand(0);
        alias = ((SqlIdentifier) ((SqlCall) item).operand(1)).getSimple();
      }
      RexNode rex = selectBinder.resolveUnknown(selectBinder.bind(expr));
      exprs.add(rex);
      String name = alias != null ? alias : columnName(expr);
      names.add(name);
      // a plain column of a stored table names its origin in RowDescription, as PostgreSQL's does
      int[] origin = !aggregating && expr instanceof SqlIdentifier && scope != null
          && rex instanceof org.apache.calcite.rex.RexInputRef ref ? scope.origin(ref.getIndex()) : null;
      columns.add(resultColumn(name, rex.getType(), expr, origin));
    }

    RexNode having = null;
    if (select.getHaving() != null) {
      ExprBinder hb = base.above(grouping, "HAVING");
      having = hb.toBool(hb.bind(select.getHaving()), "HAVING", select.getHaving());
    }

    // ORDER BY: output column (by position or name) or an expression, maybe a hidden column.
    List<RelFieldCollation> collations = new ArrayList<>();
    int visible = exprs.size();
    boolean distinct = select.isDistinct();
    if (orderList != null) {
      ExprBinder ob = (aggregating ? base.above(grouping, "ORDER BY") : base).withWindows(windows);
      for (SqlNode o : orderList) {
        OrderKey key = OrderKey.of(o);
        RelFieldCollation.Direction direction = key.direction();
        RelFieldCollation.NullDirection nulls = key.nulls();
        SqlNode e = key.expr();
        int index = outputColumn(e, names, items, exprs, visible);
        if (index < 0) {
          RexNode rex = ob.resolveUnknown(ob.bind(e));
          index = exprs.indexOf(rex);
          if (index < 0) {
            if (distinct) {
              throw ctx.error(SqlState.INVALID_COLUMN_REFERENCE,
                  "for SELECT DISTINCT, ORDER BY expressions must appear in select list", e);
            }
            index = exprs.size();
            exprs.add(rex);
            names.add("$order" + index);
          }
        }
        collations.add(new RelFieldCollation(index, direction, nulls));
      }
    }
    // DISTINCT ON keys name output columns or are expressions, as ORDER BY items are
    List<Integer> onKeys = new ArrayList<>();
    if (!distinctOn.isEmpty()) {
      ExprBinder ob = (aggregating ? base.above(grouping, "ORDER BY") : base).withWindows(windows);
      for (SqlNode e : distinctOn) {
        int index = outputColumn(e, names, items, exprs, visible);
        if (index < 0) {
          RexNode rex = ob.resolveUnknown(ob.bind(e));
          index = exprs.indexOf(rex);
          if (index < 0) {
            index = exprs.size();
            exprs.add(rex);
            names.add("$on" + index);
          }
        }
        onKeys.add(index);
      }
      // the sort must bring the rows of one key together: ORDER BY starts with the keys
      java.util.Set<Integer> unseen = new java.util.HashSet<>(onKeys);
      for (int i = 0; i < collations.size() && !unseen.isEmpty(); i++) {
        if (!unseen.remove(collations.get(i).getFieldIndex()) && !onKeys.contains(collations.get(i).getFieldIndex())) {
          throw ctx.error(SqlState.INVALID_COLUMN_REFERENCE,
              "SELECT DISTINCT ON expressions must match initial ORDER BY expressions", distinctOn.get(0));
        }
      }
    }

    // Assemble the plan bottom-up, now that the scan knows which columns are used.
    RelNode rel = from == null ? LogicalValues.createOneRow(ctx.cluster) : from.tree().build(ctx);
    // A correlated subquery in WHERE or the select list reads the FROM row through this variable.
    java.util.Set<org.apache.calcite.rel.core.CorrelationId> variables = scope == null
        || scope.correlation() == null ? java.util.Set.of() : java.util.Set.of(scope.correlation());
    if (where != null) {
      rel = LogicalFilter.create(rel, where, com.google.common.collect.ImmutableSet.copyOf(variables));
    }
    if (aggregating) {
      List<RexNode> input = grouping.inputProjection();
      if (input.isEmpty()) {
        input = List.of(ctx.rex.makeLiteral(true));
      }
      rel = LogicalProject.create(rel, List.of(), input, fieldNames(input.size(), "$g"), java.util.Set.of());
      List<AggregateCall> calls = grouping.calls();
      rel = LogicalAggregate.create(rel, List.of(), ImmutableBitSet.range(grouping.groupCount()),
          null, calls);
      if (having != null) {
        rel = LogicalFilter.create(rel, having);
      }
    }
    if (windows.any()) {
      // Window functions see the row after WHERE/GROUP BY/HAVING and come before DISTINCT and
      // ORDER BY: a LogicalWindow over that row, whose outputs the select list then reads.
      rel = windows.build(rel, aggregating ? java.util.Set.of() : variables);
      exprs.replaceAll(windows::resolve);
    }
    // set-returning functions run above the windows, as in PostgreSQL's plans
    rel = projectSet(rel, exprs, where, having);
    rel = LogicalProject.create(rel, List.of(), exprs, fieldNames(exprs.size(), "$f"),
        aggregating ? java.util.Set.of() : variables);
    if (distinct) {
      rel = LogicalAggregate.create(rel, List.of(), ImmutableBitSet.range(exprs.size()), null, List.of());
    }
    if (!onKeys.isEmpty()) {
      rel = firstOfEachKey(rel, onKeys, collations);
    }
    RexNode offsetRex = offset == null ? null : limit(base, offset);
    RexNode fetchRex = fetch == null ? null : limit(base, fetch);
    if (!collations.isEmpty() || offsetRex != null || fetchRex != null) {
      rel = LogicalSort.create(rel, RelCollations.of(collations), offsetRex, fetchRex);
    }
    if (exprs.size() > visible) {
      List<RexNode> keep = new ArrayList<>();
      for (int i = 0; i < visible; i++) {
        keep.add(ctx.rex.makeInputRef(rel, i));
      }
      rel = LogicalProject.create(rel, List.of(), keep, fieldNames(visible, "$f"), java.util.Set.of());
    }
    return new BoundQuery(rel, columns);
  }

  /**
   * DISTINCT ON: the first row of each distinct {@code keys} in the order of {@code order} (any
   * row when there is none), as row_number() over the keys' partitions equal to 1; the sort that
   * follows puts the survivors in order.
   */
  private RelNode firstOfEachKey(RelNode rel, List<Integer> keys, List<RelFieldCollation> order) {
    int width = rel.getRowType().getFieldCount();
    RelDataTypeFactory.Builder rowType = PgRelTypes.FACTORY.builder();
    rowType.addAll(rel.getRowType().getFieldList());
    rowType.add("$row_number", PgRelTypes.INT8);
    Window.RexWinAggCall rowNumber = new Window.RexWinAggCall(
        new io.s3vector.sql.functions.WindowFunctions.PgWindowFunction("row_number",
            io.s3vector.sql.functions.WindowFunctions.Kind.ROW_NUMBER, PgRelTypes.INT8),
        PgRelTypes.INT8, List.of(), 0, false, false);
    Window.Group group = new Window.Group(ImmutableBitSet.of(keys), true,
        RexWindowBounds.UNBOUNDED_PRECEDING, RexWindowBounds.CURRENT_ROW,
        RexWindowExclusion.EXCLUDE_NO_OTHER, RelCollations.of(order), List.of(rowNumber));
    RelNode numbered = LogicalWindow.create(rel.getTraitSet(), rel, List.of(), rowType.build(),
        List.of(group));
    io.s3vector.sql.functions.Resolved equals =
        io.s3vector.sql.functions.Operators.binary("=", PgRelTypes.INT8, PgRelTypes.INT8);
    RexNode first = ctx.rex.makeCall(PgRelTypes.BOOL, equals.function(), List.of(
        ctx.rex.makeInputRef(numbered, width),
        ctx.rex.makeExactLiteral(java.math.BigDecimal.ONE, PgRelTypes.INT8)));
    RelNode kept = LogicalFilter.create(numbered, first);
    List<RexNode> columns = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      columns.add(ctx.rex.makeInputRef(kept, i));
    }
    return LogicalProject.create(kept, List.of(), columns, fieldNames(width, "$f"), java.util.Set.of());
  }

  /**
   * Set-returning functions in the select list or ORDER BY: they move into a ProjectSet under the
   * final Project, whose expressions then read their columns (PostgreSQL's plan shape). Not in
   * WHERE or HAVING (0A000, as PostgreSQL).
   */
  private RelNode projectSet(RelNode rel, List<RexNode> exprs, RexNode where, RexNode having) {
    if (where != null && !setFunctionCalls(where).isEmpty()) {
      throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED, "set-returning functions are not allowed in WHERE", null);
    }
    if (having != null && !setFunctionCalls(having).isEmpty()) {
      throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED, "set-returning functions are not allowed in HAVING", null);
    }
    List<org.apache.calcite.rex.RexCall> calls = new ArrayList<>();
    for (RexNode e : exprs) {
      for (org.apache.calcite.rex.RexCall c : setFunctionCalls(e)) {
        if (!calls.contains(c)) {
          calls.add(c);
        }
      }
    }
    if (calls.isEmpty()) {
      return rel;
    }
    int width = rel.getRowType().getFieldCount();
    RelNode set = new io.s3vector.sql.plan.ProjectSet(ctx.cluster, rel, calls);
    org.apache.calcite.rex.RexShuttle replace = new org.apache.calcite.rex.RexShuttle() {
      @Override
      public RexNode visitCall(org.apache.calcite.rex.RexCall call) {
        int i = calls.indexOf(call);
        return i >= 0 ? ctx.rex.makeInputRef(call.getType(), width + i) : super.visitCall(call);
      }
    };
    exprs.replaceAll(e -> e.accept(replace));
    return set;
  }

  /** The set-returning calls in an expression, outermost first (nested ones are not supported). */
  private static List<org.apache.calcite.rex.RexCall> setFunctionCalls(RexNode e) {
    List<org.apache.calcite.rex.RexCall> calls = new ArrayList<>();
    e.accept(new org.apache.calcite.rex.RexVisitorImpl<Void>(true) {
      @Override
      public Void visitCall(org.apache.calcite.rex.RexCall call) {
        if (call.getOperator() instanceof io.s3vector.sql.functions.SetFunction) {
          calls.add(call);
          return null;
        }
        return super.visitCall(call);
      }
    });
    return calls;
  }

  private static List<String> fieldNames(int n, String prefix) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add(prefix + i);
    }
    return names;
  }

  /** LIMIT/OFFSET: a constant or $n, as bigint; LIMIT ALL / NULL mean no limit. */
  private RexNode limit(ExprBinder binder, SqlNode node) {
    if (node instanceof SqlLiteral lit && lit.getValue() == null) {
      return null;
    }
    if (node instanceof SqlNumericLiteral n && n.isInteger()) {
      return ctx.rex.makeExactLiteral(n.getValueAs(java.math.BigDecimal.class), PgRelTypes.INT8);
    }
    RexNode rex = binder.bind(node);
    return binder.coerce(rex, PgRelTypes.INT8, io.s3vector.sql.functions.Casts.Context.ASSIGNMENT, node);
  }

  /** GROUP BY 1 and GROUP BY alias refer to select items, as in PostgreSQL. */
  private SqlNode groupItem(SqlNode g, List<SqlNode> items, Scope scope) {
    if (g instanceof SqlNumericLiteral n && n.isInteger()) {
      int i = n.intValue(true);
      if (i < 1 || i > items.size()) {
        throw ctx.error(SqlState.INVALID_COLUMN_REFERENCE,
            "GROUP BY position " + i + " is not in select list", g);
      }
      return stripAlias(items.get(i - 1));
    }
    if (g instanceof SqlIdentifier id && id.isSimple() && (scope == null || !scope.hasColumn(id.getSimple()))) {
      for (SqlNode item : items) {
        if (item.getKind() == SqlKind.AS
            && ((SqlIdentifier) ((SqlCall) item).operand(1)).getSimple().equals(id.getSimple())) {
          return ((SqlCall) item).operand(0);
        }
      }
    }
    return g;
  }

  private static SqlNode stripAlias(SqlNode item) {
    return item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
  }

  /**
   * ORDER BY n or ORDER BY output-name: the select item's index, else -1. Two items of the name
   * are ambiguous unless they are the same expression ({@code SELECT a, t.a ... ORDER BY a}).
   */
  private int outputColumn(SqlNode e, List<String> names, List<SqlNode> items, List<RexNode> exprs,
      int visible) {
    if (e instanceof SqlNumericLiteral n && n.isInteger()) {
      int i = n.intValue(true);
      if (i < 1 || i > visible) {
        throw ctx.error(SqlState.INVALID_COLUMN_REFERENCE,
            "ORDER BY position " + i + " is not in select list", e);
      }
      return i - 1;
    }
    if (e instanceof SqlIdentifier id && id.isSimple()) {
      int found = -1;
      for (int i = 0; i < visible; i++) {
        if (names.get(i).equals(id.getSimple())) {
          if (found >= 0 && !stripAlias(items.get(i)).equalsDeep(stripAlias(items.get(found)), Litmus.IGNORE)
              && !exprs.get(i).equals(exprs.get(found))) {
            throw ctx.error(SqlState.AMBIGUOUS_COLUMN,
                "ORDER BY \"" + id.getSimple() + "\" is ambiguous", e);
          }
          found = found < 0 ? i : found;
        }
      }
      return found;
    }
    return -1;
  }

  static boolean containsAggregate(List<SqlNode> nodes) {
    for (SqlNode n : nodes) {
      if (containsAggregate(n)) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsAggregate(SqlNode node) {
    if (ExprBinder.isQuery(node)) {
      return false; // a subquery's aggregates are its own
    }
    if (node instanceof SqlCase c) {
      List<SqlNode> parts = new ArrayList<>();
      parts.add(c.getValueOperand());
      parts.addAll(c.getWhenOperands().getList());
      parts.addAll(c.getThenOperands().getList());
      parts.add(c.getElseOperand());
      parts.removeIf(java.util.Objects::isNull);
      return containsAggregate(parts);
    }
    if (node instanceof SqlCall call && call.getKind() == SqlKind.OVER) {
      // sum(x) [FILTER (WHERE c)] OVER (...) is a window function, not an aggregate; its
      // arguments, filter and window may hold one.
      SqlNode fn = call.operand(0);
      List<SqlNode> inside = new ArrayList<>();
      if (fn.getKind() == SqlKind.FILTER) {
        inside.add(((SqlCall) fn).operand(1));
        fn = ((SqlCall) fn).operand(0);
      }
      if (fn instanceof SqlCall f) {
        inside.addAll(f.getOperandList());
      }
      inside.add(call.operand(1));
      return containsAggregate(inside);
    }
    if (node instanceof SqlCall call) {
      if (call.getOperator() instanceof SqlFunction
          && io.s3vector.sql.functions.Aggregates.isAggregate(call.getOperator().getName().toLowerCase(Locale.ROOT))) {
        return true;
      }
      for (SqlNode o : call.getOperandList()) {
        if (o != null && containsAggregate(o)) {
          return true;
        }
      }
    }
    if (node instanceof SqlNodeList list) {
      return containsAggregate(list.getList());
    }
    return false;
  }

  /** PostgreSQL's label for an unaliased select item (FigureColname). */
  static String columnName(SqlNode expr) {
    String[] name = {"?column?"};
    figureColname(expr, name);
    return name[0];
  }

  /**
   * PostgreSQL's FigureColnameInternal: sets the name and returns its strength: 2 for a column,
   * function, ARRAY[...], coalesce; 1 for a cast's type name or "case"; 0 for none. A cast keeps
   * a strong name of its operand, else is named after its type.
   */
  private static int figureColname(SqlNode expr, String[] name) {
    if (expr instanceof SqlIdentifier id) {
      name[0] = id.isStar() ? "?column?" : id.names.get(id.names.size() - 1);
      return 2;
    }
    if (expr instanceof org.apache.calcite.sql.SqlIntervalLiteral) {
      name[0] = "interval";
      return 1;
    }
    if (expr instanceof org.apache.calcite.sql.SqlUnknownLiteral typed) {
      name[0] = typed.tag.equalsIgnoreCase("timestamp") ? "timestamp" : typed.tag.toLowerCase(Locale.ROOT);
      return 1;
    }
    if (expr instanceof SqlCase c) {
      int strength = c.getElseOperand() == null ? 0 : figureColname(c.getElseOperand(), name);
      if (strength <= 1) {
        name[0] = "case";
        return 1;
      }
      return strength;
    }
    if (expr instanceof SqlCall call) {
      if (call.getKind() == SqlKind.CAST) {
        int strength = figureColname(call.operand(0), name);
        if (strength <= 1) {
          name[0] = castName((SqlDataTypeSpec) call.operand(1));
          return 1;
        }
        return strength;
      }
      if (call.getKind() == SqlKind.OVER) {
        // sum(x) [FILTER (WHERE ...)] OVER (...) is named "sum"
        SqlNode fn = call.operand(0);
        return figureColname(fn.getKind() == SqlKind.FILTER ? ((SqlCall) fn).operand(0) : fn, name);
      }
      if (call.getOperator() == io.s3vector.sql.parser.PgOperators.AT_TIME_ZONE) {
        name[0] = "timezone";
        return 2;
      }
      if (call.getKind() == SqlKind.FILTER || call.getKind() == SqlKind.ITEM) {
        // count(*) FILTER (WHERE ...) is "count"; a subscript takes its array's name
        return figureColname(call.operand(0), name);
      }
      if (call.getKind() == SqlKind.COALESCE) {
        name[0] = "coalesce";
        return 2;
      }
      if (call.getKind() == SqlKind.ARRAY_VALUE_CONSTRUCTOR) {
        name[0] = "array";
        return 2;
      }
      if (call.getOperator() instanceof SqlFunction) {
        name[0] = call.getOperator().getName().toLowerCase(Locale.ROOT);
        return 2;
      }
    }
    return 0;
  }

  /** The type name PostgreSQL labels a cast with: "int4", "vector", "float4" for real[]. */
  private static String castName(SqlDataTypeSpec spec) {
    RelDataType t = TypeNames.resolve(spec).type();
    if (PgRelTypes.regName(t) != null) {
      return PgRelTypes.regName(t);
    }
    if (t.getSqlTypeName() == org.apache.calcite.sql.type.SqlTypeName.ARRAY
        && !(t instanceof CatalogVectorRelType)) {
      t = t.getComponentType();
    }
    PgType pg = PgRelTypes.pg(t);
    return pg == null ? "?column?" : pg.name();
  }

  /** A result column: type, typmod, and for a plain column its table and attribute number. */
  private ResultColumn resultColumn(String name, RelDataType type, SqlNode expr) {
    return resultColumn(name, type, expr, null);
  }

  /** {@link #resultColumn(String, RelDataType, SqlNode)} from {@code origin} (table OID, attnum). */
  private ResultColumn resultColumn(String name, RelDataType type, SqlNode expr, int[] origin) {
    PgType pg = type.isStruct() ? io.s3vector.sql.types.RecordType.INSTANCE : PgRelTypes.pg(type);
    if (pg == null) {
      throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED,
          "returning values of type " + PgRelTypes.displayName(type) + " is not supported yet", expr);
    }
    if (pg == PgTypes.UNKNOWN) {
      pg = PgTypes.TEXT;
    }
    return new ResultColumn(name, pg, PgRelTypes.typmod(type), origin == null ? 0 : origin[0],
        origin == null ? 0 : (short) origin[1]);
  }
}
