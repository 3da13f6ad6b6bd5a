package io.s3vector.sql.functions;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.bind.CatalogVectorRelType;
import io.s3vector.sql.bind.PgRelTypes;
import io.s3vector.sql.types.PgType;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * PostgreSQL's array functions and operators over one-dimensional arrays with lower bound 1
 * (values are {@code Object[]}, or {@code float[]} for real[]): subscripts, {@code = ANY}/{@code
 * ALL}, {@code array_length}, {@code cardinality}, {@code array_to_string}, {@code
 * string_to_array}, {@code ||}, {@code @>}, {@code <@}, {@code &&}, ...
 */
public final class ArrayFunctions {
  private static final java.util.Map<java.util.Map.Entry<PgFunction, Boolean>, PgFunction> QUANTIFIED =
      new java.util.concurrent.ConcurrentHashMap<>();

  private ArrayFunctions() {}

  public static boolean isArray(RelDataType t) {
    return t.getSqlTypeName() == SqlTypeName.ARRAY;
  }

  /** An array value as Object[] (real[] is kept as float[]). */
  static Object[] items(Object array) {
    if (array instanceof float[] f) {
      Object[] out = new Object[f.length];
      for (int i = 0; i < f.length; i++) {
        out[i] = f[i];
      }
      return out;
    }
    return (Object[]) array;
  }

  /** The value of an array of {@code element} holding {@code items}. */
  static Object make(RelDataType element, Object[] items) {
    if (element.getSqlTypeName() == SqlTypeName.REAL) {
      return Casts.arrayToFloats(items);
    }
    return items;
  }

  /**
   * {@code a[i]} of arrays whose first subscript is {@code lowerBound} (1; 0 for int2vector and
   * oidvector), NULL outside the array.
   */
  public static PgFunction subscript(int lowerBound) {
    return Operators.cached("array[" + lowerBound + "]", () -> new PgFunction(
        lowerBound == 1 ? "ITEM" : "ITEM" + lowerBound, true, a -> {
          Object[] items = items(a[0]);
          int i = (Integer) a[1] - lowerBound;
          return i >= 0 && i < items.length ? items[i] : null;
        }));
  }

  /**
   * {@code v op ANY (array)} / {@code ALL}: with SQL's three-valued logic over the elements; an
   * empty array gives false (ANY) or true (ALL) even for a NULL {@code v}.
   */
  public static PgFunction quantified(String op, PgFunction comparison, boolean all) {
    // Named "op ANY" so that two quantified calls on the same operands never share a digest.
    return QUANTIFIED.computeIfAbsent(java.util.Map.entry(comparison, all),
        k -> new PgFunction(op + (all ? " ALL" : " ANY"), false, a -> {
          if (a[1] == null) {
            return null;
          }
          Object[] items = items(a[1]);
          boolean sawNull = false;
          for (Object item : items) {
            Object r = a[0] == null || item == null ? null
                : comparison.impl().apply(new Object[] {a[0], item});
            if (r == null) {
              sawNull = true;
            } else if ((Boolean) r != all) {
              return !all;
            }
          }
          return sawNull ? null : all;
        }));
  }

  /** Resolves an array function, or null when {@code name} is none of ours for these types. */
  static Resolved resolve(String name, List<RelDataType> args) {
    int n = args.size();
    RelDataType a0 = n > 0 ? args.get(0) : null;
    switch (name) {
      case "array_length", "array_upper", "array_lower" -> {
        if (n == 2 && isArray(a0) && intLike(args.get(1))) {
          int first = CatalogVectorRelType.lowerBound(a0);
          return new Resolved(Operators.cached("fn:" + name + first, () -> new PgFunction(name, true, a -> {
            int len = items(a[0]).length;
            if ((Integer) a[1] != 1 || len == 0) {
              return null;
            }
            return switch (name) {
              case "array_lower" -> first;
              case "array_upper" -> first + len - 1;
              default -> len;
            };
          })), List.of(a0, PgRelTypes.INT4), PgRelTypes.INT4);
        }
        return null;
      }
      case "cardinality" -> {
        return n == 1 && isArray(a0) ? new Resolved(Operators.cached("fn:cardinality",
            () -> new PgFunction(name, true, a -> items(a[0]).length)), List.of(a0), PgRelTypes.INT4)
            : null;
      }
      case "array_ndims" -> {
        return n == 1 && isArray(a0) ? new Resolved(Operators.cached("fn:array_ndims",
            () -> new PgFunction(name, true, a -> items(a[0]).length == 0 ? null : 1)),
            List.of(a0), PgRelTypes.INT4) : null;
      }
      case "array_dims" -> {
        return n == 1 && isArray(a0) ? new Resolved(Operators.cached("fn:array_dims",
            () -> new PgFunction(name, true, a -> {
              int len = items(a[0]).length;
              return len == 0 ? null : "[1:" + len + "]";
            })), List.of(a0), PgRelTypes.TEXT) : null;
      }
      case "array_to_string" -> {
        if ((n == 2 || n == 3) && isArray(a0) && textLike(args.get(1)) && (n == 2 || textLike(args.get(2)))) {
          PgType element = PgRelTypes.pg(a0.getComponentType());
          List<RelDataType> types = n == 2 ? List.of(a0, PgRelTypes.TEXT)
              : List.of(a0, PgRelTypes.TEXT, PgRelTypes.TEXT);
          return new Resolved(new PgFunction(name, false, a -> {
            if (a[0] == null || a[1] == null) {
              return null;
            }
            StringBuilder out = new StringBuilder();
            boolean first = true;
            for (Object item : items(a[0])) {
              String s = item == null ? (n == 3 ? (String) a[2] : null) : element.encodeText(item);
              if (s == null) {
                continue;
              }
              if (!first) {
                out.append((String) a[1]);
              }
              out.append(s);
              first = false;
            }
            return out.toString();
          }), types, PgRelTypes.TEXT);
        }
        return null;
      }
      case "string_to_array" -> {
        if ((n == 2 || n == 3) && textLike(a0) && textLike(args.get(1)) && (n == 2 || textLike(args.get(2)))) {
          List<RelDataType> types = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            types.add(PgRelTypes.TEXT);
          }
          return new Resolved(Operators.cached("fn:string_to_array" + n, () -> new PgFunction(name, false,
              a -> stringToArray((String) a[0], (String) a[1], n == 3 ? (String) a[2] : null))),
              types, PgRelTypes.arrayOf(PgRelTypes.TEXT));
        }
        return null;
      }
      case "array_append", "array_prepend", "array_cat", "array_position", "array_remove" -> {
        return polymorphic(name, args);
      }
      default -> {
        return null;
      }
    }
  }

  private static Resolved polymorphic(String name, List<RelDataType> args) {
    if (args.size() != 2) {
      return null;
    }
    boolean elementFirst = name.equals("array_prepend");
    RelDataType array = args.get(elementFirst ? 1 : 0);
    RelDataType other = args.get(elementFirst ? 0 : 1);
    if (!isArray(array)) {
      if (Operators.isUnknown(array) && isArray(other) && name.equals("array_cat")) {
        array = other;
      } else {
        return null;
      }
    }
    RelDataType element = array.getComponentType();
    RelDataType arrayType = PgRelTypes.arrayOf(element);
    switch (name) {
      case "array_cat" -> {
        if (!isArray(other) && !Operators.isUnknown(other)) {
          return null;
        }
        return new Resolved(concat(element), List.of(arrayType, arrayType), arrayType);
      }
      case "array_append", "array_prepend" -> {
        if (!Operators.isUnknown(other) && Operators.comparable(element, other) == null) {
          return null;
        }
        return new Resolved(elementFirst ? prepend(element) : append(element),
            elementFirst ? List.of(element, arrayType) : List.of(arrayType, element), arrayType);
      }
      case "array_position" -> {
        return new Resolved(new PgFunction(name, false, a -> {
          if (a[0] == null) {
            return null;
          }
          Object[] items = items(a[0]);
          for (int i = 0; i < items.length; i++) {
            if (a[1] == null ? items[i] == null : items[i] != null && ValueOrder.equal(items[i], a[1])) {
              return i + 1;
            }
          }
          return null;
        }), List.of(arrayType, element), PgRelTypes.INT4);
      }
      default -> {
        return new Resolved(new PgFunction(name, false, a -> {
          if (a[0] == null) {
            return null;
          }
          List<Object> out = new ArrayList<>();
          for (Object item : items(a[0])) {
            boolean match = a[1] == null ? item == null : item != null && ValueOrder.equal(item, a[1]);
            if (!match) {
              out.add(item);
            }
          }
          return make(element, out.toArray());
        }), List.of(arrayType, element), arrayType);
      }
    }
  }

  /** array || array (NULL arrays are ignored, as array_cat does). */
  static PgFunction concat(RelDataType element) {
    return new PgFunction("||", false, a -> {
      if (a[0] == null) {
        return a[1];
      }
      if (a[1] == null) {
        return a[0];
      }
      Object[] x = items(a[0]);
      Object[] y = items(a[1]);
      Object[] out = new Object[x.length + y.length];
      System.arraycopy(x, 0, out, 0, x.length);
      System.arraycopy(y, 0, out, x.length, y.length);
      return make(element, out);
    });
  }

  static PgFunction append(RelDataType element) {
    return new PgFunction("||", false, a -> {
      Object[] x = a[0] == null ? new Object[0] : items(a[0]);
      Object[] out = java.util.Arrays.copyOf(x, x.length + 1);
      out[x.length] = a[1];
      return make(element, out);
    });
  }

  static PgFunction prepend(RelDataType element) {
    return new PgFunction("||", false, a -> {
      Object[] x = a[1] == null ? new Object[0] : items(a[1]);
      Object[] out = new Object[x.length + 1];
      out[0] = a[0];
      System.arraycopy(x, 0, out, 1, x.length);
      return make(element, out);
    });
  }

  /** Array operators: {@code ||}, {@code @>}, {@code <@}, {@code &&}; null when not arrays. */
  static Resolved operator(String op, RelDataType l, RelDataType r) {
    boolean la = isArray(l);
    boolean ra = isArray(r);
    if (!la && !ra) {
      return null;
    }
    RelDataType element = (la ? l : r).getComponentType();
    RelDataType array = PgRelTypes.arrayOf(element);
    if (la && ra && Operators.comparable(element, r.getComponentType()) == null
        && Operators.comparable(l.getComponentType(), element) == null) {
      return null;
    }
    switch (op) {
      case "||" -> {
        if ((la && ra) || (la && Operators.isUnknown(r) && r.getSqlTypeName() == SqlTypeName.CHAR)
            || (ra && Operators.isUnknown(l) && l.getSqlTypeName() == SqlTypeName.CHAR)) {
          return new Resolved(concat(element), List.of(array, array), array);
        }
        RelDataType other = la ? r : l;
        if (!Operators.isUnknown(other) && Operators.comparable(element, other) == null) {
          return null;
        }
        return la ? new Resolved(append(element), List.of(array, element), array)
            : new Resolved(prepend(element), List.of(element, array), array);
      }
      case "@>", "<@", "&&" -> {
        if (!(la || Operators.isUnknown(l)) || !(ra || Operators.isUnknown(r))) {
          return null;
        }
        return new Resolved(Operators.cached("array" + op, () -> new PgFunction(op, true, a -> {
          Object[] x = items(a[0]);
          Object[] y = items(a[1]);
          return switch (op) {
            case "@>" -> containsAll(x, y);
            case "<@" -> containsAll(y, x);
            default -> overlaps(x, y);
          };
        })), List.of(array, array), PgRelTypes.BOOL);
      }
      default -> {
        return null;
      }
    }
  }

  /** Whether every element of {@code y} is in {@code x} (NULL elements never match). */
  private static boolean containsAll(Object[] x, Object[] y) {
    for (Object b : y) {
      if (b == null || !contains(x, b)) {
        return false;
      }
    }
    return true;
  }

  private static boolean overlaps(Object[] x, Object[] y) {
    for (Object b : y) {
      if (b != null && contains(x, b)) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(Object[] x, Object b) {
    for (Object a : x) {
      if (a != null && ValueOrder.equal(a, b)) {
        return true;
      }
    }
    return false;
  }

  /** PostgreSQL's string_to_array: a NULL delimiter splits into characters. */
  static Object[] stringToArray(String s, String delimiter, String nullString) {
    if (s == null) {
      return null;
    }
    List<Object> out = new ArrayList<>();
    if (s.isEmpty()) {
      return new Object[0];
    }
    if (delimiter == null) {
      s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
    } else if (delimiter.isEmpty()) {
      out.add(s);
    } else {
      int from = 0;
      while (true) {
        int at = s.indexOf(delimiter, from);
        out.add(s.substring(from, at < 0 ? s.length() : at));
        if (at < 0) {
          break;
        }
        from = at + delimiter.length();
      }
    }
    if (nullString != null) {
      for (int i = 0; i < out.size(); i++) {
        if (nullString.equals(out.get(i))) {
          out.set(i, null);
        }
      }
    }
    return out.toArray();
  }

  static boolean intLike(RelDataType t) {
    int rank = PgRelTypes.numericRank(t);
    return (rank >= 0 && rank <= 1) || Operators.isUnknown(t);
  }

  static boolean textLike(RelDataType t) {
    return PgRelTypes.isText(t) || Operators.isUnknown(t);
  }

  /** A value for array-typed results that must not contain arrays: multidimensional input. */
  static PgException multidimensional() {
    return new PgException(SqlState.FEATURE_NOT_SUPPORTED, "multidimensional arrays are not supported");
  }
}
