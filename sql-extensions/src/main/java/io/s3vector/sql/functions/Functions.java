package io.s3vector.sql.functions;

import io.s3vector.sql.bind.PgRelTypes;
import io.s3vector.storage.vector.DistanceMetric;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Named scalar functions: pgvector's ({@code l2_distance}, {@code vector_dims}, ...) and the
 * PostgreSQL built-ins clients and applications commonly call. Session functions ({@code
 * version()}, {@code current_user}) are bound to constants by the binder.
 */
public final class Functions {
  private Functions() {}

  /** Resolves {@code name(args)}, or null when no such function exists for these types. */
  public static Resolved resolve(String name, List<RelDataType> args) {
    int n = args.size();
    RelDataType a0 = n > 0 ? args.get(0) : null;
    Resolved overBytea = ByteaFunctions.resolve(name, args);
    if (overBytea != null) {
      return overBytea;
    }
    switch (name) {
      case "l2_distance", "cosine_distance", "l1_distance", "inner_product", "vector_negative_inner_product" -> {
        if (n == 2 && vectorish(a0) && vectorish(args.get(1))) {
          PgFunction f = switch (name) {
            case "l2_distance" -> Operators.distance(name, DistanceMetric.L2);
            case "cosine_distance" -> Operators.distance(name, DistanceMetric.COSINE);
            case "l1_distance" -> Operators.distance(name, DistanceMetric.L1);
            case "vector_negative_inner_product" -> Operators.distance(name, DistanceMetric.NEGATIVE_INNER_PRODUCT);
            default -> Operators.cached("fn:inner_product", () -> new PgFunction(name, true,
                a -> VectorFunctions.innerProduct((float[]) a[0], (float[]) a[1])));
          };
          return new Resolved(f, List.of(PgRelTypes.VECTOR, PgRelTypes.VECTOR), PgRelTypes.FLOAT8);
        }
        return null;
      }
      case "vector_cmp" -> {
        if (n == 2 && vectorish(a0) && vectorish(args.get(1))) {
          return new Resolved(Operators.cached("fn:vector_cmp", () -> new PgFunction(name, true,
              a -> Integer.signum(ValueOrder.compare(a[0], a[1])))),
              List.of(PgRelTypes.VECTOR, PgRelTypes.VECTOR), PgRelTypes.INT4);
        }
        return null;
      }
      case "subvector" -> {
        if (n == 3 && vectorish(a0) && PgRelTypes.numericRank(args.get(1)) >= 0 && PgRelTypes.numericRank(args.get(1)) <= 1
            && PgRelTypes.numericRank(args.get(2)) >= 0 && PgRelTypes.numericRank(args.get(2)) <= 1) {
          return new Resolved(Operators.cached("fn:subvector", () -> new PgFunction(name, true,
              a -> VectorFunctions.subvector((float[]) a[0], ((Number) a[1]).intValue(), ((Number) a[2]).intValue()))),
              List.of(PgRelTypes.VECTOR, PgRelTypes.INT4, PgRelTypes.INT4), PgRelTypes.VECTOR);
        }
        return null;
      }
      case "vector_dims" -> {
        return n == 1 && vectorish(a0) ? vectorFn(name, PgRelTypes.INT4, a -> ((float[]) a[0]).length) : null;
      }
      case "vector_norm" -> {
        return n == 1 && vectorish(a0) ? vectorFn(name, PgRelTypes.FLOAT8, a -> VectorFunctions.norm((float[]) a[0])) : null;
      }
      case "l2_normalize" -> {
        return n == 1 && vectorish(a0) ? vectorFn(name, PgRelTypes.VECTOR, a -> VectorFunctions.l2Normalize((float[]) a[0])) : null;
      }
      case "abs" -> {
        if (n == 1 && PgRelTypes.numericRank(a0) >= 0 || n == 1 && Operators.isUnknown(a0)) {
          RelDataType t = Operators.isUnknown(a0) ? PgRelTypes.FLOAT8 : a0;
          int rank = PgRelTypes.numericRank(t);
          return new Resolved(Operators.cached("abs" + rank, () -> new PgFunction("abs", true, a -> {
            Object v = a[0];
            if (v instanceof BigDecimal b) {
              return b.abs();
            }
            if (v instanceof Double d) {
              return Math.abs(d);
            }
            if (v instanceof Float f) {
              return Math.abs(f);
            }
            long l = ((Number) v).longValue();
            if (l < 0) {
              return Operators.negate(t).impl().apply(new Object[] {v});
            }
            return v;
          })), List.of(t), t);
        }
        return null;
      }
      case "sqrt" -> {
        if (n == 1 && PgRelTypes.numericRank(a0) == 3) {
          return new Resolved(Operators.cached("sqrtn", () -> new PgFunction("sqrt", true,
              a -> MathFunctions.numericSqrt((BigDecimal) a[0]))), List.of(PgRelTypes.NUMERIC), PgRelTypes.NUMERIC);
        }
        if (n == 1 && (PgRelTypes.numericRank(a0) >= 0 || Operators.isUnknown(a0))) {
          return new Resolved(Operators.cached("sqrt", () -> new PgFunction("sqrt", true, a -> {
            double d = (Double) a[0];
            if (d < 0) {
              throw new io.s3vector.sql.PgException("2201F", "cannot take square root of a negative number");
            }
            return Math.sqrt(d);
          })), List.of(PgRelTypes.FLOAT8), PgRelTypes.FLOAT8);
        }
        return null;
      }
      case "round" -> {
        if (n == 1 && PgRelTypes.numericRank(a0) >= 0 && PgRelTypes.numericRank(a0) != 3) {
          return new Resolved(Operators.cached("round8", () -> new PgFunction("round", true,
              a -> Math.rint((Double) a[0]))), List.of(PgRelTypes.FLOAT8), PgRelTypes.FLOAT8);
        }
        if ((n == 1 || n == 2) && (PgRelTypes.numericRank(a0) == 3 || Operators.isUnknown(a0))) {
          List<RelDataType> types = n == 1 ? List.of(PgRelTypes.NUMERIC) : List.of(PgRelTypes.NUMERIC, PgRelTypes.INT4);
          return new Resolved(Operators.cached("roundn" + n, () -> new PgFunction("round", true,
              a -> ((BigDecimal) a[0]).setScale(n == 1 ? 0 : (Integer) a[1], RoundingMode.HALF_UP))),
              types, PgRelTypes.NUMERIC);
        }
        return null;
      }
      case "lower", "upper" -> {
        if (n == 1 && (PgRelTypes.isText(a0) || Operators.isUnknown(a0))) {
          boolean lower = name.equals("lower");
          return new Resolved(Operators.cached(name, () -> new PgFunction(name, true,
              a -> lower ? ((String) a[0]).toLowerCase() : ((String) a[0]).toUpperCase())),
              List.of(PgRelTypes.TEXT), PgRelTypes.TEXT);
        }
        return null;
      }
      case "length", "char_length", "character_length" -> {
        if (n == 1 && (PgRelTypes.isText(a0) || Operators.isUnknown(a0))) {
          return new Resolved(Operators.cached("length", () -> new PgFunction(name, true,
              a -> ((String) a[0]).codePointCount(0, ((String) a[0]).length()))),
              List.of(PgRelTypes.TEXT), PgRelTypes.INT4);
        }
        return null;
      }
      case "clock_timestamp" -> {
        // the time now, at every call (now() and the like read the session's transaction clock:
        // CatalogFunctions)
        if (n == 0) {
          return new Resolved(Operators.cached("clock_timestamp", () -> new PgFunction(name,
              SqlKind.OTHER_FUNCTION, true, false, a -> Instant.now().truncatedTo(ChronoUnit.MICROS))),
              List.of(), PgRelTypes.TIMESTAMPTZ);
        }
        return null;
      }
      case "pg_sleep" -> {
        if (n == 1 && (PgRelTypes.numericRank(a0) >= 0 || Operators.isUnknown(a0))) {
          return new Resolved(Operators.cached("pg_sleep", () -> new PgFunction(name,
              SqlKind.OTHER_FUNCTION, true, false, a -> {
                PgSleep.sleep((Double) a[0]);
                return null;
              })), List.of(PgRelTypes.FLOAT8), PgRelTypes.VOID);
        }
        return null;
      }
      case "gen_random_uuid" -> {
        if (n == 0) {
          return new Resolved(Operators.cached("gen_random_uuid", () -> new PgFunction(name,
              SqlKind.OTHER_FUNCTION, true, false, a -> java.util.UUID.randomUUID().toString())),
              List.of(), PgRelTypes.UUID);
        }
        return null;
      }
      case "coalesce" -> {
        RelDataType common = n == 0 ? null : commonType(args);
        if (common == null) {
          return null;
        }
        return new Resolved(Operators.COALESCE, java.util.Collections.nCopies(n, common), common);
      }
      case "pg_typeof" -> {
        if (n != 1) {
          return null;
        }
        io.s3vector.sql.types.PgType t = Operators.isUnknown(a0) && a0.getSqlTypeName() != SqlTypeName.NULL
            ? io.s3vector.sql.types.PgTypes.UNKNOWN : PgRelTypes.pg(Operators.isUnknown(a0) ? PgRelTypes.TEXT : a0);
        if (t == null) {
          return null;
        }
        long oid = PgRelTypes.isRegtype(a0) ? 2206 : t.oid();
        return new Resolved(new PgFunction("pg_typeof", false, a -> oid), List.of(a0), PgRelTypes.REGTYPE);
      }
      case "nullif" -> {
        if (n != 2) {
          return null;
        }
        Resolved eq = Operators.binary("=", a0, args.get(1));
        if (eq == null) {
          return null;
        }
        RelDataType type = eq.argTypes().get(0);
        PgFunction cmp = eq.function();
        return new Resolved(Operators.cached("nullif" + System.identityHashCode(cmp),
            () -> new PgFunction("nullif", false,
                a -> a[0] != null && a[1] != null && Boolean.TRUE.equals(cmp.impl().apply(a)) ? null : a[0])),
            List.of(type, eq.argTypes().get(1)), type);
      }
      case "greatest", "least" -> {
        RelDataType type = n == 0 ? null : commonType(args);
        if (type == null) {
          return null;
        }
        List<RelDataType> types = java.util.Collections.nCopies(n, type);
        boolean greatest = name.equals("greatest");
        return new Resolved(Operators.cached(name, () -> new PgFunction(name, false, a -> {
          Object best = null;
          for (Object o : a) {
            if (o != null && (best == null || (ValueOrder.compare(o, best) > 0) == greatest
                && ValueOrder.compare(o, best) != 0)) {
              best = o;
            }
          }
          return best;
        })), types, type);
      }
      default -> {
        Resolved r = TextFunctions.resolve(name, args);
        if (r == null) {
          r = MathFunctions.resolve(name, args);
        }
        if (r == null) {
          r = ArrayFunctions.resolve(name, args);
        }
        if (r == null) {
          r = JsonFunctions.resolve(name, args);
        }
        if (r == null) {
          r = DateTimeFunctions.resolve(name, args);
        }
        return r;
      }
    }
  }

  private static boolean vectorish(RelDataType t) {
    return PgRelTypes.isVector(t) || Operators.isUnknown(t);
  }

  private static Resolved vectorFn(String name, RelDataType result, PgFunction.Impl impl) {
    return new Resolved(Operators.cached("fn:" + name, () -> new PgFunction(name, true, impl)),
        List.of(PgRelTypes.VECTOR), result);
  }

  /**
   * The type arguments of COALESCE/GREATEST/LEAST are compared in: the common type of the typed
   * ones, text when all are untyped literals, null when two cannot be matched.
   */
  private static RelDataType commonType(List<RelDataType> args) {
    RelDataType common = null;
    for (RelDataType t : args) {
      if (Operators.isUnknown(t)) {
        continue;
      }
      common = common == null ? t : Operators.comparable(common, t);
      if (common == null) {
        return null;
      }
    }
    return common == null ? PgRelTypes.TEXT : common;
  }
}
