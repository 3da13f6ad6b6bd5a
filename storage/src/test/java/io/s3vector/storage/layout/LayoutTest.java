package io.s3vector.storage.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LayoutTest {

  @Test
  void zeroPaddedMatchesTheFormatter() {
    for (long value : new long[] {0, 7, 42, 12_345_678, 123_456_789, Long.MAX_VALUE}) {
      assertEquals(String.format("%08d", value), Layout.zeroPadded(value, 8));
      assertEquals(String.format("%016d", value), Layout.zeroPadded(value, 16));
    }
  }

  @Test
  void manifestKeysKeepTheirNames() {
    assertEquals(Layout.MANIFEST_PREFIX + "v00000042" + ".json", Layout.manifestKey(42));
    assertEquals(42, Layout.manifestVersion(Layout.manifestKey(42)));
    assertEquals(123_456_789, Layout.manifestVersion(Layout.manifestKey(123_456_789)));
  }
}
