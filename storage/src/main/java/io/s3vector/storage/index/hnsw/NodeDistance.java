package io.s3vector.storage.index.hnsw;

/**
 * The graph distance from one query to a node, as the walk ({@link LayerSearch}) measures it:
 * over the float32 vectors while a graph is built or extended, over the int8 codes in a loaded
 * or cached graph ({@link HnswGraph#walkDistance}). Made once per query (or per inserted node).
 */
@FunctionalInterface
interface NodeDistance {

  float to(int node);

  /** {@code out[i] = to(nodes[i])} for {@code i < count}; a form may measure them together. */
  default void toAll(int[] nodes, int count, float[] out) {
    for (int i = 0; i < count; i++) {
      out[i] = to(nodes[i]);
    }
  }
}
