package io.s3vector.sql.bind;

import io.s3vector.sql.CalciteSqlEngine;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.functions.Aggregates;
import io.s3vector.sql.functions.Casts;
import io.s3vector.sql.functions.Functions;
import io.s3vector.sql.functions.Operators;
import io.s3vector.sql.functions.PgFunction;
import io.s3vector.sql.functions.Resolved;
import io.s3vector.sql.parser.PgOperators;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlBetweenOperator;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlLikeOperator;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.NlsString;

/**
 * Binds one expression (SqlNode) to a typed RexNode with PostgreSQL's rules: name resolution in a
 * {@link Scope}, operator and function resolution by argument types, an untyped string literal or
 * {@code $n} taking the type its context needs, and PostgreSQL's error messages. Untyped string
 * literals stay CHAR-typed RexLiterals until a context resolves them.
 */
public final class ExprBinder {
  static final String NO_OPERATOR_HINT =
      "No operator matches the given name and argument types. You might need to add explicit type casts.";
  static final String NO_FUNCTION_HINT =
      "No function matches the given name and argument types. You might need to add explicit type casts.";

  /** Type names PostgreSQL also has as one-argument functions doing the cast. */
  private static final java.util.Set<String> FUNCTION_CASTS = java.util.Set.of(
      "int2", "int4", "int8", "float4", "float8", "text", "bool", "oid", "jsonb", "json");

  private final BindContext ctx;
  private final Scope scope;
  private final Grouping grouping;
  /** The clause being bound, for "aggregate functions are not allowed in WHERE". */
  private final String clause;
  /** The query's window functions, where the clause allows them (select list, ORDER BY). */
  private WindowBinder windows;

  public ExprBinder(BindContext ctx, Scope scope, String clause) {
    this(ctx, scope, null, clause);
  }

  private ExprBinder(BindContext ctx, Scope scope, Grouping grouping, String clause) {
    this.ctx = ctx;
    this.scope = scope;
    this.grouping = grouping;
    this.clause = clause;
  }

  /** A grouping over this binder's scope; expressions bound by {@link #above} see it. */
  public Grouping newGrouping() {
    return new Grouping(ctx, new ExprBinder(ctx, scope, null, "aggregate function calls"));
  }

  /** A binder for expressions above the aggregate (select list, HAVING, ORDER BY). */
  public ExprBinder above(Grouping g, String clause) {
    return new ExprBinder(ctx, scope, g, clause);
  }

  /** This binder, allowing window functions (bound by {@code windows}). */
  public ExprBinder withWindows(WindowBinder windows) {
    ExprBinder b = new ExprBinder(ctx, scope, grouping, clause);
    b.windows = windows;
    return b;
  }

  public BindContext context() {
    return ctx;
  }

  public RexNode bind(SqlNode node) {
    if (grouping != null) {
      RexNode group = grouping.match(node);
      if (group != null) {
        return group;
      }
    }
    if (node instanceof SqlIdentifier id) {
      if (id.isStar()) {
        throw ctx.error(SqlState.SYNTAX_ERROR, "syntax error at or near \"*\"", id);
      }
      if (id.isSimple() && (scope == null || !scope.hasColumn(id.getSimple()))) {
        RexNode session = sessionFunction(id.getSimple(), 0);
        if (session != null) {
          return session;
        }
      }
      if (grouping != null) {
        throw grouping.notGrouped(id, scope);
      }
      if (scope == null) {
        throw ctx.error(SqlState.UNDEFINED_COLUMN,
            "column \"" + id.names.get(id.names.size() - 1) + "\" does not exist", id);
      }
      return scope.resolve(id, ctx);
    }
    if (node instanceof SqlLiteral literal) {
      return literal(literal);
    }
    if (node instanceof SqlDynamicParam p) {
      int n = ctx.params.pgNumber(p.getIndex());
      return new RexDynamicParam(ctx.params.type(n), n - 1);
    }
    if (node instanceof SqlCase c) {
      return caseExpr(c);
    }
    if (isQuery(node)) {
      return subqueries().scalar(node);
    }
    if (node instanceof SqlCall call) {
      RexNode sub = subqueries().call(call);
      return sub != null ? sub : call(call);
    }
    throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED, "unsupported expression: " + node, node);
  }

  private RexNode literal(SqlLiteral literal) {
    if (literal instanceof SqlCharStringLiteral s) {
      RexNode rex = ctx.rex.makeLiteral(s.getValueAs(NlsString.class).getValue());
      ctx.literal(rex, literal);
      return rex;
    }
    if (literal instanceof SqlNumericLiteral n) {
      BigDecimal v = n.getValueAs(BigDecimal.class);
      return number(v, n.isExact() && v.scale() <= 0);
    }
    if (literal instanceof org.apache.calcite.sql.SqlUnknownLiteral typed) {
      // TIMESTAMP '2024-01-02 03:04:05', DATE '...': the string read as that type
      RelDataType type = switch (typed.tag.toUpperCase(Locale.ROOT)) {
        case "TIMESTAMP" -> PgRelTypes.TIMESTAMP;
        case "DATE" -> PgRelTypes.DATE;
        case "TIMESTAMP WITH TIME ZONE", "TIMESTAMP WITH LOCAL TIME ZONE" -> PgRelTypes.TIMESTAMPTZ;
        default -> throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED,
            "type " + typed.tag.toLowerCase(Locale.ROOT) + " is not supported yet", literal);
      };
      RexNode text = ctx.rex.makeLiteral(typed.getValue());
      ctx.literal(text, literal);
      return coerce(text, type, Casts.Context.EXPLICIT, literal);
    }
    if (literal instanceof org.apache.calcite.sql.SqlIntervalLiteral interval) {
      // SQL's INTERVAL '2' DAY: the same as PostgreSQL's interval '2 day'
      var value = interval.getValueAs(org.apache.calcite.sql.SqlIntervalLiteral.IntervalValue.class);
      var qualifier = value.getIntervalQualifier();
      if (qualifier.timeUnitRange.endUnit != null) {
        throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED,
            "interval literals with a range of units are not supported yet", literal);
      }
      String text = (value.getSign() < 0 ? "-" : "") + value.getIntervalLiteral() + " "
          + qualifier.timeUnitRange.startUnit.name().toLowerCase(Locale.ROOT);
      RexNode rex = ctx.rex.makeLiteral(text);
      ctx.literal(rex, literal);
      return coerce(rex, PgRelTypes.INTERVAL, Casts.Context.EXPLICIT, literal);
    }
    return switch (literal.getTypeName()) {
      case BOOLEAN -> ctx.rex.makeLiteral(literal.booleanValue());
      case NULL -> ctx.rex.makeNullLiteral(ctx.rex.getTypeFactory().createSqlType(SqlTypeName.NULL));
      default -> throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED,
          "literals of type " + literal.getTypeName().getName().toLowerCase(Locale.ROOT)
              + " are not supported yet", literal);
    };
  }

  /** A numeric constant: integer if it fits in int4, else bigint, else numeric (as PostgreSQL). */
  private RexNode number(BigDecimal v, boolean integral) {
    if (integral) {
      v = v.setScale(0);
      if (v.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) >= 0
          && v.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
        return ctx.rex.makeExactLiteral(v, PgRelTypes.INT4);
      }
      if (v.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0
          && v.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
        return ctx.rex.makeExactLiteral(v, PgRelTypes.INT8);
      }
    }
    // Calcite's DECIMAL literals are bounded by its type system; numeric is not.
    return coerce(ctx.rex.makeLiteral(v.toPlainString()), PgRelTypes.NUMERIC,
        Casts.Context.IMPLICIT, null);
  }

  private RexNode call(SqlCall call) {
    SqlOperator op = call.getOperator();
    List<SqlNode> operands = call.getOperandList();
    if (PgOperators.metricOf(op) != null || PgOperators.isGeneric(op)) {
      return binary(op.getName(), call, bind(operands.get(0)), bind(operands.get(1)));
    }
    switch (op.getKind()) {
      case PLUS:
        return binary("+", call, bind(operands.get(0)), bind(operands.get(1)));
      case MINUS:
        return binary("-", call, bind(operands.get(0)), bind(operands.get(1)));
      case TIMES:
        return binary("*", call, bind(operands.get(0)), bind(operands.get(1)));
      case DIVIDE:
        return binary("/", call, bind(operands.get(0)), bind(operands.get(1)));
      case MOD:
        return binary("%", call, bind(operands.get(0)), bind(operands.get(1)));
      case EQUALS:
        return binary("=", call, bind(operands.get(0)), bind(operands.get(1)));
      case NOT_EQUALS:
        return binary("<>", call, bind(operands.get(0)), bind(operands.get(1)));
      case LESS_THAN:
        return binary("<", call, bind(operands.get(0)), bind(operands.get(1)));
      case LESS_THAN_OR_EQUAL:
        return binary("<=", call, bind(operands.get(0)), bind(operands.get(1)));
      case GREATER_THAN:
        return binary(">", call, bind(operands.get(0)), bind(operands.get(1)));
      case GREATER_THAN_OR_EQUAL:
        return binary(">=", call, bind(operands.get(0)), bind(operands.get(1)));
      case AND:
      case OR: {
        List<RexNode> args = new ArrayList<>();
        PgFunction fn = op.getKind() == SqlKind.AND ? Operators.AND : Operators.OR;
        for (SqlNode o : operands) {
          RexNode arg = toBool(bind(o), op.getName(), o);
          // a AND b AND c arrives nested; Calcite's Filter wants it flat
          if (arg instanceof org.apache.calcite.rex.RexCall c && c.getOperator() == fn) {
            args.addAll(c.getOperands());
          } else {
            args.add(arg);
          }
        }
        return ctx.rex.makeCall(PgRelTypes.BOOL, fn, args);
      }
      case NOT:
        return ctx.rex.makeCall(PgRelTypes.BOOL, Operators.NOT,
            List.of(toBool(bind(operands.get(0)), "NOT", operands.get(0))));
      case IS_NULL:
      case IS_NOT_NULL:
        return ctx.rex.makeCall(PgRelTypes.BOOL,
            op.getKind() == SqlKind.IS_NULL ? Operators.IS_NULL : Operators.IS_NOT_NULL,
            List.of(resolveUnknown(bind(operands.get(0)))));
      case IS_TRUE:
      case IS_FALSE:
      case IS_NOT_TRUE:
      case IS_NOT_FALSE: {
        RexNode arg = toBool(bind(operands.get(0)), "IS", operands.get(0));
        boolean wantTrue = op.getKind() == SqlKind.IS_TRUE || op.getKind() == SqlKind.IS_NOT_TRUE;
        RexNode test = ctx.rex.makeCall(PgRelTypes.BOOL,
            wantTrue ? Operators.IS_TRUE : Operators.IS_FALSE, List.of(arg));
        boolean negate = op.getKind() == SqlKind.IS_NOT_TRUE || op.getKind() == SqlKind.IS_NOT_FALSE;
        return negate ? ctx.rex.makeCall(PgRelTypes.BOOL, Operators.NOT, List.of(test)) : test;
      }
      case MINUS_PREFIX: {
        if (operands.get(0) instanceof SqlNumericLiteral n) {
          BigDecimal v = n.getValueAs(BigDecimal.class).negate();
          return number(v, n.isExact() && v.scale() <= 0);
        }
        RexNode arg = bind(operands.get(0));
        if (PgRelTypes.pg(arg.getType()) == io.s3vector.sql.types.PgTypes.INTERVAL) {
          return ctx.rex.makeCall(PgRelTypes.INTERVAL, Operators.INTERVAL_NEGATE, List.of(arg));
        }
        if (Operators.commonNumeric(arg.getType(), arg.getType()) == null) {
          throw ctx.error(SqlState.UNDEFINED_FUNCTION, "operator does not exist: - "
              + PgRelTypes.displayName(arg.getType()), NO_OPERATOR_HINT, call);
        }
        return ctx.rex.makeCall(arg.getType(), Operators.negate(arg.getType()), List.of(arg));
      }
      case PLUS_PREFIX:
        return bind(operands.get(0));
      case CAST:
        return cast(call);
      case IN:
      case NOT_IN:
        return in(call, op.getKind() == SqlKind.NOT_IN);
      case BETWEEN: {
        RexNode value = bind(operands.get(0));
        RexNode low = binary(">=", call, value, bind(operands.get(1)));
        RexNode high = binary("<=", call, value, bind(operands.get(2)));
        RexNode both = ctx.rex.makeCall(PgRelTypes.BOOL, Operators.AND, List.of(low, high));
        return ((SqlBetweenOperator) op).isNegated()
            ? ctx.rex.makeCall(PgRelTypes.BOOL, Operators.NOT, List.of(both)) : both;
      }
      case LIKE:
        return like(call);
      case ITEM:
        return subscript(call);
      case SOME:
      case ALL:
        return quantified(call);
      case TRIM:
        return trim(call);
      case IS_DISTINCT_FROM:
      case IS_NOT_DISTINCT_FROM:
        return distinctFrom(call, op.getKind() == SqlKind.IS_NOT_DISTINCT_FROM);
      case SIMILAR:
        return like(call);
      case ARRAY_VALUE_CONSTRUCTOR:
        return array(call);
      case COALESCE:
        return function("coalesce", call);
      case EXTRACT: {
        // extract(field FROM source): numeric, as PostgreSQL 14+
        SqlNode unit = operands.get(0);
        String field = unit instanceof org.apache.calcite.sql.SqlIntervalQualifier q
            ? q.timeUnitRange.startUnit.name() : unit instanceof SqlIdentifier id ? id.getSimple()
            : unit.toString();
        RexNode fieldText = text(field.toLowerCase(Locale.ROOT));
        RexNode source = bind(operands.get(1));
        Resolved res = Functions.resolve("extract", List.of(fieldText.getType(), source.getType()));
        if (res == null) {
          throw ctx.error(SqlState.UNDEFINED_FUNCTION, "function extract(unknown, "
              + PgRelTypes.displayName(source.getType()) + ") does not exist", NO_OPERATOR_HINT, call);
        }
        return ctx.rex.makeCall(res.resultType(), res.function(),
            List.of(fieldText, coerce(source, res.argTypes().get(1), Casts.Context.IMPLICIT, operands.get(1))));
      }
      case FILTER: {
        // agg(...) FILTER (WHERE c): the aggregate sees only the rows where c is true
        String aggName = operands.get(0) instanceof SqlCall agg
            ? agg.getOperator().getName().toLowerCase(Locale.ROOT) : "";
        if (!Aggregates.isAggregate(aggName)) {
          throw ctx.error("42809", "FILTER specified, but " + aggName
              + " is not an aggregate function", call);
        }
        if (grouping == null) {
          throw ctx.error(SqlState.GROUPING_ERROR,
              "aggregate functions are not allowed in " + clause, call);
        }
        return grouping.aggregate((SqlCall) operands.get(0), aggName, operands.get(1));
      }
      case OVER:
        if (windows == null) {
          throw WindowBinder.notAllowed(ctx, clause, call);
        }
        return windows.bind(call);
      case OTHER:
        if (op.getName().equals("||")) {
          return binary("||", call, bind(operands.get(0)), bind(operands.get(1)));
        }
        break;
      default:
        break;
    }
    if (op.getSyntax() == org.apache.calcite.sql.SqlSyntax.FUNCTION
        || op.getSyntax() == org.apache.calcite.sql.SqlSyntax.FUNCTION_ID
        || op.getSyntax() == org.apache.calcite.sql.SqlSyntax.FUNCTION_STAR
        || op instanceof org.apache.calcite.sql.SqlFunction) {
      return function(op.getName().toLowerCase(Locale.ROOT), call);
    }
    if ((op.getName().equals("&") || op.getName().equals("|")) && operands.size() == 2) {
      return binary(op.getName(), call, bind(operands.get(0)), bind(operands.get(1)));
    }
    throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED,
        "operator " + op.getName() + " is not supported yet", call);
  }

  /** Whether a node is a query in an expression (a scalar subquery or a subquery operand). */
  static boolean isQuery(SqlNode node) {
    return node != null && (node.getKind() == SqlKind.SELECT || node.getKind() == SqlKind.UNION
        || node.getKind() == SqlKind.INTERSECT || node.getKind() == SqlKind.EXCEPT
        || node.getKind() == SqlKind.ORDER_BY || node.getKind() == SqlKind.WITH);
  }

  /**
   * Subqueries bound here see this binder's scope as their outer scope; above an aggregate the
   * ungrouped row is gone, so they may not refer to it.
   */
  private SubqueryBinder subqueries() {
    Scope outer = scope == null ? null : grouping != null ? scope.opaqueCopy() : scope;
    return new SubqueryBinder(ctx, this, outer);
  }

  RexNode binary(String name, SqlCall at, RexNode l, RexNode r) {
    Resolved res = Operators.binary(name, l.getType(), r.getType());
    if (res == null) {
      throw new io.s3vector.sql.PgException(SqlState.UNDEFINED_FUNCTION,
          "operator does not exist: " + PgRelTypes.displayName(l.getType()) + " " + name + " "
              + PgRelTypes.displayName(r.getType()),
          null, NO_OPERATOR_HINT, ctx.operatorPosition(at), null);
    }
    l = coerce(l, res.argTypes().get(0), Casts.Context.IMPLICIT, at);
    r = coerce(r, res.argTypes().get(1), Casts.Context.IMPLICIT, at);
    return ctx.rex.makeCall(res.resultType(), res.function(), List.of(l, r));
  }

  private RexNode function(String name, SqlCall call) {
    List<SqlNode> operands = call.getOperandList();
    RexNode session = sessionFunction(name, operands.size());
    if (session != null) {
      return session;
    }
    if (io.s3vector.sql.functions.SetFunctions.isSetFunction(name)) {
      return setFunction(name, call);
    }
    if (name.equals(io.s3vector.sql.lex.CalciteText.FIELD_SELECTION) && operands.size() == 2) {
      return fieldSelection(call);
    }
    if (name.equals("current_setting") && (operands.size() == 1 || operands.size() == 2)) {
      return currentSetting(call, operands);
    }
    if (Aggregates.isAggregate(name)) {
      if (grouping == null) {
        throw ctx.error(SqlState.GROUPING_ERROR,
            "aggregate functions are not allowed in " + clause, call);
      }
      return grouping.aggregate(call, name);
    }
    if (io.s3vector.sql.functions.WindowFunctions.isWindowFunction(name)) {
      throw WindowBinder.requiresOver(ctx, name, call);
    }
    List<RexNode> args = new ArrayList<>();
    List<RelDataType> types = new ArrayList<>();
    for (SqlNode o : operands) {
      RexNode arg = bind(o);
      args.add(arg);
      types.add(arg.getType());
    }
    Resolved res = io.s3vector.sql.functions.CatalogFunctions.resolve(name, types, ctx.session);
    if (res == null) {
      res = Functions.resolve(name, types);
    }
    if (res == null && args.size() == 1 && FUNCTION_CASTS.contains(name)) {
      // float8(x), int4(x), text(x): PostgreSQL's casts called as functions (LangChain4j sends
      // round(cast(float8(embedding <=> $1) as numeric), 8))
      var pos = call.getParserPosition();
      RelDataType target = TypeNames.resolve(new SqlDataTypeSpec(
          new org.apache.calcite.sql.SqlUserDefinedTypeNameSpec(name, pos), pos)).type();
      return coerce(args.get(0), target, Casts.Context.EXPLICIT, call);
    }
    if (res == null) {
      StringBuilder sig = new StringBuilder();
      for (RelDataType t : types) {
        sig.append(sig.length() == 0 ? "" : ", ").append(PgRelTypes.displayName(t));
      }
      throw ctx.error(SqlState.UNDEFINED_FUNCTION,
          "function " + name + "(" + sig + ") does not exist", NO_FUNCTION_HINT, call);
    }
    List<RexNode> coerced = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      coerced.add(coerce(args.get(i), res.argTypes().get(i), Casts.Context.IMPLICIT, operands.get(i)));
    }
    return ctx.rex.makeCall(res.resultType(), res.function(), coerced);
  }

  /**
   * A set-returning function in an expression: a call the select list's ProjectSet runs (see
   * {@link QueryBinder}); elsewhere the executor refuses it.
   */
  private RexNode setFunction(String name, SqlCall call) {
    List<RexNode> args = new ArrayList<>();
    List<RelDataType> types = new ArrayList<>();
    for (SqlNode o : call.getOperandList()) {
      RexNode arg = bind(o);
      args.add(arg);
      types.add(arg.getType());
    }
    io.s3vector.sql.functions.SetFunction fn = io.s3vector.sql.functions.SetFunctions.resolve(name, types);
    if (fn == null) {
      StringBuilder sig = new StringBuilder();
      for (RelDataType t : types) {
        sig.append(sig.length() == 0 ? "" : ", ").append(PgRelTypes.displayName(t));
      }
      throw ctx.error(SqlState.UNDEFINED_FUNCTION, "function " + name + "(" + sig + ") does not exist",
          NO_FUNCTION_HINT, call);
    }
    List<RexNode> coerced = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      coerced.add(coerce(args.get(i), fn.argTypes().get(i), Casts.Context.IMPLICIT, call.getOperandList().get(i)));
    }
    return ctx.rex.makeCall(fn.valueType(ctx.rex.getTypeFactory()), fn, coerced);
  }

  /** {@code (record).name}: a field of a record value (e.g. of a set-returning function's row). */
  private RexNode fieldSelection(SqlCall call) {
    RexNode record = bind(call.operand(0));
    String field = ((SqlLiteral) call.operand(1)).getValueAs(String.class);
    if (!record.getType().isStruct()) {
      throw ctx.error("42809", "column notation ." + field + " applied to type "
          + PgRelTypes.displayName(record.getType()) + ", which is not a composite type", call);
    }
    if (record.getType().getField(field, true, false) == null) {
      throw ctx.error(SqlState.UNDEFINED_COLUMN, "column \"" + field + "\" not found in data type record", call);
    }
    return ctx.rex.makeFieldAccess(record, field, true);
  }

  /**
   * {@code [NOT] LIKE|ILIKE pattern [ESCAPE e]}: text operands (PostgreSQL's textlike); the
   * escape character defaults to backslash and an empty ESCAPE turns escaping off.
   */
  private RexNode like(SqlCall call) {
    List<SqlNode> operands = call.getOperandList();
    SqlOperator op = call.getOperator();
    boolean ilike = op.getName().toUpperCase(Locale.ROOT).contains("ILIKE");
    RexNode value = bind(operands.get(0));
    RexNode pattern = bind(operands.get(1));
    String name = ilike ? "~~*" : "~~";
    RexNode like;
    if (op.getKind() == SqlKind.SIMILAR) {
      checkTextOperands("~", call, value, pattern);
      List<RexNode> args = new ArrayList<>(List.of(
          coerce(value, PgRelTypes.TEXT, Casts.Context.IMPLICIT, operands.get(0)),
          coerce(pattern, PgRelTypes.TEXT, Casts.Context.IMPLICIT, operands.get(1))));
      if (operands.size() > 2 && operands.get(2) != null) {
        args.add(coerce(bind(operands.get(2)), PgRelTypes.TEXT, Casts.Context.IMPLICIT, operands.get(2)));
      }
      like = ctx.rex.makeCall(PgRelTypes.BOOL,
          io.s3vector.sql.functions.TextFunctions.similarTo(args.size() == 3), args);
    } else if (operands.size() > 2 && operands.get(2) != null) {
      RexNode escape = coerce(bind(operands.get(2)), PgRelTypes.TEXT, Casts.Context.IMPLICIT, operands.get(2));
      checkTextOperands(name, call, value, pattern);
      like = ctx.rex.makeCall(PgRelTypes.BOOL, io.s3vector.sql.functions.TextFunctions.likeEscape(ilike),
          List.of(coerce(value, PgRelTypes.TEXT, Casts.Context.IMPLICIT, operands.get(0)),
              coerce(pattern, PgRelTypes.TEXT, Casts.Context.IMPLICIT, operands.get(1)), escape));
    } else {
      like = binary(name, call, value, pattern);
    }
    return op instanceof SqlLikeOperator l && l.isNegated()
        ? ctx.rex.makeCall(PgRelTypes.BOOL, Operators.NOT, List.of(like)) : like;
  }

  private void checkTextOperands(String name, SqlCall at, RexNode l, RexNode r) {
    if (Operators.binary(name, l.getType(), r.getType()) == null) {
      throw operatorDoesNotExist(name, at, l, r);
    }
  }

  private io.s3vector.sql.PgException operatorDoesNotExist(String name, SqlCall at, RexNode l, RexNode r) {
    return new io.s3vector.sql.PgException(SqlState.UNDEFINED_FUNCTION,
        "operator does not exist: " + PgRelTypes.displayName(l.getType()) + " " + name + " "
            + PgRelTypes.displayName(r.getType()),
        null, NO_OPERATOR_HINT, ctx.operatorPosition(at), null);
  }

  /** {@code array[i]}: 1-based (0-based for int2vector, oidvector), NULL outside the array. */
  private RexNode subscript(SqlCall call) {
    List<SqlNode> operands = call.getOperandList();
    RexNode array = bind(operands.get(0));
    if (array.getType() == PgRelTypes.JSONB) {
      // jsonb subscripting (PostgreSQL 14+, SQLAlchemy's JSONB index): the same as ->.
      RexNode key = bind(operands.get(1));
      if (Operators.isUnknownType(key.getType())) {
        key = resolveUnknown(key);
      }
      return binary("->", call, array, key);
    }
    if (array.getType().getSqlTypeName() != SqlTypeName.ARRAY) {
      throw ctx.error(SqlState.DATATYPE_MISMATCH, "cannot subscript type "
          + PgRelTypes.displayName(array.getType()) + " because it does not support subscripting",
          operands.get(0));
    }
    RexNode index = bind(operands.get(1));
    if (!Operators.isUnknownType(index.getType())
        && Casts.converter(index.getType(), PgRelTypes.INT4, Casts.Context.ASSIGNMENT) == null) {
      throw ctx.error(SqlState.DATATYPE_MISMATCH, "array subscript must have type integer",
          operands.get(1));
    }
    index = coerce(index, PgRelTypes.INT4, Casts.Context.ASSIGNMENT, operands.get(1));
    return ctx.rex.makeCall(array.getType().getComponentType(),
        io.s3vector.sql.functions.ArrayFunctions.subscript(
            CatalogVectorRelType.lowerBound(array.getType())), List.of(array, index));
  }

  /**
   * {@code v op ANY|SOME|ALL (array)}: an untyped array ({@code '{1,2}'}, {@code $1}) takes the
   * type "array of v's type", as PostgreSQL infers it; the comparison is resolved between v and
   * the element type.
   */
  private RexNode quantified(SqlCall call) {
    List<SqlNode> operands = call.getOperandList();
    org.apache.calcite.sql.fun.SqlQuantifyOperator op =
        (org.apache.calcite.sql.fun.SqlQuantifyOperator) call.getOperator();
    boolean all = op.getKind() == SqlKind.ALL;
    if (!(operands.get(1) instanceof SqlNodeList list) || list.size() != 1) {
      throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED,
          (all ? "ALL" : "ANY") + " (subquery) is not supported yet", operands.get(1));
    }
    String name = SubqueryBinder.opName(op.comparisonKind);
    RexNode value = bind(operands.get(0));
    RexNode array = bind(list.get(0));
    SqlNode arrayNode = list.get(0);
    if (Operators.isUnknownType(array.getType())) {
      RelDataType element = Operators.isUnknownType(value.getType()) ? PgRelTypes.TEXT : value.getType();
      array = coerce(array, PgRelTypes.arrayOf(element), Casts.Context.IMPLICIT, arrayNode);
    }
    if (array.getType().getSqlTypeName() != SqlTypeName.ARRAY) {
      throw new io.s3vector.sql.PgException("42809", "op ANY/ALL (array) requires array on right side",
          null, null, ctx.operatorPosition(call), null);
    }
    RelDataType element = array.getType().getComponentType();
    Resolved res = Operators.binary(name, value.getType(), element);
    if (res == null) {
      throw new io.s3vector.sql.PgException(SqlState.UNDEFINED_FUNCTION,
          "operator does not exist: " + PgRelTypes.displayName(value.getType()) + " " + name + " "
              + PgRelTypes.displayName(element),
          null, NO_OPERATOR_HINT, ctx.operatorPosition(call), null);
    }
    value = coerce(value, res.argTypes().get(0), Casts.Context.IMPLICIT, operands.get(0));
    array = coerce(array, PgRelTypes.arrayOf(res.argTypes().get(1)), Casts.Context.IMPLICIT, arrayNode);
    return ctx.rex.makeCall(PgRelTypes.BOOL,
        io.s3vector.sql.functions.ArrayFunctions.quantified(name, res.function(), all),
        List.of(value, array));
  }

  /** {@code a IS [NOT] DISTINCT FROM b}: {@code =} where NULL equals NULL, never NULL itself. */
  private RexNode distinctFrom(SqlCall call, boolean not) {
    List<SqlNode> operands = call.getOperandList();
    RexNode l = bind(operands.get(0));
    RexNode r = bind(operands.get(1));
    if (Operators.isUnknownType(l.getType()) && Operators.isUnknownType(r.getType())) {
      l = resolveUnknown(l);
      r = resolveUnknown(r);
    }
    Resolved eq = Operators.binary("=", l.getType(), r.getType());
    if (eq == null) {
      throw operatorDoesNotExist("=", call, l, r);
    }
    l = coerce(l, eq.argTypes().get(0), Casts.Context.IMPLICIT, operands.get(0));
    r = coerce(r, eq.argTypes().get(1), Casts.Context.IMPLICIT, operands.get(1));
    PgFunction.Impl cmp = eq.function().impl();
    String name = not ? "IS NOT DISTINCT FROM" : "IS DISTINCT FROM";
    PgFunction fn = new PgFunction(name, SqlKind.OTHER_FUNCTION, false, true, a -> {
      boolean same = a[0] == null || a[1] == null ? a[0] == a[1] : Boolean.TRUE.equals(cmp.apply(a));
      return same == not;
    });
    return ctx.rex.makeCall(PgRelTypes.BOOL, fn, List.of(l, r));
  }

  /** {@code TRIM([BOTH|LEADING|TRAILING] [chars] FROM s)}: btrim, ltrim or rtrim. */
  private RexNode trim(SqlCall call) {
    List<SqlNode> operands = call.getOperandList();
    String flag = ((SqlLiteral) operands.get(0)).getValue().toString();
    String name = switch (flag) {
      case "LEADING" -> "ltrim";
      case "TRAILING" -> "rtrim";
      default -> "btrim";
    };
    RexNode string = coerce(bind(operands.get(2)), PgRelTypes.TEXT, Casts.Context.IMPLICIT, operands.get(2));
    RexNode chars = coerce(bind(operands.get(1)), PgRelTypes.TEXT, Casts.Context.IMPLICIT, operands.get(1));
    Resolved res = Functions.resolve(name, List.of(PgRelTypes.TEXT, PgRelTypes.TEXT));
    return ctx.rex.makeCall(res.resultType(), res.function(), List.of(string, chars));
  }

  /** Functions whose value is fixed for the session: bound to constants. */
  private RexNode sessionFunction(String name, int args) {
    if (args != 0) {
      return null;
    }
    return switch (name) {
      case "version" -> text(CalciteSqlEngine.VERSION);
      case "current_database", "current_catalog" -> text(ctx.session.databaseName());
      case "current_schema" -> {
        List<String> path = io.s3vector.sql.session.SearchPath.schemas(ctx.session);
        yield path.isEmpty() ? ctx.rex.makeNullLiteral(PgRelTypes.TEXT) : text(path.get(0));
      }
      case "current_user", "session_user", "user", "current_role" -> text(ctx.session.user());
      case "current_timestamp", "localtimestamp" -> now();
      case "current_date" -> {
        Resolved res = io.s3vector.sql.functions.CatalogFunctions.resolve("current_date", List.of(),
            ctx.session);
        yield ctx.rex.makeCall(res.resultType(), res.function(), List.of());
      }
      default -> null;
    };
  }

  private RexNode now() {
    Resolved res = io.s3vector.sql.functions.CatalogFunctions.resolve("now", List.of(), ctx.session);
    return ctx.rex.makeCall(res.resultType(), res.function(), List.of());
  }

  /** current_setting('name' [, missing_ok]): the session's value, read when planned. */
  private RexNode currentSetting(SqlCall call, List<SqlNode> operands) {
    if (!(operands.get(0) instanceof org.apache.calcite.sql.SqlCharStringLiteral literal)) {
      throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED,
          "current_setting() needs a constant setting name", call);
    }
    String name = literal.getValueAs(NlsString.class).getValue();
    boolean missingOk = operands.size() == 2 && operands.get(1) instanceof SqlLiteral b
        && Boolean.TRUE.equals(b.getValue());
    String value = ctx.session.settings().get(name);
    if (value == null && !missingOk) {
      value = ctx.session.settings().show(name);
    }
    return value == null ? coerce(ctx.rex.makeNullLiteral(
        ctx.rex.getTypeFactory().createSqlType(SqlTypeName.NULL)), PgRelTypes.TEXT,
        Casts.Context.IMPLICIT, call) : text(value);
  }

  public RexNode text(String value) {
    return ctx.rex.makeLiteral(value, PgRelTypes.TEXT, false);
  }

  private RexNode cast(SqlCall call, RexNode value, SqlDataTypeSpec spec) {
    RelDataType target = ctx.resolveType(spec).type();
    return coerce(value, target, Casts.Context.EXPLICIT, call);
  }

  /** {@code CAST(x AS type)}; {@code ARRAY[]::type[]} is an empty array of that type. */
  private RexNode cast(SqlCall call) {
    SqlNode operand = call.getOperandList().get(0);
    SqlDataTypeSpec spec = (SqlDataTypeSpec) call.getOperandList().get(1);
    if (operand.getKind() == SqlKind.ARRAY_VALUE_CONSTRUCTOR
        && ((SqlCall) operand).getOperandList().isEmpty()) {
      RelDataType target = ctx.resolveType(spec).type();
      if (target.getSqlTypeName() == SqlTypeName.ARRAY) {
        PgFunction fn = target.getComponentType().getSqlTypeName() == SqlTypeName.REAL
            ? Operators.FLOAT4_ARRAY : Operators.ARRAY;
        return ctx.rex.makeCall(target, fn, List.of());
      }
    }
    return cast(call, bind(operand), spec);
  }

  private RexNode in(SqlCall call, boolean negated) {
    List<SqlNode> operands = call.getOperandList();
    if (!(operands.get(1) instanceof SqlNodeList list)) {
      throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED, "subqueries are not supported yet", operands.get(1));
    }
    RexNode value = bind(operands.get(0));
    List<RexNode> tests = new ArrayList<>();
    for (SqlNode item : list) {
      tests.add(binary("=", call, value, bind(item)));
    }
    RexNode any = tests.size() == 1 ? tests.get(0)
        : ctx.rex.makeCall(PgRelTypes.BOOL, Operators.OR, tests);
    return negated ? ctx.rex.makeCall(PgRelTypes.BOOL, Operators.NOT, List.of(any)) : any;
  }

  private RexNode array(SqlCall call) {
    List<RexNode> items = new ArrayList<>();
    RelDataType common = null;
    for (SqlNode o : call.getOperandList()) {
      RexNode item = bind(o);
      items.add(item);
      if (!Operators.isUnknownType(item.getType())) {
        common = common == null ? item.getType() : Operators.comparable(common, item.getType());
        if (common == null) {
          throw ctx.error(SqlState.DATATYPE_MISMATCH, "ARRAY types cannot be matched", o);
        }
      }
    }
    if (items.isEmpty()) {
      throw ctx.error("42P18", "cannot determine type of empty array",
          "Explicitly cast to the desired type, for example ARRAY[]::integer[].", call);
    }
    RelDataType element = common == null ? PgRelTypes.TEXT : common;
    List<RexNode> coerced = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      coerced.add(coerce(items.get(i), element, Casts.Context.IMPLICIT, call.getOperandList().get(i)));
    }
    PgFunction fn = element.getSqlTypeName() == SqlTypeName.REAL ? Operators.FLOAT4_ARRAY : Operators.ARRAY;
    return ctx.rex.makeCall(PgRelTypes.arrayOf(element), fn, coerced);
  }

  private RexNode caseExpr(SqlCase c) {
    List<RexNode> whens = new ArrayList<>();
    List<RexNode> thens = new ArrayList<>();
    SqlNode valueNode = c.getValueOperand();
    RexNode value = valueNode == null ? null : bind(valueNode);
    for (int i = 0; i < c.getWhenOperands().size(); i++) {
      SqlNode w = c.getWhenOperands().get(i);
      whens.add(value == null ? toBool(bind(w), "CASE/WHEN", w) : binary("=", c, value, bind(w)));
      thens.add(bind(c.getThenOperands().get(i)));
    }
    RexNode elseValue = c.getElseOperand() == null ? null : bind(c.getElseOperand());
    RelDataType type = null;
    List<RexNode> results = new ArrayList<>(thens);
    if (elseValue != null) {
      results.add(elseValue);
    }
    for (RexNode r : results) {
      if (!Operators.isUnknownType(r.getType())) {
        type = type == null ? r.getType() : Operators.comparable(type, r.getType());
        if (type == null) {
          throw ctx.error(SqlState.DATATYPE_MISMATCH, "CASE types cannot be matched", c);
        }
      }
    }
    if (type == null) {
      type = PgRelTypes.TEXT;
    }
    List<RexNode> args = new ArrayList<>();
    for (int i = 0; i < whens.size(); i++) {
      args.add(whens.get(i));
      args.add(coerce(thens.get(i), type, Casts.Context.IMPLICIT, c));
    }
    args.add(elseValue == null
        ? coerce(ctx.rex.makeNullLiteral(ctx.rex.getTypeFactory().createSqlType(SqlTypeName.NULL)), type, Casts.Context.IMPLICIT, c)
        : coerce(elseValue, type, Casts.Context.IMPLICIT, c));
    return ctx.rex.makeCall(type, Operators.CASE, args);
  }

  /** A condition: boolean, or an untyped literal read as boolean. */
  public RexNode toBool(RexNode e, String where, SqlNode at) {
    if (e.getType().getSqlTypeName() == SqlTypeName.BOOLEAN) {
      return e;
    }
    if (Operators.isUnknownType(e.getType())) {
      return coerce(e, PgRelTypes.BOOL, Casts.Context.IMPLICIT, at);
    }
    throw ctx.error(SqlState.DATATYPE_MISMATCH, "argument of " + where + " must be type boolean, not type "
        + PgRelTypes.displayName(e.getType()), at);
  }

  /** An expression whose type is still unknown (untyped literal, NULL, $n) becomes text. */
  public RexNode resolveUnknown(RexNode e) {
    return Operators.isUnknownType(e.getType())
        ? coerce(e, PgRelTypes.TEXT, Casts.Context.IMPLICIT, null) : e;
  }

  /**
   * Coerces to {@code target} in a cast context: an unknown $n takes the type; an untyped
   * literal is converted (at plan time, by folding); otherwise a cast PostgreSQL allows in that
   * context, or an error.
   */
  public RexNode coerce(RexNode e, RelDataType target, Casts.Context context, SqlNode at) {
    RelDataType from = e.getType();
    if (e instanceof RexDynamicParam p && PgRelTypes.isUnknown(from)) {
      int n = p.getIndex() + 1;
      if (PgRelTypes.isUnknown(ctx.params.type(n))) {
        // A vector(n) context gives $n the type vector, a varchar(n) or numeric(p,s) one the
        // type without its modifier, as PostgreSQL does: the cast then checks the dimension,
        // the length, the precision (typing $n varchar(5) let 'abcdefgh' into such a column);
        // regtype is no wire type: the client sends the name as text.
        RelDataType paramType = PgRelTypes.isVector(target) ? PgRelTypes.VECTOR
            : PgRelTypes.regName(target) != null ? PgRelTypes.TEXT
            : PgRelTypes.typmod(target) >= 0 && PgRelTypes.pg(target) != null
                ? PgRelTypes.of(PgRelTypes.pg(target), -1) : target;
        ctx.params.set(n, paramType);
        RexNode typed = new RexDynamicParam(paramType, p.getIndex());
        return sameType(paramType, target) ? typed : coerce(typed, target, context, at);
      }
      return coerce(new RexDynamicParam(ctx.params.type(n), p.getIndex()), target, context, at);
    }
    if (e instanceof RexLiteral lit && from.getSqlTypeName() == SqlTypeName.CHAR
        && target == PgRelTypes.TEXT) {
      return text(lit.getValueAs(String.class));
    }
    if (sameType(from, target)) {
      return e;
    }
    if (e instanceof RexLiteral lit && from.getSqlTypeName() == SqlTypeName.CHAR) {
      checkLiteralInput(lit, target);
    }
    PgFunction.Impl conversion = io.s3vector.sql.functions.RegCasts.converter(from, target, ctx.session);
    if (conversion == null) {
      conversion = Casts.converter(from, target, context);
    }
    if (conversion == null) {
      String fromName = PgRelTypes.displayName(from);
      String toName = PgRelTypes.displayName(target);
      throw ctx.error(SqlState.CANNOT_COERCE, "cannot cast type " + fromName + " to " + toName, at);
    }
    return ctx.rex.makeCall(target, Operators.cast(target, conversion), List.of(e));
  }

  /**
   * Runs the target type's input function on an untyped literal now, so that its errors point
   * at the literal as PostgreSQL's do (typmod checks come later and point nowhere, as there).
   */
  private void checkLiteralInput(RexLiteral literal, RelDataType target) {
    SqlNode node = ctx.literalNode(literal);
    var type = PgRelTypes.pg(target);
    if (node == null || type == null || PgRelTypes.isText(target)) {
      return;
    }
    try {
      if (PgRelTypes.regName(target) != null) {
        io.s3vector.sql.functions.RegCasts.checkInput(target, literal.getValueAs(String.class), ctx.session);
      } else {
        Casts.fromText(type, literal.getValueAs(String.class));
      }
    } catch (io.s3vector.sql.PgException e) {
      if (e.position() != 0) {
        throw e;
      }
      throw new io.s3vector.sql.PgException(e.sqlState(), e.getMessage(), e.detail(), e.hint(),
          ctx.position(node), e);
    }
  }

  /** Whether a value of {@code from} needs no conversion to be a {@code to}. */
  public static boolean sameType(RelDataType from, RelDataType to) {
    if (from.equals(to)) {
      return true;
    }
    if (from.getSqlTypeName() == SqlTypeName.CHAR || Operators.isUnknownType(from)
        || !java.util.Objects.equals(PgRelTypes.regName(from), PgRelTypes.regName(to))) {
      return false;
    }
    if (from.getSqlTypeName() == SqlTypeName.ARRAY && to.getSqlTypeName() == SqlTypeName.ARRAY) {
      return PgRelTypes.pg(from) == PgRelTypes.pg(to)
          && sameType(from.getComponentType(), to.getComponentType());
    }
    var a = PgRelTypes.pg(from);
    var b = PgRelTypes.pg(to);
    if (a == null || b == null) {
      return from.getSqlTypeName() == SqlTypeName.ARRAY && to.getSqlTypeName() == SqlTypeName.ARRAY
          && sameType(from.getComponentType(), to.getComponentType());
    }
    if (a != b && !(a.name().equals("varchar") && b.name().equals("text"))) {
      return false;
    }
    int typmod = PgRelTypes.typmod(to);
    return typmod < 0 || typmod == PgRelTypes.typmod(from);
  }
}
