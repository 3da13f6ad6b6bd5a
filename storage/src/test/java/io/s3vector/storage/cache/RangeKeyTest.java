package io.s3vector.storage.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RangeKeyTest {

  @Test
  void redisKeyLayout() {
    String ns = CacheNamespace.of("s3", "bucket/prefix");
    assertEquals("s3v1:s3:bucket/prefix", ns);
    assertEquals(
        "s3v1:s3:bucket/prefix|t/seg/1/vec/0@4096+512",
        RangeKey.range("t/seg/1/vec/0", 4096, 512).redisKey(ns));
    assertEquals("s3v1:s3:bucket/prefix|m.json@0+-1", RangeKey.whole("m.json").redisKey(ns));
    assertTrue(RangeKey.whole("x").isWhole());
  }

  @Test
  void namespacesEscapeTheSeparator() {
    assertEquals("s3v1:file:/a%7Cb%25c", CacheNamespace.of("file", "/a|b%c"));
    assertNotEquals(CacheNamespace.of("file", "/a|b"), CacheNamespace.of("file", "/a%7Cb"));
    assertTrue(CacheNamespace.isValid(CacheNamespace.of("s3|x", "y|z")));
  }

  @Test
  void rejectsBadRanges() {
    assertThrows(IllegalArgumentException.class, () -> RangeKey.range("", 0, 1));
    assertThrows(IllegalArgumentException.class, () -> RangeKey.range("k", -1, 1));
    assertThrows(IllegalArgumentException.class, () -> RangeKey.range("k", 0, -2));
    assertThrows(IllegalArgumentException.class, () -> RangeKey.range("k", 5, RangeKey.WHOLE));
    assertThrows(NullPointerException.class, () -> RangeKey.whole(null));
  }
}
