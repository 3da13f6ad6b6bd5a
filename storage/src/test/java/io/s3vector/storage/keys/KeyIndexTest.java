package io.s3vector.storage.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A segment's unique-key values: found by value, whatever class the number is given in. */
class KeyIndexTest {

  private static Object[] key(Object... values) {
    return values;
  }

  @Test
  void anIntegerKeyIsFoundByValueAsAnyIntegerClassAndAsAnExactDecimal() {
    KeyIndex index = KeyIndex.of(List.of(key(5L), key(-3L), key(9L), key(5L), key((Object) null)));
    assertArrayEquals(new int[] {0, 3}, index.find(key(5L)));
    assertArrayEquals(new int[] {0, 3}, index.find(key(5)));
    assertArrayEquals(new int[] {1}, index.find(key((short) -3)));
    assertArrayEquals(new int[] {2}, index.find(key(new BigDecimal("9"))));
    assertArrayEquals(new int[] {2}, index.find(key(9.0)));
    assertArrayEquals(new int[0], index.find(key(9.5)));
    assertArrayEquals(new int[0], index.find(key(4L)));
    assertEquals(4, index.size());
  }

  @Test
  void aKeyWithANullFindsTheRowsHoldingNullWhereItDoes() {
    KeyIndex index = KeyIndex.of(List.of(key(1L, null), key(null, null), key(1L, 2L),
        key(null, 2L), key(1L, null)));
    assertArrayEquals(new int[] {0, 4}, index.find(key(1L, null)));
    assertArrayEquals(new int[] {1}, index.find(key(null, null)));
    assertArrayEquals(new int[] {3}, index.find(key(null, 2)));
    assertArrayEquals(new int[] {2}, index.find(key(1L, 2L)));
    assertArrayEquals(new int[0], index.find(key(2L, null)));
    // the integer fast path stays for a one-column key with NULLs beside it
    KeyIndex ints = KeyIndex.of(List.of(key(7L), key((Object) null), key(3L)));
    assertArrayEquals(new int[] {1}, ints.find(key((Object) null)));
    assertArrayEquals(new int[] {0}, ints.find(key(7)));
    assertEquals(3, ints.liveKeys(io.s3vector.storage.segment.DeletionSet.EMPTY).size());
    assertEquals(2, ints.liveKeys(io.s3vector.storage.segment.DeletionSet.of(1)).size());
  }

  @Test
  void integerLookupsAgreeWithTheGeneralOrder() {
    Random random = new Random(3);
    List<Object[]> ints = new ArrayList<>();
    List<Object[]> texts = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      long v = random.nextInt(500) - 250;
      ints.add(key((int) v));
      texts.add(key(v, "x")); // two columns: the general path
    }
    KeyIndex fast = KeyIndex.of(ints);
    KeyIndex general = KeyIndex.of(texts);
    for (long v = -260; v <= 260; v++) {
      assertArrayEquals(general.find(key(v, "x")), fast.find(key(v)), "key " + v);
    }
  }

  @Test
  void textKeysAndCompositeKeys() {
    KeyIndex index = KeyIndex.of(List.of(key("b", 1), key("a", 2), key("b", 0)));
    assertArrayEquals(new int[] {0}, index.find(key("b", 1)));
    assertArrayEquals(new int[0], index.find(key("a", 1)));
  }

  @Test
  void theIntegerSortIsStableAndAgreesWithASortOfBoxedValues() {
    Random random = new Random(7);
    for (int n : new int[] {0, 1, 31, 32, 33, 100, 1_000, 4_097}) {
      long[] values = new long[n];
      for (int i = 0; i < n; i++) {
        values[i] = i % 3 == 0 ? random.nextLong() : random.nextInt(50);
      }
      int[] order = new int[n];
      Integer[] expected = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
        expected[i] = i;
      }
      KeyIndex.sortBy(order, values);
      java.util.Arrays.sort(expected, (a, b) -> Long.compare(values[a], values[b]));
      assertArrayEquals(java.util.Arrays.stream(expected).mapToInt(Integer::intValue).toArray(),
          order, "n = " + n);
    }
  }
}
