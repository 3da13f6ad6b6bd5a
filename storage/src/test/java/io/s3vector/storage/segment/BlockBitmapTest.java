package io.s3vector.storage.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlockBitmapTest {

  /** Random bits, sparse or dense, in blocks some of which stay clear. */
  private static BitSet randomBits(SplittableRandom random, int range, double density) {
    BitSet bits = new BitSet();
    for (int p = 0; p < range; p++) {
      if ((p / 1024) % 3 != 1 && random.nextDouble() < density) {
        bits.set(p);
      }
    }
    return bits;
  }

  private static void assertSame(BitSet expected, BlockBitmap actual) {
    assertEquals(expected.cardinality(), actual.cardinality());
    assertEquals(expected.length(), actual.length());
    assertArrayEquals(expected.toLongArray(), actual.toLongArray());
    for (int p = -1; p < expected.length() + 70; p++) {
      assertEquals(expected.nextSetBit(Math.max(0, p)), actual.nextSetBit(p), "next from " + p);
      if (p >= 0) {
        assertEquals(expected.get(p), actual.get(p), "bit " + p);
      }
    }
  }

  @Test
  void answersAsABitSetWould() {
    SplittableRandom random = new SplittableRandom(7);
    for (double density : new double[] {0.0005, 0.01, 0.3}) {
      BitSet bits = randomBits(random, 9_000, density);
      BlockBitmap bitmap = BlockBitmap.of(bits);
      assertSame(bits, bitmap);
      assertEquals(bitmap, BlockBitmap.ofWords(bits.toLongArray()));
    }
    assertSame(new BitSet(), BlockBitmap.of(new BitSet()));
  }

  @Test
  void withAndOrMakeNewBitmapsAndLeaveTheirSourcesAsTheyWere() {
    SplittableRandom random = new SplittableRandom(11);
    BitSet bits = randomBits(random, 90_000, 0.01);
    BlockBitmap before = BlockBitmap.of(bits);
    long[] wordsBefore = before.toLongArray();

    int[] added = {5, 5, 1_030, 89_999, 120_000, 1_500};
    BlockBitmap after = before.with(added);
    BitSet expected = (BitSet) bits.clone();
    for (int p : added) {
      expected.set(p);
    }
    assertSame(expected, after);
    assertArrayEquals(wordsBefore, before.toLongArray(), "the source is never written");
    assertNotEquals(before, after);

    BitSet other = randomBits(random, 50_000, 0.02);
    BlockBitmap merged = before.or(BlockBitmap.of(other));
    BitSet expectedOr = (BitSet) bits.clone();
    expectedOr.or(other);
    assertSame(expectedOr, merged);
    assertArrayEquals(wordsBefore, before.toLongArray());

    assertTrue(before.intersects(BlockBitmap.of(bits)));
    BitSet disjoint = new BitSet();
    disjoint.set(1_024 + 7); // a block randomBits leaves clear
    assertFalse(before.intersects(BlockBitmap.of(disjoint)));
    assertTrue(after.intersects(BlockBitmap.of(expected)));
  }

  @Test
  void aFewRowsMoreCostTheirBlocksNotTheWholeMap() {
    BitSet bits = new BitSet();
    bits.set(0, 90_000, true);
    BlockBitmap whole = BlockBitmap.of(bits); // 11 KB of words
    AllocatedBytes.Least<BlockBitmap> plusOne =
        AllocatedBytes.leastOf(20, i -> whole.with(new int[] {40_000 + i}));
    // the array of block references (88) and one block: far below a copy of the whole map
    assertTrue(plusOne.bytes() < 2_000, "allocated " + plusOne.bytes() + " bytes");
    assertEquals(90_000, plusOne.last().cardinality());
    BlockBitmap beyond = whole.with(new int[] {90_500});
    assertEquals(90_001, beyond.cardinality());
    assertEquals(90_501, beyond.length());
  }
}
