package io.s3vector.storage.index.hnsw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InsertionOrderTest {

  private static final byte ABSENT = (byte) HnswGraph.ABSENT;

  @Test
  void everyPresentNodeOnceTheSkeletonFirstThenTwoPassesInTheClusterOrder() {
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
    int[] tiers = new int[order.length];
    int[] counts = new int[3];
    for (int i = 0; i < order.length; i++) {
      tiers[i] = InsertionOrder.tier(order[i], levels[order[i]]);
      counts[tiers[i]]++;
      if (i > 0) {
        assertTrue(tiers[i - 1] <= tiers[i], "tier by tier");
        if (tiers[i - 1] == tiers[i]) {
          assertTrue(tiers[i] == 0 ? order[i - 1] < order[i] : order[i - 1] > order[i],
              "the skeleton in id order, the passes in the clustered order");
        }
      }
    }
    for (int node = 0; node < size; node += 16) {
      assertEquals(0, InsertionOrder.tier(node, levels[node]), "upper node " + node + " in the skeleton");
    }
    // the upper nodes (1/16), then about 1/25 and 1/5 of the others
    double others = size - size / 16.0;
    double skeleton = (counts[0] - size / 16.0) / others;
    double first = counts[1] / others;
    assertTrue(skeleton > 0.03 && skeleton < 0.05, "skeleton share of layer 0 " + skeleton);
    assertTrue(first > 0.17 && first < 0.23, "first pass share of layer 0 " + first);
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
    if (InsertionOrder.tier(38, 0) == InsertionOrder.tier(39, 0)) {
      assertTrue(at39 < at38, "the clustered order kept");
    }
    int last = order[order.length - 1];
    assertTrue(last != 38 && last != 39, "rows left out of the clustering come after it");
  }

  @Test
  void aMergesRowsAroundTheExtendedGraphInTheClusteredOrderThenTheRest() {
    // rows [3, 6) are the extended graph's; the clustering lists some rows, one of them twice
    int[] order = InsertionOrder.outside(10, 3, 6, new int[] {9, 4, 1, 9, 7});
    assertEquals(java.util.List.of(9, 1, 7, 0, 2, 6, 8),
        Arrays.stream(order).boxed().toList());
    assertEquals(java.util.List.of(0, 1, 2, 6, 7, 8, 9),
        Arrays.stream(InsertionOrder.outside(10, 3, 6, null)).boxed().toList());
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
