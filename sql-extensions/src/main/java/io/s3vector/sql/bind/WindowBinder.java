package io.s3vector.sql.bind;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.functions.Aggregates;
import io.s3vector.sql.functions.Casts;
import io.s3vector.sql.functions.Operators;
import io.s3vector.sql.functions.PgAggFunction;
import io.s3vector.sql.functions.WindowFunctions;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalWindow;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexWindowBound;
import org.apache.calcite.rex.RexWindowBounds;
import org.apache.calcite.rex.RexWindowExclusion;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Window functions of one query level: {@code fn(args) OVER (PARTITION BY .. ORDER BY .. frame)}
 * and {@code OVER name} with the query's {@code WINDOW name AS (...)} definitions.
 *
 * <p>Window functions are evaluated after WHERE, GROUP BY and HAVING, before DISTINCT and ORDER
 * BY, as in PostgreSQL. Each call's arguments, PARTITION BY and ORDER BY expressions are bound
 * against the row below the windows (the FROM row, or the grouped row of an aggregating query)
 * and become extra columns of a Project under a Calcite {@link LogicalWindow}; calls with the
 * same partitioning, ordering and frame share one {@link Window.Group}. While the select list is
 * bound a call stands for a placeholder ({@link #RESULT}) because the width of the row below is
 * only known once every aggregate is bound; {@link #resolve} then makes it a reference to the
 * window's output column. LogicalWindow fits as is: its inputs are plain column references and
 * its frame bounds take any constant offset ({@code ROWS $1 PRECEDING}), so no custom node.
 */
public final class WindowBinder {
  /** PostgreSQL's windowing_error. */
  static final String WINDOWING_ERROR = "42P20";
  static final String WRONG_OBJECT_TYPE = "42809";

  /** Stands for a window call's result until the window's output position is known. */
  private static final SqlOperator RESULT = new SqlSpecialOperator("$WINDOW_RESULT", SqlKind.OTHER);

  private final BindContext ctx;
  /** Binds function arguments: a window call in them is "nested". */
  private final ExprBinder args;
  /** Binds PARTITION BY, ORDER BY and frame offsets. */
  private final ExprBinder definitions;
  private final Map<String, Spec> named = new LinkedHashMap<>();
  /** The expressions the windows read, as extra columns after the row below. */
  private final List<RexNode> extras = new ArrayList<>();
  private final List<Call> calls = new ArrayList<>();
  /** Each call's output column, once {@link #build} ran. */
  private int[] positions;

  /** One ORDER BY item of a window. */
  record OrderItem(RexNode expr, RelFieldCollation.Direction direction, RelFieldCollation.NullDirection nulls) {}

  /**
   * A frame: ROWS or RANGE, its bounds (Calcite's, the offsets constant expressions) and which
   * rows around the current one it excludes.
   */
  record Frame(boolean rows, RexWindowBound lower, RexWindowBound upper, RexWindowExclusion exclude) {}

  /** A bound window: frame null when the definition has none (PostgreSQL's default applies). */
  record Spec(List<RexNode> partition, List<OrderItem> order, Frame frame) {}

  /** The key calls sharing one Window.Group have in common. */
  private record GroupKey(List<Integer> partition, List<RelFieldCollation> order, Frame frame) {}

  /** One window call: its operator, result type, argument columns (in extras) and group. */
  private record Call(String name, SqlAggFunction op, RelDataType type, List<Integer> args, GroupKey group) {}

  /**
   * @param base the binder for the row below the windows (with the query's grouping, if any)
   * @param windowList the query's WINDOW clause (may be null or empty)
   */
  public WindowBinder(BindContext ctx, ExprBinder base, Grouping grouping, SqlNodeList windowList) {
    this.ctx = ctx;
    this.args = base.above(grouping, "window function calls");
    this.definitions = base.above(grouping, "window definitions");
    if (windowList != null) {
      for (SqlNode node : windowList) {
        SqlWindow w = (SqlWindow) node;
        String name = w.getDeclName().getSimple();
        if (named.containsKey(name)) {
          throw ctx.error(WINDOWING_ERROR, "window \"" + name + "\" is already defined", w);
        }
        named.put(name, define(w, true));
      }
    }
  }

  /** Whether any window function was bound. */
  public boolean any() {
    return !calls.isEmpty();
  }

  /** The error for a window function where none is allowed, in PostgreSQL's words. */
  static PgException notAllowed(BindContext ctx, String clause, SqlCall over) {
    SqlNode at = over.operand(0);
    if (clause.equals("aggregate function calls")) {
      return ctx.error(SqlState.GROUPING_ERROR, "aggregate function calls cannot contain window function calls", at);
    }
    if (clause.equals("window function calls")) {
      return ctx.error(WINDOWING_ERROR, "window function calls cannot be nested", at);
    }
    return ctx.error(WINDOWING_ERROR, "window functions are not allowed in "
        + (clause.equals("JOIN/ON") ? "JOIN conditions" : clause), at);
  }

  /** The error for a window function called without OVER ({@code row_number()}). */
  static PgException requiresOver(BindContext ctx, String name, SqlCall call) {
    return ctx.error(WRONG_OBJECT_TYPE, "window function " + name + " requires an OVER clause", call);
  }

  /** Refuses window functions in a clause that cannot have them (GROUP BY), as PostgreSQL. */
  public static void reject(BindContext ctx, SqlNode node, String clause) {
    if (node instanceof SqlCall call) {
      if (call.getKind() == SqlKind.OVER) {
        throw notAllowed(ctx, clause, call);
      }
      if (ExprBinder.isQuery(call)) {
        return;
      }
      for (SqlNode o : call.getOperandList()) {
        reject(ctx, o, clause);
      }
    } else if (node instanceof SqlNodeList list) {
      for (SqlNode o : list) {
        reject(ctx, o, clause);
      }
    }
  }

  /** Binds {@code fn(args) OVER window}; returns a placeholder for its result. */
  RexNode bind(SqlCall over) {
    SqlNode fnNode = over.operand(0);
    SqlNode filter = null;
    if (fnNode.getKind() == SqlKind.FILTER) {
      filter = ((SqlCall) fnNode).operand(1);
      fnNode = ((SqlCall) fnNode).operand(0);
    }
    if (fnNode.getKind() == SqlKind.IGNORE_NULLS || fnNode.getKind() == SqlKind.RESPECT_NULLS) {
      // Calcite's grammar; PostgreSQL 15 has no null treatment clause
      String word = fnNode.getKind() == SqlKind.IGNORE_NULLS ? "IGNORE" : "RESPECT";
      throw ctx.error(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + word + "\"", fnNode);
    }
    if (!(fnNode instanceof SqlCall fn)) {
      throw ctx.error(SqlState.SYNTAX_ERROR, "syntax error at or near \"OVER\"", over);
    }
    String name = fn.getOperator().getName().toLowerCase(Locale.ROOT);
    if (fn instanceof SqlBasicCall b && b.getFunctionQuantifier() != null
        && b.getFunctionQuantifier().getValue() == SqlSelectKeyword.DISTINCT) {
      throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED, "DISTINCT is not implemented for window functions", fn);
    }
    Spec spec = spec(over.operand(1));
    WindowFunctions.Kind kind = WindowFunctions.kind(name);
    Call call;
    if (kind != null) {
      if (filter != null) {
        throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED,
            "FILTER is not implemented for non-aggregate window functions", fn);
      }
      call = windowFunction(name, kind, fn, spec);
    } else if (Aggregates.isAggregate(name)) {
      call = aggregate(name, fn, filter, spec);
    } else {
      throw ctx.error(WRONG_OBJECT_TYPE,
          "OVER specified, but " + name + " is not a window function nor an aggregate function", fn);
    }
    int index = -1;
    for (int i = 0; i < calls.size(); i++) {
      Call c = calls.get(i);
      if (c.name().equals(call.name()) && c.type().equals(call.type()) && c.args().equals(call.args())
          && c.group().equals(call.group())) {
        index = i;
      }
    }
    if (index < 0) {
      index = calls.size();
      calls.add(call);
    }
    return ctx.rex.makeCall(call.type(), RESULT,
        List.of(ctx.rex.makeExactLiteral(BigDecimal.valueOf(index), PgRelTypes.INT4)));
  }

  private Call windowFunction(String name, WindowFunctions.Kind kind, SqlCall fn, Spec spec) {
    List<SqlNode> operands = fn.getOperandList();
    List<RexNode> bound = new ArrayList<>();
    for (SqlNode o : operands) {
      bound.add(args.bind(o));
    }
    int min;
    int max;
    switch (kind) {
      case ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST -> {
        min = 0;
        max = 0;
        if (!operands.isEmpty() && kind != WindowFunctions.Kind.ROW_NUMBER) {
          throw ctx.error(WRONG_OBJECT_TYPE, "WITHIN GROUP is required for ordered-set aggregate " + name, fn);
        }
      }
      case NTILE, FIRST_VALUE, LAST_VALUE -> {
        min = 1;
        max = 1;
      }
      case NTH_VALUE -> {
        min = 2;
        max = 2;
      }
      default -> { // LAG, LEAD
        min = 1;
        max = 3;
      }
    }
    if (bound.size() < min || bound.size() > max) {
      throw noSuchFunction(name, bound, fn);
    }
    RelDataType type;
    List<RexNode> coerced = new ArrayList<>();
    switch (kind) {
      case ROW_NUMBER, RANK, DENSE_RANK -> type = PgRelTypes.INT8;
      case PERCENT_RANK, CUME_DIST -> type = PgRelTypes.FLOAT8;
      case NTILE -> {
        type = PgRelTypes.INT4;
        coerced.add(toInt(bound.get(0), name, bound, fn, operands.get(0)));
      }
      case FIRST_VALUE, LAST_VALUE, NTH_VALUE -> {
        RexNode value = args.resolveUnknown(bound.get(0));
        type = value.getType();
        coerced.add(value);
        if (kind == WindowFunctions.Kind.NTH_VALUE) {
          coerced.add(toInt(bound.get(1), name, bound, fn, operands.get(1)));
        }
      }
      default -> {
        // lag/lead(anycompatible, integer, anycompatible): value and default take a common type.
        RelDataType t = bound.get(0).getType();
        if (bound.size() == 3) {
          RelDataType d = bound.get(2).getType();
          t = Operators.isUnknownType(t) ? d : Operators.isUnknownType(d) ? t : Operators.comparable(t, d);
          if (t == null) {
            throw noSuchFunction(name, bound, fn);
          }
        }
        type = Operators.isUnknownType(t) ? PgRelTypes.TEXT : t;
        coerced.add(args.coerce(bound.get(0), type, Casts.Context.IMPLICIT, operands.get(0)));
        if (bound.size() >= 2) {
          coerced.add(toInt(bound.get(1), name, bound, fn, operands.get(1)));
        }
        if (bound.size() == 3) {
          coerced.add(args.coerce(bound.get(2), type, Casts.Context.IMPLICIT, operands.get(2)));
        }
      }
    }
    WindowFunctions.PgWindowFunction op = new WindowFunctions.PgWindowFunction(name, kind, type);
    return new Call(name, op, type, columns(coerced), group(spec));
  }

  private RexNode toInt(RexNode arg, String name, List<RexNode> all, SqlCall fn, SqlNode at) {
    int rank = PgRelTypes.numericRank(arg.getType());
    if (!Operators.isUnknownType(arg.getType()) && (rank < 0 || rank > 1)) {
      throw noSuchFunction(name, all, fn);
    }
    return args.coerce(arg, PgRelTypes.INT4, Casts.Context.IMPLICIT, at);
  }

  private PgException noSuchFunction(String name, List<RexNode> bound, SqlCall fn) {
    StringBuilder sig = new StringBuilder();
    for (RexNode a : bound) {
      sig.append(sig.length() == 0 ? "" : ", ").append(PgRelTypes.displayName(a.getType()));
    }
    return ctx.error(SqlState.UNDEFINED_FUNCTION, "function " + name + "(" + sig + ") does not exist",
        ExprBinder.NO_FUNCTION_HINT, fn);
  }

  /** An aggregate used with OVER: resolved as in a GROUP BY query, computed over the frame. */
  private Call aggregate(String name, SqlCall fn, SqlNode filter, Spec spec) {
    List<SqlNode> operands = fn.getOperandList();
    PgAggFunction agg;
    List<RexNode> coerced = new ArrayList<>();
    if (name.equals("count") && operands.size() == 1 && operands.get(0) instanceof SqlIdentifier id
        && id.isStar()) {
      agg = Aggregates.countStar();
    } else if (operands.size() == 1) {
      RexNode arg = args.bind(operands.get(0));
      Aggregates.Resolution r = Aggregates.resolve(name, arg.getType());
      if (r == null) {
        throw noSuchFunction(name, List.of(arg), fn);
      }
      agg = r.function();
      coerced.add(args.coerce(arg, r.argType(), Casts.Context.IMPLICIT, operands.get(0)));
    } else {
      List<RexNode> bound = new ArrayList<>();
      for (SqlNode o : operands) {
        bound.add(args.bind(o));
      }
      throw noSuchFunction(name, bound, fn);
    }
    if (filter != null) {
      // FILTER (WHERE cond): the condition is the call's last input column
      coerced.add(args.toBool(args.bind(filter), "FILTER", filter));
      return new Call(name + " FILTER", new WindowFunctions.FilteredAggregate(agg), agg.resultType(),
          columns(coerced), group(spec));
    }
    return new Call(name, agg, agg.resultType(), columns(coerced), group(spec));
  }

  /** The extra columns holding these expressions (shared with equal ones). */
  private List<Integer> columns(List<RexNode> exprs) {
    List<Integer> out = new ArrayList<>();
    for (RexNode e : exprs) {
      out.add(column(e));
    }
    return out;
  }

  private int column(RexNode e) {
    int i = extras.indexOf(e);
    if (i < 0) {
      i = extras.size();
      extras.add(e);
    }
    return i;
  }

  /** The group a spec's calls belong to; PostgreSQL's default frame made explicit. */
  private GroupKey group(Spec spec) {
    List<Integer> partition = new ArrayList<>();
    for (RexNode p : spec.partition()) {
      partition.add(column(p));
    }
    List<RelFieldCollation> order = new ArrayList<>();
    for (OrderItem o : spec.order()) {
      order.add(new RelFieldCollation(column(o.expr()), o.direction(), o.nulls()));
    }
    Frame frame = spec.frame() != null ? spec.frame()
        // RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW: the current row's peers included;
        // without ORDER BY every row of the partition is a peer, so the whole partition.
        : new Frame(false, RexWindowBounds.UNBOUNDED_PRECEDING, RexWindowBounds.CURRENT_ROW,
            RexWindowExclusion.EXCLUDE_NO_OTHER);
    return new GroupKey(partition, order, frame);
  }

  /** The window an OVER clause names or defines. */
  private Spec spec(SqlNode node) {
    if (node instanceof SqlIdentifier id) {
      Spec s = named.get(id.getSimple());
      if (s == null) {
        throw ctx.error(SqlState.UNDEFINED_OBJECT, "window \"" + id.getSimple() + "\" does not exist", id);
      }
      return s;
    }
    return define((SqlWindow) node, false);
  }

  /**
   * Binds a window definition; one that names another window ({@code (w ORDER BY x)}) copies its
   * PARTITION BY and ORDER BY and may add only what that one lacks, as PostgreSQL.
   */
  private Spec define(SqlWindow w, boolean inWindowClause) {
    if (!w.isAllowPartial()) {
      // Calcite's DISALLOW PARTIAL (NULL for a frame shorter than asked); not PostgreSQL's
      throw ctx.error(SqlState.SYNTAX_ERROR, "syntax error at or near \"DISALLOW\"", w);
    }
    Spec base = null;
    if (w.getRefName() != null) {
      String ref = w.getRefName().getSimple();
      base = named.get(ref);
      if (base == null) {
        throw ctx.error(SqlState.UNDEFINED_OBJECT, "window \"" + ref + "\" does not exist", w);
      }
      if (w.getPartitionList() != null && w.getPartitionList().size() > 0) {
        throw ctx.error(WINDOWING_ERROR, "cannot override PARTITION BY clause of window \"" + ref + "\"", w);
      }
      if (!base.order().isEmpty() && w.getOrderList() != null && w.getOrderList().size() > 0) {
        throw ctx.error(WINDOWING_ERROR, "cannot override ORDER BY clause of window \"" + ref + "\"", w);
      }
      if (base.frame() != null) {
        throw ctx.error(WINDOWING_ERROR, "cannot copy window \"" + ref + "\" because it has a frame clause",
            inWindowClause ? null : "Omit the parentheses in this OVER clause.", w);
      }
    }
    List<RexNode> partition = new ArrayList<>();
    if (base != null) {
      partition.addAll(base.partition());
    } else if (w.getPartitionList() != null) {
      for (SqlNode p : w.getPartitionList()) {
        partition.add(definitions.resolveUnknown(definitions.bind(p)));
      }
    }
    List<OrderItem> order = new ArrayList<>();
    if (base != null && !base.order().isEmpty()) {
      order.addAll(base.order());
    } else if (w.getOrderList() != null) {
      for (SqlNode o : w.getOrderList()) {
        QueryBinder.OrderKey key = QueryBinder.OrderKey.of(o);
        RexNode e = definitions.resolveUnknown(definitions.bind(key.expr()));
        order.add(new OrderItem(e, key.direction(), key.nulls()));
      }
    }
    return new Spec(partition, order, frame(w, order));
  }

  /** The frame clause, checked as PostgreSQL's grammar and parse analysis do; null if none. */
  private Frame frame(SqlWindow w, List<OrderItem> order) {
    SqlNode lower = w.getLowerBound();
    SqlNode upper = w.getUpperBound();
    if (lower == null && upper == null) {
      return null;
    }
    if (lower == null) {
      // Calcite keeps a lone "n FOLLOWING" as the upper bound; in PostgreSQL it is the start.
      lower = upper;
      upper = null;
    }
    RexWindowExclusion exclude = w.getExclude() == null ? RexWindowExclusion.EXCLUDE_NO_OTHER
        : RexWindowExclusion.create(w.getExclude());
    boolean rows = w.isRows();
    if (SqlWindow.isUnboundedFollowing(lower)) {
      throw ctx.error(WINDOWING_ERROR, "frame start cannot be UNBOUNDED FOLLOWING", lower);
    }
    if (upper != null && SqlWindow.isUnboundedPreceding(upper)) {
      throw ctx.error(WINDOWING_ERROR, "frame end cannot be UNBOUNDED PRECEDING", upper);
    }
    SqlNode end = upper != null ? upper : lower;
    if (SqlWindow.isCurrentRow(lower) && end.getKind() == SqlKind.PRECEDING) {
      throw ctx.error(WINDOWING_ERROR, "frame starting from current row cannot have preceding rows", end);
    }
    if (lower.getKind() == SqlKind.FOLLOWING) {
      if (upper == null) {
        throw ctx.error(WINDOWING_ERROR, "frame starting from following row cannot end with current row", lower);
      }
      if (upper.getKind() == SqlKind.PRECEDING || SqlWindow.isCurrentRow(upper)) {
        throw ctx.error(WINDOWING_ERROR, "frame starting from following row cannot have preceding rows", upper);
      }
    }
    boolean offsets = lower.getKind() == SqlKind.PRECEDING || lower.getKind() == SqlKind.FOLLOWING
        || (upper != null && (upper.getKind() == SqlKind.PRECEDING || upper.getKind() == SqlKind.FOLLOWING));
    if (!rows && offsets && order.size() != 1) {
      throw ctx.error(WINDOWING_ERROR,
          "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column", w);
    }
    RexWindowBound lo = bound(lower, rows, order);
    RexWindowBound hi = upper == null ? RexWindowBounds.CURRENT_ROW : bound(upper, rows, order);
    return new Frame(rows, lo, hi, exclude);
  }

  private RexWindowBound bound(SqlNode node, boolean rows, List<OrderItem> order) {
    if (SqlWindow.isUnboundedPreceding(node)) {
      return RexWindowBounds.UNBOUNDED_PRECEDING;
    }
    if (SqlWindow.isUnboundedFollowing(node)) {
      return RexWindowBounds.UNBOUNDED_FOLLOWING;
    }
    if (SqlWindow.isCurrentRow(node)) {
      return RexWindowBounds.CURRENT_ROW;
    }
    SqlNode offsetNode = ((SqlCall) node).operand(0);
    RexNode offset = definitions.bind(offsetNode);
    if (RexUtil.containsInputRef(offset) || containsCorrelation(offset)) {
      throw ctx.error(SqlState.INVALID_COLUMN_REFERENCE,
          "argument of " + (rows ? "ROWS" : "RANGE") + " must not contain variables", offsetNode);
    }
    RelDataType type = rows ? PgRelTypes.INT8 : rangeOffsetType(order.get(0).expr().getType(), offset, offsetNode);
    offset = definitions.coerce(offset, type, Casts.Context.IMPLICIT, offsetNode);
    return node.getKind() == SqlKind.PRECEDING ? RexWindowBounds.preceding(offset)
        : RexWindowBounds.following(offset);
  }

  /**
   * The type a RANGE offset takes from the ORDER BY column's (PostgreSQL's in_range support):
   * an integer offset for integer columns, numeric for numeric, double precision for floats.
   * Date and time columns (interval offsets) are not supported yet.
   */
  private RelDataType rangeOffsetType(RelDataType column, RexNode offset, SqlNode at) {
    int columnRank = PgRelTypes.numericRank(column);
    if (columnRank < 0) {
      throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED, "RANGE with offset PRECEDING/FOLLOWING is not supported"
          + " for column type " + PgRelTypes.displayName(column), at);
    }
    int offsetRank = Operators.isUnknownType(offset.getType()) ? 0 : PgRelTypes.numericRank(offset.getType());
    int maxRank = columnRank <= 2 ? 2 : columnRank == 3 ? 3 : 5;
    if (offsetRank < 0 || offsetRank > maxRank) {
      throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED, "RANGE with offset PRECEDING/FOLLOWING is not supported"
          + " for column type " + PgRelTypes.displayName(column) + " and offset type "
          + PgRelTypes.displayName(offset.getType()), "Cast the offset value to an appropriate type.", at);
    }
    return columnRank <= 2 ? PgRelTypes.INT8 : columnRank == 3 ? PgRelTypes.NUMERIC : PgRelTypes.FLOAT8;
  }

  private static boolean containsCorrelation(RexNode e) {
    boolean[] found = {false};
    e.accept(new RexShuttle() {
      @Override
      public RexNode visitCorrelVariable(RexCorrelVariable v) {
        found[0] = true;
        return v;
      }
    });
    return found[0];
  }

  /**
   * The plan with the windows on top: a Project adding the windows' input columns to {@code
   * input}'s row, and a LogicalWindow appending one column per call. Every column of {@code
   * input} keeps its position, so expressions bound against it stay valid above the window.
   */
  public RelNode build(RelNode input, Set<CorrelationId> variables) {
    int width = input.getRowType().getFieldCount();
    List<RexNode> project = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      project.add(ctx.rex.makeInputRef(input, i));
      names.add("$in" + i);
    }
    for (int i = 0; i < extras.size(); i++) {
      project.add(extras.get(i));
      names.add("$wa" + i);
    }
    RelNode below = LogicalProject.create(input, List.of(), project, names, variables);
    Map<GroupKey, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < calls.size(); i++) {
      groups.computeIfAbsent(calls.get(i).group(), k -> new ArrayList<>()).add(i);
    }
    RelDataTypeFactory.Builder rowType = PgRelTypes.FACTORY.builder();
    rowType.addAll(below.getRowType().getFieldList());
    positions = new int[calls.size()];
    int position = below.getRowType().getFieldCount();
    List<Window.Group> built = new ArrayList<>();
    for (Map.Entry<GroupKey, List<Integer>> e : groups.entrySet()) {
      GroupKey key = e.getKey();
      List<Window.RexWinAggCall> aggCalls = new ArrayList<>();
      for (int i : e.getValue()) {
        Call call = calls.get(i);
        List<RexNode> operands = new ArrayList<>();
        for (int a : call.args()) {
          operands.add(new RexInputRef(width + a, extras.get(a).getType()));
        }
        aggCalls.add(new Window.RexWinAggCall(call.op(), call.type(), operands, aggCalls.size(), false, false));
        positions[i] = position++;
        rowType.add("$w" + i, call.type());
      }
      List<Integer> partition = new ArrayList<>();
      for (int p : key.partition()) {
        partition.add(width + p);
      }
      List<RelFieldCollation> order = new ArrayList<>();
      for (RelFieldCollation c : key.order()) {
        order.add(c.withFieldIndex(width + c.getFieldIndex()));
      }
      built.add(new Window.Group(ImmutableBitSet.of(partition), key.frame().rows(), key.frame().lower(),
          key.frame().upper(), key.frame().exclude(), RelCollations.of(order), aggCalls));
    }
    return LogicalWindow.create(below.getTraitSet(), below, List.<RexLiteral>of(), rowType.build(), built);
  }

  /** An expression bound with window placeholders, reading the window's outputs instead. */
  public RexNode resolve(RexNode e) {
    return e.accept(new RexShuttle() {
      @Override
      public RexNode visitCall(RexCall call) {
        if (call.getOperator() == RESULT) {
          int index = ((RexLiteral) call.getOperands().get(0)).getValueAs(Integer.class);
          return new RexInputRef(positions[index], call.getType());
        }
        return super.visitCall(call);
      }
    });
  }
}
