package io.s3vector.sql.functions;

import io.s3vector.sql.bind.PgRelTypes;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Supplier;
import org.apache.calcite.rel.type.RelDataType;

/**
 * The aggregates with PostgreSQL's result types: count → bigint; sum(int2|int4) → bigint,
 * sum(int8|numeric) → numeric, sum(float4) → real, sum(float8) → double precision; avg of an
 * integer or numeric → numeric, of a float → double precision; min/max keep the type; pgvector's
 * avg(vector) and sum(vector) → vector.
 */
public final class Aggregates {
  private Aggregates() {}

  public static boolean isAggregate(String name) {
    if (CollectingAggregates.handles(name)) {
      return true;
    }
    return switch (name) {
      case "count", "sum", "avg", "min", "max" -> true;
      default -> false;
    };
  }

  /** count(*). */
  public static PgAggFunction countStar() {
    return new PgAggFunction("count", PgRelTypes.INT8, false, Count::new);
  }

  /**
   * {@code name(arg)} over an argument of type {@code arg}: the aggregate and the type its
   * argument is coerced to, or null when PostgreSQL has no such aggregate.
   */
  public static Resolution resolve(String name, RelDataType arg) {
    if (Operators.isUnknown(arg)) {
      arg = PgRelTypes.TEXT;
    }
    int rank = PgRelTypes.numericRank(arg);
    boolean vector = PgRelTypes.isVector(arg);
    switch (name) {
      case "count" -> {
        return new Resolution(new PgAggFunction("count", PgRelTypes.INT8, true, Count::new), arg);
      }
      case "min", "max" -> {
        if (PgRelTypes.pg(arg) == null) {
          return null;
        }
        boolean max = name.equals("max");
        RelDataType t = vector ? PgRelTypes.VECTOR : arg;
        return new Resolution(new PgAggFunction(name, t, true, () -> new MinMax(max)), t);
      }
      case "sum" -> {
        if (vector) {
          return new Resolution(
              new PgAggFunction("sum", PgRelTypes.VECTOR, true, VectorFunctions.Sum::new),
              PgRelTypes.VECTOR);
        }
        return switch (rank) {
          case 0, 1 -> agg("sum", PgRelTypes.INT8, arg, SumLong::new);
          case 2, 3 -> agg("sum", PgRelTypes.NUMERIC, arg, SumNumeric::new);
          case 4 -> agg("sum", PgRelTypes.FLOAT4, arg, () -> new SumDouble(true));
          case 5 -> agg("sum", PgRelTypes.FLOAT8, arg, () -> new SumDouble(false));
          default -> null;
        };
      }
      case "avg" -> {
        if (vector) {
          return new Resolution(
              new PgAggFunction("avg", PgRelTypes.VECTOR, true, VectorFunctions.Avg::new),
              PgRelTypes.VECTOR);
        }
        return switch (rank) {
          case 0, 1, 2, 3 -> agg("avg", PgRelTypes.NUMERIC, arg, AvgNumeric::new);
          case 4, 5 -> agg("avg", PgRelTypes.FLOAT8, arg, AvgDouble::new);
          default -> null;
        };
      }
      default -> {
        return null;
      }
    }
  }

  private static Resolution agg(
      String name, RelDataType result, RelDataType arg, Supplier<PgAggFunction.Accumulator> acc) {
    return new Resolution(new PgAggFunction(name, result, true, acc), arg);
  }

  /** An aggregate and the type of its argument. */
  public record Resolution(PgAggFunction function, RelDataType argType) {
    public List<RelDataType> argTypes() {
      return List.of(argType);
    }
  }

  static final class Count implements PgAggFunction.Accumulator {
    private long n;

    @Override
    public void add(Object[] args) {
      n++;
    }

    @Override
    public Object result() {
      return n;
    }
  }

  static final class MinMax implements PgAggFunction.Accumulator {
    private final boolean max;
    private Object best;

    MinMax(boolean max) {
      this.max = max;
    }

    @Override
    public void add(Object[] args) {
      Object v = args[0];
      // a tie takes the later value, as numeric_larger / numeric_smaller do (1.50 vs 1.500)
      if (best == null || (max ? ValueOrder.compare(v, best) >= 0 : ValueOrder.compare(v, best) <= 0)) {
        best = v;
      }
    }

    @Override
    public Object result() {
      return best;
    }
  }

  static final class SumLong implements PgAggFunction.Accumulator {
    private long sum;
    private boolean any;

    @Override
    public void add(Object[] args) {
      sum += ((Number) args[0]).longValue();
      any = true;
    }

    @Override
    public Object result() {
      return any ? sum : null;
    }
  }

  static final class SumNumeric implements PgAggFunction.Accumulator {
    private BigDecimal sum;

    @Override
    public void add(Object[] args) {
      BigDecimal v = args[0] instanceof BigDecimal b ? b : BigDecimal.valueOf(((Number) args[0]).longValue());
      sum = sum == null ? v : sum.add(v);
    }

    @Override
    public Object result() {
      return sum;
    }
  }

  static final class SumDouble implements PgAggFunction.Accumulator {
    private final boolean real;
    private double sum;
    private boolean any;

    SumDouble(boolean real) {
      this.real = real;
    }

    @Override
    public void add(Object[] args) {
      sum += ((Number) args[0]).doubleValue();
      any = true;
    }

    @Override
    public Object result() {
      return !any ? null : real ? (Object) (float) sum : (Object) sum;
    }
  }

  static final class AvgNumeric implements PgAggFunction.Accumulator {
    private BigDecimal sum = BigDecimal.ZERO;
    private long n;

    @Override
    public void add(Object[] args) {
      BigDecimal v = args[0] instanceof BigDecimal b ? b : BigDecimal.valueOf(((Number) args[0]).longValue());
      sum = sum.add(v);
      n++;
    }

    @Override
    public Object result() {
      return n == 0 ? null : Operators.NumericDivision.divide(sum, BigDecimal.valueOf(n));
    }
  }

  static final class AvgDouble implements PgAggFunction.Accumulator {
    private double sum;
    private long n;

    @Override
    public void add(Object[] args) {
      sum += ((Number) args[0]).doubleValue();
      n++;
    }

    @Override
    public Object result() {
      return n == 0 ? null : sum / n;
    }
  }
}
