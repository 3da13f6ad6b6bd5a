package io.s3vector.sql.exec;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.functions.PgAggFunction;
import io.s3vector.sql.functions.ValueOrder;
import io.s3vector.sql.plan.ExactTopKScan;
import io.s3vector.sql.plan.StoreScan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

/**
 * Compiles a planned RelNode tree into {@link Operator}s once; each execution opens them with its
 * parameter values. Rows are {@code Object[]} of the Java classes of their PostgreSQL types.
 */
public final class Executor {
  private Executor() {}

  public static Operator compile(RelNode rel) {
    rel = rel.stripped();
    if (rel instanceof StoreScan scan) {
      return new ScanOperator(scan.table(), scan.columns(), scan.getRowType().getFieldCount());
    }
    if (rel instanceof ExactTopKScan topK) {
      return new TopKOperator(topK.table(), topK.columns(), topK.getRowType().getFieldCount(),
          topK.vectorColumn(), topK.metric(), RexCompiler.compile(topK.query()),
          topK.filter() == null ? null : RexCompiler.compile(topK.filter()),
          RexCompiler.compile(topK.fetch()),
          topK.offset() == null ? null : RexCompiler.compile(topK.offset()),
          LaterKeys.compile(topK.laterKeys()), topK.nullsFirst());
    }
    if (rel instanceof io.s3vector.sql.plan.ValuesScan values) {
      List<Expr[]> rows = new ArrayList<>();
      for (List<RexNode> tuple : values.tuples()) {
        rows.add(compileAll(tuple));
      }
      return ctx -> {
        Iterator<Expr[]> it = rows.iterator();
        return () -> {
          if (!it.hasNext()) {
            return null;
          }
          Expr[] exprs = it.next();
          Object[] row = new Object[exprs.length];
          for (int i = 0; i < row.length; i++) {
            row[i] = exprs[i].eval(null, ctx);
          }
          return row;
        };
      };
    }
    if (rel instanceof io.s3vector.sql.plan.CatalogScan catalog) {
      return ctx -> {
        Iterator<Object[]> it = catalog.rows().read(ctx.session()).iterator();
        return () -> it.hasNext() ? it.next().clone() : null;
      };
    }
    if (rel instanceof io.s3vector.sql.plan.VectorIndexScan scan) {
      return new IndexScanOperator(scan.table(), scan.columns(), scan.getRowType().getFieldCount(),
          scan.vectorColumn(), scan.index(), RexCompiler.compile(scan.query()),
          scan.filter() == null ? null : RexCompiler.compile(scan.filter()),
          RexCompiler.compile(scan.fetch()),
          scan.offset() == null ? null : RexCompiler.compile(scan.offset()),
          LaterKeys.compile(scan.laterKeys()));
    }
    if (rel instanceof Filter filter) {
      return filter(compile(filter.getInput()), RexCompiler.compile(filter.getCondition()),
          JoinOperators.ids(filter.getVariablesSet()));
    }
    if (rel instanceof Project project) {
      return project(compile(project.getInput()), compileAll(project.getProjects()),
          JoinOperators.ids(project.getVariablesSet()));
    }
    if (rel instanceof org.apache.calcite.rel.core.Join join) {
      return JoinOperators.join(join, compile(join.getLeft()), compile(join.getRight()));
    }
    if (rel instanceof org.apache.calcite.rel.core.Correlate correlate) {
      return JoinOperators.correlate(correlate, compile(correlate.getLeft()), compile(correlate.getRight()));
    }
    if (rel instanceof io.s3vector.sql.plan.FunctionScan scan) {
      return SetFunctionOperators.scan(scan);
    }
    if (rel instanceof io.s3vector.sql.plan.ProjectSet set) {
      return SetFunctionOperators.projectSet(set, compile(set.getInput()));
    }
    if (rel instanceof io.s3vector.sql.plan.RecursiveUnion union) {
      return SetOperators.recursive(union, compile(union.getLeft()), compile(union.getRight()));
    }
    if (rel instanceof io.s3vector.sql.plan.WorkTableScan scan) {
      return SetOperators.workTable(scan);
    }
    if (rel instanceof org.apache.calcite.rel.core.SetOp setOp) {
      List<Operator> inputs = new ArrayList<>();
      for (RelNode input : setOp.getInputs()) {
        inputs.add(compile(input));
      }
      return SetOperators.compile(setOp, inputs);
    }
    if (rel instanceof Sort sort) {
      return sort(sort, compile(sort.getInput()));
    }
    if (rel instanceof org.apache.calcite.rel.core.Window window) {
      return WindowOperator.compile(window, compile(window.getInput()));
    }
    if (rel instanceof Aggregate aggregate) {
      return aggregate(aggregate, compile(aggregate.getInput()));
    }
    if (rel instanceof Values values) {
      List<Object[]> rows = new ArrayList<>();
      for (List<RexLiteral> tuple : values.getTuples()) {
        Object[] row = new Object[tuple.size()];
        for (int i = 0; i < row.length; i++) {
          row[i] = RexCompiler.literalValue(tuple.get(i));
        }
        rows.add(row);
      }
      return ctx -> {
        Iterator<Object[]> it = rows.iterator();
        return () -> it.hasNext() ? it.next().clone() : null;
      };
    }
    throw new PgException(SqlState.INTERNAL_ERROR, "cannot execute plan node " + rel.getRelTypeName());
  }

  public static Expr[] compileAll(List<RexNode> nodes) {
    Expr[] exprs = new Expr[nodes.size()];
    for (int i = 0; i < exprs.length; i++) {
      exprs[i] = RexCompiler.compile(nodes.get(i));
    }
    return exprs;
  }

  /** A filter; a subquery in the condition reads each row through {@code variables}. */
  private static Operator filter(Operator input, Expr condition, int[] variables) {
    return ctx -> {
      RowSource in = input.open(ctx);
      return () -> {
        Object[] row;
        while ((row = in.next()) != null) {
          for (int v : variables) {
            ctx.bindCorrelation(v, row);
          }
          if (RexCompiler.isTrue(condition, row, ctx)) {
            return row;
          }
        }
        return null;
      };
    };
  }

  private static Operator project(Operator input, Expr[] exprs, int[] variables) {
    return ctx -> {
      RowSource in = input.open(ctx);
      return () -> {
        Object[] row = in.next();
        if (row == null) {
          return null;
        }
        for (int v : variables) {
          ctx.bindCorrelation(v, row);
        }
        Object[] out = new Object[exprs.length];
        for (int i = 0; i < exprs.length; i++) {
          out[i] = exprs[i].eval(row, ctx);
        }
        return out;
      };
    };
  }

  /** Above this many rows (offset + LIMIT) a sort keeps the whole input and sorts it. */
  private static final long TOP_N_MAX = 100_000;

  private static Operator sort(Sort sort, Operator input) {
    Comparator<Object[]> order = null;
    for (RelFieldCollation key : sort.getCollation().getFieldCollations()) {
      boolean desc = key.direction == RelFieldCollation.Direction.DESCENDING;
      // unspecified: PostgreSQL's default, NULL larger than every value
      boolean nullsFirst = key.nullDirection == RelFieldCollation.NullDirection.UNSPECIFIED
          ? desc : key.nullDirection == RelFieldCollation.NullDirection.FIRST;
      Comparator<Object[]> c = ValueOrder.byColumn(key.getFieldIndex(), desc, nullsFirst);
      order = order == null ? c : order.thenComparing(c);
    }
    Comparator<Object[]> comparator = order;
    Expr fetch = sort.fetch == null ? null : RexCompiler.compile(sort.fetch);
    Expr offset = sort.offset == null ? null : RexCompiler.compile(sort.offset);
    return ctx -> {
      long k = Limits.fetch(fetch, ctx);
      long skip = Limits.offset(offset, ctx);
      RowSource in = input.open(ctx);
      if (comparator == null) {
        // LIMIT/OFFSET without ORDER BY: stream.
        return new RowSource() {
          long skipped;
          long returned;

          @Override
          public Object[] next() {
            while (skipped < skip) {
              if (in.next() == null) {
                return null;
              }
              skipped++;
            }
            if (returned >= k) {
              return null;
            }
            returned++;
            return in.next();
          }
        };
      }
      Object[] row;
      long kept = Limits.kept(k, skip);
      List<Object[]> rows;
      if (kept <= TOP_N_MAX) {
        // ORDER BY ... LIMIT: a bounded heap of offset + k rows, not the whole input
        TopNRows top = new TopNRows((int) kept, comparator);
        while ((row = in.next()) != null) {
          top.add(row);
        }
        rows = java.util.Arrays.asList(top.drainSorted());
      } else {
        rows = new ArrayList<>();
        while ((row = in.next()) != null) {
          rows.add(row);
        }
        rows.sort(comparator); // stable: ties keep scan (commit) order
      }
      Iterator<Object[]> it = rows.stream().skip(skip).limit(k).iterator();
      return () -> it.hasNext() ? it.next() : null;
    };
  }

  private static Operator aggregate(Aggregate aggregate, Operator input) {
    int[] groups = aggregate.getGroupSet().toArray();
    List<AggregateCall> calls = aggregate.getAggCallList();
    int width = groups.length + calls.size();
    return ctx -> {
      RowSource in = input.open(ctx);
      Map<GroupKey, PgAggFunction.Accumulator[]> accumulators = new LinkedHashMap<>();
      Map<GroupKey, List<Set<GroupKey>>> seen = new LinkedHashMap<>();
      Object[] row;
      while ((row = in.next()) != null) {
        Object[] key = new Object[groups.length];
        for (int i = 0; i < groups.length; i++) {
          key[i] = row[groups[i]];
        }
        GroupKey groupKey = new GroupKey(key);
        PgAggFunction.Accumulator[] accs =
            accumulators.computeIfAbsent(groupKey, k -> newAccumulators(calls));
        for (int j = 0; j < calls.size(); j++) {
          AggregateCall call = calls.get(j);
          if (call.filterArg >= 0 && !Boolean.TRUE.equals(row[call.filterArg])) {
            continue; // FILTER (WHERE ...) is not true for this row
          }
          PgAggFunction fn = (PgAggFunction) call.getAggregation();
          List<Integer> argList = call.getArgList();
          Object[] args = new Object[argList.size()];
          boolean hasNull = false;
          for (int a = 0; a < args.length; a++) {
            args[a] = row[argList.get(a)];
            hasNull |= args[a] == null;
          }
          if (hasNull && fn.skipsNulls()) {
            continue;
          }
          if (call.isDistinct()) {
            List<Set<GroupKey>> sets = seen.computeIfAbsent(groupKey, k -> {
              List<Set<GroupKey>> l = new ArrayList<>();
              for (int c = 0; c < calls.size(); c++) {
                l.add(new HashSet<>());
              }
              return l;
            });
            if (!sets.get(j).add(new GroupKey(args))) {
              continue;
            }
          }
          accs[j].add(args);
        }
      }
      if (accumulators.isEmpty() && groups.length == 0) {
        accumulators.put(new GroupKey(new Object[0]), newAccumulators(calls));
      }
      Iterator<Map.Entry<GroupKey, PgAggFunction.Accumulator[]>> it =
          accumulators.entrySet().iterator();
      return () -> {
        if (!it.hasNext()) {
          return null;
        }
        Map.Entry<GroupKey, PgAggFunction.Accumulator[]> e = it.next();
        Object[] out = new Object[width];
        System.arraycopy(e.getKey().values(), 0, out, 0, groups.length);
        for (int j = 0; j < calls.size(); j++) {
          out[groups.length + j] = e.getValue()[j].result();
        }
        return out;
      };
    };
  }

  private static PgAggFunction.Accumulator[] newAccumulators(List<AggregateCall> calls) {
    PgAggFunction.Accumulator[] accs = new PgAggFunction.Accumulator[calls.size()];
    for (int j = 0; j < accs.length; j++) {
      accs[j] = ((PgAggFunction) calls.get(j).getAggregation()).newAccumulator();
    }
    return accs;
  }
}
