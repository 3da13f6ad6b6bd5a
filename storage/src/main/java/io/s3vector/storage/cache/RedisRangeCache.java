package io.s3vector.storage.cache;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisCommandExecutionException;
import io.s3vector.storage.io.ObjectRange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared L2 cache: byte ranges of immutable objects in Redis, LZ4-compressed, asked for a
 * whole query step at a time. Redis is an optimization only: every failure (down, slow, stalled,
 * flushed, full) turns into misses, within {@link RedisCacheConfig#timeout} at the latest, and a
 * {@link CircuitBreaker} stops a failing Redis from costing every query that timeout.
 *
 * <p>Thread-safe; one instance per store, shared by all queries. {@link #close} it when the
 * store closes.
 *
 * <p>Threading: the futures of {@link #getAll} complete on a Lettuce I/O thread (or, on timeout,
 * on the JDK's delayer thread). Do not block in non-async stages chained to them; {@code join()}
 * them or use the {@code *Async} variants with your own executor.
 */
public final class RedisRangeCache implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RedisRangeCache.class);

  // one MSET is a single Redis command and Redis is single-threaded: cap its size so one fill
  // cannot stall every other client of the Redis for long
  static final int PUT_CHUNK_BYTES = 8 << 20;
  private static final long WARN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** What Redis answered to one getAll, or why it did not. */
  private record Answer(Map<ObjectRange, byte[]> values, Throwable error) {}

  // identity matters: completeOnTimeout puts this one instance in, settle() recognises it
  private static final Answer TIMED_OUT = new Answer(Map.of(), null);

  private final RedisCacheConfig config;
  private final RedisConnector connector;
  private final CircuitBreaker breaker;
  private volatile boolean closed;

  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder bytesServed = new LongAdder();
  private final LongAdder valuesStored = new LongAdder();
  private final LongAdder bytesStored = new LongAdder();
  private final LongAdder oversizeSkipped = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder timeouts = new LongAdder();
  private final LongAdder breakerRejections = new LongAdder();
  private final AtomicLong lastWarn = new AtomicLong(System.nanoTime() - WARN_INTERVAL_NANOS);

  /**
   * Starts connecting in the background and returns at once: a Redis that is down now only
   * means misses until it is up.
   */
  public RedisRangeCache(RedisCacheConfig config) {
    this.config = config;
    // Lettuce's own deadline only frees commands stuck on a stalled Redis; queries use ours
    Duration lettuceTimeout = max(config.timeout().multipliedBy(10), Duration.ofSeconds(1));
    this.connector = new RedisConnector(config.redisUrl(), lettuceTimeout);
    this.breaker = new CircuitBreaker(config.breakerThreshold(), config.breakerOpenPeriod());
    connector.commands(); // warm up; a failure here is retried by the first call
  }

  /** With the default breaker (3 failures, open 1 s). */
  public RedisRangeCache(String redisUrl, String namespace, int maxValueBytes, Duration timeout) {
    this(RedisCacheConfig.of(redisUrl, namespace).withMaxValueBytes(maxValueBytes)
        .withTimeout(timeout));
  }

  public RedisCacheConfig config() {
    return config;
  }

  /**
   * The cached values of {@code keys}, fetched with one MGET. Keys that are not cached are absent
   * from the (unmodifiable) map. Never completes exceptionally and never later than the timeout:
   * on any failure the answer is an empty map.
   */
  public CompletableFuture<Map<ObjectRange, byte[]>> getAll(Collection<ObjectRange> keys) {
    List<ObjectRange> batch = List.copyOf(new LinkedHashSet<>(keys));
    if (batch.isEmpty()) {
      return CompletableFuture.completedFuture(Map.of());
    }
    if (closed || !breaker.tryAcquire()) {
      breakerRejections.increment();
      misses.add(batch.size());
      return CompletableFuture.completedFuture(Map.of());
    }
    CompletableFuture<Answer> answer = new CompletableFuture<>();
    try {
      String[] redisKeys = new String[batch.size()];
      for (int i = 0; i < redisKeys.length; i++) {
        redisKeys[i] = redisKey(config.namespace(), batch.get(i));
      }
      connector
          .commands()
          .thenCompose(redis -> redis.mget(redisKeys))
          .whenComplete(
              (found, error) -> {
                if (answer.isDone()) {
                  return; // timed out already: do not decode for nobody
                }
                answer.complete(
                    error != null ? new Answer(null, error) : new Answer(decode(batch, found), null));
              });
    } catch (RuntimeException e) {
      answer.complete(new Answer(null, e));
    }
    return answer
        .completeOnTimeout(TIMED_OUT, config.timeout().toNanos(), TimeUnit.NANOSECONDS)
        .thenApply(a -> settle(a, batch.size()));
  }

  /**
   * Stores {@code values} in the background (MSETs of up to {@link #PUT_CHUNK_BYTES}) and returns
   * at once; no expiry, since keys never go stale (give Redis a maxmemory with an allkeys-lru or
   * allkeys-lfu policy). Skipped while the breaker is not closed; values longer than
   * maxValueBytes are skipped. Compression runs on the calling thread.
   */
  public void putAll(Map<ObjectRange, byte[]> values) {
    if (values.isEmpty() || closed) {
      return;
    }
    if (!breaker.isClosed()) {
      breakerRejections.increment();
      return;
    }
    try {
      List<Map<String, byte[]>> chunks = encodeChunks(values);
      if (chunks.isEmpty()) {
        return;
      }
      connector
          .commands()
          .whenComplete(
              (redis, error) -> {
                if (error != null) {
                  onPutFailure(error);
                  return;
                }
                for (Map<String, byte[]> chunk : chunks) {
                  redis.mset(chunk).whenComplete((ok, e) -> onPutDone(chunk, e));
                }
              });
    } catch (RuntimeException e) {
      onPutFailure(e);
    }
  }

  /** The counters so far. */
  public RedisCacheStats stats() {
    return new RedisCacheStats(
        hits.sum(),
        misses.sum(),
        bytesServed.sum(),
        valuesStored.sum(),
        bytesStored.sum(),
        oversizeSkipped.sum(),
        errors.sum(),
        timeouts.sum(),
        breaker.opens(),
        breakerRejections.sum(),
        breaker.state());
  }

  /** Quick (no quiet period): calls in flight answer misses; later calls answer misses at once. */
  @Override
  public void close() {
    closed = true;
    connector.close();
  }

  private Map<ObjectRange, byte[]> decode(List<ObjectRange> batch, List<KeyValue<String, byte[]>> found) {
    Map<ObjectRange, byte[]> values = new HashMap<>();
    for (int i = 0; i < batch.size() && i < found.size(); i++) { // MGET answers in key order
      KeyValue<String, byte[]> kv = found.get(i);
      if (!kv.hasValue()) {
        continue;
      }
      ObjectRange key = batch.get(i);
      byte[] value = RangeValueCodec.decode(kv.getValue(), config.maxValueBytes());
      // a range read returns at most length bytes; anything else is not ours: a miss
      if (value != null && (key.isWhole() || value.length <= key.length())) {
        values.put(key, value);
      }
    }
    return values;
  }

  private Map<ObjectRange, byte[]> settle(Answer answer, int asked) {
    if (answer == TIMED_OUT) {
      timeouts.increment();
      misses.add(asked);
      breaker.onFailure();
      warn("Redis cache did not answer within " + config.timeout(), null);
      return Map.of();
    }
    if (answer.error() != null) {
      errors.increment();
      misses.add(asked);
      recordOutcome(answer.error());
      warn("Redis cache read failed", answer.error());
      return Map.of();
    }
    breaker.onSuccess();
    Map<ObjectRange, byte[]> values = answer.values();
    hits.add(values.size());
    misses.add(asked - values.size());
    long bytes = 0;
    for (byte[] v : values.values()) {
      bytes += v.length;
    }
    bytesServed.add(bytes);
    return Collections.unmodifiableMap(values);
  }

  private List<Map<String, byte[]>> encodeChunks(Map<ObjectRange, byte[]> values) {
    List<Map<String, byte[]>> chunks = new ArrayList<>();
    Map<String, byte[]> chunk = new LinkedHashMap<>();
    long chunkBytes = 0;
    for (Map.Entry<ObjectRange, byte[]> e : values.entrySet()) {
      byte[] value = e.getValue();
      if (value == null || value.length > config.maxValueBytes()) {
        oversizeSkipped.increment();
        continue;
      }
      byte[] stored = RangeValueCodec.encode(value);
      if (!chunk.isEmpty() && chunkBytes + stored.length > PUT_CHUNK_BYTES) {
        chunks.add(chunk);
        chunk = new LinkedHashMap<>();
        chunkBytes = 0;
      }
      chunk.put(redisKey(config.namespace(), e.getKey()), stored);
      chunkBytes += stored.length;
    }
    if (!chunk.isEmpty()) {
      chunks.add(chunk);
    }
    return chunks;
  }

  private void onPutDone(Map<String, byte[]> chunk, Throwable error) {
    if (error != null) {
      onPutFailure(error);
      return;
    }
    breaker.onSuccess();
    valuesStored.add(chunk.size());
    long bytes = 0;
    for (byte[] v : chunk.values()) {
      bytes += v.length;
    }
    bytesStored.add(bytes);
  }

  private void onPutFailure(Throwable error) {
    if (closed) {
      return; // commands cut off by close() are not Redis's fault
    }
    errors.increment();
    recordOutcome(error);
    warn("Redis cache write failed", error);
  }

  /**
   * An error reply (OOM under a noeviction policy, LOADING, ...) proves Redis is reachable and
   * answering fast, so it does not count against the breaker; anything else (refused, reset,
   * timed out, not connected) does.
   */
  private void recordOutcome(Throwable error) {
    if (unwrap(error) instanceof RedisCommandExecutionException) {
      breaker.onSuccess();
    } else {
      breaker.onFailure();
    }
  }

  private void warn(String what, Throwable error) {
    if (closed) {
      return;
    }
    long now = System.nanoTime();
    long last = lastWarn.get();
    // at most one line per interval: a dead Redis must not flood the log of a busy server
    if (now - last >= WARN_INTERVAL_NANOS && lastWarn.compareAndSet(last, now)) {
      Throwable cause = error == null ? null : unwrap(error);
      LOG.warn(
          "{} ({}); answering misses, stats {}",
          what,
          cause == null ? "timeout" : cause.toString(),
          stats());
    }
  }

  private static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /**
   * The Redis key: {@code namespace|objectKey@offset+length}. The '|' after the namespace cannot
   * occur inside a namespace ({@link CacheNamespace} escapes it), so two stores never share a
   * key; offset and length are the last two numbers, so the object key may contain anything.
   */
  static String redisKey(String namespace, ObjectRange range) {
    return namespace + '|' + range.objectKey() + '@' + range.offset() + '+' + range.length();
  }
}
