package io.s3vector.storage.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopKTest {

  @Test
  void keepsTheKSmallestSortedWithTiesToTheSmallerRow() {
    TopK top = new TopK(3);
    top.offer(5, 0);
    top.offer(1, 9);
    top.offer(1, 4);
    top.offer(3, 2);
    assertFalse(top.offer(3, 10), "a tie with a larger row number than the worst kept loses");
    assertTrue(top.offer(3, 1), "a tie with a smaller row number wins");
    assertEquals(3.0, top.threshold());
    assertTrue(top.offer(1, 1));
    assertArrayEquals(new long[] {1, 4, 9}, top.sortedRowNumbers());
    assertArrayEquals(new double[] {1, 1, 1}, top.sortedDistances());
    assertEquals(1.0, top.threshold());
  }

  @Test
  void nanSortsLast() {
    TopK top = new TopK(3);
    top.offer(Double.NaN, 0);
    top.offer(2, 1);
    top.offer(Double.NaN, 2);
    top.offer(Double.POSITIVE_INFINITY, 3);
    assertArrayEquals(new long[] {1, 3, 0}, top.sortedRowNumbers());
    assertTrue(Double.isNaN(top.threshold()));
  }

  @Test
  void zeroAndFewerCandidatesThanK() {
    TopK none = new TopK(0);
    assertFalse(none.offer(1, 1));
    assertEquals(0, none.sortedRowNumbers().length);
    TopK top = new TopK(10);
    top.offer(2, 7);
    top.offer(1, 8);
    assertEquals(Double.POSITIVE_INFINITY, top.threshold());
    assertArrayEquals(new long[] {8, 7}, top.sortedRowNumbers());
  }

  @Test
  void matchesAFullSortOnRandomInputs() {
    Random random = new Random(3);
    for (int trial = 0; trial < 50; trial++) {
      int n = random.nextInt(300);
      int k = 1 + random.nextInt(20);
      double[] d = new double[n];
      TopK a = new TopK(k);
      TopK b = new TopK(k);
      for (int i = 0; i < n; i++) {
        d[i] = random.nextInt(10) == 0 ? Double.NaN : random.nextInt(50); // many ties
        (i % 2 == 0 ? a : b).offer(d[i], i);
      }
      a.addAll(b);
      Long[] expected = new Long[n];
      for (int i = 0; i < n; i++) {
        expected[i] = (long) i;
      }
      Arrays.sort(expected, Comparator.comparing((Long i) -> Double.isNaN(d[i.intValue()]))
          .thenComparingDouble(i -> Double.isNaN(d[i.intValue()]) ? 0 : d[i.intValue()])
          .thenComparingLong(i -> i));
      long[] want = new long[Math.min(k, n)];
      for (int i = 0; i < want.length; i++) {
        want[i] = expected[i];
      }
      assertArrayEquals(want, a.sortedRowNumbers(), "trial " + trial);
    }
  }
}
