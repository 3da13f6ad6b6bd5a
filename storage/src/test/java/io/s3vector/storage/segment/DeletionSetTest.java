package io.s3vector.storage.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.StorageException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A segment's deleted rows: set operations and the two stored encodings. */
class DeletionSetTest {

  @Test
  void positionsAreSortedWithoutRepeatsAndUnionsMakeNewSets() {
    DeletionSet a = DeletionSet.of(9, 2, 9, 4);
    assertArrayEquals(new int[] {2, 4, 9}, a.positions());
    assertEquals(3, a.size());
    DeletionSet b = a.union(DeletionSet.of(4, 100));
    assertArrayEquals(new int[] {2, 4, 9, 100}, b.positions());
    assertArrayEquals(new int[] {2, 4, 9}, a.positions(), "the union leaves its operands alone");
    assertTrue(b.contains(100));
    assertFalse(a.contains(100));
    assertArrayEquals(new int[] {12, 14, 19}, a.shifted(10).positions());
    assertEquals(a, DeletionSet.of(2, 4, 9));
    assertThrows(IllegalArgumentException.class, () -> DeletionSet.of(-1));
  }

  @Test
  void fewDeletionsAreStoredAsPositionsAndManyAsABitmap() {
    DeletionSet sparse = DeletionSet.of(5, 40_000);
    byte[] list = sparse.encode();
    assertEquals(8 + 2 * 4, list.length);
    assertEquals(sparse, DeletionSet.decode("k", list));

    Random random = new Random(7);
    int[] many = new int[30_000];
    for (int i = 0; i < many.length; i++) {
      many[i] = random.nextInt(50_000);
    }
    DeletionSet dense = DeletionSet.of(many);
    byte[] bitmap = dense.encode();
    assertTrue(bitmap.length <= 12 + 50_000 / 8 + 8, bitmap.length + " bytes");
    assertEquals(0x53334432, ByteBuffer.wrap(bitmap).order(ByteOrder.LITTLE_ENDIAN).getInt());
    DeletionSet back = DeletionSet.decode("k", bitmap);
    assertEquals(dense, back);
    assertEquals(dense.size(), back.size());
    assertEquals(DeletionSet.EMPTY, DeletionSet.decode("k", DeletionSet.EMPTY.encode()));
  }

  @Test
  void aCutOrMiscountedSetIsCorrupt() {
    byte[] bitmap = DeletionSet.of(0, 1, 2, 3, 4, 5, 6, 7).encode();
    assertThrows(StorageException.class,
        () -> DeletionSet.decode("k", java.util.Arrays.copyOf(bitmap, bitmap.length - 1)));
    byte[] miscounted = bitmap.clone();
    miscounted[4] = 9;
    assertThrows(StorageException.class, () -> DeletionSet.decode("k", miscounted));
    assertThrows(StorageException.class, () -> DeletionSet.decode("k", new byte[] {1, 2, 3}));
  }

  /** Sets of random sizes, kept as sorted positions or as bitmaps, against a BitSet model. */
  @Test
  void fewAndManyPositionsBehaveAlike() {
    Random random = new Random(11);
    for (int round = 0; round < 300; round++) {
      java.util.BitSet ma = randomBits(random);
      java.util.BitSet mb = randomBits(random);
      DeletionSet a = DeletionSet.of(ma.stream().toArray());
      DeletionSet b = DeletionSet.of(mb.stream().toArray());
      assertEquals(ma.cardinality(), a.size());
      assertArrayEquals(ma.stream().toArray(), a.positions());
      java.util.BitSet union = (java.util.BitSet) ma.clone();
      union.or(mb);
      DeletionSet ab = a.union(b);
      assertArrayEquals(union.stream().toArray(), ab.positions(), "union, round " + round);
      assertEquals(union.cardinality(), ab.size());
      assertEquals(ab, b.union(a));
      assertEquals(ab.hashCode(), b.union(a).hashCode());
      assertEquals(ma.intersects(mb), a.intersects(b));
      assertEquals(ma.intersects(mb), b.intersects(a));
      for (int probe = 0; probe < 50; probe++) {
        int p = random.nextInt(70_000);
        assertEquals(ma.get(p), a.contains(p));
      }
      assertEquals(ab.encode().length, ab.encodedBytes());
      assertEquals(a.encode().length, a.encodedBytes());
      DeletionSet back = DeletionSet.decode("k", ab.encode());
      assertEquals(ab, back);
      assertEquals(ab.size(), back.size());
      // the rows left after a merge purged b's, and the live rows of a segment
      java.util.BitSet kept = (java.util.BitSet) ma.clone();
      kept.andNot(mb);
      java.util.BitSet moved = new java.util.BitSet();
      for (int p = kept.nextSetBit(0); p >= 0; p = kept.nextSetBit(p + 1)) {
        moved.set(p - mb.get(0, p).cardinality());
      }
      assertArrayEquals(moved.stream().toArray(), a.afterPurge(b).positions());
      int rows = 70_000;
      int[] live = a.complement(rows);
      assertEquals(rows - ma.get(0, rows).cardinality(), live.length);
      java.util.BitSet liveModel = new java.util.BitSet();
      liveModel.set(0, rows);
      liveModel.andNot(ma);
      assertArrayEquals(liveModel.stream().toArray(), live);
      int from = random.nextInt(60_000);
      boolean[] mask = a.mask(from, 1_000);
      if (ma.get(from, from + 1_000).isEmpty()) {
        assertEquals(null, mask);
      } else {
        for (int i = 0; i < 1_000; i++) {
          assertEquals(ma.get(from + i), mask[i]);
        }
      }
      assertArrayEquals(ma.stream().map(p -> p + 7).toArray(), a.shifted(7).positions());
    }
  }

  /**
   * A commit adds a few rows to a big segment's set: the new set shares the old one's untouched
   * blocks (a whole copy was 11 KB per commit per segment), and the old set stays as it was for
   * the statements still reading it.
   */
  @Test
  void aFewRowsAddedToABigSetCostTheirBlocksAndLeaveTheOldSetAsItWas() {
    int[] half = new int[45_000];
    for (int i = 0; i < half.length; i++) {
      half[i] = 2 * i; // 90,000 rows, every other one deleted: a bitmap
    }
    DeletionSet big = DeletionSet.of(half);
    DeletionSet[] few = new DeletionSet[20];
    for (int i = 0; i < few.length; i++) {
      few[i] = DeletionSet.of(1, 40_001 + 2 * i, 89_999);
    }
    AllocatedBytes.Least<DeletionSet> union =
        AllocatedBytes.leastOf(few.length, i -> big.union(few[i]));
    assertTrue(union.bytes() < 2_000, "allocated " + union.bytes() + " bytes");
    DeletionSet more = union.last();
    assertEquals(45_003, more.size());
    assertTrue(more.contains(1) && more.contains(40_039) && more.contains(89_999));
    assertFalse(big.contains(1) || big.contains(89_999));
    assertEquals(45_000, big.size());
    assertTrue(big.union(DeletionSet.of(0, 2, 4)) == big, "nothing new: the same set");
  }

  /** Empty, a few positions, a few hundred around the sparse limit, or thousands. */
  private static java.util.BitSet randomBits(Random random) {
    int n = switch (random.nextInt(4)) {
      case 0 -> random.nextInt(3);
      case 1 -> random.nextInt(20);
      case 2 -> DeletionSet.SPARSE_MAX - 20 + random.nextInt(40);
      default -> random.nextInt(5_000);
    };
    int range = random.nextBoolean() ? 1_000 : 65_000;
    java.util.BitSet bits = new java.util.BitSet();
    for (int i = 0; i < n; i++) {
      bits.set(random.nextInt(range));
    }
    return bits;
  }
}
