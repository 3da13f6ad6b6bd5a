package io.s3vector.storage.cache;

import static io.s3vector.storage.cache.RedisTestSupport.LIVENESS_SECONDS;
import static io.s3vector.storage.cache.RedisTestSupport.awaitStored;
import static io.s3vector.storage.cache.RedisTestSupport.getAll;
import static io.s3vector.storage.cache.RedisTestSupport.random;
import static io.s3vector.storage.cache.RedisTestSupport.repetitive;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.cache.RedisTestSupport.PlainRedis;
import io.s3vector.storage.io.ObjectRange;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cache against a real, healthy redis-server (see RedisRangeCacheFaultTest for faults). */
class RedisRangeCacheTest {

  @RegisterExtension static final RedisServerProcess REDIS = new RedisServerProcess();

  private static final int MAX = 2 << 20;

  /** A generous timeout: these tests are about content, not about a loaded CI machine. */
  private static RedisRangeCache cache(String namespace) {
    return new RedisRangeCache(
        RedisCacheConfig.of(REDIS.uri(), namespace)
            .withMaxValueBytes(MAX)
            .withTimeout(Duration.ofSeconds(2)));
  }

  @Test
  void roundTripOfManyRangesInOneBatch() {
    try (RedisRangeCache cache = cache(CacheNamespace.of("file", "/data/roundtrip"))) {
      Map<ObjectRange, byte[]> values = new LinkedHashMap<>();
      for (int i = 0; i < 300; i++) {
        String object = "t/segments/" + (i % 7) + "/vec/" + i;
        values.put(ObjectRange.range(object, i * 4096L, 100 + i), random(100 + i, i));
      }
      ObjectRange empty = ObjectRange.range("t/segments/x/empty", 0, 10);
      ObjectRange large = ObjectRange.whole("t/segments/x/large");
      ObjectRange largeCompressible = ObjectRange.range("t/segments/x/zeros", 1L << 33, MAX);
      ObjectRange oversize = ObjectRange.whole("t/segments/x/oversize");
      values.put(empty, new byte[0]);
      values.put(large, random(MAX, 42)); // exactly the maximum: kept
      values.put(largeCompressible, repetitive(MAX));
      values.put(oversize, random(MAX + 1, 43));
      cache.putAll(values);
      awaitStored(cache, values.size() - 1);

      List<ObjectRange> ask = new ArrayList<>(values.keySet());
      ObjectRange absent = ObjectRange.range("t/segments/x/never", 0, 8);
      ask.add(absent);
      ask.add(ask.get(0)); // a duplicate costs nothing and is answered once
      Map<ObjectRange, byte[]> got = getAll(cache, ask);

      assertEquals(values.size() - 1, got.size());
      for (Map.Entry<ObjectRange, byte[]> e : values.entrySet()) {
        if (e.getKey().equals(oversize)) {
          assertFalse(got.containsKey(oversize), "a value over the maximum is not cached");
        } else {
          assertArrayEquals(e.getValue(), got.get(e.getKey()), e.getKey().toString());
        }
      }
      assertFalse(got.containsKey(absent));
      assertEquals(0, got.get(empty).length);

      RedisCacheStats stats = cache.stats();
      assertEquals(values.size() - 1, stats.hits());
      assertEquals(2, stats.misses()); // oversize and absent
      assertEquals(1, stats.oversizeSkipped());
      long served = values.entrySet().stream()
          .filter(e -> !e.getKey().equals(oversize))
          .mapToLong(e -> e.getValue().length)
          .sum();
      assertEquals(served, stats.bytesServed());
      assertEquals(0, stats.errors());
      assertEquals(0, stats.timeouts());
      assertEquals(CircuitBreaker.State.CLOSED, stats.breakerState());
    }
  }

  @Test
  void emptyBatchAnswersAtOnce() throws Exception {
    try (RedisRangeCache cache = cache(CacheNamespace.of("file", "/data/empty"))) {
      assertTrue(cache.getAll(List.of()).get(LIVENESS_SECONDS, TimeUnit.SECONDS).isEmpty());
      cache.putAll(Map.of()); // no-op
    }
  }

  @Test
  void namespacesNeverShareAKey() {
    String a = CacheNamespace.of("s3", "bucket/prefix");
    String b = CacheNamespace.of("s3", "bucket/prefix2");
    String c = CacheNamespace.of("file", "bucket/prefix");
    // '|' ends the namespace in a Redis key: escaped, so "x|y" cannot pose as "x" + key "y..."
    String d = CacheNamespace.of("s3", "bucket/prefix|t");
    assertFalse(d.contains("|"));
    ObjectRange key = ObjectRange.range("t/seg/0", 0, 16);
    try (RedisRangeCache ca = cache(a);
        RedisRangeCache cb = cache(b);
        RedisRangeCache cc = cache(c);
        RedisRangeCache cd = cache(d)) {
      List<RedisRangeCache> caches = List.of(ca, cb, cc, cd);
      for (int i = 0; i < caches.size(); i++) {
        caches.get(i).putAll(Map.of(key, ("value " + i).getBytes(StandardCharsets.UTF_8)));
        awaitStored(caches.get(i), 1);
      }
      for (int i = 0; i < caches.size(); i++) {
        assertArrayEquals(
            ("value " + i).getBytes(StandardCharsets.UTF_8),
            getAll(caches.get(i), List.of(key)).get(key));
      }
      try (RedisRangeCache other = cache(CacheNamespace.of("s3", "elsewhere"))) {
        assertTrue(getAll(other, List.of(key)).isEmpty());
      }
    }
    assertThrows(IllegalArgumentException.class, () -> RedisCacheConfig.of(REDIS.uri(), "a|b"));
  }

  @Test
  void valuesAreStoredLz4CompressedWhenThatHelps() {
    String ns = CacheNamespace.of("file", "/data/lz4");
    ObjectRange compressible = ObjectRange.whole("t/seg/compressible");
    ObjectRange incompressible = ObjectRange.whole("t/seg/random");
    byte[] zeros = repetitive(1 << 20);
    byte[] noise = random(1 << 16, 7);
    try (RedisRangeCache cache = cache(ns);
        PlainRedis plain = new PlainRedis(REDIS.uri())) {
      cache.putAll(Map.of(compressible, zeros, incompressible, noise));
      awaitStored(cache, 2);
      long compressedLength = plain.sync().strlen(RedisRangeCache.redisKey(ns, compressible));
      assertTrue(
          compressedLength > 0 && compressedLength < zeros.length / 20,
          "1 MiB of a repeated pattern stored in " + compressedLength + " bytes");
      // LZ4 cannot shrink noise: stored raw behind a one-byte tag, decoded without LZ4
      assertEquals(noise.length + 1, plain.sync().strlen(RedisRangeCache.redisKey(ns, incompressible)));
      assertTrue(cache.stats().bytesStored() < zeros.length / 20 + noise.length + 1 + 1);
      Map<ObjectRange, byte[]> got = getAll(cache, List.of(compressible, incompressible));
      assertArrayEquals(zeros, got.get(compressible));
      assertArrayEquals(noise, got.get(incompressible));
    }
  }

  @Test
  void flushAllTurnsHitsIntoMisses() {
    ObjectRange key = ObjectRange.range("t/seg/flushed", 128, 64);
    try (RedisRangeCache cache = cache(CacheNamespace.of("file", "/data/flush"));
        PlainRedis plain = new PlainRedis(REDIS.uri())) {
      cache.putAll(Map.of(key, random(64, 1)));
      awaitStored(cache, 1);
      assertEquals(1, getAll(cache, List.of(key)).size());
      plain.sync().flushall();
      assertTrue(getAll(cache, List.of(key)).isEmpty());
      RedisCacheStats stats = cache.stats();
      assertEquals(1, stats.hits());
      assertEquals(1, stats.misses());
      assertEquals(0, stats.errors());
    }
  }

  @Test
  void foreignOrCorruptValuesAreMisses() {
    String ns = CacheNamespace.of("file", "/data/corrupt");
    ObjectRange garbage = ObjectRange.whole("t/seg/garbage");
    ObjectRange badLz4 = ObjectRange.whole("t/seg/bad-lz4");
    ObjectRange tooLong = ObjectRange.range("t/seg/too-long", 0, 4);
    ObjectRange huge = ObjectRange.whole("t/seg/huge-claim");
    try (RedisRangeCache cache = cache(ns);
        PlainRedis plain = new PlainRedis(REDIS.uri())) {
      plain.sync().set(RedisRangeCache.redisKey(ns, garbage), "written by someone else".getBytes());
      plain.sync().set(RedisRangeCache.redisKey(ns, badLz4), new byte[] {RangeValueCodec.LZ4, 10, 0, 0, 0, 1, 2});
      // a range read never yields more than its length
      plain.sync().set(RedisRangeCache.redisKey(ns, tooLong), RangeValueCodec.encode(new byte[5]));
      // an LZ4 header claiming 2 GiB must not allocate it
      plain.sync().set(RedisRangeCache.redisKey(ns, huge), new byte[] {RangeValueCodec.LZ4, -1, -1, -1, 0x7f, 0});
      assertTrue(getAll(cache, List.of(garbage, badLz4, tooLong, huge)).isEmpty());
      assertEquals(4, cache.stats().misses());
      assertEquals(CircuitBreaker.State.CLOSED, cache.stats().breakerState());
    }
  }

  @Test
  void closeIsQuickAndLaterCallsMiss() {
    RedisRangeCache cache = cache(CacheNamespace.of("file", "/data/close"));
    ObjectRange key = ObjectRange.whole("t/seg/x");
    cache.putAll(Map.of(key, new byte[] {1}));
    awaitStored(cache, 1);
    long start = System.nanoTime();
    cache.close();
    cache.close(); // twice is fine
    assertTrue(
        System.nanoTime() - start < TimeUnit.SECONDS.toNanos(LIVENESS_SECONDS), "close hangs");
    assertTrue(getAll(cache, List.of(key)).isEmpty());
    cache.putAll(Map.of(key, new byte[] {2})); // ignored, no exception
  }

  @Test
  void theFourArgumentConstructorUsesItsArguments() {
    try (RedisRangeCache cache =
        new RedisRangeCache(REDIS.uri(), CacheNamespace.of("file", "/x"), 10, Duration.ofSeconds(2))) {
      assertEquals(10, cache.config().maxValueBytes());
      assertEquals(Duration.ofSeconds(2), cache.config().timeout());
      assertEquals(RedisCacheConfig.DEFAULT_BREAKER_THRESHOLD, cache.config().breakerThreshold());
      ObjectRange small = ObjectRange.whole("s");
      ObjectRange big = ObjectRange.whole("b");
      cache.putAll(Map.of(small, new byte[10], big, new byte[11]));
      awaitStored(cache, 1);
      assertEquals(List.of(small), List.copyOf(getAll(cache, List.of(small, big)).keySet()));
      assertEquals(1, cache.stats().oversizeSkipped());
    }
  }
}
