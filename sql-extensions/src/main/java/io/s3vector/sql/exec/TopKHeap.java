package io.s3vector.sql.exec;

/**
 * A bounded max-heap of the best {@code capacity} rows by (distance, row number): the root is the
 * worst kept row, so a candidate enters only when it beats the root. Primitive arrays; rows are
 * materialised only when they enter.
 */
final class TopKHeap {
  private final double[] distance;
  private final long[] rowNumber;
  private final Object[][] rows;
  private int size;

  TopKHeap(int capacity) {
    distance = new double[capacity];
    rowNumber = new long[capacity];
    rows = new Object[capacity][];
  }

  int size() {
    return size;
  }

  boolean isFull() {
    return size == distance.length;
  }

  /** Whether a row with this distance and number would enter the heap. */
  boolean accepts(double d, long rowNo) {
    return distance.length > 0 && (size < distance.length || worse(distance[0], rowNumber[0], d, rowNo));
  }

  void add(double d, long rowNo, Object[] row) {
    if (size < distance.length) {
      int i = size++;
      set(i, d, rowNo, row);
      siftUp(i);
    } else {
      set(0, d, rowNo, row);
      siftDown(0);
    }
  }

  /** The kept rows, best first. Empties the heap. */
  Object[][] drainSorted() {
    Object[][] out = new Object[size][];
    for (int i = size - 1; i >= 0; i--) {
      out[i] = rows[0];
      size--;
      if (size > 0) {
        set(0, distance[size], rowNumber[size], rows[size]);
        siftDown(0);
      }
    }
    return out;
  }

  /** Whether (d1, r1) orders after (d2, r2): NaN after all numbers (as PostgreSQL's float8). */
  private static boolean worse(double d1, long r1, double d2, long r2) {
    int c = Double.compare(d1, d2);
    return c > 0 || (c == 0 && r1 > r2);
  }

  private void set(int i, double d, long r, Object[] row) {
    distance[i] = d;
    rowNumber[i] = r;
    rows[i] = row;
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!worse(distance[i], rowNumber[i], distance[parent], rowNumber[parent])) {
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
      if (r < size && worse(distance[r], rowNumber[r], distance[l], rowNumber[l])) {
        worst = r;
      }
      if (!worse(distance[worst], rowNumber[worst], distance[i], rowNumber[i])) {
        return;
      }
      swap(i, worst);
      i = worst;
    }
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
  }
}
