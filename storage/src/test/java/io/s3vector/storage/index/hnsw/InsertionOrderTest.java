package io.s3vector.storage.index.hnsw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InsertionOrderTest {

  private static final byte ABSENT = (byte) HnswGraph.ABSENT;

  @Test
  void everyPresentNodeOnceTheSkeletonFirstThenTheClusterOrder() {
    int size = 10_000;
    byte[] levels = new byte[size];
    for (int node = 0; node < size; node += 16) {
      levels[node] = 1; // an upper layer's node
    }
    levels[3] = ABSENT; // a NULL row
    int[] clustered = new int[size];
    for (int i = 0; i < size; i++) {
      clustered[i] = size - 1 - i; // descending: unlike id order
    }
    int[] order = InsertionOrder.of(levels, clustered);

    int[] sorted = order.clone();
    Arrays.sort(sorted);
    assertEquals(size - 1, sorted.length);
    for (int i = 0, node = 0; i < sorted.length; i++, node++) {
      if (node == 3) {
        node++;
      }
      assertEquals(node, sorted[i], "each present node once");
    }
    int skeleton = 0;
    while (skeleton < order.length && InsertionOrder.inSkeleton(order[skeleton], levels[order[skeleton]])) {
      skeleton++;
    }
    for (int i = 1; i < skeleton; i++) {
      assertTrue(order[i - 1] < order[i], "the skeleton in id order");
    }
    for (int i = skeleton + 1; i < order.length; i++) {
      assertTrue(order[i - 1] > order[i], "the rest in the clustered order");
      assertTrue(levels[order[i]] == 0 && !InsertionOrder.inSkeleton(order[i], 0));
    }
    for (int node = 0; node < size; node += 16) {
      assertTrue(Arrays.binarySearch(order, 0, skeleton, node) >= 0, "upper node " + node + " in the skeleton");
    }
    // the upper nodes (1/16) and about a fifth of the others
    double share = (skeleton - size / 16.0) / (size - size / 16.0);
    assertTrue(share > 0.17 && share < 0.23, "skeleton share of layer 0 " + share);
  }

  @Test
  void nodesTheClusteringLeftOutComeLastAndStrayIdsAreIgnored() {
    byte[] levels = new byte[40];
    int[] order = InsertionOrder.of(levels, new int[] {-1, 39, 39, 40, 38});
    assertEquals(40, order.length);
    int[] sorted = order.clone();
    Arrays.sort(sorted);
    for (int node = 0; node < 40; node++) {
      assertEquals(node, sorted[node]);
    }
    int at38 = indexOf(order, 38);
    int at39 = indexOf(order, 39);
    if (!InsertionOrder.inSkeleton(38, 0) && !InsertionOrder.inSkeleton(39, 0)) {
      assertTrue(at39 < at38, "the clustered order kept");
    }
    int last = order[order.length - 1];
    assertTrue(last != 38 && last != 39, "rows left out of the clustering come after it");
  }

  private static int indexOf(int[] a, int v) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == v) {
        return i;
      }
    }
    return -1;
  }
}
