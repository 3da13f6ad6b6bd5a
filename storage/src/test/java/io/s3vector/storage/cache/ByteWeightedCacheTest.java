package io.s3vector.storage.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ByteWeightedCacheTest {

  @Test
  void theWeightBoundHolds() {
    ByteWeightedCache<Integer, byte[]> cache = new ByteWeightedCache<>(10_000, v -> v.length);
    for (int i = 0; i < 1_000; i++) {
      cache.put(i, new byte[100 + i % 50]);
      assertTrue(cache.weightBytes() <= 10_000, "weight " + cache.weightBytes() + " after " + i);
    }
    assertTrue(cache.weightBytes() > 5_000, "the cache is used: " + cache.weightBytes());
    assertTrue(cache.entryCount() < 1_000);
    assertTrue(cache.stats().evictions() > 0);
    assertEquals(10_000, cache.stats().maxBytes());
  }

  @Test
  void hitsMissesAndGetAllPresent() {
    ByteWeightedCache<String, byte[]> cache = new ByteWeightedCache<>(1 << 20, v -> v.length);
    AtomicInteger loads = new AtomicInteger();
    byte[] a = cache.get("a", k -> { loads.incrementAndGet(); return new byte[] {1}; });
    assertSame(a, cache.get("a", k -> { loads.incrementAndGet(); return new byte[] {2}; }));
    assertEquals(1, loads.get());
    cache.put("b", new byte[] {3});
    Map<String, byte[]> present = cache.getAllPresent(List.of("a", "b", "c"));
    assertEquals(2, present.size());
    assertArrayEquals(new byte[] {3}, present.get("b"));
    assertNull(cache.getIfPresent("c"));
    ByteWeightedCache.L1CacheStats stats = cache.stats();
    assertEquals(1, stats.loads());
    assertTrue(stats.hits() >= 3, stats.toString()); // get "a" again, getAllPresent a and b
    assertTrue(stats.misses() >= 2, stats.toString()); // first get "a", "c" twice
    assertEquals(2, stats.weightBytes());
  }

  @Test
  void concurrentMissesOnOneKeyLoadOnce() throws Exception {
    ByteWeightedCache<String, byte[]> cache = new ByteWeightedCache<>(1 << 20, v -> v.length);
    int threads = 32;
    AtomicInteger loads = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<byte[]>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return cache.get(
                      "hot",
                      k -> {
                        loads.incrementAndGet();
                        sleep(50); // a slow load: the others arrive while it runs
                        return new byte[64];
                      });
                }));
      }
      go.countDown();
      byte[] first = results.get(0).get(10, TimeUnit.SECONDS);
      for (Future<byte[]> r : results) {
        assertSame(first, r.get(10, TimeUnit.SECONDS));
      }
      assertEquals(1, loads.get());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void zeroBytesDisablesCachingButEverythingWorks() {
    ByteWeightedCache<String, byte[]> cache = new ByteWeightedCache<>(0, v -> v.length);
    AtomicInteger loads = new AtomicInteger();
    for (int i = 0; i < 3; i++) {
      assertEquals(1, cache.get("a", k -> { loads.incrementAndGet(); return new byte[1]; }).length);
    }
    assertEquals(3, loads.get());
    cache.put("b", new byte[1]);
    cache.putAll(Map.of("c", new byte[1]));
    assertNull(cache.getIfPresent("b"));
    assertTrue(cache.getAllPresent(List.of("a", "b", "c")).isEmpty());
    assertEquals(0, cache.weightBytes());
    assertEquals(0, cache.entryCount());
    assertEquals(new ByteWeightedCache.L1CacheStats(0, 3, 3, 0, 0, 0), cache.stats());
    cache.invalidateAll();
  }

  @Test
  void aNullLoadIsReturnedNotCachedAndLoaderErrorsPropagate() {
    ByteWeightedCache<String, byte[]> cache = new ByteWeightedCache<>(1 << 20, v -> v.length);
    assertNull(cache.get("n", k -> null));
    assertNull(cache.getIfPresent("n"));
    assertThrows(
        IllegalStateException.class,
        () -> cache.get("e", k -> { throw new IllegalStateException("boom"); }));
    assertNull(cache.getIfPresent("e"));
    assertThrows(IllegalArgumentException.class, () -> new ByteWeightedCache<>(-1, v -> 0));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
