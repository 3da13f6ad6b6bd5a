package io.s3vector.storage.table;

import java.time.Duration;

/**
 * Tunables of a {@code StoreDatabase}, in one record built by {@link #builder()}; {@link
 * #defaults()} suits a server, tests shrink what they need.
 *
 * @param cacheBytes the in-process cache's bound (decoded chunks and segment attributes); 0 = off
 * @param targetChunkBytes the uncompressed size a vector chunk aims at
 * @param compactionThreshold compaction starts when a table has more small segments than this
 * @param smallSegmentRows a segment with fewer rows is small
 * @param refreshInterval how often reads look for a newer manifest written by another server
 * @param keepManifests how many newest manifest versions are never deleted
 * @param manifestRetention how long a superseded manifest version stays (see {@code ManifestLog})
 * @param deleteGrace how long a compacted or dropped segment stays for readers still using it
 * @param compaction whether to compact small segments in the background
 * @param minIndexedSegmentRows segments with fewer rows get no HNSW graph (searching them exactly
 *     is as fast); compaction's merged segments get one whatever their size
 * @param indexCacheBytes the bound of the loaded-graph cache (graphs and their vectors)
 * @param stagedSegmentBytes a {@link StagedWrite} writes a segment once its buffered rows take
 *     about this much memory (so a huge COPY is staged segment by segment in bounded memory)
 * @param maxConcurrency object-store requests in flight at most, over the whole database
 * @param redisUrl the shared Redis cache of object byte ranges ({@code redis://host:port}), or null
 * @param redisTimeout how long a read waits for Redis before it asks the store instead
 * @param writerLease whether opening probes the store for conditional writes and, where they are
 *     not honoured, takes the writer lease (refusing to open while another server holds it) so that
 *     no second server writes at the same time; servers turn it on, tests of one store may not
 * @param leaseTimeout how long a writer lease lives without renewal (it is renewed every tenth)
 * @param warmGraphs whether an indexed segment's HNSW graph is loaded into memory (in the
 *     background) after its first query, which took the cold IVF path; false keeps every query
 *     of segments whose graph is not loaded on the cold path (tests, cold benchmarks)
 * @param packSmallSegments whether segments too small for a graph (the commits of a few rows)
 *     are written as one object ({@code SegmentPack}) until compaction folds them, rather than as
 *     Zarr arrays of one object per chunk (false: every segment is plain Zarr at once)
 * @param orphanGrace how long a segment folder no manifest names (left by a crash, or a write
 *     that failed half way) must stay unnamed before it is deleted: longer than any write, of any
 *     server, may keep a staged segment before its commit
 * @param checkpointInterval at most every this many manifest versions one holds the whole
 *     catalog; the others hold what their commit changed. A checkpoint much larger than the
 *     deltas waits until they add up to its size, up to 8 times the interval ({@code
 *     CheckpointSpacing}); a reader that knows nothing reads a checkpoint and the deltas after
 *     it in one parallel round. 1: every version whole
 */
public record StoreOptions(
    long cacheBytes,
    int targetChunkBytes,
    int compactionThreshold,
    long smallSegmentRows,
    Duration refreshInterval,
    int keepManifests,
    Duration manifestRetention,
    Duration deleteGrace,
    boolean compaction,
    long minIndexedSegmentRows,
    long indexCacheBytes,
    long stagedSegmentBytes,
    int maxConcurrency,
    String redisUrl,
    Duration redisTimeout,
    boolean writerLease,
    Duration leaseTimeout,
    boolean warmGraphs,
    boolean packSmallSegments,
    Duration orphanGrace,
    int checkpointInterval) {

  public static final long DEFAULT_MIN_INDEXED_SEGMENT_ROWS = 1_000;
  public static final long DEFAULT_INDEX_CACHE_BYTES = 2L << 30;
  public static final long DEFAULT_STAGED_SEGMENT_BYTES = 64L << 20;
  public static final int DEFAULT_MAX_CONCURRENCY = 64;
  public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_LEASE_TIMEOUT = Duration.ofSeconds(30);

  /** A quarter of the heap, the in-process cache's default bound. */
  public static long defaultCacheBytes() {
    return Runtime.getRuntime().maxMemory() / 4;
  }

  public static StoreOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds {@link StoreOptions}; every value starts at its default. */
  public static final class Builder {
    private long cacheBytes = defaultCacheBytes();
    private int targetChunkBytes = 1 << 20;
    private int compactionThreshold = 32;
    private long smallSegmentRows = 10_000;
    private Duration refreshInterval = DEFAULT_REFRESH_INTERVAL;
    private int keepManifests = 10;
    private Duration manifestRetention = Duration.ofMinutes(2);
    private Duration deleteGrace = Duration.ofMinutes(5);
    private boolean compaction = true;
    private long minIndexedSegmentRows = DEFAULT_MIN_INDEXED_SEGMENT_ROWS;
    private long indexCacheBytes = DEFAULT_INDEX_CACHE_BYTES;
    private long stagedSegmentBytes = DEFAULT_STAGED_SEGMENT_BYTES;
    private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;
    private String redisUrl;
    private Duration redisTimeout = Duration.ofMillis(50);
    private boolean writerLease;
    private Duration leaseTimeout = DEFAULT_LEASE_TIMEOUT;
    private boolean warmGraphs = true;
    private boolean packSmallSegments = true;
    private Duration orphanGrace = Duration.ofHours(1);
    private int checkpointInterval = 32;

    private Builder() {}

    private Builder(StoreOptions o) {
      cacheBytes = o.cacheBytes;
      targetChunkBytes = o.targetChunkBytes;
      compactionThreshold = o.compactionThreshold;
      smallSegmentRows = o.smallSegmentRows;
      refreshInterval = o.refreshInterval;
      keepManifests = o.keepManifests;
      manifestRetention = o.manifestRetention;
      deleteGrace = o.deleteGrace;
      compaction = o.compaction;
      minIndexedSegmentRows = o.minIndexedSegmentRows;
      indexCacheBytes = o.indexCacheBytes;
      stagedSegmentBytes = o.stagedSegmentBytes;
      maxConcurrency = o.maxConcurrency;
      redisUrl = o.redisUrl;
      redisTimeout = o.redisTimeout;
      writerLease = o.writerLease;
      leaseTimeout = o.leaseTimeout;
      warmGraphs = o.warmGraphs;
      packSmallSegments = o.packSmallSegments;
      orphanGrace = o.orphanGrace;
      checkpointInterval = o.checkpointInterval;
    }

    public Builder cacheBytes(long v) { cacheBytes = v; return this; }
    public Builder targetChunkBytes(int v) { targetChunkBytes = v; return this; }
    public Builder compactionThreshold(int v) { compactionThreshold = v; return this; }
    public Builder smallSegmentRows(long v) { smallSegmentRows = v; return this; }
    public Builder refreshInterval(Duration v) { refreshInterval = v; return this; }
    public Builder keepManifests(int v) { keepManifests = v; return this; }
    public Builder manifestRetention(Duration v) { manifestRetention = v; return this; }
    public Builder deleteGrace(Duration v) { deleteGrace = v; return this; }
    public Builder compaction(boolean v) { compaction = v; return this; }
    public Builder minIndexedSegmentRows(long v) { minIndexedSegmentRows = v; return this; }
    public Builder indexCacheBytes(long v) { indexCacheBytes = v; return this; }
    public Builder stagedSegmentBytes(long v) { stagedSegmentBytes = v; return this; }
    public Builder maxConcurrency(int v) { maxConcurrency = v; return this; }
    public Builder redisUrl(String v) { redisUrl = v; return this; }
    public Builder redisTimeout(Duration v) { redisTimeout = v; return this; }
    public Builder writerLease(boolean v) { writerLease = v; return this; }
    public Builder leaseTimeout(Duration v) { leaseTimeout = v; return this; }
    public Builder warmGraphs(boolean v) { warmGraphs = v; return this; }
    public Builder orphanGrace(Duration v) { orphanGrace = v; return this; }
    public Builder packSmallSegments(boolean v) { packSmallSegments = v; return this; }
    public Builder checkpointInterval(int v) { checkpointInterval = v; return this; }

    public StoreOptions build() {
      if (cacheBytes < 0 || indexCacheBytes < 0) {
        throw new IllegalArgumentException("cache sizes cannot be negative");
      }
      if (maxConcurrency < 1) {
        throw new IllegalArgumentException("max concurrency must be at least 1");
      }
      if (manifestRetention.isNegative() || deleteGrace.isNegative()) {
        throw new IllegalArgumentException("retention and grace periods cannot be negative");
      }
      if (checkpointInterval < 1) {
        throw new IllegalArgumentException("the checkpoint interval must be at least 1");
      }
      if (leaseTimeout.toMillis() < 150) {
        throw new IllegalArgumentException("the writer lease timeout must be at least 150 ms");
      }
      return new StoreOptions(cacheBytes, targetChunkBytes, compactionThreshold, smallSegmentRows,
          refreshInterval, keepManifests, manifestRetention, deleteGrace, compaction,
          minIndexedSegmentRows, indexCacheBytes, stagedSegmentBytes, maxConcurrency, redisUrl,
          redisTimeout, writerLease, leaseTimeout, warmGraphs, packSmallSegments, orphanGrace,
          checkpointInterval);
    }
  }
}
