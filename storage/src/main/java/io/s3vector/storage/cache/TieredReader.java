package io.s3vector.storage.cache;

import io.s3vector.storage.io.IoScheduler;
import io.s3vector.storage.io.ObjectRange;
import io.s3vector.storage.io.ReadStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Reads immutable objects through the cache tiers: decoded values from the in-process L1, then
 * raw bytes from Redis (L2, optional) in one batch, then from the object store in one {@link
 * IoScheduler} round; what the store returned goes to Redis (in the background) and, decoded, to
 * L1. Every tier is an optimisation: with both off, every read goes to the store and answers the
 * same. Concurrent misses on one value are read once: the first reader claims it, the others wait
 * for its result.
 */
public final class TieredReader implements AutoCloseable {

  /**
   * One value to read: the object range holding it, how to decode its bytes, and its L1 key (null:
   * not kept in L1, e.g. a graph load's vectors, which would only evict what queries need).
   */
  public record Load<V>(Object key, ObjectRange range, Function<byte[], V> decode) {}

  private final ByteWeightedCache<Object, Object> l1;
  private final RedisRangeCache l2;
  private final IoScheduler io;
  private final ToLongFunction<Object> weigher;
  private final ConcurrentHashMap<Object, CompletableFuture<Object>> inFlight = new ConcurrentHashMap<>();

  /**
   * @param l1Bytes the in-process cache's bound (0: off)
   * @param weigher the size in bytes of a decoded value
   * @param l2 the Redis tier, or null
   */
  public TieredReader(long l1Bytes, ToLongFunction<Object> weigher, RedisRangeCache l2, IoScheduler io) {
    this.l1 = new ByteWeightedCache<>(l1Bytes, weigher);
    this.weigher = weigher;
    this.l2 = l2;
    this.io = io;
  }

  public IoScheduler io() {
    return io;
  }

  public ByteWeightedCache.L1CacheStats l1Stats() {
    return l1.stats();
  }

  /** The values of {@code loads}, in order, with at most one Redis batch and one store round. */
  @SuppressWarnings("unchecked")
  /** Drops a value kept in process (of an object nobody will read again). */
  public void drop(Object key) {
    l1.invalidate(key);
  }

  /** The decoded value the in-process tier holds for {@code key}, or null. */
  public Object cached(Object key) {
    return l1.getIfPresent(key);
  }

  /** Keeps a value decoded without {@link #readAll} (a file cut from a pack) in the in-process tier. */
  public void keep(Object key, Object value) {
    l1.put(key, value);
  }

  public <V> List<V> readAll(List<Load<V>> loads, ReadStats stats) {
    Object[] out = new Object[loads.size()];
    List<Integer> mine = new ArrayList<>();
    List<CompletableFuture<Object>> claims = new ArrayList<>();
    List<Integer> waiting = new ArrayList<>();
    List<CompletableFuture<Object>> others = new ArrayList<>();
    long l1Hits = 0;
    long l1Bytes = 0;
    for (int i = 0; i < loads.size(); i++) {
      Object key = loads.get(i).key();
      if (key == null) {
        mine.add(i);
        claims.add(null);
        continue;
      }
      Object cached = l1.getIfPresent(key);
      if (cached != null) {
        out[i] = cached;
        l1Hits++;
        l1Bytes += weigher.applyAsLong(cached);
        continue;
      }
      CompletableFuture<Object> claim = new CompletableFuture<>();
      CompletableFuture<Object> existing = inFlight.putIfAbsent(key, claim);
      if (existing == null) {
        mine.add(i);
        claims.add(claim);
      } else {
        waiting.add(i);
        others.add(existing);
      }
    }
    if (l1Hits > 0) {
      stats.l1(l1Hits, l1Bytes);
    }
    if (!mine.isEmpty()) {
      load(loads, mine, claims, out, stats);
    }
    for (int w = 0; w < waiting.size(); w++) {
      try {
        out[waiting.get(w)] = others.get(w).join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
    List<V> values = new ArrayList<>(out.length);
    for (Object value : out) {
      values.add((V) value);
    }
    return values;
  }

  /** Reads the claimed values below L1, completes the claims, and releases them. */
  private <V> void load(List<Load<V>> loads, List<Integer> mine, List<CompletableFuture<Object>> claims,
      Object[] out, ReadStats stats) {
    try {
      List<ObjectRange> ranges = new ArrayList<>(mine.size());
      for (int i : mine) {
        ranges.add(loads.get(i).range());
      }
      byte[][] bytes = new byte[mine.size()][];
      List<Integer> toStore = fromRedis(ranges, bytes, stats);
      if (!toStore.isEmpty()) {
        List<ObjectRange> missing = new ArrayList<>(toStore.size());
        for (int m : toStore) {
          missing.add(ranges.get(m));
        }
        List<byte[]> fetched = io.readAll(missing, stats);
        Map<ObjectRange, byte[]> forRedis = l2 == null ? null : new HashMap<>();
        for (int j = 0; j < toStore.size(); j++) {
          bytes[toStore.get(j)] = fetched.get(j);
          if (forRedis != null) {
            forRedis.put(missing.get(j), fetched.get(j));
          }
        }
        if (forRedis != null) {
          io.async(() -> {
            l2.putAll(forRedis);
            return null;
          });
        }
      }
      for (int m = 0; m < mine.size(); m++) {
        int i = mine.get(m);
        Load<V> load = loads.get(i);
        Object value = load.decode().apply(bytes[m]);
        out[i] = value;
        if (load.key() != null) {
          l1.put(load.key(), value);
          claims.get(m).complete(value);
        }
      }
    } catch (RuntimeException | Error e) {
      for (CompletableFuture<Object> claim : claims) {
        if (claim != null) {
          claim.completeExceptionally(e);
        }
      }
      throw e;
    } finally {
      for (int m = 0; m < mine.size(); m++) {
        if (claims.get(m) != null) {
          inFlight.remove(loads.get(mine.get(m)).key(), claims.get(m));
        }
      }
    }
  }

  /** Fills what Redis has into {@code bytes}; returns the positions it did not have. */
  private List<Integer> fromRedis(List<ObjectRange> ranges, byte[][] bytes, ReadStats stats) {
    List<Integer> missing = new ArrayList<>();
    Map<ObjectRange, byte[]> found = l2 == null ? Map.of() : l2.getAll(ranges).join();
    long hits = 0;
    long hitBytes = 0;
    for (int m = 0; m < ranges.size(); m++) {
      byte[] value = found.get(ranges.get(m));
      if (value == null) {
        missing.add(m);
      } else {
        bytes[m] = value;
        hits++;
        hitBytes += value.length;
      }
    }
    if (hits > 0) {
      stats.redis(hits, hitBytes);
    }
    return missing;
  }

  @Override
  public void close() {
    if (l2 != null) {
      l2.close();
    }
  }
}
