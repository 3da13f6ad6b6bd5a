package io.s3vector.sql.functions;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;

/** Ordering and equality of values of one PostgreSQL type, as its btree operator class does. */
public final class ValueOrder {
  private ValueOrder() {}

  /**
   * Compares two non-null values of the same type. Floats order NaN above everything (as
   * PostgreSQL does); vectors compare element by element, then by dimension (pgvector's
   * vector_cmp).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static int compare(Object a, Object b) {
    if (a instanceof Double x && b instanceof Double y) {
      return Double.compare(x == 0.0 ? 0.0 : x, y == 0.0 ? 0.0 : y);
    }
    if (a instanceof Float x && b instanceof Float y) {
      return Float.compare(x == 0.0f ? 0.0f : x, y == 0.0f ? 0.0f : y);
    }
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y);
    }
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return java.util.Arrays.compareUnsigned(x, y); // byteacmp: memcmp, then the length
    }
    if (a instanceof float[] x && b instanceof float[] y) {
      int n = Math.min(x.length, y.length);
      for (int i = 0; i < n; i++) {
        if (x[i] < y[i]) {
          return -1;
        }
        if (x[i] > y[i]) {
          return 1;
        }
      }
      return Integer.compare(x.length, y.length);
    }
    if (a instanceof Object[] x && b instanceof Object[] y) {
      // array_cmp: element by element, a NULL element above any value, then the length.
      int n = Math.min(x.length, y.length);
      for (int i = 0; i < n; i++) {
        if (x[i] == null || y[i] == null) {
          if (x[i] != y[i]) {
            return x[i] == null ? 1 : -1;
          }
          continue;
        }
        int c = compare(x[i], y[i]);
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(x.length, y.length);
    }
    if (a instanceof Number x && b instanceof Number y) {
      return Long.compare(x.longValue(), y.longValue());
    }
    if (a instanceof String x && b instanceof String y) {
      return compareText(x, y);
    }
    return ((Comparable) a).compareTo(b);
  }

  /**
   * Text in the "C" collation the server's database has (as {@code initdb --no-locale}): the
   * order of the UTF-8 bytes, which is code point order. String.compareTo compares UTF-16 units,
   * which puts a character above U+FFFF (a surrogate pair, D800-DFFF) before U+E000-U+FFFF.
   */
  public static int compareText(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return codePointRank(x) - codePointRank(y);
      }
    }
    return a.length() - b.length();
  }

  /** A UTF-16 unit's rank in code point order: surrogates above U+E000-U+FFFF. */
  private static int codePointRank(char c) {
    if (c < 0xD800) {
      return c;
    }
    return c >= 0xE000 ? c - 0x800 : c + 0x2000;
  }

  public static boolean equal(Object a, Object b) {
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof float[] x && b instanceof float[] y) {
      return Arrays.equals(x, y);
    }
    return compare(a, b) == 0;
  }

  /** An ordering of rows by one column with PostgreSQL's NULLS FIRST/LAST. */
  public static Comparator<Object[]> byColumn(int column, boolean descending, boolean nullsFirst) {
    return (r1, r2) -> {
      Object a = r1[column];
      Object b = r2[column];
      if (a == null || b == null) {
        if (a == b) {
          return 0;
        }
        return (a == null) == nullsFirst ? -1 : 1;
      }
      int c = compare(a, b);
      return descending ? -c : c;
    };
  }
}
