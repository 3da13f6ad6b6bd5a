package io.s3vector.storage.keys;

import io.s3vector.storage.io.ReadStats;
import io.s3vector.storage.manifest.SegmentRef;
import io.s3vector.storage.segment.DeletionSet;
import io.s3vector.storage.segment.SegmentReader;
import io.s3vector.storage.table.TableSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One unique key's values among the live rows of a list of segments: what a write checks its new
 * keys against, and what {@code ON CONFLICT} looks a row up in.
 */
public final class LiveKeys {

  private final List<KeyIndex> indexes;
  private final List<DeletionSet> deleted;
  /**
   * A write's own deletions per segment (null where none), apart from {@link #deleted}: a union
   * with a segment's whole set per look was most of a commit's key check under a stream of
   * UPDATEs (the set grows with every one).
   */
  private final DeletionSet[] more;
  /** The row number of each segment's first row (segments numbered in list order). */
  private final long[] firstRows;

  private LiveKeys(List<SegmentRef> segments, List<KeyIndex> indexes, List<DeletionSet> deleted,
      DeletionSet[] more) {
    this.indexes = indexes;
    this.deleted = deleted;
    this.more = more;
    this.firstRows = new long[segments.size()];
    for (int s = 1; s < segments.size(); s++) {
      firstRows[s] = firstRows[s - 1] + segments.get(s - 1).rows();
    }
  }

  /**
   * The key {@code columns} of the live rows of {@code segments}: rows their deletion sets hold,
   * or {@code moreDeleted} holds (by segment id: a write's own deletions), are not live. Reads what
   * is not in memory: deletion sets, then the attributes and key columns of segments whose key
   * index is not (a round each, at most).
   */
  public static LiveKeys load(KeyIndexes keyIndexes, SegmentReader reader, String directory,
      TableSchema schema, List<SegmentRef> segments, Map<String, DeletionSet> moreDeleted,
      List<String> columns, ReadStats stats) {
    return load(keyIndexes, reader, directory, schema, segments, moreDeleted, columns, stats,
        new SegmentLooks());
  }

  /**
   * {@link #load}, taking what earlier looks found for a segment from {@code looks} (when its
   * deletion set is still the one they saw), and keeping there what this one looked up.
   */
  static LiveKeys load(KeyIndexes keyIndexes, SegmentReader reader, String directory,
      TableSchema schema, List<SegmentRef> segments, Map<String, DeletionSet> moreDeleted,
      List<String> columns, ReadStats stats, SegmentLooks looks) {
    SegmentRef[] refs = segments.toArray(new SegmentRef[0]);
    SegmentLooks.Seen[] seen = new SegmentLooks.Seen[refs.length];
    List<String> ids = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<Integer> unknown = new ArrayList<>();
    SegmentLooks.Cursor cursor = looks.cursor();
    for (int s = 0; s < refs.length; s++) {
      seen[s] = cursor.find(refs[s]);
      if (seen[s] == null) {
        unknown.add(s);
        ids.add(refs[s].id());
        names.add(refs[s].deletes());
      }
    }
    if (!unknown.isEmpty()) {
      // most segments have no deletion set (no lookup then) and a cached key index: a write of
      // one row into a table of many small segments pays a lookup per new segment, no parsing
      List<DeletionSet> read = reader.deletions(directory, ids, names, stats);
      List<KeyIndex> readIndexes = keyIndexes.get(directory, ids, schema, columns, stats);
      for (int u = 0; u < unknown.size(); u++) {
        int s = unknown.get(u);
        seen[s] = new SegmentLooks.Seen(readIndexes.get(u), names.get(u), read.get(u));
        looks.found(refs[s], seen[s]);
      }
    }
    looks.looked(refs, seen);
    KeyIndex[] indexes = new KeyIndex[refs.length];
    DeletionSet[] deleted = new DeletionSet[refs.length];
    DeletionSet[] more = new DeletionSet[refs.length];
    for (int s = 0; s < refs.length; s++) {
      indexes[s] = seen[s].index();
      deleted[s] = seen[s].deleted();
      more[s] = moreDeleted.isEmpty() ? null : moreDeleted.get(refs[s].id());
    }
    return new LiveKeys(segments, Arrays.asList(indexes), Arrays.asList(deleted), more);
  }

  /**
   * The row number of the live row holding {@code value} for {@code key}, or -1 (always -1 for a
   * value with a NULL when the key's NULLs are distinct).
   */
  public long find(TableSchema.UniqueKey key, Object[] value) {
    if (!key.comparable(value)) {
      return -1;
    }
    return find(value);
  }

  private long find(Object[] key) {
    for (int s = 0; s < indexes.size(); s++) {
      for (int position : indexes.get(s).find(key)) {
        if (!deleted.get(s).contains(position)
            && (more[s] == null || !more[s].contains(position))) {
          return firstRows[s] + position;
        }
      }
    }
    return -1;
  }

  public boolean contains(TableSchema.UniqueKey key, Object[] value) {
    return find(key, value) >= 0;
  }

  /** Whether a live row of segment {@code s} has a NULL in the key. */
  public boolean hasNullIn(int s) {
    return indexes.get(s).hasLiveNull(allDeleted(s));
  }

  /** The keys of the live rows of segment {@code s}. */
  public List<Object[]> keysOf(int s) {
    return indexes.get(s).liveKeys(allDeleted(s));
  }

  private DeletionSet allDeleted(int s) {
    return more[s] == null ? deleted.get(s) : deleted.get(s).union(more[s]);
  }
}
