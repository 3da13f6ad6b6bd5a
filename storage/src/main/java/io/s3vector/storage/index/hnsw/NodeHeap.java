package io.s3vector.storage.index.hnsw;

/**
 * A binary heap of (distance, node) pairs on primitive arrays, ordered as a min-heap or a
 * max-heap. The graph walk pushes and pops millions of these per second, so no objects.
 */
final class NodeHeap {
  private final boolean maxHeap;
  private float[] distances;
  private int[] nodes;
  private int size;

  NodeHeap(int capacity, boolean maxHeap) {
    this.maxHeap = maxHeap;
    this.distances = new float[Math.max(4, capacity)];
    this.nodes = new int[Math.max(4, capacity)];
  }

  static NodeHeap minHeap(int capacity) {
    return new NodeHeap(capacity, false);
  }

  static NodeHeap maxHeap(int capacity) {
    return new NodeHeap(capacity, true);
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  void clear() {
    size = 0;
  }

  float topDistance() {
    return distances[0];
  }

  int topNode() {
    return nodes[0];
  }

  void push(float distance, int node) {
    if (size == distances.length) {
      distances = java.util.Arrays.copyOf(distances, size * 2);
      nodes = java.util.Arrays.copyOf(nodes, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(distance, node, distances[parent], nodes[parent])) {
        break;
      }
      distances[i] = distances[parent];
      nodes[i] = nodes[parent];
      i = parent;
    }
    distances[i] = distance;
    nodes[i] = node;
  }

  /** Removes the top; read it first with {@link #topDistance()} and {@link #topNode()}. */
  void pop() {
    int last = --size;
    if (last == 0) {
      return;
    }
    float d = distances[last];
    int n = nodes[last];
    int i = 0;
    int half = last >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < last && before(distances[right], nodes[right], distances[child], nodes[child])) {
        child = right;
      }
      if (!before(distances[child], nodes[child], d, n)) {
        break;
      }
      distances[i] = distances[child];
      nodes[i] = nodes[child];
      i = child;
    }
    distances[i] = d;
    nodes[i] = n;
  }

  /** Whether (d1, n1) belongs above (d2, n2); ties go to the smaller node id for determinism. */
  private boolean before(float d1, int n1, float d2, int n2) {
    if (maxHeap) {
      return d1 > d2 || (d1 == d2 && n1 > n2);
    }
    return d1 < d2 || (d1 == d2 && n1 < n2);
  }

  float distanceAt(int i) {
    return distances[i];
  }

  int nodeAt(int i) {
    return nodes[i];
  }
}
