package io.s3vector.sql.exec;

import java.util.Comparator;

/**
 * ORDER BY ... LIMIT k over any input, as PostgreSQL's top-N heapsort: a bounded max-heap of the
 * best {@code capacity} rows by the ORDER BY, then by arrival (so rows equal on every key keep
 * their input order, as the full sort, which is stable, keeps them). O(k) memory instead of the
 * whole input.
 */
final class TopNRows {
  private final Comparator<Object[]> order;
  private final int capacity;
  private Object[][] rows;
  private long[] arrival;
  private int size;
  private long arrived;

  TopNRows(int capacity, Comparator<Object[]> order) {
    this.order = order;
    this.capacity = capacity;
    // grown as rows come: a large LIMIT over a small input allocates little
    rows = new Object[Math.min(capacity, 64)][];
    arrival = new long[rows.length];
  }

  void add(Object[] row) {
    long seq = arrived++;
    if (size < capacity) {
      if (size == rows.length) {
        int grown = (int) Math.min(capacity, 2L * rows.length);
        rows = java.util.Arrays.copyOf(rows, grown);
        arrival = java.util.Arrays.copyOf(arrival, grown);
      }
      rows[size] = row;
      arrival[size] = seq;
      siftUp(size++);
    } else if (capacity > 0 && compare(row, seq, rows[0], arrival[0]) < 0) {
      rows[0] = row;
      arrival[0] = seq;
      siftDown(0);
    }
  }

  /** The kept rows, best first. Empties the heap. */
  Object[][] drainSorted() {
    Object[][] out = new Object[size][];
    while (size > 0) {
      out[size - 1] = rows[0];
      size--;
      rows[0] = rows[size];
      arrival[0] = arrival[size];
      rows[size] = null;
      siftDown(0);
    }
    return out;
  }

  private int compare(Object[] a, long seqA, Object[] b, long seqB) {
    int c = order.compare(a, b);
    return c != 0 ? c : Long.compare(seqA, seqB);
  }

  private boolean after(int i, int j) {
    return compare(rows[i], arrival[i], rows[j], arrival[j]) > 0;
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!after(i, parent)) {
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
      int worst = l + 1 < size && after(l + 1, l) ? l + 1 : l;
      if (!after(worst, i)) {
        return;
      }
      swap(i, worst);
      i = worst;
    }
  }

  private void swap(int a, int b) {
    Object[] row = rows[a];
    rows[a] = rows[b];
    rows[b] = row;
    long s = arrival[a];
    arrival[a] = arrival[b];
    arrival[b] = s;
  }
}
