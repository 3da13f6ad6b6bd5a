package io.s3vector.storage.vector;

/**
 * The k nearest rows seen so far: a bounded max-heap on two primitive arrays, so an exact scan
 * keeps {@code O(k)} memory and never sorts all distances. Order is (distance, row number): ties
 * go to the smaller row number, so results are deterministic; NaN distances sort after all others,
 * as PostgreSQL orders NaN. Not thread-safe: one per scanning thread, then {@link #addAll} to merge.
 */
public final class TopK {

  private final int k;
  private final double[] distances;
  private final long[] rows;
  private int size;

  public TopK(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("k must be >= 0: " + k);
    }
    this.k = k;
    this.distances = new double[k];
    this.rows = new long[k];
  }

  public int k() {
    return k;
  }

  public int size() {
    return size;
  }

  public boolean isFull() {
    return size == k;
  }

  /**
   * The distance a candidate must not exceed to be kept: the worst kept one when full, else
   * positive infinity. Lets a scan skip work for candidates that cannot enter.
   */
  public double threshold() {
    return size == k && k > 0 ? distances[0] : Double.POSITIVE_INFINITY;
  }

  /** Offers a candidate; returns whether it was kept. */
  public boolean offer(double distance, long rowNumber) {
    if (size < k) {
      distances[size] = distance;
      rows[size] = rowNumber;
      siftUp(size++);
      return true;
    }
    if (k == 0 || compare(distance, rowNumber, distances[0], rows[0]) >= 0) {
      return false;
    }
    distances[0] = distance;
    rows[0] = rowNumber;
    siftDown(distances, rows, 0, size);
    return true;
  }

  /** Offers every candidate kept by {@code other} (merging per-segment or per-thread results). */
  public void addAll(TopK other) {
    for (int i = 0; i < other.size; i++) {
      offer(other.distances[i], other.rows[i]);
    }
  }

  public void clear() {
    size = 0;
  }

  /**
   * Writes the kept candidates in ascending (distance, row number) order to the arrays (each at
   * least {@link #size()} long) and returns how many; the heap itself is unchanged.
   */
  public int sorted(double[] outDistances, long[] outRows) {
    // the copy is a valid max-heap: heapsort it in place into ascending order
    System.arraycopy(distances, 0, outDistances, 0, size);
    System.arraycopy(rows, 0, outRows, 0, size);
    for (int end = size - 1; end > 0; end--) {
      double d = outDistances[0];
      long r = outRows[0];
      outDistances[0] = outDistances[end];
      outRows[0] = outRows[end];
      outDistances[end] = d;
      outRows[end] = r;
      siftDown(outDistances, outRows, 0, end);
    }
    return size;
  }

  /** The kept row numbers, nearest first. */
  public long[] sortedRowNumbers() {
    long[] out = new long[size];
    sorted(new double[size], out);
    return out;
  }

  /** The kept distances, nearest first. */
  public double[] sortedDistances() {
    double[] out = new double[size];
    sorted(out, new long[size]);
    return out;
  }

  /** (distance, row) order with NaN last; -0.0 equals 0.0 as in PostgreSQL. */
  static int compare(double d1, long r1, double d2, long r2) {
    boolean nan1 = Double.isNaN(d1);
    boolean nan2 = Double.isNaN(d2);
    if (nan1 != nan2) {
      return nan1 ? 1 : -1;
    }
    if (!nan1) {
      if (d1 < d2) {
        return -1;
      }
      if (d1 > d2) {
        return 1;
      }
    }
    return Long.compare(r1, r2);
  }

  private void siftUp(int i) {
    double d = distances[i];
    long r = rows[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (compare(d, r, distances[parent], rows[parent]) <= 0) {
        break;
      }
      distances[i] = distances[parent];
      rows[i] = rows[parent];
      i = parent;
    }
    distances[i] = d;
    rows[i] = r;
  }

  private static void siftDown(double[] distances, long[] rows, int i, int size) {
    double d = distances[i];
    long r = rows[i];
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && compare(distances[right], rows[right], distances[child], rows[child]) > 0) {
        child = right;
      }
      if (compare(d, r, distances[child], rows[child]) >= 0) {
        break;
      }
      distances[i] = distances[child];
      rows[i] = rows[child];
      i = child;
    }
    distances[i] = d;
    rows[i] = r;
  }
}
