package io.s3vector.sql.exec;

import io.s3vector.sql.functions.SetFunction;
import io.s3vector.sql.plan.FunctionScan;
import io.s3vector.sql.plan.ProjectSet;
import java.util.Iterator;
import org.apache.calcite.rex.RexCall;

/** Runs set-returning functions: in FROM ({@link FunctionScan}) and in a select list ({@link ProjectSet}). */
final class SetFunctionOperators {
  private SetFunctionOperators() {}

  static Operator scan(FunctionScan scan) {
    SetFunction fn = scan.function();
    Expr[] args = Executor.compileAll(scan.args());
    boolean ordinality = scan.ordinality();
    int width = scan.getRowType().getFieldCount();
    return ctx -> {
      Iterator<Object[]> rows = fn.rows(values(args, null, ctx));
      return new RowSource() {
        long n;

        @Override
        public Object[] next() {
          if (!rows.hasNext()) {
            return null;
          }
          Object[] row = rows.next();
          n++;
          if (!ordinality) {
            return row;
          }
          Object[] out = java.util.Arrays.copyOf(row, width);
          out[width - 1] = n;
          return out;
        }
      };
    };
  }

  static Operator projectSet(ProjectSet set, Operator input) {
    int inputWidth = set.getInput().getRowType().getFieldCount();
    int n = set.calls().size();
    SetFunction[] fns = new SetFunction[n];
    boolean[] single = new boolean[n];
    Expr[][] args = new Expr[n][];
    for (int i = 0; i < n; i++) {
      RexCall call = set.calls().get(i);
      fns[i] = ProjectSet.function(call);
      single[i] = fns[i].columnTypes().size() == 1;
      args[i] = Executor.compileAll(call.getOperands());
    }
    return ctx -> {
      RowSource in = input.open(ctx);
      return new RowSource() {
        Object[] row;
        Iterator<Object[]>[] running;

        @Override
        @SuppressWarnings("unchecked")
        public Object[] next() {
          while (true) {
            if (row == null) {
              row = in.next();
              if (row == null) {
                return null;
              }
              running = new Iterator[n];
              for (int i = 0; i < n; i++) {
                running[i] = fns[i].rows(values(args[i], row, ctx));
              }
            }
            boolean any = false;
            Object[] out = java.util.Arrays.copyOf(row, inputWidth + n);
            for (int i = 0; i < n; i++) {
              if (running[i].hasNext()) {
                any = true;
                Object[] r = running[i].next();
                out[inputWidth + i] = single[i] ? r[0] : r; // a record's value is its row
              }
            }
            if (any) {
              return out;
            }
            row = null;
          }
        }
      };
    };
  }

  private static Object[] values(Expr[] args, Object[] row, ExecContext ctx) {
    Object[] values = new Object[args.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = args[i].eval(row, ctx);
    }
    return values;
  }
}
