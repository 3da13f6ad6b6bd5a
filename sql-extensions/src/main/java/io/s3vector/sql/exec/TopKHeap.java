package io.s3vector.sql.exec;

/**
 * A bounded max-heap of the best {@code capacity} rows in the order of {@code ORDER BY distance,
 * later keys}: distance (NaN after every number, -0 equal to 0, as PostgreSQL's float8), then the
 * {@link LaterKeys} (if any), then row number (commit order, for rows equal on every key). The
 * root is the worst kept row, so a candidate enters only when it beats the root.
 *
 * <p>Primitive arrays: a candidate is tested with {@link #mayAccept} on its distance and row
 * number alone, and materialised only when it may enter. The later keys are computed lazily, for
 * a row only once its distance ties with another's (a slot caches them), so a query whose k-th
 * distance is not tied never evaluates them.
 */
final class TopKHeap {
  private final int capacity;
  /** Slots 0..size-1 are the heap; slot {@code capacity} holds the candidate being offered. */
  private final double[] distance;
  private final long[] rowNumber;
  private final Object[][] rows;
  private final Object[][] keys;
  private final LaterKeys laterKeys;
  private final ExecContext ctx;
  private int size;

  /** @param laterKeys the keys after the distance, or null */
  TopKHeap(int capacity, LaterKeys laterKeys, ExecContext ctx) {
    this.capacity = capacity;
    distance = new double[capacity + 1];
    rowNumber = new long[capacity + 1];
    rows = new Object[capacity + 1][];
    keys = new Object[capacity + 1][];
    this.laterKeys = laterKeys;
    this.ctx = ctx;
  }

  int size() {
    return size;
  }

  /**
   * Whether a row with this distance and number could enter the heap: false only when it surely
   * cannot (no row needs materialising then). A row tied with the worst kept one on the distance
   * may enter when later keys decide; {@link #offer} then compares them.
   */
  boolean mayAccept(double d, long rowNo) {
    if (size < capacity) {
      return true;
    }
    if (capacity == 0) {
      return false;
    }
    int c = compareDistance(d, distance[0]);
    if (c != 0) {
      return c < 0;
    }
    return laterKeys != null || rowNo < rowNumber[0];
  }

  /** Offers a row; returns whether it was kept. */
  boolean offer(double d, long rowNo, Object[] row) {
    int candidate = capacity;
    distance[candidate] = d;
    rowNumber[candidate] = rowNo;
    rows[candidate] = row;
    keys[candidate] = null;
    if (size < capacity) {
      move(candidate, size);
      siftUp(size++);
      return true;
    }
    if (capacity == 0 || compare(candidate, 0) >= 0) {
      rows[candidate] = null;
      keys[candidate] = null;
      return false;
    }
    move(candidate, 0);
    siftDown(0);
    return true;
  }

  /** The kept rows, best first. Empties the heap. */
  Object[][] drainSorted() {
    Object[][] out = new Object[size][];
    while (size > 0) {
      out[size - 1] = rows[0];
      size--;
      if (size > 0) {
        move(size, 0);
        siftDown(0);
      }
    }
    return out;
  }

  /** PostgreSQL's float8 order: NaN after every number (and equal to NaN), -0 equal to 0. */
  static int compareDistance(double a, double b) {
    if (a < b) {
      return -1;
    }
    if (a > b) {
      return 1;
    }
    boolean nanA = Double.isNaN(a);
    boolean nanB = Double.isNaN(b);
    return nanA == nanB ? 0 : nanA ? 1 : -1;
  }

  /** The order of two slots: negative when slot {@code i} comes first. */
  private int compare(int i, int j) {
    int c = compareDistance(distance[i], distance[j]);
    if (c != 0) {
      return c;
    }
    if (laterKeys != null) {
      c = laterKeys.compare(keysOf(i), keysOf(j));
      if (c != 0) {
        return c;
      }
    }
    return Long.compare(rowNumber[i], rowNumber[j]);
  }

  private Object[] keysOf(int slot) {
    Object[] k = keys[slot];
    if (k == null) {
      k = laterKeys.values(rows[slot], ctx);
      keys[slot] = k;
    }
    return k;
  }

  private void move(int from, int to) {
    distance[to] = distance[from];
    rowNumber[to] = rowNumber[from];
    rows[to] = rows[from];
    keys[to] = keys[from];
  }

  private void swap(int a, int b) {
    double d = distance[a];
    distance[a] = distance[b];
    distance[b] = d;
    long r = rowNumber[a];
    rowNumber[a] = rowNumber[b];
    rowNumber[b] = r;
    Object[] row = rows[a];
    rows[a] = rows[b];
    rows[b] = row;
    Object[] k = keys[a];
    keys[a] = keys[b];
    keys[b] = k;
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (compare(i, parent) <= 0) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int l = 2 * i + 1;
      if (l >= size) {
        return;
      }
      int worst = l;
      int r = l + 1;
      if (r < size && compare(r, l) > 0) {
        worst = r;
      }
      if (compare(worst, i) <= 0) {
        return;
      }
      swap(i, worst);
      i = worst;
    }
  }
}
