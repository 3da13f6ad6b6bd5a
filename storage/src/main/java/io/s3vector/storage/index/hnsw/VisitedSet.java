package io.s3vector.storage.index.hnsw;

/**
 * Which nodes a search has seen, cleared in O(1) by bumping a generation number, so a searcher
 * reuses one array for every query instead of allocating a set each time.
 */
final class VisitedSet {
  private int[] marks;
  private int generation = 1;

  VisitedSet(int capacity) {
    marks = new int[Math.max(16, capacity)];
  }

  void clear(int capacity) {
    if (capacity > marks.length) {
      marks = new int[Math.max(capacity, marks.length * 2)];
      generation = 1;
      return;
    }
    if (++generation == Integer.MAX_VALUE) {
      java.util.Arrays.fill(marks, 0);
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
