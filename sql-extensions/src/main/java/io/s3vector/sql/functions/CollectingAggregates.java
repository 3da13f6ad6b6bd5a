package io.s3vector.sql.functions;

import io.s3vector.sql.PgException;
import io.s3vector.sql.bind.PgRelTypes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Aggregates that collect their input, optionally in an {@code ORDER BY} given inside the call
 * ({@code array_agg(x ORDER BY y DESC)}): {@code array_agg}, {@code string_agg}, {@code
 * json_agg}/{@code jsonb_agg}, {@code json_object_agg}/{@code jsonb_object_agg}, and the boolean
 * aggregates {@code bool_and}, {@code bool_or}, {@code every}. With an ORDER BY the sort keys are
 * passed after the arguments; the accumulator buffers the rows and sorts them (stably) at the end.
 */
public final class CollectingAggregates {
  private CollectingAggregates() {}

  public static boolean handles(String name) {
    return switch (name) {
      case "array_agg", "string_agg", "json_agg", "jsonb_agg", "json_object_agg",
          "jsonb_object_agg", "bool_and", "bool_or", "every" -> true;
      default -> false;
    };
  }

  /** A resolved collecting aggregate: the argument types to coerce to and the result type. */
  public record Resolution(List<RelDataType> argTypes, RelDataType resultType,
      boolean skipsNulls, Supplier<PgAggFunction.Accumulator> accumulators) {}

  /** One ORDER BY key inside the call: its direction and NULLS placement. */
  public record SortKey(boolean descending, boolean nullsFirst) {}

  /** Resolves {@code name(args)}, or null when there is no such aggregate for these types. */
  public static Resolution resolve(String name, List<RelDataType> args) {
    int n = args.size();
    RelDataType a0 = n > 0 ? args.get(0) : null;
    switch (name) {
      case "array_agg" -> {
        if (n != 1) {
          return null;
        }
        RelDataType element = Operators.isUnknown(a0) ? PgRelTypes.TEXT : a0;
        if (element.getSqlTypeName() == SqlTypeName.ARRAY) {
          throw new PgException(io.s3vector.sql.SqlState.FEATURE_NOT_SUPPORTED,
              "array_agg of arrays (multidimensional arrays) is not supported");
        }
        RelDataType result = PgRelTypes.arrayOf(element);
        if (PgRelTypes.pg(result) == null) {
          return null;
        }
        return new Resolution(List.of(element), result, false, () -> new Collect(items -> {
          Object[] out = new Object[items.size()];
          for (int i = 0; i < out.length; i++) {
            out[i] = items.get(i)[0];
          }
          return ArrayFunctions.make(element, out);
        }));
      }
      case "string_agg" -> {
        if (n != 2 || !textish(a0) || !textish(args.get(1))) {
          return null;
        }
        return new Resolution(List.of(PgRelTypes.TEXT, PgRelTypes.TEXT), PgRelTypes.TEXT, false,
            () -> new Collect(items -> {
              StringBuilder out = null;
              for (Object[] row : items) {
                if (row[0] == null) {
                  continue;
                }
                if (out == null) {
                  out = new StringBuilder();
                } else if (row[1] != null) {
                  out.append((String) row[1]);
                }
                out.append((String) row[0]);
              }
              return out == null ? null : out.toString();
            }));
      }
      case "json_agg", "jsonb_agg" -> {
        if (n != 1) {
          return null;
        }
        boolean jsonb = name.equals("jsonb_agg");
        RelDataType t = Operators.isUnknown(a0) ? PgRelTypes.TEXT : a0;
        return new Resolution(List.of(t), jsonb ? PgRelTypes.JSONB : PgRelTypes.JSON, false,
            () -> new Collect(items -> {
              List<Json> values = new ArrayList<>();
              for (Object[] row : items) {
                values.add(JsonFunctions.toJson(row[0], t));
              }
              Json array = Json.array(values);
              return jsonb ? Json.parse(array.json()).jsonb() : array.json();
            }));
      }
      case "json_object_agg", "jsonb_object_agg" -> {
        if (n != 2) {
          return null;
        }
        boolean jsonb = name.equals("jsonb_object_agg");
        RelDataType k = Operators.isUnknown(a0) ? PgRelTypes.TEXT : a0;
        RelDataType v = Operators.isUnknown(args.get(1)) ? PgRelTypes.TEXT : args.get(1);
        io.s3vector.sql.types.PgType keyType = PgRelTypes.pg(k);
        return new Resolution(List.of(k, v), jsonb ? PgRelTypes.JSONB : PgRelTypes.JSON, false,
            () -> new Collect(items -> {
              StringBuilder out = new StringBuilder("{ ");
              List<String> keys = new ArrayList<>();
              List<Json> values = new ArrayList<>();
              for (Object[] row : items) {
                if (row[0] == null) {
                  throw new PgException("22023", "field name must not be null");
                }
                String key = row[0] instanceof String s ? s : keyType.encodeText(row[0]);
                Json value = JsonFunctions.toJson(row[1], v);
                if (!keys.isEmpty()) {
                  out.append(", ");
                }
                keys.add(key);
                values.add(value);
                Json.quote(key, out);
                out.append(" : ").append(value.json());
              }
              return jsonb ? Json.object(keys, values).jsonb() : out.append(" }").toString();
            }));
      }
      case "bool_and", "bool_or", "every" -> {
        if (n != 1 || !(a0.getSqlTypeName() == SqlTypeName.BOOLEAN || Operators.isUnknown(a0))) {
          return null;
        }
        boolean and = !name.equals("bool_or");
        return new Resolution(List.of(PgRelTypes.BOOL), PgRelTypes.BOOL, true, () -> new Collect(items -> {
          if (items.isEmpty()) {
            return null;
          }
          for (Object[] row : items) {
            if ((Boolean) row[0] != and) {
              return !and;
            }
          }
          return and;
        }));
      }
      default -> {
        return null;
      }
    }
  }

  private static boolean textish(RelDataType t) {
    return PgRelTypes.isText(t) || Operators.isUnknown(t);
  }

  /**
   * The aggregate function for one call: {@code argCount} arguments followed by one value per
   * sort key. Rows whose arguments hold a NULL are skipped here (not by the executor, which would
   * also look at the sort keys) when the aggregate skips NULLs.
   */
  public static PgAggFunction function(String name, Resolution r, int argCount, List<SortKey> keys) {
    Supplier<PgAggFunction.Accumulator> make = () -> {
      Collect inner = (Collect) r.accumulators().get();
      return new PgAggFunction.Accumulator() {
        @Override
        public void add(Object[] row) {
          if (r.skipsNulls()) {
            for (int i = 0; i < argCount; i++) {
              if (row[i] == null) {
                return;
              }
            }
          }
          inner.rows.add(row.clone());
        }

        @Override
        public Object result() {
          if (inner.rows.isEmpty() && r.resultType() != PgRelTypes.TEXT && r.resultType() != PgRelTypes.BOOL) {
            return null;
          }
          if (!keys.isEmpty()) {
            inner.rows.sort(order(argCount, keys));
          }
          return inner.finish.apply(inner.rows);
        }
      };
    };
    return new PgAggFunction(name, r.resultType(), false, make);
  }

  private static Comparator<Object[]> order(int argCount, List<SortKey> keys) {
    Comparator<Object[]> c = null;
    for (int k = 0; k < keys.size(); k++) {
      SortKey key = keys.get(k);
      Comparator<Object[]> next = ValueOrder.byColumn(argCount + k, key.descending(), key.nullsFirst());
      c = c == null ? next : c.thenComparing(next);
    }
    return c;
  }

  /** Buffers the rows of one group; {@code finish} makes the result from them. */
  private static final class Collect implements PgAggFunction.Accumulator {
    final List<Object[]> rows = new ArrayList<>();
    final java.util.function.Function<List<Object[]>, Object> finish;

    Collect(java.util.function.Function<List<Object[]>, Object> finish) {
      this.finish = finish;
    }

    @Override
    public void add(Object[] args) {
      rows.add(args.clone());
    }

    @Override
    public Object result() {
      return finish.apply(rows);
    }
  }
}
