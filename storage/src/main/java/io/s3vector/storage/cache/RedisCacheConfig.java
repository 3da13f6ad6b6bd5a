package io.s3vector.storage.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link RedisRangeCache} reaches Redis and how much it may cost a query.
 *
 * @param redisUrl {@code redis://host:port[/db]} (also {@code rediss://}, and
 *     {@code redis://password@host}, as Lettuce's {@code RedisURI} parses them)
 * @param namespace keeps this store's keys apart from other stores' in the same Redis; build it
 *     with {@link CacheNamespace#of}; must not contain '|'
 * @param maxValueBytes values longer than this (uncompressed) are neither stored nor returned
 * @param timeout the most a getAll may take before it answers "all missed"
 * @param breakerThreshold consecutive failures that open the circuit breaker
 * @param breakerOpenPeriod how long an open breaker skips Redis before one probe is let through
 */
public record RedisCacheConfig(
    String redisUrl,
    String namespace,
    int maxValueBytes,
    Duration timeout,
    int breakerThreshold,
    Duration breakerOpenPeriod) {

  public static final int DEFAULT_MAX_VALUE_BYTES = 4 << 20;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(50);
  public static final int DEFAULT_BREAKER_THRESHOLD = 3;
  public static final Duration DEFAULT_BREAKER_OPEN_PERIOD = Duration.ofSeconds(1);

  public RedisCacheConfig {
    Objects.requireNonNull(redisUrl, "redisUrl");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(breakerOpenPeriod, "breakerOpenPeriod");
    if (!CacheNamespace.isValid(namespace)) {
      throw new IllegalArgumentException(
          "namespace must be non-empty and free of '|' (use CacheNamespace.of): " + namespace);
    }
    if (maxValueBytes < 0) {
      throw new IllegalArgumentException("maxValueBytes " + maxValueBytes);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout " + timeout);
    }
  }

  /** The defaults: 4 MiB values, 50 ms timeout, breaker opens for 1 s after 3 failures. */
  public static RedisCacheConfig of(String redisUrl, String namespace) {
    return new RedisCacheConfig(
        redisUrl,
        namespace,
        DEFAULT_MAX_VALUE_BYTES,
        DEFAULT_TIMEOUT,
        DEFAULT_BREAKER_THRESHOLD,
        DEFAULT_BREAKER_OPEN_PERIOD);
  }

  public RedisCacheConfig withMaxValueBytes(int bytes) {
    return new RedisCacheConfig(
        redisUrl, namespace, bytes, timeout, breakerThreshold, breakerOpenPeriod);
  }

  public RedisCacheConfig withTimeout(Duration t) {
    return new RedisCacheConfig(
        redisUrl, namespace, maxValueBytes, t, breakerThreshold, breakerOpenPeriod);
  }

  public RedisCacheConfig withBreaker(int threshold, Duration openPeriod) {
    return new RedisCacheConfig(
        redisUrl, namespace, maxValueBytes, timeout, threshold, openPeriod);
  }
}
