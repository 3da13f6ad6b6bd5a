package io.s3vector.storage.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The in-process L1: decoded values (chunks, graphs, ...) bounded by their size in bytes, as the
 * caller's {@code byteSize} function measures them. Caffeine's W-TinyLFU keeps the values that
 * are used often, not merely recently, so a one-off scan does not flush the hot set.
 *
 * <p>{@code maxBytes == 0} disables caching entirely: every {@link #get} calls the loader, the
 * rest are no-ops, so callers need no separate code path. Thread-safe.
 *
 * @param <K> key type (must have value equality)
 * @param <V> value type; values must not be mutated once cached
 */
public final class ByteWeightedCache<K, V> {

  private final long maxBytes;
  private final Cache<K, V> cache; // null when disabled
  private final LongAdder disabledLoads = new LongAdder();

  public ByteWeightedCache(long maxBytes, ToLongFunction<? super V> byteSize) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes " + maxBytes);
    }
    Objects.requireNonNull(byteSize, "byteSize");
    this.maxBytes = maxBytes;
    this.cache =
        maxBytes == 0
            ? null
            : Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                // Caffeine weighs in ints; a value over 2 GiB simply never fits
                .<K, V>weigher((k, v) -> (int) Math.min(Integer.MAX_VALUE, byteSize.applyAsLong(v)))
                // evict on the writing thread, so the bound holds when put/get returns instead of
                // after a maintenance task on the common pool
                .executor(Runnable::run)
                .recordStats()
                .build();
  }

  /**
   * The cached value, or the loader's, which is then cached. Concurrent calls for one missing key
   * call the loader once; the others wait for it. The loader must not use this cache, and a null
   * from it is returned but not cached. The loader's exceptions propagate, nothing is cached.
   */
  public V get(K key, Function<? super K, ? extends V> loader) {
    if (cache == null) {
      disabledLoads.increment();
      return loader.apply(key);
    }
    return cache.get(key, loader);
  }

  /** The value if cached, else null. */
  public V getIfPresent(K key) {
    return cache == null ? null : cache.getIfPresent(key);
  }

  /** The cached ones among {@code keys}; absent keys are not in the map. */
  public Map<K, V> getAllPresent(Iterable<? extends K> keys) {
    return cache == null ? new HashMap<>() : new HashMap<>(cache.getAllPresent(keys));
  }

  public void put(K key, V value) {
    if (cache != null) {
      cache.put(key, value);
    }
  }

  public void putAll(Map<? extends K, ? extends V> values) {
    if (cache != null) {
      cache.putAll(values);
    }
  }

  public void invalidate(K key) {
    if (cache != null) {
      cache.invalidate(key);
    }
  }

  public void invalidateAll() {
    if (cache != null) {
      cache.invalidateAll();
    }
  }

  public long maxBytes() {
    return maxBytes;
  }

  /** The bytes the cached values weigh now. */
  public long weightBytes() {
    return cache == null
        ? 0
        : cache.policy().eviction().orElseThrow().weightedSize().orElse(0);
  }

  public long entryCount() {
    return cache == null ? 0 : cache.estimatedSize();
  }

  /** Counters since creation; with caching disabled every lookup is a miss. */
  public L1CacheStats stats() {
    if (cache == null) {
      long n = disabledLoads.sum();
      return new L1CacheStats(0, n, n, 0, 0, 0);
    }
    CacheStats s = cache.stats();
    return new L1CacheStats(
        s.hitCount(), s.missCount(), s.loadCount(), s.evictionCount(), weightBytes(), maxBytes);
  }

  /**
   * @param hits lookups answered from the cache
   * @param misses lookups not answered (getIfPresent/getAllPresent misses included)
   * @param loads loader calls
   * @param evictions values evicted for size
   * @param weightBytes bytes cached now
   * @param maxBytes the bound
   */
  public record L1CacheStats(
      long hits, long misses, long loads, long evictions, long weightBytes, long maxBytes) {}
}
