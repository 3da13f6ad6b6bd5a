package io.s3vector.storage.cache;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * Decoded chunks in memory, least recently used first out, bounded by their approximate size.
 * Segments are immutable and named by UUID, so an entry is never stale and needs no invalidation.
 * An optimisation only: a cache of 0 bytes keeps nothing and everything still works.
 *
 * <p>The cache does not know what a decoded chunk is: the segment layer gives it the value type
 * and how to weigh one ({@code ChunkCache<ColumnData>} weighed by {@code ColumnData::byteSize}),
 * so this package depends on nothing above it.
 *
 * @param <V> the decoded chunk
 */
public final class ChunkCache<V> {

  /** One chunk of one column of one segment. */
  public record Key(String segment, String column, int chunk) {}

  private final long maxBytes;
  private final ToLongFunction<? super V> weigher;
  private record Entry<V>(V data, long weight) {}

  private final LinkedHashMap<Key, Entry<V>> entries = new LinkedHashMap<>(256, 0.75f, true);
  private long bytes;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  /** A cache of at most {@code maxBytes}, each value counting as {@code weigher} says. */
  public ChunkCache(long maxBytes, ToLongFunction<? super V> weigher) {
    this.maxBytes = maxBytes;
    this.weigher = weigher;
  }

  public synchronized V get(Key key) {
    Entry<V> entry = entries.get(key);
    (entry == null ? misses : hits).incrementAndGet();
    return entry == null ? null : entry.data();
  }

  public synchronized void put(Key key, V data) {
    long size = weigher.applyAsLong(data);
    if (size > maxBytes) {
      return;
    }
    Entry<V> previous = entries.put(key, new Entry<>(data, size));
    if (previous != null) {
      bytes -= previous.weight();
    }
    bytes += size;
    Iterator<Map.Entry<Key, Entry<V>>> oldest = entries.entrySet().iterator();
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
