package io.s3vector.storage.index.hnsw;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VisitedSetTest {

  /**
   * Against a HashSet over many searches: small ones (cleared word by word), wide ones (cleared
   * whole), and a graph that grows between searches.
   */
  @Test
  void marksEachNodeOnceAndForgetsEverythingOnClear() {
    Random random = new Random(5);
    VisitedSet visited = new VisitedSet(100);
    int capacity = 100;
    for (int search = 0; search < 300; search++) {
      if (search % 50 == 49) {
        capacity *= 3;
      }
      visited.clear(capacity);
      Set<Integer> expected = new HashSet<>();
      int adds = switch (search % 3) {
        case 0 -> 5;
        case 1 -> capacity / 10;
        default -> capacity * 2;
      };
      for (int i = 0; i < adds; i++) {
        int node = random.nextInt(capacity);
        assertEquals(expected.add(node), visited.add(node), "search " + search + " node " + node);
      }
    }
  }
}
