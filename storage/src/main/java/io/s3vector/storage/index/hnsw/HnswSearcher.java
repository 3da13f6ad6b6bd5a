package io.s3vector.storage.index.hnsw;

import java.util.function.IntPredicate;

/**
 * k-nearest-neighbour search over a finished {@link HnswGraph}: greedy descent through the upper
 * layers, then a beam of width {@code ef} on layer 0. Holds per-thread scratch that grows to the
 * largest graph and ef seen, so a query allocates nothing per node; one instance per thread (e.g.
 * in a ThreadLocal).
 */
public final class HnswSearcher {
  private final LayerSearch search = new LayerSearch(null);
  private int[] nodes = new int[64];
  private float[] distances = new float[64];

  /**
   * Finds up to {@code ef} accepted nodes nearest to {@code query} (the caller's vector; normalised
   * here for cosine) and returns how many, ranked by the graph's own vectors: the code distances
   * in a graph with codes, so the caller re-ranks them exactly; read them nearest first with {@link #node} and {@link
   * #graphDistance}, valid until the next search. {@code accept} (nullable) filters node ids
   * during the walk.
   */
  public int search(HnswGraph g, float[] query, int ef, IntPredicate accept) {
    if (g.entryPoint < 0 || ef <= 0) {
      return 0;
    }
    NodeDistance q = g.walkDistance(query);
    int ep = g.entryPoint;
    for (int layer = g.maxLevel; layer > 0; layer--) {
      ep = search.greedyClosest(g, q, ep, layer);
    }
    search.search(g, q, ep, ef, 0, accept);
    NodeHeap results = search.results;
    int n = results.size();
    if (nodes.length < n) {
      nodes = new int[n * 2];
      distances = new float[n * 2];
    }
    for (int i = n - 1; i >= 0; i--) {
      distances[i] = results.topDistance();
      nodes[i] = results.topNode();
      results.pop();
    }
    return n;
  }

  /** The i-th result of the last search, nearest first. */
  public int node(int i) {
    return nodes[i];
  }

  /** The graph distance of the i-th result ({@link HnswGraph#toSqlDistance} converts it). */
  public float graphDistance(int i) {
    return distances[i];
  }
}
