package io.s3vector.storage.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ObjectRangeTest {

  @Test
  void aRangeEndsAfterItsLastByte() {
    assertEquals(4608, ObjectRange.range("k", 4096, 512).end());
    assertTrue(ObjectRange.whole("k").isWhole());
  }

  @Test
  void rejectsBadRanges() {
    assertThrows(IllegalArgumentException.class, () -> ObjectRange.range("", 0, 1));
    assertThrows(IllegalArgumentException.class, () -> ObjectRange.range("k", -1, 1));
    assertThrows(IllegalArgumentException.class, () -> ObjectRange.range("k", 0, -2));
    assertThrows(IllegalArgumentException.class, () -> ObjectRange.range("k", 5, ObjectRange.WHOLE));
    assertThrows(NullPointerException.class, () -> ObjectRange.whole(null));
  }
}
