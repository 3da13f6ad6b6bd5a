package io.s3vector.bench;

import java.util.stream.IntStream;

/** Exact nearest neighbours in double precision, ties broken by the lower row id. */
public final class BruteForce {
  private BruteForce() {}

  /** Ids (row positions) of the k nearest base rows to the query, nearest first. */
  public static int[] topK(float[][] base, float[] query, int k, Metric metric) {
    int n = Math.min(k, base.length);
    int[] ids = new int[n];
    double[] dists = new double[n];
    int size = 0;
    for (int id = 0; id < base.length; id++) {
      double d = metric.distance(base[id], query);
      if (size == n && d >= dists[size - 1]) {
        continue; // not better than the k-th (equal distance: the lower id, already kept, wins)
      }
      int pos = size == n ? size - 1 : size++;
      while (pos > 0 && dists[pos - 1] > d) {
        dists[pos] = dists[pos - 1];
        ids[pos] = ids[pos - 1];
        pos--;
      }
      dists[pos] = d;
      ids[pos] = id;
    }
    return ids;
  }

  /** {@link #topK} for every query, in parallel. */
  public static int[][] topK(float[][] base, float[][] queries, int k, Metric metric) {
    int[][] out = new int[queries.length][];
    IntStream.range(0, queries.length).parallel().forEach(q -> out[q] = topK(base, queries[q], k, metric));
    return out;
  }
}
