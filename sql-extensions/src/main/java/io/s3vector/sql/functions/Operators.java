package io.s3vector.sql.functions;

import static io.s3vector.sql.bind.PgRelTypes.numericRank;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.bind.PgRelTypes;
import io.s3vector.storage.vector.DistanceMetric;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * PostgreSQL's built-in operators and pgvector's, resolved by argument types the way PostgreSQL
 * does for the cases we support: numeric promotion (int2 < int4 < int8 < numeric < float4 <
 * float8, with float8 preferred over float4), an untyped literal takes the other side's type.
 */
public final class Operators {
  private static final Map<String, PgFunction> CACHE = new HashMap<>();

  private Operators() {}

  /** The operator {@code op} for these (already bound) operand types, or null if none exists. */
  /** {@code - interval}. */
  public static final PgFunction INTERVAL_NEGATE = new PgFunction("-", true,
      a -> ((io.s3vector.sql.types.PgInterval) a[0]).negate());

  public static Resolved binary(String op, RelDataType l, RelDataType r) {
    Resolved other = otherOperator(op, l, r);
    if (other != null) {
      return other;
    }
    boolean lUnknown = isUnknown(l);
    boolean rUnknown = isUnknown(r);
    if (lUnknown && !rUnknown) {
      l = r;
    } else if (rUnknown && !lUnknown) {
      r = l;
    } else if (lUnknown) {
      l = PgRelTypes.TEXT;
      r = PgRelTypes.TEXT;
    }
    DistanceMetric metric = metricOf(op);
    if (metric != null) {
      if (PgRelTypes.isVector(l) && PgRelTypes.isVector(r)) {
        return new Resolved(distance(op, metric), List.of(PgRelTypes.VECTOR, PgRelTypes.VECTOR),
            PgRelTypes.FLOAT8);
      }
      return null;
    }
    switch (op) {
      case "&", "|" -> {
        // bitwise AND/OR of integers (pgjdbc's getIndexInfo: indoption[n] & 1::smallint)
        RelDataType common = commonNumeric(l, r);
        if (common == null || numericRank(common) > 2) {
          return null;
        }
        boolean and = op.equals("&");
        return new Resolved(cached("bit" + op + numericRank(common), () -> function(op, true, a -> {
          long x = ((Number) a[0]).longValue();
          long y = ((Number) a[1]).longValue();
          long v = and ? x & y : x | y;
          return a[0] instanceof Short ? (Object) (short) v : a[0] instanceof Integer ? (Object) (int) v : (Object) v;
        })), List.of(common, common), common);
      }
      case "+", "-", "*", "/", "%" -> {
        if (PgRelTypes.isVector(l) && PgRelTypes.isVector(r) && !op.equals("/") && !op.equals("%")) {
          return new Resolved(vectorArithmetic(op), List.of(PgRelTypes.VECTOR, PgRelTypes.VECTOR),
              PgRelTypes.VECTOR);
        }
        RelDataType common = commonNumeric(l, r);
        if (common == null || (op.equals("%") && numericRank(common) > 3)) {
          return null;
        }
        return new Resolved(arithmetic(op, common), List.of(common, common), common);
      }
      case "=", "<>", "<", "<=", ">", ">=" -> {
        RelDataType common = comparable(l, r);
        if (common == null) {
          return null;
        }
        return new Resolved(comparison(op), List.of(common, common), PgRelTypes.BOOL);
      }
      case "||" -> {
        if (PgRelTypes.isVector(l) && PgRelTypes.isVector(r)) {
          return new Resolved(
              cached("vector||", () -> function("||", true,
                  a -> VectorFunctions.concat((float[]) a[0], (float[]) a[1]))),
              List.of(PgRelTypes.VECTOR, PgRelTypes.VECTOR), PgRelTypes.VECTOR);
        }
        if (PgRelTypes.isText(l) && PgRelTypes.isText(r)) {
          return new Resolved(
              cached("text||", () -> function("||", true, a -> (String) a[0] + a[1])),
              List.of(PgRelTypes.TEXT, PgRelTypes.TEXT), PgRelTypes.TEXT);
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  /**
   * Operators resolved before an untyped side takes the other side's type (PostgreSQL finds
   * {@code jsonb ->> unknown} as {@code jsonb ->> text}): pattern matching, json/jsonb, arrays,
   * and {@code text || anynonarray}.
   */
  private static Resolved otherOperator(String op, RelDataType l, RelDataType r) {
    Resolved res = TextFunctions.operator(op, l, r);
    if (res == null) {
      res = JsonFunctions.operator(op, l, r);
    }
    if (res == null && op.equals("^")) {
      res = MathFunctions.resolve("power", List.of(l, r));
      if (res != null) {
        PgFunction.Impl impl = res.function().impl();
        boolean numeric = res.resultType() == PgRelTypes.NUMERIC;
        res = new Resolved(cached(numeric ? "op^n" : "op^", () -> new PgFunction("^", true, impl)),
            res.argTypes(), res.resultType());
      }
    }
    if (res == null && op.equals("||")) {
      res = ByteaFunctions.operator(op, l, r);
    }
    if (res == null) {
      res = DateTimeOperators.operator(op, l, r);
    }
    if (res == null && (op.equals("||") || op.equals("@>") || op.equals("<@") || op.equals("&&"))) {
      res = ArrayFunctions.operator(op, l, r);
    }
    if (res == null && op.equals("||") && !(PgRelTypes.isText(l) && PgRelTypes.isText(r))
        && (PgRelTypes.isText(l) || PgRelTypes.isText(r))
        && !PgRelTypes.isVector(l) && !PgRelTypes.isVector(r)) {
      // textanycat / anytextcat: the other side in its output form (an untyped literal is text).
      boolean textLeft = PgRelTypes.isText(l) && !(isUnknown(l) && !isUnknown(r) && PgRelTypes.isText(r));
      RelDataType other = textLeft ? r : l;
      if (isUnknown(other) || PgRelTypes.pg(other) == null) {
        return null;
      }
      io.s3vector.sql.types.PgType out = PgRelTypes.pg(other);
      res = new Resolved(new PgFunction("||", true, a -> textLeft
              ? (String) a[0] + out.encodeText(a[1]) : out.encodeText(a[0]) + (String) a[1]),
          textLeft ? List.of(PgRelTypes.TEXT, other) : List.of(other, PgRelTypes.TEXT), PgRelTypes.TEXT);
    }
    return res;
  }

  /** Whether a type is still open: an untyped literal, NULL, or a $n without a type yet. */
  public static boolean isUnknownType(RelDataType t) {
    return isUnknown(t);
  }

  /** An explicit or implicit conversion to {@code target} (digest shows the target type). */
  public static PgFunction cast(RelDataType target, PgFunction.Impl conversion) {
    return new PgFunction("CAST", SqlKind.CAST, true, true, conversion);
  }

  static boolean isUnknown(RelDataType t) {
    return t.getSqlTypeName() == SqlTypeName.CHAR || PgRelTypes.isUnknown(t)
        || t.getSqlTypeName() == SqlTypeName.NULL;
  }

  /** The promoted type of two numeric operands, or null when one is not numeric. */
  public static RelDataType commonNumeric(RelDataType l, RelDataType r) {
    int a = numericRank(l);
    int b = numericRank(r);
    if (a < 0 || b < 0) {
      return null;
    }
    int rank = Math.max(a, b);
    if (rank == 4 && a != b) {
      rank = 5;
    }
    return PgRelTypes.ofRank(rank);
  }

  /** The type both sides of a comparison are coerced to, or null. */
  public static RelDataType comparable(RelDataType l, RelDataType r) {
    // oid compares with integers (PostgreSQL casts integer to oid implicitly).
    boolean lOid = PgRelTypes.pg(l) == io.s3vector.sql.types.PgTypes.OID;
    boolean rOid = PgRelTypes.pg(r) == io.s3vector.sql.types.PgTypes.OID;
    if ((lOid || rOid) && (lOid || (numericRank(l) >= 0 && numericRank(l) <= 2))
        && (rOid || (numericRank(r) >= 0 && numericRank(r) <= 2))) {
      return PgRelTypes.INT8;
    }
    RelDataType numeric = commonNumeric(l, r);
    if (numeric != null) {
      return numeric;
    }
    if (PgRelTypes.isText(l) && PgRelTypes.isText(r)) {
      return PgRelTypes.TEXT;
    }
    if (PgRelTypes.pg(l) != null && PgRelTypes.pg(l) == PgRelTypes.pg(r)) {
      return PgRelTypes.pg(l) == io.s3vector.sql.types.PgTypes.VECTOR ? PgRelTypes.VECTOR : l;
    }
    SqlTypeName a = l.getSqlTypeName();
    SqlTypeName b = r.getSqlTypeName();
    if ((a == SqlTypeName.TIMESTAMP || a == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE)
        && (b == SqlTypeName.TIMESTAMP || b == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE)) {
      return PgRelTypes.TIMESTAMPTZ;
    }
    // a date compares with a timestamp as that day's midnight
    if ((a == SqlTypeName.DATE && b == SqlTypeName.TIMESTAMP)
        || (a == SqlTypeName.TIMESTAMP && b == SqlTypeName.DATE)) {
      return PgRelTypes.TIMESTAMP;
    }
    if ((a == SqlTypeName.DATE && b == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE)
        || (a == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE && b == SqlTypeName.DATE)) {
      return PgRelTypes.TIMESTAMPTZ;
    }
    return null;
  }

  private static DistanceMetric metricOf(String op) {
    return switch (op) {
      case "<->" -> DistanceMetric.L2;
      case "<#>" -> DistanceMetric.NEGATIVE_INNER_PRODUCT;
      case "<=>" -> DistanceMetric.COSINE;
      case "<+>" -> DistanceMetric.L1;
      default -> null;
    };
  }

  private static final Map<PgFunction, DistanceMetric> METRICS = new HashMap<>();

  /**
   * The function behind a distance operator or function ({@code <->}, {@code l2_distance}, ...);
   * {@link #metricOf(org.apache.calcite.sql.SqlOperator)} reads the metric back for the planner.
   */
  public static synchronized PgFunction distance(String name, DistanceMetric metric) {
    PgFunction f = cached("distance:" + name, () -> new PgFunction(name, true,
        a -> VectorFunctions.distance(metric, (float[]) a[0], (float[]) a[1])));
    METRICS.put(f, metric);
    return f;
  }

  /** The metric of a distance operator or function, or null for any other operator. */
  public static synchronized DistanceMetric metricOf(org.apache.calcite.sql.SqlOperator op) {
    return METRICS.get(op);
  }

  static synchronized PgFunction cached(String key, java.util.function.Supplier<PgFunction> make) {
    return CACHE.computeIfAbsent(key, k -> make.get());
  }

  static PgFunction function(String name, boolean strict, PgFunction.Impl impl) {
    return new PgFunction(name, strict, impl);
  }

  private static PgFunction vectorArithmetic(String op) {
    return cached("vector" + op, () -> new PgFunction(op, true, switch (op) {
      case "+" -> a -> VectorFunctions.add((float[]) a[0], (float[]) a[1]);
      case "-" -> a -> VectorFunctions.subtract((float[]) a[0], (float[]) a[1]);
      default -> a -> VectorFunctions.multiply((float[]) a[0], (float[]) a[1]);
    }));
  }

  /**
   * Whether the expression is an equality of two operands: ours is a function of kind
   * OTHER_FUNCTION ({@link #comparison}), so Calcite's {@code SqlKind.EQUALS} does not find it.
   */
  public static boolean isEquality(org.apache.calcite.rex.RexNode node) {
    return node instanceof org.apache.calcite.rex.RexCall call && call.getOperands().size() == 2
        && (call.getKind() == org.apache.calcite.sql.SqlKind.EQUALS
            || (call.getOperator() instanceof PgFunction fn && fn.getName().equals("=")));
  }

  private static PgFunction comparison(String op) {
    // Kind OTHER_FUNCTION, not Calcite's comparison kinds: those make Calcite normalise a > b
    // into b < a through SqlOperator.reverse(), which our overloads do not provide.
    return cached("cmp" + op, () -> new PgFunction(op, true, switch (op) {
      case "=" -> a -> ValueOrder.equal(a[0], a[1]);
      case "<>" -> a -> !ValueOrder.equal(a[0], a[1]);
      case "<" -> a -> ValueOrder.compare(a[0], a[1]) < 0;
      case "<=" -> a -> ValueOrder.compare(a[0], a[1]) <= 0;
      case ">" -> a -> ValueOrder.compare(a[0], a[1]) > 0;
      default -> a -> ValueOrder.compare(a[0], a[1]) >= 0;
    }));
  }

  private static PgFunction arithmetic(String op, RelDataType type) {
    int rank = numericRank(type);
    return cached("arith" + op + rank, () -> new PgFunction(op, true, switch (rank) {
      case 0, 1, 2 -> integerArithmetic(op, rank);
      case 3 -> numericArithmetic(op);
      case 4 -> a -> {
        double d = floatArithmetic(op, ((Float) a[0]).doubleValue(), ((Float) a[1]).doubleValue());
        float f = (float) d;
        if (Float.isInfinite(f) && !Double.isInfinite(d)) {
          throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
        }
        return f;
      };
      default -> a -> floatArithmetic(op, (Double) a[0], (Double) a[1]);
    }));
  }

  private static PgFunction.Impl integerArithmetic(String op, int rank) {
    String typeName = rank == 0 ? "smallint" : rank == 1 ? "integer" : "bigint";
    return a -> {
      long x = ((Number) a[0]).longValue();
      long y = ((Number) a[1]).longValue();
      long r;
      try {
        r = switch (op) {
          case "+" -> Math.addExact(x, y);
          case "-" -> Math.subtractExact(x, y);
          case "*" -> Math.multiplyExact(x, y);
          case "/" -> {
            if (y == 0) {
              throw divisionByZero();
            }
            if (x == Long.MIN_VALUE && y == -1) {
              throw new ArithmeticException();
            }
            yield x / y;
          }
          default -> {
            if (y == 0) {
              throw divisionByZero();
            }
            yield y == -1 ? 0 : x % y;
          }
        };
      } catch (ArithmeticException e) {
        throw Casts.outOfRange(typeName);
      }
      return switch (rank) {
        case 0 -> {
          if (r < Short.MIN_VALUE || r > Short.MAX_VALUE) {
            throw Casts.outOfRange(typeName);
          }
          yield (short) r;
        }
        case 1 -> {
          if (r < Integer.MIN_VALUE || r > Integer.MAX_VALUE) {
            throw Casts.outOfRange(typeName);
          }
          yield (int) r;
        }
        default -> r;
      };
    };
  }

  private static PgFunction.Impl numericArithmetic(String op) {
    return a -> {
      BigDecimal x = (BigDecimal) a[0];
      BigDecimal y = (BigDecimal) a[1];
      return switch (op) {
        case "+" -> x.add(y);
        case "-" -> x.subtract(y);
        case "*" -> x.multiply(y);
        case "/" -> NumericDivision.divide(x, y);
        default -> {
          if (y.signum() == 0) {
            throw divisionByZero();
          }
          yield x.remainder(y);
        }
      };
    };
  }

  private static double floatArithmetic(String op, double x, double y) {
    double r = switch (op) {
      case "+" -> x + y;
      case "-" -> x - y;
      case "*" -> x * y;
      default -> {
        if (y == 0.0) {
          throw divisionByZero();
        }
        yield x / y;
      }
    };
    if (Double.isInfinite(r) && !Double.isInfinite(x) && !Double.isInfinite(y)) {
      throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
    }
    return r;
  }

  static PgException divisionByZero() {
    return new PgException(SqlState.DIVISION_BY_ZERO, "division by zero");
  }

  /** Unary minus on a numeric type. */
  public static PgFunction negate(RelDataType type) {
    int rank = numericRank(type);
    return cached("neg" + rank, () -> new PgFunction("-", true, a -> switch (rank) {
      case 0 -> (short) -(Short) a[0];
      case 1 -> {
        int v = (Integer) a[0];
        if (v == Integer.MIN_VALUE) {
          throw Casts.outOfRange("integer");
        }
        yield -v;
      }
      case 2 -> {
        long v = (Long) a[0];
        if (v == Long.MIN_VALUE) {
          throw Casts.outOfRange("bigint");
        }
        yield -v;
      }
      case 3 -> ((BigDecimal) a[0]).negate();
      case 4 -> -(Float) a[0];
      default -> -(Double) a[0];
    }));
  }

  /** PostgreSQL's numeric division: the result scale of select_div_scale, rounded half up. */
  static final class NumericDivision {
    private NumericDivision() {}

    static BigDecimal divide(BigDecimal x, BigDecimal y) {
      if (y.signum() == 0) {
        throw divisionByZero();
      }
      int qweight = weight(x) - weight(y);
      if (x.signum() != 0 && firstDigit(x) < firstDigit(y)) {
        qweight--;
      }
      int rscale = 16 - qweight * 4;
      rscale = Math.max(rscale, Math.max(x.scale(), 0));
      rscale = Math.max(rscale, Math.max(y.scale(), 0));
      rscale = Math.min(Math.max(rscale, 0), 1000);
      return x.divide(y, rscale, RoundingMode.HALF_UP);
    }

    /** The weight of the first base-10000 digit. */
    private static int weight(BigDecimal v) {
      if (v.signum() == 0) {
        return 0;
      }
      int exp10 = v.precision() - v.scale() - 1;
      return Math.floorDiv(exp10, 4);
    }

    private static int firstDigit(BigDecimal v) {
      return v.abs().movePointLeft(4 * weight(v)).intValue();
    }
  }

  /** AND/OR/NOT with SQL's three-valued logic. */
  public static final PgFunction AND = new PgFunction("AND", SqlKind.AND, false, true, a -> {
    boolean unknown = false;
    for (Object o : a) {
      if (o == null) {
        unknown = true;
      } else if (!(Boolean) o) {
        return false;
      }
    }
    return unknown ? null : true;
  });

  public static final PgFunction OR = new PgFunction("OR", SqlKind.OR, false, true, a -> {
    boolean unknown = false;
    for (Object o : a) {
      if (o == null) {
        unknown = true;
      } else if ((Boolean) o) {
        return true;
      }
    }
    return unknown ? null : false;
  });

  public static final PgFunction NOT = new PgFunction("NOT", SqlKind.NOT, true, true, a -> !(Boolean) a[0]);
  public static final PgFunction IS_NULL =
      new PgFunction("IS NULL", SqlKind.IS_NULL, false, true, a -> a[0] == null);
  public static final PgFunction IS_NOT_NULL =
      new PgFunction("IS NOT NULL", SqlKind.IS_NOT_NULL, false, true, a -> a[0] != null);
  public static final PgFunction IS_TRUE =
      new PgFunction("IS TRUE", SqlKind.IS_TRUE, false, true, a -> Boolean.TRUE.equals(a[0]));
  public static final PgFunction IS_FALSE =
      new PgFunction("IS FALSE", SqlKind.IS_FALSE, false, true, a -> Boolean.FALSE.equals(a[0]));
  public static final PgFunction COALESCE =
      new PgFunction("coalesce", SqlKind.COALESCE, false, true, a -> {
        for (Object o : a) {
          if (o != null) {
            return o;
          }
        }
        return null;
      });
  public static final PgFunction LIKE = new PgFunction("LIKE", SqlKind.LIKE, true, true,
      a -> likeRegex((String) a[1]).matcher((String) a[0]).matches());
  public static final PgFunction ILIKE = new PgFunction("ILIKE", SqlKind.LIKE, true, true,
      a -> likeRegex(((String) a[1]).toLowerCase()).matcher(((String) a[0]).toLowerCase()).matches());
  /** The array constructor {@code ARRAY[...]}: an Object[] of the (coerced) elements. */
  public static final PgFunction ARRAY =
      new PgFunction("ARRAY", SqlKind.ARRAY_VALUE_CONSTRUCTOR, false, true, a -> a.clone());

  /** {@code ARRAY[...]} of real: a float[] (our float4[] value). */
  public static final PgFunction FLOAT4_ARRAY =
      new PgFunction("ARRAY", SqlKind.ARRAY_VALUE_CONSTRUCTOR, false, true, a -> {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
          if (a[i] == null) {
            throw new PgException("22004", "array must not contain nulls");
          }
          f[i] = (Float) a[i];
        }
        return f;
      });

  /** CASE as (when1, then1, when2, then2, ..., else). */
  public static final PgFunction CASE = new PgFunction("CASE", SqlKind.CASE, false, true, a -> {
    for (int i = 0; i + 1 < a.length; i += 2) {
      if (Boolean.TRUE.equals(a[i])) {
        return a[i + 1];
      }
    }
    return a[a.length - 1];
  });

  private static java.util.regex.Pattern likeRegex(String pattern) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        re.append(java.util.regex.Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '%') {
        re.append(".*");
      } else if (c == '_') {
        re.append('.');
      } else {
        re.append(java.util.regex.Pattern.quote(String.valueOf(c)));
      }
    }
    return java.util.regex.Pattern.compile(re.toString(), java.util.regex.Pattern.DOTALL);
  }
}
