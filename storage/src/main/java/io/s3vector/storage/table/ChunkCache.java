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
  private record Entry(ColumnData data, long weight) {}

  private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
  private long bytes;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  public ChunkCache(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  public synchronized ColumnData get(Key key) {
    Entry entry = entries.get(key);
    (entry == null ? misses : hits).incrementAndGet();
    return entry == null ? null : entry.data();
  }

  public synchronized void put(Key key, ColumnData data) {
    long size = data.byteSize();
    if (size > maxBytes) {
      return;
    }
    Entry previous = entries.put(key, new Entry(data, size));
    if (previous != null) {
      bytes -= previous.weight();
    }
    bytes += size;
    Iterator<Map.Entry<Key, Entry>> oldest = entries.entrySet().iterator();
    while (bytes > maxBytes && oldest.hasNext()) {
      bytes -= oldest.next().getValue().weight();
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
