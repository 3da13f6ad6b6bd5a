package io.s3vector.storage.index.hnsw;

import java.util.Arrays;

/**
 * Which nodes a search has seen: one bit per node, so a searcher reuses one set for every query
 * instead of allocating one each time. On a large graph the marks are read at random like the
 * vectors; at a bit per node they stay in the core's own cache (125 KB at 1M nodes, where a byte
 * per node took the whole 1 MB L2 and missed it on 14% of a build's samples).
 *
 * <p>Clearing: a walk touches a few thousand nodes, so the words it set are remembered and zeroed
 * one by one; a walk that touched more than a sixteenth of the words (a wide filtered search)
 * clears the whole array instead.
 */
final class VisitedSet {
  private long[] words;
  /** Words set since the last clear, while there are few; {@code touchedCount > touched.length} after that. */
  private int[] touched;
  private int touchedCount;

  VisitedSet(int capacity) {
    words = new long[wordsFor(capacity)];
    touched = new int[touchedCapacity(words.length)];
  }

  private static int wordsFor(int capacity) {
    return Math.max(1, (capacity + 63) >>> 6);
  }

  private static int touchedCapacity(int words) {
    return Math.max(64, words >>> 4);
  }

  /** Empties the set and makes room for nodes below {@code capacity}. */
  void clear(int capacity) {
    int needed = wordsFor(capacity);
    if (needed > words.length) {
      words = new long[Math.max(needed, words.length * 2)];
      touched = new int[touchedCapacity(words.length)];
    } else if (touchedCount > touched.length) {
      Arrays.fill(words, 0L);
    } else {
      for (int i = 0; i < touchedCount; i++) {
        words[touched[i]] = 0L;
      }
    }
    touchedCount = 0;
  }

  /** Marks the node; returns false when it was marked already. */
  boolean add(int node) {
    int w = node >>> 6;
    long bit = 1L << node; // the shift takes the low six bits
    long word = words[w];
    if ((word & bit) != 0) {
      return false;
    }
    if (word == 0) {
      if (touchedCount < touched.length) {
        touched[touchedCount] = w;
      }
      touchedCount++;
    }
    words[w] = word | bit;
    return true;
  }
}
