package io.s3vector.storage.index.hnsw;

/**
 * Striped monitors guarding neighbour lists during a parallel build: a node's list is read and
 * rewritten only while holding {@link #of(int)}. Striping keeps memory flat (no object per node);
 * with few build threads, two nodes sharing a stripe rarely costs a wait.
 */
final class NodeLocks {
  private static final int STRIPES = 4096;
  private final Object[] stripes = new Object[STRIPES];

  NodeLocks() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Object();
    }
  }

  Object of(int node) {
    return stripes[node & (STRIPES - 1)];
  }
}
