package io.s3vector.sql.bind;

import io.s3vector.sql.SqlState;
import io.s3vector.sql.catalog.CatalogTables;
import io.s3vector.storage.table.Table;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;

/**
 * Binds a FROM clause: its relations (tables, pg_catalog tables, CTEs, subqueries, VALUES,
 * functions) and joins (comma, CROSS, INNER, LEFT, RIGHT, FULL; ON, USING, NATURAL; LATERAL),
 * into a {@link Scope} that names their columns and a {@link FromClause} tree to plan once the
 * query around it is bound.
 */
final class FromBinder {
  private final BindContext ctx;
  /** The scope of the query around this one (correlated references), or null. */
  private final Scope outer;
  private final List<FromItem> items = new ArrayList<>();
  private final List<Scope.Merged> merged = new ArrayList<>();
  private int width;

  record Bound(Scope scope, FromClause tree) {}

  FromBinder(BindContext ctx, Scope outer) {
    this.ctx = ctx;
    this.outer = outer;
  }

  Bound bind(SqlNode from) {
    FromClause tree = node(from);
    return new Bound(scope(0, items.size(), 0), tree);
  }

  /** A scope over items [from, to) whose row starts at {@code base}, with their merged columns. */
  private Scope scope(int from, int to, int base) {
    List<FromItem> some = List.copyOf(items.subList(from, to));
    Scope s = new Scope(some, outer, base);
    for (Scope.Merged m : merged) {
      if (some.contains(m.left()) && some.contains(m.right())) {
        s.merge(m);
      }
    }
    return s;
  }

  private FromClause node(SqlNode node) {
    if (node instanceof SqlJoin join) {
      return join(join);
    }
    return leaf(node, outer);
  }

  private FromClause join(SqlJoin join) {
    int firstItem = items.size();
    FromClause left = node(join.getLeft());
    int leftItems = items.size();
    SqlNode rightNode = join.getRight();
    // Functions in FROM are implicitly LATERAL, as in PostgreSQL.
    Scope lateral = isLateral(rightNode) || isFunction(rightNode) ? scope(firstItem, leftItems, left.start()) : null;
    FromClause right = rightNode instanceof SqlJoin nested ? join(nested)
        : leaf(rightNode, lateral != null ? lateral : outer);
    JoinRelType type = switch (join.getJoinType()) {
      case INNER, COMMA, CROSS -> JoinRelType.INNER;
      case LEFT -> JoinRelType.LEFT;
      case RIGHT -> JoinRelType.RIGHT;
      case FULL -> JoinRelType.FULL;
      default -> throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED,
          join.getJoinType() + " joins are not supported", join);
    };
    if (lateral != null && lateral.correlation() != null
        && (type == JoinRelType.RIGHT || type == JoinRelType.FULL)) {
      throw ctx.error("42P10", "The combining JOIN type must be INNER or LEFT for a LATERAL reference.",
          rightNode);
    }
    Scope conditionScope = scope(firstItem, items.size(), left.start());
    RexNode condition = null;
    ExprBinder binder = new ExprBinder(ctx, conditionScope, "JOIN/ON");
    if (join.isNatural() || join.getConditionType() == JoinConditionType.USING) {
      List<String> names = new ArrayList<>();
      if (join.isNatural()) {
        Scope l = scope(firstItem, leftItems, left.start());
        Scope r = scope(leftItems, items.size(), left.start());
        for (String name : visibleColumns(firstItem, leftItems)) {
          if (r.hasOwnColumn(name) && l.hasOwnColumn(name) && !names.contains(name)) {
            names.add(name);
          }
        }
      } else {
        for (SqlNode n : (SqlNodeList) join.getCondition()) {
          names.add(((SqlIdentifier) n).getSimple());
        }
      }
      List<RexNode> tests = new ArrayList<>();
      for (String name : names) {
        SqlIdentifier id = new SqlIdentifier(name, join.getParserPosition());
        Column l = column(firstItem, leftItems, left.start(), id, "left");
        Column r = column(leftItems, items.size(), left.start(), id, "right");
        tests.add(binder.binary("=", join, l.ref(), r.ref()));
        merged.add(new Scope.Merged(name, l.item(), l.index(), r.item(), r.index(), type));
      }
      condition = tests.isEmpty() ? null : tests.size() == 1 ? tests.get(0)
          : ctx.rex.makeCall(PgRelTypes.BOOL, io.s3vector.sql.functions.Operators.AND, tests);
    } else if (join.getConditionType() == JoinConditionType.ON) {
      SqlNode on = join.getCondition();
      condition = binder.toBool(binder.bind(on), "JOIN/ON", on);
    }
    if (lateral != null && lateral.correlation() != null && type == JoinRelType.LEFT
        && condition != null && !condition.isAlwaysTrue()) {
      throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED,
          "LEFT JOIN LATERAL with a join condition is not supported yet", join);
    }
    return new FromClause.Join(left, right, type, condition, conditionScope, lateral);
  }

  /** A column of one side of a USING join, as its item, index and reference in the join's row. */
  private record Column(FromItem item, int index, RexNode ref) {}

  private Column column(int from, int to, int base, SqlIdentifier id, String side) {
    Scope s = scope(from, to, base);
    Scope.Merged m = s.merged(id.getSimple());
    FromItem found = null;
    int index = -1;
    if (m != null) {
      if (m.type() == JoinRelType.FULL) {
        throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED,
            "USING over a column merged by a FULL JOIN is not supported yet", id);
      }
      found = m.type() == JoinRelType.RIGHT ? m.right() : m.left();
      index = m.type() == JoinRelType.RIGHT ? m.rightIndex() : m.leftIndex();
    } else {
      for (FromItem item : items.subList(from, to)) {
        int i = item.column(id.getSimple());
        if (i >= 0) {
          if (found != null) {
            throw ctx.error(SqlState.AMBIGUOUS_COLUMN, "common column name \"" + id.getSimple()
                + "\" appears more than once in " + side + " table", id);
          }
          found = item;
          index = i;
        }
      }
    }
    if (found == null) {
      throw ctx.error(SqlState.UNDEFINED_COLUMN, "column \"" + id.getSimple()
          + "\" specified in USING clause does not exist in " + side + " table", id);
    }
    found.used.set(index);
    RexNode ref = ctx.rex.makeInputRef(found.rowType.getFieldList().get(index).getType(),
        found.offset + index - base);
    return new Column(found, index, ref);
  }

  private List<String> visibleColumns(int from, int to) {
    List<String> names = new ArrayList<>();
    for (FromItem item : items.subList(from, to)) {
      names.addAll(item.rowType.getFieldNames());
    }
    return names;
  }

  private static boolean isFunction(SqlNode node) {
    SqlNode target = node.getKind() == SqlKind.AS ? ((SqlCall) node).operand(0) : node;
    return target.getKind() == SqlKind.COLLECTION_TABLE || target.getKind() == SqlKind.UNNEST;
  }

  private static boolean isLateral(SqlNode node) {
    if (node.getKind() == SqlKind.LATERAL) {
      return true;
    }
    return node.getKind() == SqlKind.AS && ((SqlCall) node).operand(0).getKind() == SqlKind.LATERAL;
  }

  /** One relation, maybe aliased ({@code AS a(x, y)}); a subquery sees {@code scope} outside. */
  private FromClause leaf(SqlNode from, Scope subqueryOuter) {
    String alias = null;
    List<String> columnAliases = new ArrayList<>();
    SqlNode target = from;
    if (target.getKind() == SqlKind.LATERAL) {
      target = ((SqlCall) target).operand(0);
    }
    if (target.getKind() == SqlKind.AS) {
      SqlCall as = (SqlCall) target;
      target = as.operand(0);
      alias = ((SqlIdentifier) as.operand(1)).getSimple();
      for (int i = 2; i < as.operandCount(); i++) {
        columnAliases.add(((SqlIdentifier) as.operand(i)).getSimple());
      }
    }
    if (target.getKind() == SqlKind.LATERAL) {
      target = ((SqlCall) target).operand(0);
    }
    FromItem item = relation(target, alias, columnAliases, subqueryOuter);
    if (item.qualifier != null) {
      for (FromItem other : items) {
        if (item.qualifier.equals(other.qualifier)) {
          throw ctx.error("42712", "table name \"" + item.qualifier + "\" specified more than once", from);
        }
      }
    }
    item.offset = width;
    width += item.width();
    items.add(item);
    return new FromClause.Leaf(item);
  }

  private FromItem relation(SqlNode target, String alias, List<String> columnAliases, Scope subqueryOuter) {
    if (target.getKind() == SqlKind.VALUES) {
      Derived values = new QueryBinder(ctx, subqueryOuter).values((SqlCall) target);
      return derived(alias, alias, columnAliases, values.names(), values.rel());
    }
    if (target.getKind() == SqlKind.JOIN) {
      throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED, "a parenthesised join with an alias is not supported yet", target);
    }
    if (target.getKind().belongsTo(SqlKind.QUERY) || target.getKind() == SqlKind.ORDER_BY
        || target.getKind() == SqlKind.WITH) {
      BoundQuery inner = new QueryBinder(ctx, subqueryOuter).bind(target);
      FromItem item = derived(alias, alias, columnAliases, names(inner), inner.rel());
      item.origins = QueryBinder.origins(inner);
      return item;
    }
    if (target.getKind() == SqlKind.COLLECTION_TABLE || target.getKind() == SqlKind.UNNEST) {
      return function((SqlCall) target, alias, columnAliases, subqueryOuter);
    }
    if (target instanceof SqlCall) {
      throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED, "this FROM item is not supported yet", target);
    }
    if (!(target instanceof SqlIdentifier id)) {
      throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED, "this FROM item is not supported yet", target);
    }
    String name = id.names.get(id.names.size() - 1);
    if (id.names.size() == 1) {
      BindContext.Cte cte = ctx.cte(name);
      if (cte != null) {
        FromItem item = derived(name, alias != null ? alias : name, columnAliases, cte.columns(),
            cte.rel());
        item.origins = cte.origins();
        return item;
      }
    }
    CatalogTables.CatalogTable catalog = id.names.size() == 1 ? CatalogTables.table(name)
        : CatalogTables.table(id.names.get(id.names.size() - 2), name);
    if (catalog != null && (id.names.size() > 1
        || io.s3vector.sql.session.SearchPath.find(ctx.session, id.names).isEmpty())) {
      return new FromItem(name, alias != null ? alias : name, renamed(catalog.rowType(), columnAliases),
          false, catalog.rows(), null);
    }
    if (io.s3vector.sql.session.SearchPath.find(ctx.session, id.names).isEmpty()) {
      CatalogTables.CatalogTable sequence = io.s3vector.sql.functions.SequenceFunctions.relation(
          io.s3vector.sql.catalog.Identifiers.qualified(id.names), ctx.session);
      if (sequence != null) {
        return new FromItem(name, alias != null ? alias : name,
            renamed(sequence.rowType(), columnAliases), false, sequence.rows(), null);
      }
    }
    Table table = new QueryBinder(ctx).table(id);
    String shown = io.s3vector.sql.catalog.SchemaNames.tableOf(table.name());
    FromItem item = new FromItem(table.name(), alias != null ? alias : shown,
        renamed(QueryBinder.rowType(table), columnAliases), false, null, null);
    item.tableOid = io.s3vector.sql.catalog.Oids.table(table);
    return item;
  }

  /**
   * A set-returning function: {@code generate_series(1, 3) [WITH ORDINALITY] [AS g(i)]}. A
   * function of one column names it after the alias, else after the function.
   */
  private FromItem function(SqlCall target, String alias, List<String> columnAliases, Scope lateral) {
    boolean ordinality = target.getOperator() == org.apache.calcite.sql.fun.SqlStdOperatorTable.UNNEST_WITH_ORDINALITY;
    String name;
    List<SqlNode> operands;
    if (target.getKind() == SqlKind.UNNEST) {
      name = "unnest";
      operands = target.getOperandList();
    } else {
      SqlCall call = (SqlCall) target.operand(0);
      name = call.getOperator().getName().toLowerCase(java.util.Locale.ROOT);
      operands = call.getOperandList();
      if (name.equals(io.s3vector.sql.lex.CalciteText.WITH_ORDINALITY)) {
        // f(args) WITH ORDINALITY, rewritten by CalciteText as "$with_ordinality"('f', args)
        ordinality = true;
        name = ((org.apache.calcite.sql.SqlLiteral) operands.get(0)).getValueAs(String.class)
            .toLowerCase(java.util.Locale.ROOT);
        operands = operands.subList(1, operands.size());
      }
      int dot = name.lastIndexOf('.');
      name = dot >= 0 ? name.substring(dot + 1) : name;
    }
    // Arguments read earlier FROM items only through the lateral correlation variable.
    ExprBinder binder = new ExprBinder(ctx, lateral == null ? null : new Scope(List.of(), lateral, 0),
        "functions in FROM");
    List<RexNode> args = new ArrayList<>();
    List<RelDataType> types = new ArrayList<>();
    for (SqlNode o : operands) {
      RexNode arg = binder.bind(o);
      args.add(arg);
      types.add(arg.getType());
    }
    io.s3vector.sql.functions.SetFunction fn = io.s3vector.sql.functions.SetFunctions.resolve(name, types);
    if (fn == null) {
      if (!io.s3vector.sql.functions.SetFunctions.isSetFunction(name)) {
        throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED,
            "function " + name + "() in FROM is not supported", target);
      }
      StringBuilder sig = new StringBuilder();
      for (RelDataType t : types) {
        sig.append(sig.length() == 0 ? "" : ", ").append(PgRelTypes.displayName(t));
      }
      throw ctx.error(SqlState.UNDEFINED_FUNCTION, "function " + name + "(" + sig + ") does not exist",
          ExprBinder.NO_FUNCTION_HINT, target);
    }
    List<RexNode> coerced = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      coerced.add(binder.coerce(args.get(i), fn.argTypes().get(i),
          io.s3vector.sql.functions.Casts.Context.IMPLICIT, operands.get(i)));
    }
    RelDataTypeFactory.Builder b = PgRelTypes.FACTORY.builder();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < fn.columnTypes().size(); i++) {
      String column = fn.columnNames().get(i);
      names.add(column != null ? column : alias != null ? alias : name);
      b.add("$" + i, fn.columnTypes().get(i));
    }
    if (ordinality) {
      names.add("ordinality");
      b.add("$o", PgRelTypes.INT8);
    }
    RelDataType type = b.build();
    org.apache.calcite.rel.RelNode scan = new io.s3vector.sql.plan.FunctionScan(ctx.cluster, fn, coerced,
        ordinality, type);
    return derived(name, alias != null ? alias : name, columnAliases, names, scan);
  }

  /** A derived relation's column names and plan. */
  record Derived(List<String> names, org.apache.calcite.rel.RelNode rel) {}

  private static List<String> names(BoundQuery q) {
    List<String> names = new ArrayList<>();
    for (var c : q.columns()) {
      names.add(c.name());
    }
    return names;
  }

  private FromItem derived(String table, String qualifier, List<String> columnAliases,
      List<String> names, org.apache.calcite.rel.RelNode rel) {
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      shown.add(i < columnAliases.size() ? columnAliases.get(i) : names.get(i));
    }
    return new FromItem(table, qualifier, QueryBinder.rowType(shown, rel.getRowType()), false, null, rel);
  }

  /** A table's row type with its first columns renamed by {@code AS t(a, b)}. */
  private static RelDataType renamed(RelDataType rowType, List<String> columnAliases) {
    if (columnAliases.isEmpty()) {
      return rowType;
    }
    RelDataTypeFactory.Builder b = PgRelTypes.FACTORY.builder();
    for (var f : rowType.getFieldList()) {
      int i = f.getIndex();
      b.add(i < columnAliases.size() ? columnAliases.get(i) : f.getName(), f.getType());
    }
    return b.build();
  }
}
