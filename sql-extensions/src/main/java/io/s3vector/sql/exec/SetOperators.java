package io.s3vector.sql.exec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.rel.core.Intersect;
import org.apache.calcite.rel.core.Minus;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Union;

/**
 * UNION, INTERSECT and EXCEPT, with and without ALL, over inputs whose columns the binder already
 * gave one type each. Rows compare as {@code IS NOT DISTINCT FROM} (NULLs are equal), as
 * PostgreSQL's set operations do. The rows come out in the first input's order.
 */
final class SetOperators {
  private SetOperators() {}

  static Operator compile(SetOp setOp, List<Operator> inputs) {
    if (setOp instanceof Union) {
      return union(inputs, setOp.all);
    }
    if (setOp instanceof Intersect) {
      return counted(inputs, setOp.all, true);
    }
    if (setOp instanceof Minus) {
      return counted(inputs, setOp.all, false);
    }
    throw new IllegalArgumentException(setOp.getRelTypeName());
  }

  private static Operator union(List<Operator> inputs, boolean all) {
    return ctx -> {
      Iterator<Operator> remaining = inputs.iterator();
      Set<GroupKey> seen = all ? null : new HashSet<>();
      return new RowSource() {
        RowSource current;

        @Override
        public Object[] next() {
          while (true) {
            if (current == null) {
              if (!remaining.hasNext()) {
                return null;
              }
              current = remaining.next().open(ctx);
            }
            Object[] row = current.next();
            if (row == null) {
              current = null;
            } else if (seen == null || seen.add(new GroupKey(row))) {
              return row;
            }
          }
        }
      };
    };
  }

  /**
   * INTERSECT keeps a row min(m, n) times (ALL) or once; EXCEPT keeps it max(m - n, 0) times (ALL)
   * or once if n is 0, where m and n count it in the first input and in the others.
   */
  private static Operator counted(List<Operator> inputs, boolean all, boolean intersect) {
    return ctx -> {
      Map<GroupKey, long[]> counts = new LinkedHashMap<>();
      for (Object[] row : JoinOperators.drain(inputs.get(0).open(ctx))) {
        counts.computeIfAbsent(new GroupKey(row), k -> new long[1])[0]++;
      }
      for (int i = 1; i < inputs.size(); i++) {
        Map<GroupKey, Long> other = new HashMap<>();
        for (Object[] row : JoinOperators.drain(inputs.get(i).open(ctx))) {
          other.merge(new GroupKey(row), 1L, Long::sum);
        }
        for (Map.Entry<GroupKey, long[]> e : counts.entrySet()) {
          long n = other.getOrDefault(e.getKey(), 0L);
          long m = e.getValue()[0];
          e.getValue()[0] = intersect ? Math.min(m, n) : all ? Math.max(m - n, 0) : n == 0 ? m : 0;
        }
      }
      List<Object[]> out = new ArrayList<>();
      for (Map.Entry<GroupKey, long[]> e : counts.entrySet()) {
        long times = all ? e.getValue()[0] : Math.min(e.getValue()[0], 1);
        for (long t = 0; t < times; t++) {
          out.add(e.getKey().values().clone());
        }
      }
      Iterator<Object[]> it = out.iterator();
      return () -> it.hasNext() ? it.next() : null;
    };
  }

  /** WITH RECURSIVE: see {@link io.s3vector.sql.plan.RecursiveUnion}. */
  static Operator recursive(io.s3vector.sql.plan.RecursiveUnion union, Operator seed, Operator step) {
    Object table = union.table();
    boolean all = union.all();
    return ctx -> {
      Set<GroupKey> seen = all ? null : new HashSet<>();
      List<Object[]> result = new ArrayList<>();
      List<Object[]> working = fresh(JoinOperators.drain(seed.open(ctx)), seen);
      while (!working.isEmpty()) {
        result.addAll(working);
        ctx.workTable(table, working);
        working = fresh(JoinOperators.drain(step.open(ctx)), seen);
      }
      Iterator<Object[]> it = result.iterator();
      return () -> it.hasNext() ? it.next() : null;
    };
  }

  /** The rows not seen before (all of them for UNION ALL). */
  private static List<Object[]> fresh(List<Object[]> rows, Set<GroupKey> seen) {
    if (seen == null) {
      return rows;
    }
    List<Object[]> out = new ArrayList<>();
    for (Object[] row : rows) {
      if (seen.add(new GroupKey(row))) {
        out.add(row);
      }
    }
    return out;
  }

  /** The rows of the recursive union's previous step, or of a WITH query run before the statement. */
  static Operator workTable(io.s3vector.sql.plan.WorkTableScan scan) {
    Object table = scan.table();
    return ctx -> {
      Iterator<Object[]> it = (table instanceof io.s3vector.sql.plan.MaterializedRows m
          ? m.rows() : ctx.workTable(table)).iterator();
      return () -> it.hasNext() ? it.next().clone() : null;
    };
  }
}
