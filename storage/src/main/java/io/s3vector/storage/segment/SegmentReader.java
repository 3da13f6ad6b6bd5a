package io.s3vector.storage.segment;

import com.fasterxml.jackson.databind.JsonNode;
import io.s3vector.storage.StorageException;
import io.s3vector.storage.cache.ChunkCache;
import io.s3vector.storage.layout.CatalogJson;
import io.s3vector.storage.layout.Layout;
import io.s3vector.storage.objectstore.ObjectStore;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.ColumnType;
import io.s3vector.storage.zarr.ArrayMeta;
import io.s3vector.storage.zarr.ChunkCodec;
import io.s3vector.storage.zarr.ZarrDtype;
import io.s3vector.storage.zarr.ZarrGroup;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads segments: their attributes once, then chunks of the requested columns through the {@link
 * ChunkCache}. The arrays' {@code .zarray} files are not read — the segment's attributes say all
 * that is needed, which saves a round trip per column on S3.
 */
public final class SegmentReader {

  private static final int MAX_CACHED_METAS = 20_000;

  private final ObjectStore store;
  private final ChunkCache<ColumnData> cache;
  private final Map<String, SegmentMeta> metas =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SegmentMeta> eldest) {
          return size() > MAX_CACHED_METAS;
        }
      };

  public SegmentReader(ObjectStore store, ChunkCache<ColumnData> cache) {
    this.store = store;
    this.cache = cache;
  }

  public ChunkCache<ColumnData> cache() {
    return cache;
  }

  /** The attributes of a segment ({@code .zattrs}). */
  public SegmentMeta meta(String tableDirectory, String segmentId) {
    synchronized (metas) {
      SegmentMeta meta = metas.get(segmentId);
      if (meta != null) {
        return meta;
      }
    }
    String key = Layout.segmentPrefix(tableDirectory, segmentId) + ZarrGroup.ATTRS_FILE;
    byte[] json =
        store.get(key).orElseThrow(() -> new StorageException("segment \"" + key + "\" is missing"));
    JsonNode attrs = ZarrGroup.parseAttrs(json).path(SegmentMeta.ATTRIBUTE);
    SegmentMeta meta;
    try {
      meta = CatalogJson.MAPPER.treeToValue(attrs, SegmentMeta.class);
    } catch (Exception e) {
      throw new StorageException("corrupt segment attributes \"" + key + "\": " + e.getMessage(), e);
    }
    synchronized (metas) {
      metas.put(segmentId, meta);
    }
    return meta;
  }

  /** Rows {@code [chunk*rowsPerChunk, ...)} of one column, decoded. */
  public ColumnData chunk(
      String tableDirectory, String segmentId, SegmentMeta meta, ColumnSpec spec, int chunk) {
    return chunk(tableDirectory, segmentId, meta, spec, chunk, true);
  }

  /**
   * As {@link #chunk(String, String, SegmentMeta, ColumnSpec, int)}; with {@code cached} false
   * the chunk neither comes from nor goes to the cache (a graph load copies every vector chunk of
   * a segment into the graph, and would only evict the chunks queries need).
   */
  public ColumnData chunk(String tableDirectory, String segmentId, SegmentMeta meta,
      ColumnSpec spec, int chunk, boolean cached) {
    ChunkCache.Key cacheKey = new ChunkCache.Key(segmentId, spec.name(), chunk);
    ColumnData hit = cache.get(cacheKey);
    if (hit != null) {
      return hit;
    }
    int rows = meta.chunks().get(chunk).rowCount();
    SegmentMeta.Column column = meta.column(spec.name());
    ColumnData data;
    if (column == null) {
      data = ColumnData.allNull(spec.type(), spec.dimension(), rows);
    } else {
      String prefix = Layout.segmentPrefix(tableDirectory, segmentId);
      ZarrDtype dtype = ColumnData.dtype(column.type());
      ArrayMeta arrayMeta =
          column.type() == ColumnType.VECTOR
              ? ArrayMeta.twoDimensional(meta.rowCount(), column.dimension(), meta.rowsPerChunk(), dtype)
              : ArrayMeta.oneDimensional(meta.rowCount(), meta.rowsPerChunk(), dtype);
      Object values = ChunkCodec.decode(arrayMeta, read(prefix + column.array() + "/" + arrayMeta.chunkKey(chunk)));
      boolean[] nulls = null;
      if (column.nullArray() != null) {
        ArrayMeta nullMeta =
            ArrayMeta.oneDimensional(meta.rowCount(), meta.rowsPerChunk(), ZarrDtype.BOOL);
        boolean[] marks = (boolean[]) ChunkCodec.decode(
            nullMeta, read(prefix + column.nullArray() + "/" + nullMeta.chunkKey(chunk)));
        nulls = anyTrue(marks, rows) ? marks : null;
      }
      data = new ColumnData(column.type(), column.dimension(), rows, values, nulls);
    }
    if (cached) {
      cache.put(cacheKey, data);
    }
    return data;
  }

  private byte[] read(String key) {
    return store.get(key).orElseThrow(() -> new StorageException("chunk \"" + key + "\" is missing"));
  }

  private static boolean anyTrue(boolean[] marks, int rows) {
    for (int i = 0; i < rows; i++) {
      if (marks[i]) {
        return true;
      }
    }
    return false;
  }
}
