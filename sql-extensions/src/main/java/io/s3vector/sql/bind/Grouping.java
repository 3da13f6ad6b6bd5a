package io.s3vector.sql.bind;

import io.s3vector.sql.SqlState;
import io.s3vector.sql.functions.Aggregates;
import io.s3vector.sql.functions.PgAggFunction;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.util.Litmus;

/**
 * Binding above GROUP BY / aggregates: an expression equal to a GROUP BY item becomes a reference
 * to that group column, an aggregate call becomes a reference to its result, and a bare column
 * that is neither raises PostgreSQL's grouping error. The aggregate's input is a projection of
 * the group expressions followed by the aggregate arguments.
 */
public final class Grouping {
  private final BindContext ctx;
  private final ExprBinder inner;
  private final List<SqlNode> groupNodes = new ArrayList<>();
  private final List<RexNode> groupRexes = new ArrayList<>();
  private final List<RexNode> aggArgs = new ArrayList<>();
  private final List<AggregateCall> calls = new ArrayList<>();

  Grouping(BindContext ctx, ExprBinder inner) {
    this.ctx = ctx;
    this.inner = inner;
  }

  void addGroup(SqlNode node) {
    RexNode rex = inner.resolveUnknown(inner.bind(node));
    groupNodes.add(node);
    groupRexes.add(rex);
  }

  public int groupCount() {
    return groupRexes.size();
  }

  /** The aggregate's input projection: group expressions, then aggregate arguments. */
  public List<RexNode> inputProjection() {
    List<RexNode> all = new ArrayList<>(groupRexes);
    all.addAll(aggArgs);
    return all;
  }

  public List<AggregateCall> calls() {
    return calls;
  }

  /** A reference to the group column {@code node} equals, or null. */
  RexNode match(SqlNode node) {
    for (int i = 0; i < groupNodes.size(); i++) {
      if (groupNodes.get(i).equalsDeep(node, Litmus.IGNORE)) {
        return ref(i);
      }
    }
    if (node instanceof SqlIdentifier id && !id.isStar()) {
      RexNode bound = inner.bind(id);
      for (int i = 0; i < groupRexes.size(); i++) {
        if (groupRexes.get(i).equals(bound)) {
          return ref(i);
        }
      }
    }
    return null;
  }

  private RexNode ref(int i) {
    return new RexInputRef(i, groupRexes.get(i).getType());
  }

  /** The grouping error for a column used outside GROUP BY and aggregates. */
  RuntimeException notGrouped(SqlIdentifier id, Scope scope) {
    String column = id.names.get(id.names.size() - 1);
    String qualified = (scope == null ? "" : scope.qualifier() + ".") + column;
    return ctx.error(SqlState.GROUPING_ERROR, "column \"" + qualified
        + "\" must appear in the GROUP BY clause or be used in an aggregate function", id);
  }

  /** Binds an aggregate call; returns a reference to its result. */
  RexNode aggregate(SqlCall call, String name) {
    return aggregate(call, name, null);
  }

  /**
   * Binds an aggregate call with {@code FILTER (WHERE filter)} (null: none); returns a reference
   * to its result.
   */
  RexNode aggregate(SqlCall call, String name, SqlNode filter) {
    boolean distinct = call instanceof SqlBasicCall b && b.getFunctionQuantifier() != null
        && b.getFunctionQuantifier().getValue() == SqlSelectKeyword.DISTINCT;
    int filterArg = -1;
    if (filter != null) {
      filterArg = groupRexes.size() + aggArgs.size();
      // Calcite wants a BOOLEAN NOT NULL filter: "c IS TRUE" (a NULL condition skips the row)
      RexNode condition = inner.toBool(inner.bind(filter), "FILTER", filter);
      aggArgs.add(ctx.rex.makeCall(
          PgRelTypes.FACTORY.createSqlType(org.apache.calcite.sql.type.SqlTypeName.BOOLEAN),
          io.s3vector.sql.functions.Operators.IS_TRUE, List.of(condition)));
    }
    if (io.s3vector.sql.functions.CollectingAggregates.handles(name)) {
      return collecting(call, name, distinct, filterArg);
    }
    List<SqlNode> operands = call.getOperandList();
    PgAggFunction fn;
    List<Integer> args = new ArrayList<>();
    if (name.equals("count") && operands.size() == 1 && operands.get(0) instanceof SqlIdentifier id
        && id.isStar()) {
      fn = Aggregates.countStar();
    } else if (operands.size() == 1) {
      RexNode arg = inner.bind(operands.get(0));
      Aggregates.Resolution r = Aggregates.resolve(name, arg.getType());
      if (r == null) {
        throw ctx.error(SqlState.UNDEFINED_FUNCTION,
            "function " + name + "(" + PgRelTypes.displayName(arg.getType()) + ") does not exist",
            "No function matches the given name and argument types. You might need to add explicit type casts.",
            call);
      }
      fn = r.function();
      arg = inner.coerce(arg, r.argType(), io.s3vector.sql.functions.Casts.Context.IMPLICIT, operands.get(0));
      args.add(groupRexes.size() + aggArgs.size());
      aggArgs.add(arg);
    } else {
      throw ctx.error(SqlState.UNDEFINED_FUNCTION, "function " + name + " with "
          + operands.size() + " arguments does not exist", call);
    }
    RelDataType type = fn.resultType();
    calls.add(AggregateCall.create(fn, distinct, false, false, List.of(), args, filterArg, null,
        RelCollations.EMPTY, type, name + calls.size()));
    return new RexInputRef(groupRexes.size() + calls.size() - 1, type);
  }

  /**
   * A collecting aggregate ({@code array_agg(x ORDER BY y DESC)}, {@code string_agg(x, ',')},
   * {@code jsonb_object_agg(k, v)}, ...): its arguments, then its sort keys, as aggregate inputs.
   */
  private RexNode collecting(SqlCall call, String name, boolean distinct, int filterArg) {
    List<SqlNode> operands = new ArrayList<>(call.getOperandList());
    org.apache.calcite.sql.SqlNodeList orderBy = null;
    if (!operands.isEmpty() && operands.get(operands.size() - 1) instanceof org.apache.calcite.sql.SqlNodeList l) {
      orderBy = l;
      operands.remove(operands.size() - 1);
    }
    List<RexNode> bound = new ArrayList<>();
    List<RelDataType> types = new ArrayList<>();
    for (SqlNode o : operands) {
      RexNode arg = inner.bind(o);
      bound.add(arg);
      types.add(arg.getType());
    }
    var r = io.s3vector.sql.functions.CollectingAggregates.resolve(name, types);
    if (r == null) {
      StringBuilder sig = new StringBuilder();
      for (RelDataType t : types) {
        sig.append(sig.length() == 0 ? "" : ", ").append(PgRelTypes.displayName(t));
      }
      throw ctx.error(SqlState.UNDEFINED_FUNCTION, "function " + name + "(" + sig + ") does not exist",
          "No function matches the given name and argument types. You might need to add explicit type casts.",
          call);
    }
    List<Integer> args = new ArrayList<>();
    for (int i = 0; i < bound.size(); i++) {
      args.add(groupRexes.size() + aggArgs.size());
      aggArgs.add(inner.coerce(bound.get(i), r.argTypes().get(i),
          io.s3vector.sql.functions.Casts.Context.IMPLICIT, operands.get(i)));
    }
    List<io.s3vector.sql.functions.CollectingAggregates.SortKey> keys = new ArrayList<>();
    if (orderBy != null) {
      for (SqlNode item : orderBy) {
        boolean descending = false;
        Boolean nullsFirst = null;
        while (item instanceof SqlCall c && (c.getKind() == org.apache.calcite.sql.SqlKind.DESCENDING
            || c.getKind() == org.apache.calcite.sql.SqlKind.NULLS_FIRST
            || c.getKind() == org.apache.calcite.sql.SqlKind.NULLS_LAST)) {
          switch (c.getKind()) {
            case DESCENDING -> descending = true;
            case NULLS_FIRST -> nullsFirst = nullsFirst == null ? Boolean.TRUE : nullsFirst;
            default -> nullsFirst = nullsFirst == null ? Boolean.FALSE : nullsFirst;
          }
          item = c.operand(0);
        }
        args.add(groupRexes.size() + aggArgs.size());
        aggArgs.add(inner.resolveUnknown(inner.bind(item)));
        // PostgreSQL: NULLS LAST for ASC and NULLS FIRST for DESC unless said otherwise.
        keys.add(new io.s3vector.sql.functions.CollectingAggregates.SortKey(descending,
            nullsFirst != null ? nullsFirst : descending));
      }
    }
    PgAggFunction fn = io.s3vector.sql.functions.CollectingAggregates.function(name, r, bound.size(), keys);
    RelDataType type = fn.resultType();
    calls.add(AggregateCall.create(fn, distinct, false, false, List.of(), args, filterArg, null,
        RelCollations.EMPTY, type, name + calls.size()));
    return new RexInputRef(groupRexes.size() + calls.size() - 1, type);
  }
}
