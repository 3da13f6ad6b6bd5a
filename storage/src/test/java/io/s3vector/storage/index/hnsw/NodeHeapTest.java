package io.s3vector.storage.index.hnsw;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The walk's heaps pop in the order of a sort by distance (negative ones and ties included),
 * ties by node id: smaller first in a min-heap, larger first in a max-heap.
 */
class NodeHeapTest {

  private record Pair(float distance, int node) {}

  @Test
  void bothHeapsPopAsASortByDistanceThenNodeWouldOrderThem() {
    Random random = new Random(3);
    for (boolean max : new boolean[] {false, true}) {
      NodeHeap heap = new NodeHeap(4, max); // grows past its capacity
      List<Pair> pairs = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        float d = switch (random.nextInt(5)) {
          case 0 -> 0f;
          case 1 -> -0f; // equal to 0 as floats compare
          case 2 -> -random.nextFloat() * 100; // inner-product distances are negative
          case 3 -> random.nextInt(4); // many ties
          default -> random.nextFloat() * 1e6f;
        };
        int node = random.nextInt(1_000_000);
        pairs.add(new Pair(d, node));
        heap.push(d, node);
      }
      Comparator<Pair> order = Comparator.<Pair>comparingDouble(p -> p.distance() + 0.0)
          .thenComparingInt(Pair::node);
      pairs.sort(max ? order.reversed() : order);
      assertEquals(pairs.size(), heap.size());
      for (Pair expected : pairs) {
        assertEquals(expected.distance() + 0f, heap.topDistance(), (max ? "max" : "min") + " heap");
        assertEquals(expected.node(), heap.topNode(), (max ? "max" : "min") + " heap");
        heap.pop();
      }
      assertEquals(0, heap.size());
    }
  }
}
