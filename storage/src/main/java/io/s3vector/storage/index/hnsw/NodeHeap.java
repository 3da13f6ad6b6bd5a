package io.s3vector.storage.index.hnsw;

/**
 * A binary heap of (distance, node) pairs, ordered as a min-heap or a max-heap, on one {@code
 * long[]}: each pair is one key, the distance's order-preserving int bits above the node id, so
 * a comparison is one {@code long} compare instead of a float compare, a tie test and an id
 * compare (the heap was a fifth of a graph build's time with those). A max-heap stores the
 * complement of each key, so both orders are one min-heap. Ties go to the smaller node id in a
 * min-heap and to the larger one in a max-heap, which keeps walks deterministic. The graph walk
 * pushes and pops millions of these per second, so no objects.
 */
final class NodeHeap {
  private final boolean maxHeap;
  private long[] keys;
  private int size;

  NodeHeap(int capacity, boolean maxHeap) {
    this.maxHeap = maxHeap;
    this.keys = new long[Math.max(4, capacity)];
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
    return distanceOf(keys[0]);
  }

  int topNode() {
    return nodeOf(keys[0]);
  }

  void push(float distance, int node) {
    if (size == keys.length) {
      keys = java.util.Arrays.copyOf(keys, size * 2);
    }
    long key = key(distance, node);
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      long above = keys[parent];
      if (key >= above) {
        break;
      }
      keys[i] = above;
      i = parent;
    }
    keys[i] = key;
  }

  /** Removes the top; read it first with {@link #topDistance()} and {@link #topNode()}. */
  void pop() {
    int last = --size;
    if (last == 0) {
      return;
    }
    long key = keys[last];
    int i = 0;
    int half = last >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      long smaller = keys[child];
      int right = child + 1;
      if (right < last) {
        long r = keys[right];
        if (r < smaller) {
          smaller = r;
          child = right;
        }
      }
      if (key <= smaller) {
        break;
      }
      keys[i] = smaller;
      i = child;
    }
    keys[i] = key;
  }

  float distanceAt(int i) {
    return distanceOf(keys[i]);
  }

  int nodeAt(int i) {
    return nodeOf(keys[i]);
  }

  /**
   * The key of a pair: {@link Float#floatToIntBits} made to order as the floats do (negative
   * values have their magnitude bits flipped), then the node id; complemented in a max-heap.
   * Adding 0 turns -0.0 into 0.0, which float comparison holds equal.
   */
  private long key(float distance, int node) {
    int bits = Float.floatToIntBits(distance + 0.0f);
    bits ^= (bits >> 31) & 0x7fffffff;
    long key = ((long) bits << 32) | (node & 0xffffffffL);
    return maxHeap ? ~key : key;
  }

  private float distanceOf(long stored) {
    long key = maxHeap ? ~stored : stored;
    int bits = (int) (key >> 32);
    bits ^= (bits >> 31) & 0x7fffffff;
    return Float.intBitsToFloat(bits);
  }

  private int nodeOf(long stored) {
    return (int) (maxHeap ? ~stored : stored);
  }
}
