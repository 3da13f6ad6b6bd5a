package io.s3vector.sql.exec;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.functions.PgFunction;
import java.util.List;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

/**
 * Compiles RexNodes into {@link Expr} closures once per prepared statement. Calls whose operands
 * are all constant are evaluated here (so a malformed literal fails at prepare time, as
 * PostgreSQL fails at parse time).
 */
public final class RexCompiler {
  private RexCompiler() {}

  public static Expr compile(RexNode node) {
    if (node instanceof RexInputRef ref) {
      int i = ref.getIndex();
      return (row, ctx) -> row[i];
    }
    if (node instanceof RexDynamicParam p) {
      int i = p.getIndex();
      return (row, ctx) -> ctx.param(i);
    }
    if (node instanceof RexLiteral literal) {
      return new Expr.Const(literalValue(literal));
    }
    if (node instanceof org.apache.calcite.rex.RexSubQuery sub) {
      return SubqueryExprs.compile(sub);
    }
    if (node instanceof org.apache.calcite.rex.RexFieldAccess access
        && access.getReferenceExpr() instanceof org.apache.calcite.rex.RexCorrelVariable variable) {
      // A column of an outer query's current row (a correlated subquery's reference).
      int id = variable.id.getId();
      int i = access.getField().getIndex();
      return (row, ctx) -> ctx.correlation(id)[i];
    }
    if (node instanceof org.apache.calcite.rex.RexFieldAccess access) {
      // (record).field: a record's value is its row
      Expr record = compile(access.getReferenceExpr());
      int i = access.getField().getIndex();
      return (row, ctx) -> {
        Object[] value = (Object[]) record.eval(row, ctx);
        return value == null ? null : value[i];
      };
    }
    if (node instanceof RexCall call && call.getKind() == org.apache.calcite.sql.SqlKind.CAST
        && !(call.getOperator() instanceof PgFunction)
        && call.getType().getSqlTypeName() == call.getOperands().get(0).getType().getSqlTypeName()) {
      // Calcite's own CAST keeping a merged Project's type (a literal's precision): same value.
      return compile(call.getOperands().get(0));
    }
    if (node instanceof RexCall call && call.getOperator() instanceof io.s3vector.sql.functions.SetFunction) {
      throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
          "set-returning functions are not allowed here");
    }
    if (node instanceof RexCall call && call.getOperator() instanceof PgFunction fn) {
      List<RexNode> operands = call.getOperands();
      Expr[] args = new Expr[operands.size()];
      boolean constant = fn.isDeterministic();
      for (int i = 0; i < args.length; i++) {
        args[i] = compile(operands.get(i));
        constant &= args[i] instanceof Expr.Const;
      }
      Expr expr = call(fn, args);
      if (constant) {
        return new Expr.Const(expr.eval(null, null));
      }
      return expr;
    }
    throw new PgException(SqlState.INTERNAL_ERROR, "cannot execute expression " + node);
  }

  /**
   * Whether the expression reads no row and nothing that changes while a statement runs:
   * literals and parameters through deterministic functions only (no column, no outer row, no
   * subquery, no {@code random()} or {@code nextval()}).
   */
  public static boolean isRowFree(RexNode node) {
    if (node instanceof RexLiteral || node instanceof RexDynamicParam) {
      return true;
    }
    if (node instanceof RexCall call && call.getOperator() instanceof PgFunction fn
        && fn.isDeterministic()) {
      for (RexNode operand : call.getOperands()) {
        if (!isRowFree(operand)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * An expression of a statement's own target row (UPDATE/DELETE's WHERE and SET, RETURNING,
   * ON CONFLICT): a correlated subquery in it reads that row, so its free correlation variables
   * are bound to the row before each evaluation.
   */
  public static Expr compileOverRow(RexNode node) {
    Expr expr = compile(node);
    java.util.Set<Integer> ids = new java.util.TreeSet<>();
    node.accept(new org.apache.calcite.rex.RexVisitorImpl<Void>(true) {
      @Override
      public Void visitSubQuery(org.apache.calcite.rex.RexSubQuery sub) {
        for (var id : SubqueryExprs.freeVariables(sub.rel)) {
          ids.add(id.getId());
        }
        return super.visitSubQuery(sub);
      }
    });
    if (ids.isEmpty()) {
      return expr;
    }
    int[] variables = ids.stream().mapToInt(Integer::intValue).toArray();
    return (row, ctx) -> {
      for (int v : variables) {
        ctx.bindCorrelation(v, row);
      }
      return expr.eval(row, ctx);
    };
  }

  private static Expr call(PgFunction fn, Expr[] args) {
    PgFunction.Impl impl = fn.impl();
    boolean strict = fn.strict();
    if (args.length == 1) {
      Expr a0 = args[0];
      return (row, ctx) -> {
        Object v = a0.eval(row, ctx);
        return strict && v == null ? null : impl.apply(new Object[] {v});
      };
    }
    if (args.length == 2) {
      Expr a0 = args[0];
      Expr a1 = args[1];
      return (row, ctx) -> {
        Object v0 = a0.eval(row, ctx);
        if (strict && v0 == null) {
          return null;
        }
        Object v1 = a1.eval(row, ctx);
        return strict && v1 == null ? null : impl.apply(new Object[] {v0, v1});
      };
    }
    return (row, ctx) -> {
      Object[] values = new Object[args.length];
      for (int i = 0; i < args.length; i++) {
        values[i] = args[i].eval(row, ctx);
        if (strict && values[i] == null) {
          return null;
        }
      }
      return impl.apply(values);
    };
  }

  /** A literal's value as the Java class of its PostgreSQL type. */
  public static Object literalValue(RexLiteral literal) {
    if (literal.isNull()) {
      return null;
    }
    return switch (literal.getType().getSqlTypeName()) {
      case BOOLEAN -> literal.getValueAs(Boolean.class);
      case SMALLINT -> literal.getValueAs(java.math.BigDecimal.class).shortValue();
      case INTEGER -> literal.getValueAs(java.math.BigDecimal.class).intValue();
      case BIGINT -> literal.getValueAs(java.math.BigDecimal.class).longValue();
      case DECIMAL -> literal.getValueAs(java.math.BigDecimal.class);
      case DOUBLE -> literal.getValueAs(Double.class);
      case REAL, FLOAT -> literal.getValueAs(Double.class).floatValue();
      case CHAR, VARCHAR -> literal.getValueAs(String.class);
      default -> throw new PgException(
          SqlState.INTERNAL_ERROR, "unsupported literal " + literal);
    };
  }

  /** Evaluates a condition: only TRUE passes (NULL and FALSE do not). */
  public static boolean isTrue(Expr condition, Object[] row, ExecContext ctx) {
    return Boolean.TRUE.equals(condition.eval(row, ctx));
  }
}
