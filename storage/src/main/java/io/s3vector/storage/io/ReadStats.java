package io.s3vector.storage.io;

import java.util.concurrent.atomic.LongAdder;

/**
 * What reads cost, per tier: values served by the in-process cache (L1), byte ranges served by
 * Redis (L2), and by the object store, with the store's requests, the number of sequential
 * request rounds and the time spent waiting for them. One instance per statement (for {@code
 * EXPLAIN (ANALYZE)}) whose counts also go to its parent, the database's totals since start (the
 * {@code s3vector_stat_io} view). Thread-safe: the reads of one statement run on many threads.
 */
public final class ReadStats {
  private final ReadStats parent;
  private final LongAdder l1Values = new LongAdder();
  private final LongAdder l1Bytes = new LongAdder();
  private final LongAdder redisRanges = new LongAdder();
  private final LongAdder redisBytes = new LongAdder();
  private final LongAdder storeRanges = new LongAdder();
  private final LongAdder storeRequests = new LongAdder();
  private final LongAdder storeBytes = new LongAdder();
  private final LongAdder rounds = new LongAdder();
  private final LongAdder waitNanos = new LongAdder();

  /** The database's totals. */
  public ReadStats() {
    this(null);
  }

  private ReadStats(ReadStats parent) {
    this.parent = parent;
  }

  /** A statement's counts, added to these totals as well. */
  public ReadStats child() {
    return new ReadStats(this);
  }

  /** Decoded values served from the in-process cache, and their size. */
  public void l1(long values, long bytes) {
    l1Values.add(values);
    l1Bytes.add(bytes);
    if (parent != null) {
      parent.l1(values, bytes);
    }
  }

  /** Byte ranges served from Redis, and their (uncompressed) size. */
  public void redis(long ranges, long bytes) {
    redisRanges.add(ranges);
    redisBytes.add(bytes);
    if (parent != null) {
      parent.redis(ranges, bytes);
    }
  }

  /** Byte ranges served by the object store in {@code requests} requests, and their size. */
  public void store(long ranges, long requests, long bytes) {
    storeRanges.add(ranges);
    storeRequests.add(requests);
    storeBytes.add(bytes);
    if (parent != null) {
      parent.store(ranges, requests, bytes);
    }
  }

  /** One round of concurrent store requests that the reader waited {@code nanos} for. */
  public void round(long nanos) {
    rounds.increment();
    waitNanos.add(nanos);
    if (parent != null) {
      parent.round(nanos);
    }
  }

  public Snapshot snapshot() {
    return new Snapshot(l1Values.sum(), l1Bytes.sum(), redisRanges.sum(), redisBytes.sum(),
        storeRanges.sum(), storeRequests.sum(), storeBytes.sum(), rounds.sum(), waitNanos.sum());
  }

  /** The counts at one moment. */
  public record Snapshot(long l1Values, long l1Bytes, long redisRanges, long redisBytes,
      long storeRanges, long storeRequests, long storeBytes, long rounds, long waitNanos) {}
}
