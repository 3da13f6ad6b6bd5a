package io.s3vector.storage.keys;

import io.s3vector.storage.cache.ByteWeightedCache;
import io.s3vector.storage.io.ReadStats;
import io.s3vector.storage.segment.ColumnData;
import io.s3vector.storage.segment.SegmentMeta;
import io.s3vector.storage.segment.SegmentReader;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.TableSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@link KeyIndex}es of segments, kept in memory (bounded by bytes): built from rows as a
 * segment is written, or from its key columns read back (every chunk of them, in one round for
 * all the segments asked for).
 */
public final class KeyIndexes {

  private final SegmentReader reader;
  private final ByteWeightedCache<SegmentKey, KeyIndex> cache;

  /** A cache key that costs no concatenation: ids and names are hashed once per String. */
  private record SegmentKey(String directory, String segmentId, List<String> columns) {}

  public KeyIndexes(SegmentReader reader, long maxBytes) {
    this.reader = reader;
    this.cache = new ByteWeightedCache<>(maxBytes, KeyIndex::bytes);
  }

  private static SegmentKey cacheKey(String directory, String segmentId, List<String> columns) {
    return new SegmentKey(directory, segmentId, columns);
  }

  /** Remembers the index of a segment just written from {@code rows} (values in schema order). */
  public void putFromRows(String directory, String segmentId, TableSchema schema,
      List<String> columns, List<Object[]> rows) {
    int[] at = schema.indexesOf(columns);
    List<Object[]> keys = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      keys.add(key(row, at));
    }
    cache.put(cacheKey(directory, segmentId, columns), KeyIndex.of(keys));
  }

  /** Remembers the index of a segment just written from {@code columns} (in schema order). */
  public void putFromColumns(String directory, String segmentId, TableSchema schema,
      List<String> columns, List<ColumnData> data) {
    int[] at = schema.indexesOf(columns);
    List<ColumnData> parts = new ArrayList<>(at.length);
    for (int c : at) {
      parts.add(data.get(c));
    }
    cache.put(cacheKey(directory, segmentId, columns), KeyIndex.of(keys(parts, parts.get(0).rows())));
  }

  /** The keys of rows 0 to {@code rows} of the key columns {@code parts} (a NULL as null). */
  private static List<Object[]> keys(List<ColumnData> parts, int rows) {
    List<Object[]> keys = new ArrayList<>(rows);
    for (int r = 0; r < rows; r++) {
      Object[] key = new Object[parts.size()];
      for (int c = 0; c < key.length; c++) {
        key[c] = parts.get(c).isNull(r) ? null : parts.get(c).value(r);
      }
      keys.add(key);
    }
    return keys;
  }

  /** Drops the indexes of the segments (merged away) for the key {@code columns}. */
  public void forget(String directory, List<io.s3vector.storage.manifest.SegmentRef> segments,
      List<String> columns) {
    for (io.s3vector.storage.manifest.SegmentRef segment : segments) {
      cache.invalidate(cacheKey(directory, segment.id(), columns));
    }
  }

  /** Whether the index of the segment for the key {@code columns} is in memory. */
  public boolean knows(String directory, String segmentId, List<String> columns) {
    return cache.getIfPresent(cacheKey(directory, segmentId, columns)) != null;
  }

  /** The key of a row (values in schema order) for the columns at {@code at}. */
  public static Object[] key(Object[] row, int[] at) {
    Object[] key = new Object[at.length];
    for (int i = 0; i < at.length; i++) {
      key[i] = row[at[i]];
    }
    return key;
  }

  /**
   * The index of each segment for the key {@code columns}; those not in memory are read: the
   * attributes of their segments, then their key columns (a round each).
   */
  public List<KeyIndex> get(String directory, List<String> segmentIds, TableSchema schema,
      List<String> columns, ReadStats stats) {
    KeyIndex[] out = new KeyIndex[segmentIds.size()];
    List<Integer> missing = new ArrayList<>();
    for (int s = 0; s < out.length; s++) {
      out[s] = cache.getIfPresent(cacheKey(directory, segmentIds.get(s), columns));
      if (out[s] == null) {
        missing.add(s);
      }
    }
    if (missing.isEmpty()) {
      return Arrays.asList(out);
    }
    List<String> missingIds = new ArrayList<>(missing.size());
    missing.forEach(s -> missingIds.add(segmentIds.get(s)));
    List<SegmentMeta> metas = reader.metas(directory, missingIds, stats);
    List<SegmentReader.ChunkRef> refs = new ArrayList<>();
    for (int m = 0; m < missing.size(); m++) {
      int s = missing.get(m);
      SegmentMeta meta = metas.get(m);
      for (int chunk = 0; chunk < meta.chunkCount(); chunk++) {
        for (String column : columns) {
          ColumnSpec spec = schema.columns().get(schema.indexOf(column));
          refs.add(new SegmentReader.ChunkRef(directory, segmentIds.get(s), meta, spec, chunk));
        }
      }
    }
    List<ColumnData> read = reader.chunks(refs, false, stats);
    int at = 0;
    for (int m = 0; m < missing.size(); m++) {
      int s = missing.get(m);
      SegmentMeta meta = metas.get(m);
      List<Object[]> keys = new ArrayList<>((int) meta.rowCount());
      for (int chunk = 0; chunk < meta.chunkCount(); chunk++) {
        List<ColumnData> parts = read.subList(at, at + columns.size());
        at += columns.size();
        keys.addAll(keys(parts, meta.chunks().get(chunk).rowCount()));
      }
      out[s] = KeyIndex.of(keys);
      cache.put(cacheKey(directory, segmentIds.get(s), columns), out[s]);
    }
    return Arrays.asList(out);
  }
}
