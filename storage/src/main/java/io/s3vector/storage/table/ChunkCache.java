package io.s3vector.storage.table;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decoded chunks in memory, least recently used first out, bounded by their approximate size.
 * Segments are immutable and named by UUID, so an entry is never stale and needs no invalidation.
 * An optimisation only: a cache of 0 bytes keeps nothing and everything still works.
 */
public final class ChunkCache {

  /** One chunk of one column of one segment. */
  public record Key(String segment, String column, int chunk) {}

  private final long maxBytes;
  private final LinkedHashMap<Key, ColumnData> entries = new LinkedHashMap<>(256, 0.75f, true);
  private long bytes;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  public ChunkCache(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  public synchronized ColumnData get(Key key) {
    ColumnData data = entries.get(key);
    (data == null ? misses : hits).incrementAndGet();
    return data;
  }

  public synchronized void put(Key key, ColumnData data) {
    long size = data.byteSize();
    if (size > maxBytes) {
      return;
    }
    ColumnData previous = entries.put(key, data);
    if (previous != null) {
      bytes -= previous.byteSize();
    }
    bytes += size;
    Iterator<Map.Entry<Key, ColumnData>> oldest = entries.entrySet().iterator();
    while (bytes > maxBytes && oldest.hasNext()) {
      bytes -= oldest.next().getValue().byteSize();
      oldest.remove();
    }
  }

  public synchronized long bytes() {
    return bytes;
  }

  public long hits() {
    return hits.get();
  }

  public long misses() {
    return misses.get();
  }
}
