package io.s3vector.sql.exec;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Objects;

/**
 * Grouping/DISTINCT key: values compared as PostgreSQL's hash opclasses compare them: vectors and
 * arrays by content, numerics by value ({@code 1.50} and {@code 1.500} are one group, as {@code
 * numeric_eq} says).
 */
record GroupKey(Object[] values) {
  @Override
  public boolean equals(Object o) {
    return o instanceof GroupKey k && sameArray(values, k.values);
  }

  @Override
  public int hashCode() {
    return arrayHash(values);
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    if (a instanceof Object[] x && b instanceof Object[] y) {
      return sameArray(x, y);
    }
    return Objects.deepEquals(a, b);
  }

  private static boolean sameArray(Object[] a, Object[] b) {
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (!same(a[i], b[i])) {
        return false;
      }
    }
    return true;
  }

  private static int hash(Object v) {
    return switch (v) {
      case null -> 0;
      case BigDecimal d -> d.signum() == 0 ? 0 : d.stripTrailingZeros().hashCode();
      case Object[] a -> arrayHash(a);
      case float[] f -> Arrays.hashCode(f);
      default -> Arrays.deepHashCode(new Object[] {v});
    };
  }

  private static int arrayHash(Object[] values) {
    int h = 1;
    for (Object v : values) {
      h = 31 * h + hash(v);
    }
    return h;
  }
}
