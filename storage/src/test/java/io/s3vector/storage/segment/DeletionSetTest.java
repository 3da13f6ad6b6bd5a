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
}
