package io.s3vector.storage.keys;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The values of a unique key in one segment, sorted, with the row position of each: finds the
 * rows holding a key by binary search. Segments are immutable, so an index built once serves
 * every later commit; deletions are applied by the caller. Rows whose key has a NULL are kept
 * apart, unsorted: a key whose NULLs are distinct (PostgreSQL's default) never looks them up, and
 * one declared NULLS NOT DISTINCT admits at most one live row per pattern of NULLs, so they are
 * few.
 */
public final class KeyIndex {

  /** Keys of the indexed rows, sorted ({@link #compare}); a key is an {@code Object[]} of values. */
  private final Object[][] keys;
  private final int[] positions;
  /** The rows kept apart for a NULL in their key: their positions (what ADD PRIMARY KEY checks). */
  private final int[] nullPositions;
  /** The keys of the rows at {@link #nullPositions}. */
  private final Object[][] nullKeys;
  /**
   * The keys as longs when the key is one integer column (the usual primary key), else null: a
   * commit looks its keys up in every segment of the table, and comparing boxed values through
   * {@link #compare} was most of that.
   */
  private final long[] integers;
  private static final int[] NONE = new int[0];

  private KeyIndex(Object[][] keys, int[] positions, int[] nullPositions, Object[][] nullKeys) {
    this.keys = keys;
    this.positions = positions;
    this.nullPositions = nullPositions;
    this.nullKeys = nullKeys;
    this.integers = integers(keys);
  }

  private static long[] integers(Object[][] keys) {
    long[] out = new long[keys.length];
    for (int i = 0; i < keys.length; i++) {
      if (keys[i].length != 1 || !isInteger(keys[i][0])) {
        return null;
      }
      out[i] = ((Number) keys[i][0]).longValue();
    }
    return out;
  }

  private static boolean isInteger(Object value) {
    return value instanceof Long || value instanceof Integer || value instanceof Short;
  }

  /** The index of {@code keys.get(i)} at position {@code i}; null entries are skipped. */
  public static KeyIndex of(List<Object[]> keys) {
    int n = keys.size();
    int[] order = new int[n];
    int count = 0;
    List<Integer> nulls = new ArrayList<>();
    // one integer column (the usual primary key) is sorted as longs: comparing boxed keys through
    // compare() was most of the cost of indexing a merged segment of many rows
    long[] integers = new long[n];
    boolean integral = true;
    for (int i = 0; i < n; i++) {
      Object[] key = keys.get(i);
      if (key == null) {
        continue;
      }
      if (hasNull(key)) {
        nulls.add(i);
        continue;
      }
      order[count++] = i;
      if (integral && key.length == 1 && isInteger(key[0])) {
        integers[i] = ((Number) key[0]).longValue();
      } else {
        integral = false;
      }
    }
    int[] positions = Arrays.copyOf(order, count);
    if (integral) {
      sortBy(positions, integers);
    } else {
      Integer[] boxed = new Integer[count];
      for (int i = 0; i < count; i++) {
        boxed[i] = positions[i];
      }
      Arrays.sort(boxed, (a, b) -> compare(keys.get(a), keys.get(b)));
      for (int i = 0; i < count; i++) {
        positions[i] = boxed[i];
      }
    }
    Object[][] sorted = new Object[count][];
    for (int i = 0; i < count; i++) {
      sorted[i] = keys.get(positions[i]);
    }
    int[] nullPositions = nulls.stream().mapToInt(Integer::intValue).toArray();
    Object[][] nullKeys = new Object[nullPositions.length][];
    for (int i = 0; i < nullKeys.length; i++) {
      nullKeys[i] = keys.get(nullPositions[i]);
    }
    return new KeyIndex(sorted, positions, nullPositions, nullKeys);
  }

  /** Sorts {@code order} (indexes into {@code values}) by value, stably: a merge sort on ints. */
  static void sortBy(int[] order, long[] values) {
    int n = order.length;
    int run = 32;
    for (int lo = 0; lo < n; lo += run) {
      int hi = Math.min(lo + run, n);
      for (int i = lo + 1; i < hi; i++) {
        int item = order[i];
        long value = values[item];
        int j = i - 1;
        while (j >= lo && values[order[j]] > value) {
          order[j + 1] = order[j];
          j--;
        }
        order[j + 1] = item;
      }
    }
    int[] from = order;
    int[] to = new int[n];
    for (int width = run; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + 2 * width, n);
        int a = lo;
        int b = mid;
        for (int k = lo; k < hi; k++) {
          to[k] = b >= hi || (a < mid && values[from[a]] <= values[from[b]]) ? from[a++] : from[b++];
        }
      }
      int[] swap = from;
      from = to;
      to = swap;
    }
    if (from != order) {
      System.arraycopy(from, 0, order, 0, n);
    }
  }

  /** Whether a row {@code deleted} does not hold has a NULL in its key. */
  public boolean hasLiveNull(io.s3vector.storage.segment.DeletionSet deleted) {
    for (int position : nullPositions) {
      if (!deleted.contains(position)) {
        return true;
      }
    }
    return false;
  }

  public static boolean hasNull(Object[] key) {
    for (Object value : key) {
      if (value == null) {
        return true;
      }
    }
    return false;
  }

  /**
   * The positions of the rows holding {@code key} (several when older versions were deleted); for
   * a key with a NULL, the rows holding NULL where it does and its values elsewhere (what a key
   * declared NULLS NOT DISTINCT looks up).
   */
  public int[] find(Object[] key) {
    if (hasNull(key)) {
      return findWithNull(key);
    }
    if (integers != null && key.length == 1 && isInteger(key[0])) {
      return find(((Number) key[0]).longValue());
    }
    int lo = 0;
    int hi = keys.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compare(keys[mid], key) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    int end = lo;
    while (end < keys.length && compare(keys[end], key) == 0) {
      end++;
    }
    return Arrays.copyOfRange(positions, lo, end);
  }

  private int[] find(long key) {
    int lo = 0;
    int hi = integers.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (integers[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    int end = lo;
    while (end < integers.length && integers[end] == key) {
      end++;
    }
    return end == lo ? NONE : Arrays.copyOfRange(positions, lo, end);
  }

  private int[] findWithNull(Object[] key) {
    int[] found = NONE;
    for (int i = 0; i < nullKeys.length; i++) {
      if (compare(nullKeys[i], key) == 0) {
        found = Arrays.copyOf(found, found.length + 1);
        found[found.length - 1] = nullPositions[i];
      }
    }
    return found;
  }

  /**
   * The keys of the rows {@code deleted} does not hold: those without a NULL in key order, then
   * those with one.
   */
  public List<Object[]> liveKeys(io.s3vector.storage.segment.DeletionSet deleted) {
    List<Object[]> live = new ArrayList<>(keys.length);
    for (int i = 0; i < keys.length; i++) {
      if (!deleted.contains(positions[i])) {
        live.add(keys[i]);
      }
    }
    for (int i = 0; i < nullKeys.length; i++) {
      if (!deleted.contains(nullPositions[i])) {
        live.add(nullKeys[i]);
      }
    }
    return live;
  }

  /** An empty set of keys ordered as indexes order them (for duplicates within one write). */
  public static java.util.TreeSet<Object[]> newKeySet() {
    return new java.util.TreeSet<>(KeyIndex::compare);
  }

  public int size() {
    return keys.length;
  }

  /** Approximate heap bytes, for the cache. */
  public long bytes() {
    long bytes = 64 + 12L * keys.length + 12L * nullPositions.length
        + (integers == null ? 0 : 8L * integers.length);
    for (Object[] key : keys) {
      bytes += 16 + 8L * key.length;
      for (Object value : key) {
        bytes += value instanceof String s ? 40 + s.length() : 16;
      }
    }
    return bytes;
  }

  /**
   * Orders keys value by value. Values of one column have one Java class (the column type's);
   * numbers of different classes compare by value, so a key given as a Long finds an int column's
   * row. A NULL equals a NULL and comes first (NULLS NOT DISTINCT keys).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static int compare(Object[] a, Object[] b) {
    for (int i = 0; i < a.length; i++) {
      Object x = a[i];
      Object y = b[i];
      int c;
      if (x == null || y == null) {
        c = x == null ? (y == null ? 0 : -1) : 1;
      } else if (x instanceof Number m && y instanceof Number n && x.getClass() != y.getClass()) {
        if (m instanceof Double || m instanceof Float || n instanceof Double || n instanceof Float) {
          c = Double.compare(m.doubleValue(), n.doubleValue());
        } else if (m instanceof java.math.BigDecimal || n instanceof java.math.BigDecimal) {
          c = decimal(m).compareTo(decimal(n));
        } else {
          c = Long.compare(m.longValue(), n.longValue());
        }
      } else if (x instanceof byte[] m && y instanceof byte[] n) {
        c = java.util.Arrays.compareUnsigned(m, n);
      } else {
        c = ((Comparable) x).compareTo(y);
      }
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static java.math.BigDecimal decimal(Number n) {
    return n instanceof java.math.BigDecimal d ? d : java.math.BigDecimal.valueOf(n.longValue());
  }
}
