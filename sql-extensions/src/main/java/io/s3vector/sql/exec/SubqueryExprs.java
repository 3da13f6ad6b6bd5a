package io.s3vector.sql.exec;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.functions.ValueOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlQuantifyOperator;

/**
 * Subqueries inside expressions: scalar {@code (SELECT ...)}, {@code EXISTS}, {@code IN} and
 * quantified comparisons ({@code = ANY}, {@code < ALL} arrive as NOT of the negated SOME), and
 * {@code ARRAY(SELECT ...)}. A subquery that reads no outer row runs once per execution; a
 * correlated one runs for each row its outer node evaluates (the outer node binds the row).
 */
public final class SubqueryExprs {
  private SubqueryExprs() {}

  static Expr compile(RexSubQuery sub) {
    Operator plan = Executor.compile(sub.rel);
    boolean correlated = !freeVariables(sub.rel).isEmpty();
    Expr[] operands = new Expr[sub.getOperands().size()];
    for (int i = 0; i < operands.length; i++) {
      operands[i] = RexCompiler.compile(sub.getOperands().get(i));
    }
    return switch (sub.getKind()) {
      case SCALAR_QUERY -> once(correlated, ctx -> scalar(plan.open(ctx)));
      case EXISTS -> once(correlated, ctx -> plan.open(ctx).next() != null);
      case ARRAY_QUERY_CONSTRUCTOR -> once(correlated, ctx -> array(plan.open(ctx)));
      case IN -> quantified(plan, correlated, operands, SqlKind.EQUALS);
      case SOME -> quantified(plan, correlated, operands,
          ((SqlQuantifyOperator) sub.getOperator()).comparisonKind);
      default -> throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
          sub.getKind() + " subqueries are not supported");
    };
  }

  /** An expression of the subquery's rows alone: cached for the execution unless correlated. */
  private static Expr once(boolean correlated, java.util.function.Function<ExecContext, Object> run) {
    if (correlated) {
      return (row, ctx) -> run.apply(ctx);
    }
    Object key = new Object();
    return (row, ctx) -> ctx.once(key, () -> run.apply(ctx));
  }

  private static Object scalar(RowSource rows) {
    Object[] first = rows.next();
    if (first == null) {
      return null;
    }
    if (rows.next() != null) {
      throw new PgException(SqlState.CARDINALITY_VIOLATION,
          "more than one row returned by a subquery used as an expression");
    }
    return first[0];
  }

  private static Object array(RowSource rows) {
    List<Object> values = new ArrayList<>();
    Object[] r;
    while ((r = rows.next()) != null) {
      values.add(r[0]);
    }
    return values.toArray();
  }

  /**
   * {@code v op SOME (rows)}: TRUE if a row compares TRUE, else NULL if one compared NULL, else
   * FALSE (SQL's three-valued ANY). The subquery's rows are kept for the execution unless it is
   * correlated; both sides already have one type (the binder cast them).
   */
  private static Expr quantified(Operator plan, boolean correlated, Expr[] operands, SqlKind op) {
    Object key = new Object();
    return (row, ctx) -> {
      Object[] values = new Object[operands.length];
      for (int i = 0; i < values.length; i++) {
        values[i] = operands[i].eval(row, ctx);
      }
      if (op == SqlKind.EQUALS && !correlated) {
        Object fast = ctx.<KeySet>once(key, () -> KeySet.of(JoinOperators.drain(plan.open(ctx)))).contains(values);
        if (fast != KeySet.SLOW) {
          return fast;
        }
      }
      List<Object[]> rows = correlated ? JoinOperators.drain(plan.open(ctx))
          : ctx.<KeySet>once(key, () -> KeySet.of(JoinOperators.drain(plan.open(ctx)))).rows();
      boolean sawNull = false;
      for (Object[] r : rows) {
        Boolean b = compare(values, r, op);
        if (b == null) {
          sawNull = true;
        } else if (b) {
          return true;
        }
      }
      return sawNull ? null : false;
    };
  }

  /**
   * An uncorrelated IN list's rows, with a hash set of them when every value is of a class whose
   * equals is SQL equality (integers, text, booleans): then {@code x IN (...)} is one lookup.
   */
  record KeySet(List<Object[]> rows, Set<java.util.List<Object>> keys, boolean hasNull) {
    /** "Ask the slow path": a value of another class, or a NULL on the left. */
    static final Object SLOW = new Object();

    static KeySet of(List<Object[]> rows) {
      Set<java.util.List<Object>> keys = new HashSet<>();
      boolean hasNull = false;
      for (Object[] r : rows) {
        for (Object v : r) {
          if (v == null) {
            hasNull = true;
          } else if (!hashable(v)) {
            return new KeySet(rows, null, false);
          }
        }
        keys.add(java.util.Arrays.asList(r));
      }
      return new KeySet(rows, keys, hasNull);
    }

    private static boolean hashable(Object v) {
      return v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof String
          || v instanceof Boolean;
    }

    /** TRUE, FALSE, NULL (SQL's), or {@link #SLOW}. */
    Object contains(Object[] values) {
      if (keys == null) {
        return SLOW;
      }
      for (Object v : values) {
        if (v == null || !hashable(v)) {
          return SLOW;
        }
      }
      if (keys.contains(java.util.Arrays.asList(values))) {
        return true;
      }
      // a row with a NULL may or may not equal: one column says NULL, several need the slow path
      return !hasNull ? Boolean.FALSE : values.length == 1 ? null : SLOW;
    }
  }

  /** Row comparison, column by column, as PostgreSQL compares row constructors. */
  private static Boolean compare(Object[] left, Object[] right, SqlKind op) {
    boolean sawNull = false;
    for (int i = 0; i < left.length; i++) {
      if (left[i] == null || right[i] == null) {
        sawNull = true;
        if (op == SqlKind.EQUALS || op == SqlKind.NOT_EQUALS) {
          continue;
        }
        return null;
      }
      int c = ValueOrder.compare(left[i], right[i]);
      switch (op) {
        case EQUALS -> {
          if (c != 0) {
            return false;
          }
        }
        case NOT_EQUALS -> {
          if (c != 0) {
            return true;
          }
        }
        default -> {
          if (c != 0 || i == left.length - 1) {
            return switch (op) {
              case LESS_THAN -> c < 0;
              case LESS_THAN_OR_EQUAL -> c <= 0;
              case GREATER_THAN -> c > 0;
              case GREATER_THAN_OR_EQUAL -> c >= 0;
              default -> throw new PgException(SqlState.INTERNAL_ERROR, "comparison " + op);
            };
          }
        }
      }
    }
    if (sawNull) {
      return null;
    }
    return op == SqlKind.EQUALS;
  }

  /** Correlation variables a plan reads but does not set itself: the outer rows it needs. */
  public static Set<CorrelationId> freeVariables(RelNode rel) {
    Set<CorrelationId> used = new HashSet<>();
    Set<CorrelationId> set = new HashSet<>();
    collect(rel, used, set);
    used.removeAll(set);
    return used;
  }

  private static void collect(RelNode rel, Set<CorrelationId> used, Set<CorrelationId> set) {
    set.addAll(rel.getVariablesSet());
    if (rel instanceof Correlate c) {
      set.add(c.getCorrelationId());
    }
    RexShuttle finder = new RexShuttle() {
      @Override
      public RexNode visitCorrelVariable(RexCorrelVariable v) {
        used.add(v.id);
        return v;
      }

      @Override
      public RexNode visitSubQuery(RexSubQuery sub) {
        collect(sub.rel, used, set);
        return super.visitSubQuery(sub);
      }
    };
    rel.accept(finder);
    // the top-k scans keep their expressions outside Calcite's RexShuttle walk
    List<RexNode> scanExprs = new ArrayList<>();
    if (rel instanceof io.s3vector.sql.plan.ExactTopKScan t) {
      scanExprs.addAll(java.util.Arrays.asList(t.query(), t.filter(), t.fetch(), t.offset()));
    } else if (rel instanceof io.s3vector.sql.plan.VectorIndexScan t) {
      scanExprs.addAll(java.util.Arrays.asList(t.query(), t.filter(), t.fetch(), t.offset()));
    }
    for (RexNode e : scanExprs) {
      if (e != null) {
        e.accept(finder);
      }
    }
    for (RelNode input : rel.getInputs()) {
      collect(input, used, set);
    }
  }
}
