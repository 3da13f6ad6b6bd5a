package io.s3vector.storage.cache;

import static org.junit.jupiter.api.Assertions.fail;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.s3vector.storage.io.ObjectRange;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Helpers shared by the Redis cache tests. */
final class RedisTestSupport {

  /** "Does not hang": far above any timeout in these tests, far below a stuck build. */
  static final long LIVENESS_SECONDS = 5;

  private RedisTestSupport() {}

  /** getAll, failing the test if the future does not complete within the liveness bound. */
  static Map<ObjectRange, byte[]> getAll(RedisRangeCache cache, Collection<ObjectRange> keys) {
    try {
      return cache.getAll(keys).get(LIVENESS_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("getAll did not complete normally within " + LIVENESS_SECONDS + " s", e);
    }
  }

  /** Polls until {@code condition} holds, failing after {@code seconds}. */
  static void await(String what, long seconds, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("not within " + seconds + " s: " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Waits until putAll's background MSETs have stored {@code total} values in all. */
  static void awaitStored(RedisRangeCache cache, long total) {
    await("valuesStored reaches " + total, 10, () -> cache.stats().valuesStored() >= total);
  }

  static byte[] random(int length, long seed) {
    byte[] b = new byte[length];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** Very compressible: a short pattern repeated. */
  static byte[] repetitive(int length) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (i % 7);
    }
    return b;
  }

  /** A plain Lettuce connection, to look at or tamper with Redis behind the cache's back. */
  static final class PlainRedis implements AutoCloseable {
    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> connection;

    PlainRedis(String uri) {
      client = RedisClient.create(uri);
      connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    }

    RedisCommands<String, byte[]> sync() {
      return connection.sync();
    }

    @Override
    public void close() {
      connection.close();
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }
}
