package io.s3vector.sql.functions;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.bind.CatalogVectorRelType;
import io.s3vector.sql.bind.PgRelTypes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Collections;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The set-returning functions: {@code generate_series} over integers and numeric,
 * {@code unnest} of one or more arrays, {@code generate_subscripts} and
 * {@code regexp_split_to_table}. Resolved by argument types as PostgreSQL resolves them.
 */
public final class SetFunctions {
  private SetFunctions() {}

  /** Whether a name is a set-returning function here (for error texts). */
  public static boolean isSetFunction(String name) {
    return switch (name) {
      case "generate_series", "unnest", "generate_subscripts", "regexp_split_to_table",
          "_pg_expandarray", "pg_partition_ancestors",
          "jsonb_array_elements", "json_array_elements", "jsonb_array_elements_text",
          "json_array_elements_text", "jsonb_each", "json_each", "jsonb_each_text", "json_each_text",
          "jsonb_object_keys", "json_object_keys" -> true;
      default -> false;
    };
  }

  /** The overload for these argument types, or null. */
  public static SetFunction resolve(String name, List<RelDataType> args) {
    return switch (name) {
      case "generate_series" -> generateSeries(args);
      case "unnest" -> unnest(args);
      case "generate_subscripts" -> generateSubscripts(args);
      case "_pg_expandarray" -> expandArray(args);
      case "jsonb_array_elements", "json_array_elements", "jsonb_array_elements_text",
          "json_array_elements_text", "jsonb_each", "json_each", "jsonb_each_text", "json_each_text",
          "jsonb_object_keys", "json_object_keys" -> json(name, args);
      // no rows for a relation that is not a partition (none of ours is), as PostgreSQL 15
      case "pg_partition_ancestors" -> args.size() == 1
          ? new SetFunction(name, List.of(PgRelTypes.REGCLASS), List.of("relid"),
              List.of(PgRelTypes.REGCLASS), a -> Collections.emptyIterator())
          : null;
      case "regexp_split_to_table" -> args.size() == 2 && text(args.get(0)) && text(args.get(1))
          ? new SetFunction(name, List.of(PgRelTypes.TEXT, PgRelTypes.TEXT), nameless(),
              List.of(PgRelTypes.TEXT), a -> rows(Arrays.asList(
                  ((String) a[0]).split((String) a[1], -1))))
          : null;
      default -> null;
    };
  }

  private static List<String> nameless() {
    return Collections.singletonList(null);
  }

  private static boolean text(RelDataType t) {
    return PgRelTypes.isText(t) || Operators.isUnknownType(t);
  }

  /** generate_series(start, stop [, step]) of int4, int8 or numeric: stop inclusive. */
  private static SetFunction generateSeries(List<RelDataType> args) {
    if (args.size() != 2 && args.size() != 3) {
      return null;
    }
    if (args.size() == 3 && PgRelTypes.pg(args.get(2)) == io.s3vector.sql.types.PgTypes.INTERVAL) {
      return timestampSeries(args);
    }
    RelDataType type = null;
    for (RelDataType t : args) {
      RelDataType n = Operators.isUnknownType(t) ? PgRelTypes.INT4 : Operators.commonNumeric(t, t);
      if (n == null || n.getSqlTypeName() == SqlTypeName.REAL || n.getSqlTypeName() == SqlTypeName.DOUBLE) {
        return null;
      }
      type = type == null ? n : Operators.commonNumeric(type, n);
    }
    if (type.getSqlTypeName() == SqlTypeName.SMALLINT) {
      type = PgRelTypes.INT4;
    }
    List<RelDataType> argTypes = Collections.nCopies(args.size(), type);
    SqlTypeName kind = type.getSqlTypeName();
    return new SetFunction("generate_series", argTypes, nameless(), List.of(type), a -> {
      BigDecimal start = new BigDecimal(a[0].toString());
      BigDecimal stop = new BigDecimal(a[1].toString());
      BigDecimal step = a.length > 2 ? new BigDecimal(a[2].toString()) : BigDecimal.ONE;
      if (step.signum() == 0) {
        throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
      }
      if (kind == SqlTypeName.INTEGER || kind == SqlTypeName.BIGINT) {
        return longs(start.longValue(), stop.longValue(), step.longValue(), kind == SqlTypeName.INTEGER);
      }
      return numerics(start, stop, step);
    });
  }

  /**
   * generate_series(start, stop, step interval) of timestamp or timestamptz (a date is read as a
   * timestamptz, as PostgreSQL's implicit cast makes it): stop inclusive.
   */
  private static SetFunction timestampSeries(List<RelDataType> args) {
    var a0 = PgRelTypes.pg(args.get(0));
    var a1 = PgRelTypes.pg(args.get(1));
    boolean plain = a0 == io.s3vector.sql.types.PgTypes.TIMESTAMP
        && (a1 == io.s3vector.sql.types.PgTypes.TIMESTAMP || Operators.isUnknownType(args.get(1)));
    RelDataType type = plain ? PgRelTypes.TIMESTAMP : PgRelTypes.TIMESTAMPTZ;
    for (RelDataType t : args.subList(0, 2)) {
      var pg = PgRelTypes.pg(t);
      if (!(Operators.isUnknownType(t) || pg == io.s3vector.sql.types.PgTypes.TIMESTAMP
          || pg == io.s3vector.sql.types.PgTypes.TIMESTAMPTZ || pg == io.s3vector.sql.types.PgTypes.DATE)) {
        return null;
      }
    }
    return new SetFunction("generate_series", List.of(type, type, PgRelTypes.INTERVAL), nameless(),
        List.of(type), a -> {
          io.s3vector.sql.types.PgInterval step = (io.s3vector.sql.types.PgInterval) a[2];
          int direction = step.compareTo(new io.s3vector.sql.types.PgInterval(0, 0, 0));
          if (direction == 0) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
          }
          return new Iterator<>() {
            Object next = a[0];

            @Override
            public boolean hasNext() {
              int c = ValueOrder.compare(next, a[1]);
              return direction > 0 ? c <= 0 : c >= 0;
            }

            @Override
            public Object[] next() {
              if (!hasNext()) {
                throw new NoSuchElementException();
              }
              Object v = next;
              next = v instanceof java.time.LocalDateTime t ? step.addTo(t)
                  : step.addTo((java.time.Instant) v);
              return new Object[] {v};
            }
          };
        });
  }

  private static Iterator<Object[]> longs(long start, long stop, long step, boolean int4) {
    return new Iterator<>() {
      long next = start;
      boolean done = step > 0 ? start > stop : start < stop;

      @Override
      public boolean hasNext() {
        return !done;
      }

      @Override
      public Object[] next() {
        if (done) {
          throw new NoSuchElementException();
        }
        long v = next;
        // stop before overflowing, as PostgreSQL does
        long following = v + step;
        done = ((v ^ following) & (step ^ following)) < 0 || (step > 0 ? following > stop : following < stop);
        next = following;
        return new Object[] {int4 ? (Object) (int) v : (Object) v};
      }
    };
  }

  private static Iterator<Object[]> numerics(BigDecimal start, BigDecimal stop, BigDecimal step) {
    return new Iterator<>() {
      BigDecimal next = start;

      @Override
      public boolean hasNext() {
        return step.signum() > 0 ? next.compareTo(stop) <= 0 : next.compareTo(stop) >= 0;
      }

      @Override
      public Object[] next() {
        BigDecimal v = next;
        next = next.add(step);
        return new Object[] {v};
      }
    };
  }

  /** unnest(array [, array ...]): the arrays' elements side by side, NULLs past a shorter one. */
  private static SetFunction unnest(List<RelDataType> args) {
    if (args.isEmpty()) {
      return null;
    }
    List<RelDataType> elements = new ArrayList<>();
    for (RelDataType t : args) {
      if (t.getSqlTypeName() != SqlTypeName.ARRAY) {
        return null;
      }
      elements.add(t.getComponentType());
    }
    List<String> names = args.size() == 1 ? nameless() : Collections.nCopies(args.size(), "unnest");
    return new SetFunction("unnest", args, names, elements, a -> {
      List<Object[]> arrays = new ArrayList<>();
      int length = 0;
      for (Object array : a) {
        Object[] values = elements(array);
        arrays.add(values);
        length = Math.max(length, values.length);
      }
      List<Object[]> out = new ArrayList<>();
      for (int i = 0; i < length; i++) {
        Object[] row = new Object[arrays.size()];
        for (int j = 0; j < row.length; j++) {
          row[j] = i < arrays.get(j).length ? arrays.get(j)[i] : null;
        }
        out.add(row);
      }
      return out.iterator();
    });
  }

  /**
   * The json[b] set-returning functions: array elements ({@code value}), object members
   * ({@code key}, {@code value}), object keys; {@code _text} forms give text values as
   * {@code ->>} does. PostgreSQL's errors for the wrong kind of value.
   */
  private static SetFunction json(String name, List<RelDataType> args) {
    boolean jsonb = name.startsWith("jsonb");
    RelDataType type = jsonb ? PgRelTypes.JSONB : PgRelTypes.JSON;
    if (args.size() != 1 || !(args.get(0) == type || Operators.isUnknownType(args.get(0))
        || (PgRelTypes.pg(args.get(0)) == PgRelTypes.pg(type)))) {
      return null;
    }
    boolean text = name.endsWith("_text");
    RelDataType valueType = text ? PgRelTypes.TEXT : type;
    if (name.contains("array_elements")) {
      return new SetFunction(name, List.of(type), List.of("value"), List.of(valueType), a -> {
        Json v = JsonFunctions.parse(a[0]);
        if (v.kind() != Json.Kind.ARRAY) {
          throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "cannot extract elements from "
              + (v.kind() == Json.Kind.OBJECT ? "an object" : "a scalar"));
        }
        List<Object> out = new ArrayList<>();
        for (Json item : v.items) {
          out.add(text ? item.text(jsonb) : JsonFunctions.out(item, jsonb));
        }
        return rows(out);
      });
    }
    boolean keys = name.endsWith("object_keys");
    List<String> names = keys ? nameless() : List.of("key", "value");
    List<RelDataType> types = keys ? List.of(PgRelTypes.TEXT) : List.of(PgRelTypes.TEXT, valueType);
    return new SetFunction(name, List.of(type), names, types, a -> {
      Json v = JsonFunctions.parse(a[0]);
      if (v.kind() != Json.Kind.OBJECT) {
        throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "cannot call " + name + " on "
            + (keys ? (v.kind() == Json.Kind.ARRAY ? "an array" : "a scalar") : "a non-object"));
      }
      List<Object[]> out = new ArrayList<>();
      for (var e : v.members().entrySet()) {
        out.add(keys ? new Object[] {e.getKey()}
            : new Object[] {e.getKey(), text ? e.getValue().text(jsonb) : JsonFunctions.out(e.getValue(), jsonb)});
      }
      return out.iterator();
    });
  }

  /**
   * information_schema._pg_expandarray(array): rows (x, n) of each element and its 1-based
   * position; pgjdbc's getPrimaryKeys and getIndexInfo select {@code (...).x} and {@code (...).n}.
   */
  private static SetFunction expandArray(List<RelDataType> args) {
    if (args.size() != 1 || args.get(0).getSqlTypeName() != SqlTypeName.ARRAY) {
      return null;
    }
    return new SetFunction("_pg_expandarray", args, List.of("x", "n"),
        List.of(args.get(0).getComponentType(), PgRelTypes.INT4), a -> {
          Object[] values = elements(a[0]);
          List<Object[]> out = new ArrayList<>();
          for (int i = 0; i < values.length; i++) {
            out.add(new Object[] {values[i], i + 1});
          }
          return out.iterator();
        });
  }

  /**
   * generate_subscripts(array, dim [, reverse]): the subscripts of a one-dimensional array, from
   * 1 (from 0 for int2vector and oidvector).
   */
  private static SetFunction generateSubscripts(List<RelDataType> args) {
    if ((args.size() != 2 && args.size() != 3) || args.get(0).getSqlTypeName() != SqlTypeName.ARRAY) {
      return null;
    }
    List<RelDataType> argTypes = new ArrayList<>(List.of(args.get(0), PgRelTypes.INT4));
    if (args.size() == 3) {
      argTypes.add(PgRelTypes.BOOL);
    }
    int first = CatalogVectorRelType.lowerBound(args.get(0));
    return new SetFunction("generate_subscripts", argTypes, nameless(), List.of(PgRelTypes.INT4), a -> {
      int n = elements(a[0]).length;
      if (((Number) a[1]).intValue() != 1 || n == 0) {
        return Collections.emptyIterator();
      }
      boolean reverse = a.length > 2 && Boolean.TRUE.equals(a[2]);
      int last = first + n - 1;
      return longs(reverse ? last : first, reverse ? first : last, reverse ? -1 : 1, true);
    });
  }

  /** An array value's elements: Object[] for most types, float[] for real[]. */
  static Object[] elements(Object array) {
    if (array instanceof Object[] values) {
      return values;
    }
    if (array instanceof float[] floats) {
      Object[] out = new Object[floats.length];
      for (int i = 0; i < floats.length; i++) {
        out[i] = floats[i];
      }
      return out;
    }
    throw new PgException(SqlState.INTERNAL_ERROR, "not an array: " + array.getClass().getSimpleName());
  }

  private static Iterator<Object[]> rows(List<?> values) {
    List<Object[]> out = new ArrayList<>();
    for (Object v : values) {
      out.add(new Object[] {v});
    }
    return out.iterator();
  }
}
