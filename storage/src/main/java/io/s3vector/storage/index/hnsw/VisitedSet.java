package io.s3vector.storage.index.hnsw;

import java.util.Arrays;

/**
 * Which nodes a search has seen, cleared in O(1) by bumping a generation number, so a searcher
 * reuses one array for every query instead of allocating a set each time. One byte per node (the
 * array is cleared for real every 255 searches): a quarter of the cache an int per node would
 * take, and on a large graph the marks miss the cache about as often as the vectors do.
 */
final class VisitedSet {
  private byte[] marks;
  private byte generation = 1;

  VisitedSet(int capacity) {
    marks = new byte[Math.max(16, capacity)];
  }

  void clear(int capacity) {
    if (capacity > marks.length) {
      marks = new byte[Math.max(capacity, marks.length * 2)];
      generation = 1;
      return;
    }
    if (++generation == 0) {
      Arrays.fill(marks, (byte) 0);
      generation = 1;
    }
  }

  /** Marks the node; returns false when it was marked already. */
  boolean add(int node) {
    if (marks[node] == generation) {
      return false;
    }
    marks[node] = generation;
    return true;
  }
}
