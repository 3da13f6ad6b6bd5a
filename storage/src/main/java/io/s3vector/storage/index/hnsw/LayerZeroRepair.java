package io.s3vector.storage.index.hnsw;

/**
 * Links the nodes a finished build left unreachable on layer 0 back into the graph. The
 * neighbour-selection heuristic and the pruning of full lists can drop every link into a node (or
 * a small group), typically an outlier beside a dense cluster; no search can then return it. As
 * Lucene's {@code connectComponents}: walk layer 0 from the entry point, and for each node not
 * reached (in id order, so a single-threaded build stays deterministic) search the reached part
 * for its nearest nodes, add it to the nearest one's list that has room, then mark everything
 * reachable through it. A node whose candidates are all full stays unreachable, as in Lucene,
 * rather than cutting another node's link. Runs once after the build, on one thread.
 */
final class LayerZeroRepair {

  private LayerZeroRepair() {}

  /** Returns how many unreachable nodes were linked (for tests and the curious). */
  static int connect(HnswGraph g) {
    if (g.entryPoint < 0) {
      return 0;
    }
    boolean[] reached = new boolean[g.size];
    int[] queue = new int[g.size];
    walk(g, g.entryPoint, reached, queue);
    LayerSearch search = new LayerSearch(null);
    float[] query = new float[g.dim];
    NodeDistance toQuery = g.floatDistance(query);
    int[] arr = g.layer0;
    int m0 = g.params.m0();
    int linked = 0;
    for (int node = 0; node < g.size; node++) {
      if (reached[node] || g.levels[node] == HnswGraph.ABSENT) {
        continue;
      }
      System.arraycopy(g.vectors, node * g.dim, query, 0, g.dim);
      search.search(g, toQuery, g.entryPoint, g.params.efConstruction(), 0, n -> reached[n]);
      // the heap pops farthest first: keep the last node with room, the nearest one
      int target = -1;
      for (NodeHeap results = search.results; !results.isEmpty(); results.pop()) {
        int candidate = results.topNode();
        if (arr[g.neighboursOffset(candidate, 0)] < m0) {
          target = candidate;
        }
      }
      if (target >= 0) {
        int base = g.neighboursOffset(target, 0);
        arr[base + 1 + arr[base]] = node;
        arr[base]++;
        walk(g, node, reached, queue);
        linked++;
      }
    }
    return linked;
  }

  /** Marks every node reachable on layer 0 from {@code start} (breadth first). */
  private static void walk(HnswGraph g, int start, boolean[] reached, int[] queue) {
    int head = 0;
    int tail = 0;
    reached[start] = true;
    queue[tail++] = start;
    while (head < tail) {
      int node = queue[head++];
      int base = g.neighboursOffset(node, 0);
      for (int i = 1; i <= g.layer0[base]; i++) {
        int nb = g.layer0[base + i];
        if (!reached[nb]) {
          reached[nb] = true;
          queue[tail++] = nb;
        }
      }
    }
  }
}
