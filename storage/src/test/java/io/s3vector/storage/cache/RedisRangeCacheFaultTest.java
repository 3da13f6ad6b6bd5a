package io.s3vector.storage.cache;

import static io.s3vector.storage.cache.RedisTestSupport.LIVENESS_SECONDS;
import static io.s3vector.storage.cache.RedisTestSupport.await;
import static io.s3vector.storage.cache.RedisTestSupport.awaitStored;
import static io.s3vector.storage.cache.RedisTestSupport.getAll;
import static io.s3vector.storage.cache.RedisTestSupport.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.io.ObjectRange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis killed, restarted, paused or absent: reads only get slower (misses), never wrong, never
 * stuck. Each test has its own redis-server because each breaks it. The only timing assertions
 * are generous liveness bounds ({@link RedisTestSupport#LIVENESS_SECONDS}).
 */
class RedisRangeCacheFaultTest {

  private static final Duration TIMEOUT = Duration.ofMillis(200);
  private static final Duration OPEN_PERIOD = Duration.ofMillis(300);

  private RedisServerProcess redis;
  private RedisRangeCache cache;

  @BeforeEach
  void start() {
    redis = RedisServerProcess.start();
  }

  @AfterEach
  void stop() {
    if (cache != null) {
      cache.close();
    }
    redis.close();
  }

  private RedisRangeCache newCache() {
    return new RedisRangeCache(
        RedisCacheConfig.of(redis.uri(), CacheNamespace.of("file", "/faults"))
            .withTimeout(TIMEOUT)
            .withBreaker(3, OPEN_PERIOD));
  }

  private static Map<ObjectRange, byte[]> values(int n) {
    Map<ObjectRange, byte[]> values = new HashMap<>();
    for (int i = 0; i < n; i++) {
      values.put(ObjectRange.range("t/seg/" + i, 0, 1000), random(1000, i));
    }
    return values;
  }

  /** Puts {@code values} and waits until one getAll hits them all (Redis may just be back). */
  private static void awaitHits(RedisRangeCache cache, Map<ObjectRange, byte[]> values) {
    await(
        "all " + values.size() + " values hit",
        15,
        () -> {
          cache.putAll(values);
          return getAll(cache, values.keySet()).size() == values.size();
        });
  }

  @Test
  void killedMidStreamEveryGetCompletesWithMisses() throws Exception {
    cache = newCache();
    Map<ObjectRange, byte[]> values = values(50);
    cache.putAll(values);
    awaitStored(cache, values.size());

    List<CompletableFuture<Map<ObjectRange, byte[]>>> inFlight = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      inFlight.add(cache.getAll(values.keySet()));
      if (i == 100) {
        redis.kill();
      }
    }
    for (CompletableFuture<Map<ObjectRange, byte[]>> f : inFlight) {
      Map<ObjectRange, byte[]> got = f.get(LIVENESS_SECONDS, TimeUnit.SECONDS);
      // whatever did come back is right
      got.forEach((k, v) -> assertArrayEquals(values.get(k), v));
    }
    assertTrue(getAll(cache, values.keySet()).isEmpty());
    RedisCacheStats stats = cache.stats();
    assertTrue(stats.errors() + stats.timeouts() > 0, stats.toString());
    assertEquals(201L * values.size(), stats.hits() + stats.misses());
    cache.putAll(values); // fire and forget: no exception with Redis gone
  }

  @Test
  void breakerOpensOnADeadRedisAndClosesAfterRestart() {
    cache = newCache();
    Map<ObjectRange, byte[]> values = values(5);
    awaitHits(cache, values);
    redis.kill();

    await(
        "the breaker opens",
        LIVENESS_SECONDS,
        () -> {
          getAll(cache, values.keySet());
          return cache.stats().breakerOpens() > 0;
        });
    RedisCacheStats opened = cache.stats();
    assertEquals(CircuitBreaker.State.OPEN, opened.breakerState());
    assertTrue(opened.errors() + opened.timeouts() >= 3, opened.toString());
    // open: answered at once without Redis
    assertTrue(getAll(cache, values.keySet()).isEmpty());
    assertTrue(cache.stats().breakerRejections() > opened.breakerRejections());

    redis.restart(); // same port, empty
    awaitHits(cache, values); // Lettuce reconnects, a probe closes the breaker, puts resume
    assertEquals(CircuitBreaker.State.CLOSED, cache.stats().breakerState());
  }

  @Test
  void pausedRedisTimesOutThenHitsAgainAfterResume() throws Exception {
    cache = newCache();
    Map<ObjectRange, byte[]> values = values(10);
    awaitHits(cache, values);

    redis.pause();
    try {
      long timeoutsBefore = cache.stats().timeouts();
      Map<ObjectRange, byte[]> got =
          cache.getAll(values.keySet()).get(LIVENESS_SECONDS, TimeUnit.SECONDS);
      assertTrue(got.isEmpty());
      assertEquals(timeoutsBefore + 1, cache.stats().timeouts());
    } finally {
      redis.resume();
    }
    // the late answer to the timed-out MGET arrives now and is dropped; the next gets hit
    await(
        "hits after SIGCONT",
        15,
        () -> getAll(cache, values.keySet()).size() == values.size());
    assertEquals(CircuitBreaker.State.CLOSED, cache.stats().breakerState());
    Map<ObjectRange, byte[]> got = getAll(cache, values.keySet());
    got.forEach((k, v) -> assertArrayEquals(values.get(k), v));
  }

  @Test
  void aRedisDownAtStartDoesNotStopConstructionAndIsUsedOnceUp() {
    redis.kill(); // the port is known, nothing listens on it
    long start = System.nanoTime();
    cache = newCache();
    assertTrue(
        System.nanoTime() - start < TimeUnit.SECONDS.toNanos(LIVENESS_SECONDS),
        "construction waits for Redis");
    Map<ObjectRange, byte[]> values = values(3);
    assertTrue(getAll(cache, values.keySet()).isEmpty());
    cache.putAll(values);

    redis.restart();
    awaitHits(cache, values);
  }

  @Test
  void anUnresolvableHostOnlyMeansMisses() {
    cache =
        new RedisRangeCache(
            RedisCacheConfig.of("redis://no-such-host.invalid:6379", CacheNamespace.of("f", "/x"))
                .withTimeout(TIMEOUT)
                .withBreaker(3, OPEN_PERIOD));
    Map<ObjectRange, byte[]> values = values(2);
    for (int i = 0; i < 5; i++) {
      assertTrue(getAll(cache, values.keySet()).isEmpty());
      cache.putAll(values);
    }
    assertTrue(cache.stats().errors() + cache.stats().timeouts() > 0);
  }
}
