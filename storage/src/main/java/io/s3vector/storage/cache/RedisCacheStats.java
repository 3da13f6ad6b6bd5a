package io.s3vector.storage.cache;

/**
 * A consistent-enough snapshot of a {@link RedisRangeCache}'s counters since it was created
 * (each counter is read once; counters of calls still in flight may be one batch apart).
 *
 * @param hits keys answered from Redis
 * @param misses keys not answered: absent, or lost to an error, timeout or open breaker
 * @param bytesServed decompressed bytes of the hits
 * @param valuesStored values sent to Redis by putAll
 * @param bytesStored their bytes as sent (after compression)
 * @param oversizeSkipped values putAll did not send because they exceed the maximum size
 * @param errors failed calls (connection refused, reset, error replies), timeouts excluded
 * @param timeouts getAll calls answered empty because Redis did not answer within the timeout
 * @param breakerOpens how many times the circuit breaker opened
 * @param breakerRejections calls answered (or puts dropped) at once because the breaker was open
 * @param breakerState the breaker's state when the snapshot was taken
 */
public record RedisCacheStats(
    long hits,
    long misses,
    long bytesServed,
    long valuesStored,
    long bytesStored,
    long oversizeSkipped,
    long errors,
    long timeouts,
    long breakerOpens,
    long breakerRejections,
    CircuitBreaker.State breakerState) {

  /** Hits over lookups, 0 when nothing was looked up. */
  public double hitRatio() {
    long lookups = hits + misses;
    return lookups == 0 ? 0 : (double) hits / lookups;
  }
}
