package io.s3vector.storage.keys;

import io.s3vector.storage.io.ReadStats;
import io.s3vector.storage.manifest.SegmentRef;
import io.s3vector.storage.segment.DeletionSet;
import io.s3vector.storage.segment.SegmentReader;
import io.s3vector.storage.table.TableSchema;
import io.s3vector.storage.table.UniqueViolationException;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Unique keys for the write paths of one database: the key indexes of its segments (built as
 * segments are written, or read back) and the checks a commit makes against the manifest it
 * builds on, so that the loser of a race between two writers (of one server or of several) fails.
 */
public final class KeyChecks {

  private static final long CACHE_BYTES = 256L << 20;
  private static final int MAX_LOOKS_KEPT = 256;

  private final KeyIndexes indexes;
  private final SegmentReader reader;
  private final ReadStats stats;

  /** A table's folder and a key's columns. */
  private record Looked(String directory, List<String> columns) {}

  /** Per table and key, what looks found for each segment (see {@link SegmentLooks}). */
  private final Map<Looked, SegmentLooks> lastLook = new java.util.concurrent.ConcurrentHashMap<>();

  public KeyChecks(SegmentReader reader, ReadStats stats) {
    this.indexes = new KeyIndexes(reader, CACHE_BYTES);
    this.reader = reader;
    this.stats = stats;
  }

  /** Keeps the key indexes of a segment just written from {@code rows}. */
  public void remember(String directory, String segmentId, TableSchema schema, List<Object[]> rows) {
    for (TableSchema.UniqueKey key : schema.uniqueKeys()) {
      indexes.putFromRows(directory, segmentId, schema, key.columns(), rows);
    }
  }

  /** Keeps the key indexes of a segment just written from {@code columns} (in schema order). */
  public void rememberColumns(String directory, String segmentId, TableSchema schema,
      List<io.s3vector.storage.segment.ColumnData> columns) {
    for (TableSchema.UniqueKey key : schema.uniqueKeys()) {
      indexes.putFromColumns(directory, segmentId, schema, key.columns(), columns);
    }
  }

  /**
   * Drops the key indexes of segments a merge replaced (see {@link SegmentReader#forget}: left
   * in the cache, they turned away the indexes of new packs, which were then rebuilt from rows).
   */
  public void forget(String directory, TableSchema schema, List<SegmentRef> segments) {
    for (TableSchema.UniqueKey key : schema.uniqueKeys()) {
      indexes.forget(directory, segments, key.columns());
    }
  }

  /** Whether the index of the segment for {@code key} is in memory (for tests). */
  public boolean knows(String directory, String segmentId, TableSchema.UniqueKey key) {
    return indexes.knows(directory, segmentId, key.columns());
  }

  /** The live values of {@code key} in {@code segments} ({@code moreDeleted}: rows also gone). */
  public LiveKeys live(String directory, TableSchema schema, List<SegmentRef> segments,
      Map<String, DeletionSet> moreDeleted, TableSchema.UniqueKey key, ReadStats readStats) {
    if (lastLook.size() >= MAX_LOOKS_KEPT) {
      lastLook.clear(); // tables dropped long ago hold on to nothing for long
    }
    SegmentLooks looks =
        lastLook.computeIfAbsent(new Looked(directory, key.columns()), k -> new SegmentLooks());
    if (moreDeleted.isEmpty()) {
      LiveKeys same = looks.liveOf(segments);
      if (same != null) {
        return same;
      }
    }
    LiveKeys live = LiveKeys.load(indexes, reader, directory, schema, segments, moreDeleted,
        key.columns(), readStats == null ? stats : readStats, looks);
    if (moreDeleted.isEmpty()) {
      looks.keepLive(segments, live);
    }
    looks.trim(segments); // segments merged away (and tables dropped) drop out now and then
    return live;
  }

  /**
   * {@link #live} of a list no other look sees (a write's own new segments, the segments committed
   * since a statement's snapshot): nothing is kept.
   */
  public LiveKeys liveOfStaged(String directory, TableSchema schema, List<SegmentRef> segments,
      Map<String, DeletionSet> moreDeleted, TableSchema.UniqueKey key) {
    return LiveKeys.load(indexes, reader, directory, schema, segments, moreDeleted, key.columns(),
        stats);
  }

  /**
   * Fails on the first row of {@code added} (values in schema order) whose key a live row of
   * {@code segments} holds, or an earlier row of {@code added}.
   */
  public void checkRows(String directory, TableSchema schema, List<SegmentRef> segments,
      Map<String, DeletionSet> moreDeleted, List<Object[]> added) {
    for (TableSchema.UniqueKey key : schema.uniqueKeys()) {
      LiveKeys existing = live(directory, schema, segments, moreDeleted, key, null);
      int[] at = schema.indexesOf(key.columns());
      TreeSet<Object[]> seen = KeyIndex.newKeySet();
      for (Object[] row : added) {
        check(key, KeyIndexes.key(row, at), existing, seen);
      }
    }
  }

  /** Fails when {@code value} is in {@code existing} or {@code seen}; else adds it to {@code seen}. */
  public static void check(TableSchema.UniqueKey key, Object[] value, LiveKeys existing,
      TreeSet<Object[]> seen) {
    if (!key.comparable(value)) {
      return;
    }
    if (!seen.add(value) || existing.contains(key, value)) {
      throw new UniqueViolationException(key.name(), key.columns(), value);
    }
  }
}
