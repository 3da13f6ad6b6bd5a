package io.s3vector.sql.exec;

import io.s3vector.sql.PgException;
import io.s3vector.sql.functions.PgAggFunction;
import io.s3vector.sql.functions.ValueOrder;
import io.s3vector.sql.functions.WindowFunctions;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexWindowBound;
import org.apache.calcite.rex.RexWindowExclusion;

/**
 * Calcite's {@link Window}: materialises its input, and for each group of calls sorts the rows
 * stably by (partition keys, order keys), walks each partition and writes each call's value into
 * the row's output column. Rows come out in the order of the last group's sort (PostgreSQL too
 * returns them in its last window's order when the query has no ORDER BY).
 *
 * <p>Peers are rows of a partition whose order keys are all equal (every row, without ORDER BY).
 * The frame of row i is [start, end) in the partition: RANGE's CURRENT ROW means the first peer
 * (start) or the last one (end); ROWS counts rows. An aggregate's accumulator grows while the
 * frame keeps its start and its end does not move back (the default frame, running totals), and
 * starts again otherwise.
 */
public final class WindowOperator {
  private WindowOperator() {}

  private static final String NULL_VALUE_NOT_ALLOWED = "22004";
  private static final String INVALID_PRECEDING_OR_FOLLOWING_SIZE = "22013";
  private static final String INVALID_ARGUMENT_FOR_NTILE = "22014";
  private static final String INVALID_ARGUMENT_FOR_NTH_VALUE = "22016";

  /** A frame bound: its kind and, for n PRECEDING/FOLLOWING, the compiled offset. */
  private record Bound(Kind kind, Expr offset) {
    enum Kind { UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING, UNBOUNDED_FOLLOWING }

    static Bound of(RexWindowBound b) {
      if (b.isUnboundedPreceding()) {
        return new Bound(Kind.UNBOUNDED_PRECEDING, null);
      }
      if (b.isUnboundedFollowing()) {
        return new Bound(Kind.UNBOUNDED_FOLLOWING, null);
      }
      if (b.isCurrentRow()) {
        return new Bound(Kind.CURRENT_ROW, null);
      }
      return new Bound(b.isPreceding() ? Kind.PRECEDING : Kind.FOLLOWING, RexCompiler.compile(b.getOffset()));
    }

    /**
     * The offset's value for one execution, checked as PostgreSQL does: a row count (long) for
     * ROWS, a value of the ORDER BY column's kind (long, BigDecimal or double) for RANGE.
     */
    Number offset(ExecContext ctx, boolean start, boolean rows) {
      if (offset == null) {
        return 0L;
      }
      Object v = offset.eval(null, ctx);
      String which = start ? "starting" : "ending";
      if (v == null) {
        throw new PgException(NULL_VALUE_NOT_ALLOWED, "frame " + which + " offset must not be null");
      }
      Number n = (Number) v;
      boolean negative = n instanceof BigDecimal b ? b.signum() < 0 : n.doubleValue() < 0;
      if (negative) {
        throw new PgException(INVALID_PRECEDING_OR_FOLLOWING_SIZE, rows
            ? "frame " + which + " offset must not be negative"
            : "invalid preceding or following size in window function");
      }
      return n;
    }
  }

  /**
   * One call: what it computes (a window function or an aggregate), its argument columns, its
   * output column, and for an aggregate with FILTER the condition's column (else -1).
   */
  private record Call(WindowFunctions.Kind kind, PgAggFunction aggregate, int[] args, int output, int filter) {}

  /**
   * One Window.Group: its partition test (all keys equal), peer test (all order keys equal), sort
   * (both), frame (with the first order key's column and direction, for RANGE offsets) and calls.
   */
  private record Group(Comparator<Object[]> partition,
      Comparator<Object[]> peerOrder, Comparator<Object[]> sort, boolean rows, Bound lower, Bound upper,
      int orderColumn, boolean descending, RexWindowExclusion exclude, List<Call> calls) {}

  public static Operator compile(Window window, Operator input) {
    int width = window.getRowType().getFieldCount();
    int output = window.getInput().getRowType().getFieldCount();
    List<Group> groups = new ArrayList<>();
    for (Window.Group g : window.groups) {
      Comparator<Object[]> partition = (a, b) -> 0;
      for (int key : g.keys) {
        partition = partition.thenComparing(ValueOrder.byColumn(key, false, false));
      }
      Comparator<Object[]> peers = (a, b) -> 0;
      for (RelFieldCollation c : g.orderKeys.getFieldCollations()) {
        peers = peers.thenComparing(ValueOrder.byColumn(c.getFieldIndex(),
            c.direction == RelFieldCollation.Direction.DESCENDING,
            c.nullDirection == RelFieldCollation.NullDirection.FIRST));
      }
      List<Call> calls = new ArrayList<>();
      for (Window.RexWinAggCall call : g.aggCalls) {
        int[] args = new int[call.getOperands().size()];
        for (int i = 0; i < args.length; i++) {
          RexNode operand = call.getOperands().get(i);
          args[i] = ((RexInputRef) operand).getIndex();
        }
        if (call.getOperator() instanceof WindowFunctions.PgWindowFunction fn) {
          calls.add(new Call(fn.windowKind(), null, args, output++, -1));
        } else if (call.getOperator() instanceof WindowFunctions.FilteredAggregate f) {
          calls.add(new Call(null, f.aggregate(), Arrays.copyOf(args, args.length - 1), output++,
              args[args.length - 1]));
        } else {
          calls.add(new Call(null, (PgAggFunction) call.getOperator(), args, output++, -1));
        }
      }
      List<RelFieldCollation> keys = g.orderKeys.getFieldCollations();
      groups.add(new Group(partition, peers, partition.thenComparing(peers), g.isRows,
          Bound.of(g.lowerBound), Bound.of(g.upperBound), keys.isEmpty() ? -1 : keys.get(0).getFieldIndex(),
          !keys.isEmpty() && keys.get(0).direction == RelFieldCollation.Direction.DESCENDING, g.exclude, calls));
    }
    return ctx -> {
      RowSource in = input.open(ctx);
      List<Object[]> rows = new ArrayList<>();
      Object[] row;
      while ((row = in.next()) != null) {
        rows.add(Arrays.copyOf(row, width));
      }
      List<Object[]> out = rows;
      for (Group g : groups) {
        out = evaluate(g, rows, ctx);
      }
      Iterator<Object[]> it = out.iterator();
      return () -> it.hasNext() ? it.next() : null;
    };
  }

  /** Computes one group's calls into the rows; returns the rows in the group's order. */
  private static List<Object[]> evaluate(Group g, List<Object[]> input, ExecContext ctx) {
    List<Object[]> sorted = new ArrayList<>(input);
    sorted.sort(g.sort()); // stable: rows of equal keys keep their input order
    if (sorted.isEmpty()) {
      return sorted;
    }
    Number lowerOffset = g.lower().offset(ctx, true, g.rows());
    Number upperOffset = g.upper().offset(ctx, false, g.rows());
    int start = 0;
    while (start < sorted.size()) {
      int end = start + 1;
      while (end < sorted.size() && g.partition().compare(sorted.get(start), sorted.get(end)) == 0) {
        end++;
      }
      Partition p = new Partition(sorted.subList(start, end), g, lowerOffset, upperOffset);
      for (Call call : g.calls()) {
        if (call.kind() == null) {
          p.aggregate(call);
        } else {
          p.windowFunction(call);
        }
      }
      start = end;
    }
    return sorted;
  }

  /** One partition's rows, their peer groups and frames. */
  private static final class Partition {
    private final List<Object[]> rows;
    private final Group group;
    private final Number lowerOffset;
    private final Number upperOffset;
    private final int n;
    /** The rows whose ORDER BY key is not NULL (RANGE offsets search only these). */
    private int nonNullStart;
    private int nonNullEnd;
    /** The first peer of each row, and one past its last peer. */
    private final int[] peerStart;
    private final int[] peerEnd;

    Partition(List<Object[]> rows, Group group, Number lowerOffset, Number upperOffset) {
      this.rows = rows;
      this.group = group;
      this.lowerOffset = lowerOffset;
      this.upperOffset = upperOffset;
      this.n = rows.size();
      peerStart = new int[n];
      peerEnd = new int[n];
      int s = 0;
      while (s < n) {
        int e = s + 1;
        while (e < n && group.peerOrder().compare(rows.get(s), rows.get(e)) == 0) {
          e++;
        }
        for (int i = s; i < e; i++) {
          peerStart[i] = s;
          peerEnd[i] = e;
        }
        s = e;
      }
      if (group.orderColumn() >= 0) {
        nonNullStart = 0;
        while (nonNullStart < n && rows.get(nonNullStart)[group.orderColumn()] == null) {
          nonNullStart++;
        }
        nonNullEnd = n;
        while (nonNullEnd > nonNullStart && rows.get(nonNullEnd - 1)[group.orderColumn()] == null) {
          nonNullEnd--;
        }
      }
    }

    private int frameStart(int i) {
      return switch (group.lower().kind()) {
        case UNBOUNDED_PRECEDING -> 0;
        case PRECEDING -> group.rows() ? (int) Math.max(0, i - lowerOffset.longValue())
            : range(i, lowerOffset, true, true);
        case CURRENT_ROW -> group.rows() ? i : peerStart[i];
        case FOLLOWING -> group.rows() ? (int) Math.min(n, i + lowerOffset.longValue())
            : range(i, lowerOffset, false, true);
        case UNBOUNDED_FOLLOWING -> n;
      };
    }

    /** One past the frame's last row. */
    private int frameEnd(int i) {
      return switch (group.upper().kind()) {
        case UNBOUNDED_FOLLOWING -> n;
        case FOLLOWING -> group.rows() ? (int) Math.min(n, i + upperOffset.longValue() + 1)
            : range(i, upperOffset, false, false);
        case CURRENT_ROW -> group.rows() ? i + 1 : peerEnd[i];
        case PRECEDING -> group.rows() ? (int) Math.max(0, i - upperOffset.longValue() + 1)
            : range(i, upperOffset, true, false);
        case UNBOUNDED_PRECEDING -> 0;
      };
    }

    /**
     * RANGE offset PRECEDING/FOLLOWING: the first row (start) or one past the last row (end)
     * whose key is within the offset of row i's key, found by binary search among the rows with
     * a key. A NULL key's bound is its peers' (the other NULLs), as PostgreSQL's.
     */
    private int range(int i, Number offset, boolean preceding, boolean start) {
      int column = group.orderColumn();
      Object v = rows.get(i)[column];
      if (v == null) {
        return start ? peerStart[i] : peerEnd[i];
      }
      boolean descending = group.descending();
      // ascending keys: PRECEDING looks at smaller keys; descending keys: at larger ones
      Number target = add(v, offset, preceding != descending);
      int lo = nonNullStart;
      int hi = nonNullEnd;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        int c = compare(rows.get(mid)[column], target);
        if (descending) {
          c = -c;
        }
        if (start ? c < 0 : c <= 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    /** key ± offset, exactly for integers and numeric, in double precision for floats. */
    private static Number add(Object key, Number offset, boolean subtract) {
      if (key instanceof Double || key instanceof Float) {
        double k = ((Number) key).doubleValue();
        double o = offset.doubleValue();
        return subtract ? k - o : k + o;
      }
      BigDecimal k = decimal((Number) key);
      BigDecimal o = decimal(offset);
      return subtract ? k.subtract(o) : k.add(o);
    }

    private static int compare(Object key, Number target) {
      if (target instanceof Double d) {
        return Double.compare(((Number) key).doubleValue(), d);
      }
      return decimal((Number) key).compareTo((BigDecimal) target);
    }

    private static BigDecimal decimal(Number n) {
      return n instanceof BigDecimal b ? b : BigDecimal.valueOf(n.longValue());
    }

    /** Whether EXCLUDE takes row j out of row i's frame. */
    private boolean excluded(int i, int j) {
      return switch (group.exclude()) {
        case EXCLUDE_CURRENT_ROW -> j == i;
        case EXCLUDE_GROUP -> j >= peerStart[i] && j < peerEnd[i];
        case EXCLUDE_TIES -> j != i && j >= peerStart[i] && j < peerEnd[i];
        default -> false;
      };
    }

    void aggregate(Call call) {
      PgAggFunction fn = call.aggregate();
      boolean excludes = group.exclude() != RexWindowExclusion.EXCLUDE_NO_OTHER;
      PgAggFunction.Accumulator acc = null;
      int accStart = -1;
      int accEnd = -1;
      for (int i = 0; i < n; i++) {
        int fs = frameStart(i);
        int fe = Math.max(fs, frameEnd(i));
        if (excludes) {
          // the frame has a hole: aggregate it afresh
          acc = fn.newAccumulator();
          for (int j = fs; j < fe; j++) {
            if (!excluded(i, j)) {
              add(acc, call, rows.get(j));
            }
          }
          rows.get(i)[call.output()] = copy(acc.result());
          continue;
        }
        if (acc == null || fs != accStart || fe < accEnd) {
          acc = fn.newAccumulator();
          accStart = fs;
          accEnd = fs;
        }
        for (; accEnd < fe; accEnd++) {
          add(acc, call, rows.get(accEnd));
        }
        rows.get(i)[call.output()] = copy(acc.result());
      }
    }

    /** Adds one row to an aggregate, unless its FILTER is not true or a NULL argument is skipped. */
    private static void add(PgAggFunction.Accumulator acc, Call call, Object[] r) {
      if (call.filter() >= 0 && !Boolean.TRUE.equals(r[call.filter()])) {
        return;
      }
      Object[] args = new Object[call.args().length];
      boolean hasNull = false;
      for (int a = 0; a < args.length; a++) {
        args[a] = r[call.args()[a]];
        hasNull |= args[a] == null;
      }
      if (!(hasNull && call.aggregate().skipsNulls())) {
        acc.add(args);
      }
    }

    /** A result the accumulator may go on changing (a vector sum's array) is copied. */
    private static Object copy(Object v) {
      return v instanceof float[] f ? f.clone() : v;
    }

    void windowFunction(Call call) {
      int out = call.output();
      int[] args = call.args();
      switch (call.kind()) {
        case ROW_NUMBER -> {
          for (int i = 0; i < n; i++) {
            rows.get(i)[out] = (long) (i + 1);
          }
        }
        case RANK -> {
          for (int i = 0; i < n; i++) {
            rows.get(i)[out] = (long) (peerStart[i] + 1);
          }
        }
        case DENSE_RANK -> {
          long rank = 0;
          for (int i = 0; i < n; i++) {
            if (peerStart[i] == i) {
              rank++;
            }
            rows.get(i)[out] = rank;
          }
        }
        case PERCENT_RANK -> {
          for (int i = 0; i < n; i++) {
            rows.get(i)[out] = n > 1 ? (double) peerStart[i] / (n - 1) : 0.0;
          }
        }
        case CUME_DIST -> {
          for (int i = 0; i < n; i++) {
            rows.get(i)[out] = (double) peerEnd[i] / n;
          }
        }
        case NTILE -> ntile(args[0], out);
        case LAG, LEAD -> {
          boolean lead = call.kind() == WindowFunctions.Kind.LEAD;
          for (int i = 0; i < n; i++) {
            Object[] r = rows.get(i);
            Object offset = args.length > 1 ? r[args[1]] : (Object) 1;
            if (offset == null) {
              r[out] = null;
              continue;
            }
            long target = lead ? i + ((Number) offset).longValue() : i - ((Number) offset).longValue();
            r[out] = target >= 0 && target < n ? rows.get((int) target)[args[0]]
                : args.length > 2 ? r[args[2]] : null;
          }
        }
        case FIRST_VALUE, LAST_VALUE, NTH_VALUE -> {
          for (int i = 0; i < n; i++) {
            Object[] r = rows.get(i);
            int fs = frameStart(i);
            int fe = frameEnd(i);
            int pick = -1;
            if (call.kind() == WindowFunctions.Kind.FIRST_VALUE) {
              for (int j = fs; j < fe && pick < 0; j++) {
                pick = excluded(i, j) ? -1 : j;
              }
            } else if (call.kind() == WindowFunctions.Kind.LAST_VALUE) {
              for (int j = fe - 1; j >= fs && pick < 0; j--) {
                pick = excluded(i, j) ? -1 : j;
              }
            } else {
              Object nth = r[args[1]];
              if (nth == null) {
                r[out] = null;
                continue;
              }
              long k = ((Number) nth).longValue();
              if (k <= 0) {
                throw new PgException(INVALID_ARGUMENT_FOR_NTH_VALUE, "argument of nth_value must be greater than zero");
              }
              for (int j = fs; j < fe && pick < 0; j++) {
                if (!excluded(i, j) && --k == 0) {
                  pick = j;
                }
              }
            }
            r[out] = pick >= 0 ? rows.get(pick)[args[0]] : null;
          }
        }
        default -> throw new IllegalStateException(call.kind().toString());
      }
    }

    /**
     * ntile(buckets): the bucket count is read at the partition's first row; the first
     * (rows mod buckets) buckets get one row more, as PostgreSQL distributes them.
     */
    private void ntile(int arg, int out) {
      Object b = rows.get(0)[arg];
      if (b == null) {
        for (Object[] r : rows) {
          r[out] = null;
        }
        return;
      }
      long buckets = ((Number) b).longValue();
      if (buckets <= 0) {
        throw new PgException(INVALID_ARGUMENT_FOR_NTILE, "argument of ntile must be greater than zero");
      }
      long per = n / buckets;
      long remainder = n % buckets;
      long large = remainder * (per + 1);
      for (int i = 0; i < n; i++) {
        long bucket = i < large ? i / (per + 1) + 1 : remainder + (i - large) / per + 1;
        rows.get(i)[out] = (int) bucket;
      }
    }
  }
}
