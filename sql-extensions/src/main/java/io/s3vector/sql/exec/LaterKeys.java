package io.s3vector.sql.exec;

import io.s3vector.sql.functions.ValueOrder;
import io.s3vector.sql.plan.LaterKey;
import java.util.List;

/**
 * The compiled {@link LaterKey}s of a nearest-rows scan: their values for a row, and the order of
 * two rows' values (each key's direction, PostgreSQL's NULLS FIRST/LAST). Evaluated only for rows
 * whose distances tie, so the scan's hot path never computes them.
 */
final class LaterKeys {
  private final Expr[] exprs;
  private final boolean[] descending;
  private final boolean[] nullsFirst;

  private LaterKeys(Expr[] exprs, boolean[] descending, boolean[] nullsFirst) {
    this.exprs = exprs;
    this.descending = descending;
    this.nullsFirst = nullsFirst;
  }

  /** The compiled keys, or null when there are none. */
  static LaterKeys compile(List<LaterKey> keys) {
    if (keys.isEmpty()) {
      return null;
    }
    Expr[] exprs = new Expr[keys.size()];
    boolean[] descending = new boolean[exprs.length];
    boolean[] nullsFirst = new boolean[exprs.length];
    for (int i = 0; i < exprs.length; i++) {
      exprs[i] = RexCompiler.compile(keys.get(i).expr());
      descending[i] = keys.get(i).descending();
      nullsFirst[i] = keys.get(i).nullsFirst();
    }
    return new LaterKeys(exprs, descending, nullsFirst);
  }

  Object[] values(Object[] row, ExecContext ctx) {
    Object[] values = new Object[exprs.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = exprs[i].eval(row, ctx);
    }
    return values;
  }

  /** Negative when values {@code a} sort before {@code b}. */
  int compare(Object[] a, Object[] b) {
    for (int i = 0; i < exprs.length; i++) {
      Object x = a[i];
      Object y = b[i];
      int c;
      if (x == null || y == null) {
        c = x == y ? 0 : (x == null) == nullsFirst[i] ? -1 : 1;
      } else {
        c = Integer.signum(ValueOrder.compare(x, y));
        if (descending[i]) {
          c = -c;
        }
      }
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
