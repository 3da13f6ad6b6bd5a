package io.s3vector.storage.segment;

/**
 * The weight of what {@link SegmentReader} keeps in the in-process cache, in approximate heap
 * bytes: decoded chunk arrays and segment attributes.
 */
public final class CachedSize {
  private CachedSize() {}

  public static long of(Object value) {
    if (value instanceof SegmentMeta meta) {
      // the attributes hold a few numbers per chunk and per column
      return 512L + 256L * meta.chunks().size();
    }
    return 16 + ColumnData.arrayBytes(value);
  }
}
