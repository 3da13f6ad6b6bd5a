package io.s3vector.storage.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.io.ObjectRange;
import org.junit.jupiter.api.Test;

class RedisKeyTest {

  @Test
  void redisKeyLayout() {
    String ns = CacheNamespace.of("s3", "bucket/prefix");
    assertEquals("s3v1:s3:bucket/prefix", ns);
    assertEquals(
        "s3v1:s3:bucket/prefix|t/seg/1/vec/0@4096+512",
        RedisRangeCache.redisKey(ns, ObjectRange.range("t/seg/1/vec/0", 4096, 512)));
    assertEquals("s3v1:s3:bucket/prefix|m.json@0+-1", RedisRangeCache.redisKey(ns, ObjectRange.whole("m.json")));
    assertTrue(ObjectRange.whole("x").isWhole());
  }

  @Test
  void namespacesEscapeTheSeparator() {
    assertEquals("s3v1:file:/a%7Cb%25c", CacheNamespace.of("file", "/a|b%c"));
    assertNotEquals(CacheNamespace.of("file", "/a|b"), CacheNamespace.of("file", "/a%7Cb"));
    assertTrue(CacheNamespace.isValid(CacheNamespace.of("s3|x", "y|z")));
  }
}
