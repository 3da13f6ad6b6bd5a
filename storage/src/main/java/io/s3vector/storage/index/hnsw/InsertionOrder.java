package io.s3vector.storage.index.hnsw;

/**
 * The order a build inserts a graph's nodes in when it knows which rows lie near each other (an
 * IVF's lists: rows of one cluster together).
 *
 * <p>Why: an insertion walks the part of the graph around its row, and at a million rows of 128
 * dimensions the vectors and lists it reads (512 MB and more) are far larger than the caches, so
 * in id order (random places) almost every read waits for memory. Inserting a cluster's rows one
 * after the other keeps that part of the graph in cache: an insertion took 68 µs of a core in
 * cluster order against 148 µs in id order ({@code HnswBenchmark synthetic 1000000 128}).
 *
 * <p>Cluster order alone ruins the graph (recall@10 at ef_search 40 fell from 0.97 to 0.54 at
 * 200K rows): the first clusters are built before the rest exist, and the graph has no paths
 * between them. So nodes go in three tiers:
 * <ol>
 *   <li>the <em>skeleton</em>, in id order as an ordinary build would insert it: every node of an
 *       upper layer and one in {@value #SKELETON_STRIDE} of the others;
 *   <li>one in {@value #FIRST_PASS_STRIDE} of the others, in cluster order: a first pass over
 *       the clusters, whose walks find the skeleton's links across clusters;
 *   <li>the rest, in cluster order again.
 * </ol>
 * Nodes are picked by a hash of the id, so that ids correlated with clusters still spread each
 * tier over all of them. {@code HnswBenchmark}, 2 threads: at 1M × 128 the graph built in 39.8 s
 * instead of 73.9 s, recall@10 at ef_search 40 0.858 against 0.853 in id order (0.928 and 0.908
 * at 100); Fashion-MNIST 60K in 4.6 s instead of 7.5 s, recall@10 at ef_search 10 0.929 against
 * 0.930. Measured and not kept: upper nodes alone first (recall 0.839 at 1M), a skeleton of one
 * in five inserted in id order and no first pass (0.869, but its 250,000 random insertions took
 * 15 of 41 s).
 */
final class InsertionOrder {

  /** One in this many nodes of layer 0 only belongs to the skeleton. */
  static final int SKELETON_STRIDE = 25;
  /** One in this many nodes of layer 0 only is inserted in the first pass over the clusters. */
  static final int FIRST_PASS_STRIDE = 5;

  private InsertionOrder() {}

  /**
   * Every present node of {@code levels} (not {@link HnswGraph#ABSENT}) once: the skeleton in id
   * order, the first pass and the rest each in the order of {@code clustered}, then present nodes
   * {@code clustered} does not list (it may leave rows out) in id order. Ids in {@code clustered}
   * outside the graph or repeated are ignored.
   */
  static int[] of(byte[] levels, int[] clustered) {
    int size = levels.length;
    int[] order = new int[size];
    boolean[] placed = new boolean[size];
    int n = 0;
    for (int node = 0; node < size; node++) {
      if (levels[node] != HnswGraph.ABSENT && tier(node, levels[node]) == 0) {
        order[n++] = node;
        placed[node] = true;
      }
    }
    for (int pass = 1; pass <= 2; pass++) {
      for (int node : clustered) {
        if (node >= 0 && node < size && !placed[node] && levels[node] != HnswGraph.ABSENT
            && (pass == 2 || tier(node, levels[node]) == 1)) {
          order[n++] = node;
          placed[node] = true;
        }
      }
    }
    for (int node = 0; node < size; node++) {
      if (!placed[node] && levels[node] != HnswGraph.ABSENT) {
        order[n++] = node;
      }
    }
    return java.util.Arrays.copyOf(order, n);
  }

  /**
   * The rows of {@code [0, rows)} outside {@code [from, to)} (a merge's rows around the graph it
   * extends), each once: in the order of {@code clustered} (nullable), then those it does not
   * list in id order.
   */
  static int[] outside(int rows, int from, int to, int[] clustered) {
    int[] order = new int[rows - (to - from)];
    boolean[] placed = new boolean[rows];
    int n = 0;
    if (clustered != null) {
      for (int node : clustered) {
        if (node >= 0 && node < rows && (node < from || node >= to) && !placed[node]) {
          order[n++] = node;
          placed[node] = true;
        }
      }
    }
    for (int node = 0; node < rows; node++) {
      if ((node < from || node >= to) && !placed[node]) {
        order[n++] = node;
      }
    }
    return order;
  }

  /** 0: the skeleton; 1: the first pass over the clusters; 2: the rest. */
  static int tier(int node, int level) {
    if (level > 0) {
      return 0;
    }
    // Fibonacci hashing rather than node % n: ids that follow a pattern (rows loaded cluster by
    // cluster in a fixed rhythm) neither all fall in a tier nor all out of it
    int hash = (node * 0x9E3779B9) >>> 7;
    if (Integer.remainderUnsigned(hash, SKELETON_STRIDE) == 0) {
      return 0;
    }
    return Integer.remainderUnsigned(hash, FIRST_PASS_STRIDE) == 1 ? 1 : 2;
  }
}
