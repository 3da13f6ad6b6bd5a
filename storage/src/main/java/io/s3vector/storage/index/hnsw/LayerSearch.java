package io.s3vector.storage.index.hnsw;

import java.util.function.IntPredicate;

/**
 * The HNSW graph walk (the paper's SEARCH-LAYER) with reusable scratch: a visited set, a min-heap
 * of candidates to expand, a max-heap of the best results so far and a copy of the neighbour list
 * being expanded. One instance per thread; not thread-safe.
 *
 * <p>During a parallel build other threads rewrite neighbour lists, so each list is copied under
 * its node's lock ({@link NodeLocks}); a finished graph is immutable and read without locks.
 */
final class LayerSearch {
  private final VisitedSet visited = new VisitedSet(1024);
  private final NodeHeap candidates = NodeHeap.minHeap(256);
  final NodeHeap results = NodeHeap.maxHeap(256);
  private final NodeLocks locks;
  private int[] neighbours = new int[64];
  private float[] distances = new float[64];

  /** {@code locks}: the build's node locks, or null to read a finished graph. */
  LayerSearch(NodeLocks locks) {
    this.locks = locks;
  }

  /** Copies (node, layer)'s neighbour list to {@link #neighbours}; returns its length. */
  private int copyNeighbours(HnswGraph g, int node, int layer) {
    int[] arr = g.neighboursArray(layer);
    int off = g.neighboursOffset(node, layer);
    if (locks == null) {
      int count = arr[off];
      System.arraycopy(arr, off + 1, neighbours(count), 0, count);
      return count;
    }
    synchronized (locks.of(node)) {
      int count = arr[off];
      System.arraycopy(arr, off + 1, neighbours(count), 0, count);
      return count;
    }
  }

  private float[] distances(int count) {
    if (distances.length < count) {
      distances = new float[count * 2];
    }
    return distances;
  }

  private int[] neighbours(int count) {
    if (neighbours.length < count) {
      neighbours = new int[count * 2];
    }
    return neighbours;
  }

  /** Feeds the loads of {@link #touchNextLists}; never read. */
  private int sink;

  /**
   * Loads the neighbour-list heads of the candidates likely expanded next (the heap's top and its
   * children), so that those lists' cache misses overlap this expansion's instead of starting
   * when the next one begins: on a graph larger than the cache, an expansion is a miss on its
   * list followed by misses on the neighbours' vectors, one after the other.
   */
  private void touchNextLists(HnswGraph g, int layer) {
    int[] arr = g.neighboursArray(layer);
    int n = Math.min(candidates.size(), 3);
    int s = 0;
    for (int i = 0; i < n; i++) {
      s += arr[g.neighboursOffset(candidates.nodeAt(i), layer)];
    }
    sink += s;
  }

  /** Greedy descent on one upper layer: the closest node reachable from {@code entry}. */
  int greedyClosest(HnswGraph g, NodeDistance query, int entry, int layer) {
    int best = entry;
    float bestDist = query.to(entry);
    boolean improved = true;
    while (improved) {
      improved = false;
      int count = copyNeighbours(g, best, layer);
      int[] list = neighbours;
      float[] dists = distances(count);
      query.toAll(list, count, dists);
      for (int i = 0; i < count; i++) {
        int nb = list[i];
        float d = dists[i];
        if (d < bestDist || (d == bestDist && nb < best)) {
          bestDist = d;
          best = nb;
          improved = true;
        }
      }
    }
    return best;
  }

  /**
   * Fills {@link #results} with up to {@code ef} nodes of {@code layer} nearest to the query,
   * starting from {@code entry}. With a filter, only accepted nodes enter the results, but every
   * node is walked through, so the search keeps going until it has {@code ef} accepted nodes or
   * the reachable graph is exhausted (the adaptive widening of a filtered search: a selective
   * filter makes the walk wider, never the result shorter).
   */
  void search(HnswGraph g, NodeDistance query, int entry, int ef, int layer, IntPredicate accept) {
    visited.clear(g.size);
    candidates.clear();
    results.clear();
    float d0 = query.to(entry);
    visited.add(entry);
    candidates.push(d0, entry);
    if (accept == null || accept.test(entry)) {
      results.push(d0, entry);
    }
    while (!candidates.isEmpty()) {
      float cd = candidates.topDistance();
      int c = candidates.topNode();
      if (results.size() >= ef && cd > results.topDistance()) {
        break;
      }
      candidates.pop();
      touchNextLists(g, layer);
      int count = copyNeighbours(g, c, layer);
      int[] list = neighbours;
      // Three tight passes rather than one: the visited marks and then the vectors (or codes) of all fresh
      // neighbours are loaded without a heap update in between, so the CPU overlaps their cache
      // misses; on a graph larger than the cache, that is most of the time of a walk.
      int fresh = 0;
      for (int i = 0; i < count; i++) {
        int nb = list[i];
        if (visited.add(nb)) {
          list[fresh++] = nb;
        }
      }
      float[] dists = distances(fresh);
      query.toAll(list, fresh, dists);
      for (int i = 0; i < fresh; i++) {
        int nb = list[i];
        float d = dists[i];
        if (results.size() < ef || d < results.topDistance()) {
          candidates.push(d, nb);
          if (accept == null || accept.test(nb)) {
            results.push(d, nb);
            if (results.size() > ef) {
              results.pop();
            }
          }
        }
      }
    }
  }
}
