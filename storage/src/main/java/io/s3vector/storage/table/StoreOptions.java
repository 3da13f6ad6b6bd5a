package io.s3vector.storage.table;

import java.time.Duration;

/**
 * Tunables of a {@link io.s3vector.storage.engine.StoreDatabase}; {@link #defaults()} suits a
 * server, tests shrink them.
 *
 * @param cacheBytes the decoded-chunk cache's bound
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
    long stagedSegmentBytes) {

  public static final long DEFAULT_MIN_INDEXED_SEGMENT_ROWS = 1_000;
  public static final long DEFAULT_INDEX_CACHE_BYTES = 2L << 30;
  public static final long DEFAULT_STAGED_SEGMENT_BYTES = 64L << 20;

  public StoreOptions(
      long cacheBytes, int targetChunkBytes, int compactionThreshold, long smallSegmentRows,
      Duration refreshInterval, int keepManifests, Duration manifestRetention,
      Duration deleteGrace, boolean compaction, long minIndexedSegmentRows,
      long indexCacheBytes) {
    this(cacheBytes, targetChunkBytes, compactionThreshold, smallSegmentRows, refreshInterval,
        keepManifests, manifestRetention, deleteGrace, compaction, minIndexedSegmentRows,
        indexCacheBytes, DEFAULT_STAGED_SEGMENT_BYTES);
  }

  public StoreOptions(
      long cacheBytes, int targetChunkBytes, int compactionThreshold, long smallSegmentRows,
      Duration refreshInterval, int keepManifests, Duration manifestRetention,
      Duration deleteGrace, boolean compaction) {
    this(cacheBytes, targetChunkBytes, compactionThreshold, smallSegmentRows, refreshInterval,
        keepManifests, manifestRetention, deleteGrace, compaction,
        DEFAULT_MIN_INDEXED_SEGMENT_ROWS, DEFAULT_INDEX_CACHE_BYTES);
  }

  public static StoreOptions defaults() {
    return new StoreOptions(
        256L << 20, 1 << 20, 32, 10_000, Duration.ofMillis(100), 10, Duration.ofMinutes(2),
        Duration.ofMinutes(5), true);
  }

  public StoreOptions withMinIndexedSegmentRows(long rows) {
    return new StoreOptions(cacheBytes, targetChunkBytes, compactionThreshold, smallSegmentRows,
        refreshInterval, keepManifests, manifestRetention, deleteGrace, compaction, rows,
        indexCacheBytes, stagedSegmentBytes);
  }

  public StoreOptions withIndexCacheBytes(long bytes) {
    return new StoreOptions(cacheBytes, targetChunkBytes, compactionThreshold, smallSegmentRows,
        refreshInterval, keepManifests, manifestRetention, deleteGrace, compaction,
        minIndexedSegmentRows, bytes, stagedSegmentBytes);
  }

  public StoreOptions withCacheBytes(long bytes) {
    return new StoreOptions(bytes, targetChunkBytes, compactionThreshold, smallSegmentRows,
        refreshInterval, keepManifests, manifestRetention, deleteGrace, compaction,
        minIndexedSegmentRows, indexCacheBytes, stagedSegmentBytes);
  }

  public StoreOptions withTargetChunkBytes(int bytes) {
    return new StoreOptions(cacheBytes, bytes, compactionThreshold, smallSegmentRows,
        refreshInterval, keepManifests, manifestRetention, deleteGrace, compaction,
        minIndexedSegmentRows, indexCacheBytes, stagedSegmentBytes);
  }

  public StoreOptions withCompaction(boolean enabled, int threshold, long smallRows) {
    return new StoreOptions(cacheBytes, targetChunkBytes, threshold, smallRows, refreshInterval,
        keepManifests, manifestRetention, deleteGrace, enabled, minIndexedSegmentRows,
        indexCacheBytes, stagedSegmentBytes);
  }

  public StoreOptions withRetention(int keep, Duration manifests, Duration segments) {
    return new StoreOptions(cacheBytes, targetChunkBytes, compactionThreshold, smallSegmentRows,
        refreshInterval, keep, manifests, segments, compaction, minIndexedSegmentRows,
        indexCacheBytes, stagedSegmentBytes);
  }

  public StoreOptions withStagedSegmentBytes(long bytes) {
    return new StoreOptions(cacheBytes, targetChunkBytes, compactionThreshold, smallSegmentRows,
        refreshInterval, keepManifests, manifestRetention, deleteGrace, compaction,
        minIndexedSegmentRows, indexCacheBytes, bytes);
  }
}
