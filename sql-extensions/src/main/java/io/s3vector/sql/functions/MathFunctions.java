package io.s3vector.sql.functions;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.bind.PgRelTypes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.calcite.rel.type.RelDataType;

/**
 * PostgreSQL's mathematical functions with its overloads: {@code ceil}, {@code floor}, {@code
 * trunc} and {@code sign} on numeric stay numeric and on anything else are double precision (the
 * preferred numeric type), {@code mod} keeps its integer type, {@code power}, {@code exp}, {@code
 * ln}, {@code log} compute in double precision. Their numeric overloads (exact decimal results
 * with PostgreSQL's result scales) are 0A000.
 */
public final class MathFunctions {
  private MathFunctions() {}

  private static final RelDataType F8 = PgRelTypes.FLOAT8;
  private static final RelDataType NUM = PgRelTypes.NUMERIC;

  static Resolved resolve(String name, List<RelDataType> args) {
    int n = args.size();
    switch (name) {
      case "ceil", "ceiling", "floor", "sign" -> {
        if (n != 1 || !numeric(args.get(0))) {
          return null;
        }
        if (PgRelTypes.numericRank(args.get(0)) == 3) {
          return fn(name + ":n", List.of(NUM), NUM, a -> {
            BigDecimal v = (BigDecimal) a[0];
            return switch (name) {
              case "floor" -> v.setScale(0, RoundingMode.FLOOR);
              case "sign" -> BigDecimal.valueOf(v.signum());
              default -> v.setScale(0, RoundingMode.CEILING);
            };
          });
        }
        return fn(name + ":d", List.of(F8), F8, a -> {
          double v = (Double) a[0];
          return switch (name) {
            case "floor" -> Math.floor(v);
            case "sign" -> Math.signum(v);
            default -> Math.ceil(v);
          };
        });
      }
      case "trunc" -> {
        if (n == 1 && numeric(args.get(0)) && PgRelTypes.numericRank(args.get(0)) != 3) {
          return fn("trunc:d", List.of(F8), F8, a -> {
            double v = (Double) a[0];
            return v < 0 ? Math.ceil(v) : Math.floor(v);
          });
        }
        if ((n == 1 || n == 2) && numeric(args.get(0)) && (n == 1 || ArrayFunctions.intLike(args.get(1)))) {
          return fn("trunc:n" + n, n == 1 ? List.of(NUM) : List.of(NUM, PgRelTypes.INT4), NUM,
              a -> ((BigDecimal) a[0]).setScale(n == 1 ? 0 : (Integer) a[1], RoundingMode.DOWN));
        }
        return null;
      }
      case "mod" -> {
        if (n == 2 && numeric(args.get(0)) && numeric(args.get(1))) {
          RelDataType common = Operators.commonNumeric(known(args.get(0)), known(args.get(1)));
          if (PgRelTypes.numericRank(common) > 3) {
            return null;
          }
          Resolved r = Operators.binary("%", common, common);
          return new Resolved(r.function(), r.argTypes(), r.resultType());
        }
        return null;
      }
      case "gcd", "lcm" -> {
        // integer, bigint and numeric, as PostgreSQL has them (smallint goes to integer)
        if (n == 2 && numeric(args.get(0)) && numeric(args.get(1))) {
          if (PgRelTypes.numericRank(args.get(0)) == 0 && PgRelTypes.numericRank(args.get(1)) == 0) {
            // integer, bigint and numeric fit smallint equally well: PostgreSQL cannot choose
            throw new io.s3vector.sql.PgException("42725", "function " + name
                + "(smallint, smallint) is not unique", null, "Could not choose a best candidate"
                + " function. You might need to add explicit type casts.", 0, null);
          }
          int rank = Math.max(1, PgRelTypes.numericRank(
              Operators.commonNumeric(known(args.get(0)), known(args.get(1)))));
          if (rank > 3) {
            return null;
          }
          RelDataType type = PgRelTypes.ofRank(rank);
          boolean gcd = name.equals("gcd");
          return fn(name + ":" + rank, List.of(type, type), type,
              a -> GcdLcm.apply(a[0], a[1], gcd, rank));
        }
        return null;
      }
      case "div" -> {
        if (n == 2 && numeric(args.get(0)) && numeric(args.get(1))) {
          return fn("div", List.of(NUM, NUM), NUM, a -> {
            BigDecimal y = (BigDecimal) a[1];
            if (y.signum() == 0) {
              throw Operators.divisionByZero();
            }
            return ((BigDecimal) a[0]).divideToIntegralValue(y).setScale(0, RoundingMode.DOWN);
          });
        }
        return null;
      }
      case "power", "pow" -> {
        if (n == 2 && numeric(args.get(0)) && numeric(args.get(1))
            && (PgRelTypes.numericRank(args.get(0)) == 3 || PgRelTypes.numericRank(args.get(1)) == 3)) {
          return fn("power:n", List.of(NUM, NUM), NUM, a -> numericPower((BigDecimal) a[0], (BigDecimal) a[1]));
        }
        if (n == 2 && numeric(args.get(0)) && numeric(args.get(1))) {
          return fn("power", List.of(F8, F8), F8, a -> {
            double x = (Double) a[0];
            double y = (Double) a[1];
            if (x == 0 && y < 0) {
              throw new PgException("2201F", "zero raised to a negative power is undefined");
            }
            if (x < 0 && y != Math.rint(y)) {
              throw new PgException("2201F",
                  "a negative number raised to a non-integer power yields a complex result");
            }
            return overflow(Math.pow(x, y), x, y);
          });
        }
        return null;
      }
      case "exp", "ln", "log", "log10", "cbrt", "degrees", "radians", "sin", "cos", "tan", "asin", "acos", "atan" -> {
        if (n == 2 && name.equals("log")) {
          if (numeric(args.get(0)) && numeric(args.get(1))) {
            throw notNumeric("log(numeric, numeric)");
          }
          return null;
        }
        if (n != 1 || !numeric(args.get(0))) {
          return null;
        }
        checkNotNumeric(name, args);
        return fn(name, List.of(F8), F8, a -> {
          double v = (Double) a[0];
          return switch (name) {
            case "exp" -> overflow(Math.exp(v), v, 0);
            case "ln", "log", "log10" -> {
              if (v == 0) {
                throw new PgException("2201E", "cannot take logarithm of zero");
              }
              if (v < 0) {
                throw new PgException("2201E", "cannot take logarithm of a negative number");
              }
              yield name.equals("ln") ? Math.log(v) : Math.log10(v);
            }
            case "cbrt" -> Math.cbrt(v);
            case "degrees" -> Math.toDegrees(v);
            case "radians" -> Math.toRadians(v);
            case "sin" -> Math.sin(v);
            case "cos" -> Math.cos(v);
            case "tan" -> Math.tan(v);
            case "asin" -> Math.asin(v);
            case "acos" -> Math.acos(v);
            default -> Math.atan(v);
          };
        });
      }
      case "pi" -> {
        return n == 0 ? fn("pi", List.of(), F8, a -> Math.PI) : null;
      }
      case "random" -> {
        return n == 0 ? new Resolved(Operators.cached("fn:random", () -> new PgFunction("random",
            org.apache.calcite.sql.SqlKind.OTHER_FUNCTION, true, false,
            a -> ThreadLocalRandom.current().nextDouble())), List.of(), F8) : null;
      }
      default -> {
        return null;
      }
    }
  }

  /** PostgreSQL has numeric overloads of these; with a numeric argument it would pick them. */
  private static void checkNotNumeric(String name, List<RelDataType> args) {
    for (RelDataType t : args) {
      if (PgRelTypes.numericRank(t) == 3) {
        StringBuilder sig = new StringBuilder(name).append('(');
        for (int i = 0; i < args.size(); i++) {
          sig.append(i > 0 ? ", " : "").append("numeric");
        }
        throw notNumeric(sig.append(')').toString());
      }
    }
  }

  private static PgException notNumeric(String signature) {
    return new PgException(SqlState.FEATURE_NOT_SUPPORTED, signature
        + " is not supported (cast the arguments to double precision)");
  }

  /**
   * numeric power with an integral exponent: exact, at PostgreSQL's result scale (at least 16
   * digits, at least the base's scale). Other exponents need numeric exp/ln: 0A000.
   */
  static BigDecimal numericPower(BigDecimal x, BigDecimal y) {
    BigDecimal integral = y.stripTrailingZeros();
    if (integral.scale() > 0 || integral.abs().compareTo(BigDecimal.valueOf(100000)) > 0) {
      throw notNumeric("power(numeric, numeric) with a fractional exponent");
    }
    int e = integral.intValueExact();
    if (x.signum() == 0 && e < 0) {
      throw new PgException("2201F", "zero raised to a negative power is undefined");
    }
    int rscale = Math.min(Math.max(16, Math.max(x.scale(), 0)), 1000);
    BigDecimal r = e >= 0 ? x.pow(e)
        : BigDecimal.ONE.divide(x.pow(-e), rscale + 4, RoundingMode.HALF_UP);
    return r.setScale(rscale, RoundingMode.HALF_UP);
  }

  /** numeric_sqrt: PostgreSQL's result scale (16 significant digits at least), rounded. */
  static BigDecimal numericSqrt(BigDecimal x) {
    if (x.signum() < 0) {
      throw new PgException("2201F", "cannot take square root of a negative number");
    }
    int weight = x.signum() == 0 ? 0 : Math.floorDiv(x.precision() - x.scale() - 1, 4);
    int sweight = (weight + 1) * 4 / 2 - 1;
    int rscale = Math.min(Math.max(Math.max(16 - sweight, Math.max(x.scale(), 0)), 0), 1000);
    java.math.MathContext mc = new java.math.MathContext(
        Math.max(1, x.precision() - x.scale()) + rscale + 10);
    return x.sqrt(mc).setScale(rscale, RoundingMode.HALF_UP);
  }

  private static double overflow(double r, double x, double y) {
    if (Double.isInfinite(r) && !Double.isInfinite(x) && !Double.isInfinite(y)) {
      throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
    }
    return r;
  }

  private static boolean numeric(RelDataType t) {
    return PgRelTypes.numericRank(t) >= 0 || Operators.isUnknown(t);
  }

  private static RelDataType known(RelDataType t) {
    return Operators.isUnknown(t) ? PgRelTypes.INT4 : t;
  }

  private static Resolved fn(String key, List<RelDataType> types, RelDataType result, PgFunction.Impl impl) {
    String name = key.contains(":") ? key.substring(0, key.indexOf(':')) : key;
    return new Resolved(Operators.cached("math:" + key, () -> new PgFunction(name, true, impl)), types, result);
  }
}
