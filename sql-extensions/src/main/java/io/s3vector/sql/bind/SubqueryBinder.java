package io.s3vector.sql.bind;

import com.google.common.collect.ImmutableList;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.functions.Casts;
import io.s3vector.sql.functions.Operators;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlQuantifyOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * Subqueries inside expressions, bound to Calcite's {@link RexSubQuery}: scalar {@code (SELECT
 * ...)}, {@code EXISTS}, {@code [NOT] IN (SELECT ...)}, {@code op ANY/SOME/ALL (SELECT ...)} and
 * {@code ARRAY(SELECT ...)}. Names the subquery's own FROM lacks resolve in the enclosing
 * scope (a correlated subquery).
 */
final class SubqueryBinder {
  private final BindContext ctx;
  private final ExprBinder exprs;
  private final Scope outer;

  SubqueryBinder(BindContext ctx, ExprBinder exprs, Scope outer) {
    this.ctx = ctx;
    this.exprs = exprs;
    this.outer = outer;
  }

  /** A scalar subquery: one column, at most one row (NULL for none). */
  RexNode scalar(SqlNode query) {
    BoundQuery bound = query(query);
    if (bound.columns().size() != 1) {
      throw ctx.error(SqlState.SYNTAX_ERROR, "subquery must return only one column", query);
    }
    return RexSubQuery.scalar(bound.rel());
  }

  /** The subquery forms of a call, or null when the call has no subquery operand. */
  RexNode call(SqlCall call) {
    SqlKind kind = call.getKind();
    if (kind == SqlKind.EXISTS && ExprBinder.isQuery(call.operand(0))) {
      return RexSubQuery.exists(query(call.operand(0)).rel());
    }
    if (kind == SqlKind.ARRAY_QUERY_CONSTRUCTOR) {
      BoundQuery bound = query(call.operand(0));
      if (bound.columns().size() != 1) {
        throw ctx.error(SqlState.SYNTAX_ERROR, "subquery must return only one column", call);
      }
      return RexSubQuery.array(bound.rel());
    }
    if (call.operandCount() != 2 || !ExprBinder.isQuery(call.operand(1))) {
      return null;
    }
    if (kind == SqlKind.IN || kind == SqlKind.NOT_IN) {
      RexNode in = quantified(call, SqlKind.EQUALS);
      return kind == SqlKind.IN ? in : not(in);
    }
    if (kind == SqlKind.SOME) {
      return quantified(call, ((SqlQuantifyOperator) call.getOperator()).comparisonKind);
    }
    if (kind == SqlKind.ALL) {
      // x op ALL (S) is NOT (x negated-op SOME (S)), with the same three-valued result.
      SqlKind op = ((SqlQuantifyOperator) call.getOperator()).comparisonKind;
      return not(quantified(call, op.negateNullSafe()));
    }
    return null;
  }

  /**
   * {@code (values) op SOME (subquery)}: each value and its subquery column converted to one
   * type, the one PostgreSQL's operator resolution would compare them in.
   */
  private RexNode quantified(SqlCall call, SqlKind op) {
    SqlNode left = call.operand(0);
    List<SqlNode> leftItems = left.getKind() == SqlKind.ROW ? ((SqlCall) left).getOperandList() : List.of(left);
    BoundQuery bound = query(call.operand(1));
    if (bound.columns().size() != leftItems.size()) {
      throw ctx.error(SqlState.SYNTAX_ERROR, bound.columns().size() > leftItems.size()
          ? "subquery has too many columns" : "subquery has too few columns", call);
    }
    RelNode rel = bound.rel();
    List<RexNode> values = new ArrayList<>();
    List<RexNode> columns = new ArrayList<>();
    boolean cast = false;
    for (int i = 0; i < leftItems.size(); i++) {
      RexNode value = exprs.bind(leftItems.get(i));
      RexNode column = ctx.rex.makeInputRef(rel, i);
      RelDataType lt = value.getType();
      RelDataType rt = column.getType();
      RelDataType common = Operators.isUnknownType(lt) ? rt
          : Operators.isUnknownType(rt) ? lt : Operators.comparable(lt, rt);
      if (common == null) {
        throw ctx.error(SqlState.UNDEFINED_FUNCTION, "operator does not exist: "
            + PgRelTypes.displayName(lt) + " " + opName(op) + " " + PgRelTypes.displayName(rt),
            ExprBinder.NO_OPERATOR_HINT, call);
      }
      if (Operators.isUnknownType(common)) {
        common = PgRelTypes.TEXT;
      }
      values.add(exprs.coerce(value, common, Casts.Context.IMPLICIT, leftItems.get(i)));
      RexNode converted = exprs.coerce(column, common, Casts.Context.IMPLICIT, call.operand(1));
      cast |= converted != column;
      columns.add(converted);
    }
    if (cast) {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < columns.size(); i++) {
        names.add("$q" + i);
      }
      rel = LogicalProject.create(rel, List.of(), columns, names, java.util.Set.of());
    }
    ImmutableList<RexNode> operands = ImmutableList.copyOf(values);
    return op == SqlKind.EQUALS && call.getKind() != SqlKind.SOME
        ? RexSubQuery.in(rel, operands)
        : RexSubQuery.some(rel, operands, SqlStdOperatorTable.some(op));
  }

  private static String opName(SqlKind op) {
    return switch (op) {
      case EQUALS -> "=";
      case NOT_EQUALS -> "<>";
      case LESS_THAN -> "<";
      case LESS_THAN_OR_EQUAL -> "<=";
      case GREATER_THAN -> ">";
      default -> ">=";
    };
  }

  private RexNode not(RexNode e) {
    return ctx.rex.makeCall(PgRelTypes.BOOL, Operators.NOT, List.of(e));
  }

  private BoundQuery query(SqlNode query) {
    return new QueryBinder(ctx, outer).bind(query);
  }
}
