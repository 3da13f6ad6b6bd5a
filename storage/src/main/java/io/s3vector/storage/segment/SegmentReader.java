package io.s3vector.storage.segment;

import com.fasterxml.jackson.databind.JsonNode;
import io.s3vector.storage.StorageException;
import io.s3vector.storage.cache.TieredReader;
import io.s3vector.storage.io.ObjectRange;
import io.s3vector.storage.io.ReadStats;
import io.s3vector.storage.layout.CatalogJson;
import io.s3vector.storage.layout.Layout;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.ColumnType;
import io.s3vector.storage.zarr.ArrayMeta;
import io.s3vector.storage.zarr.ChunkCodec;
import io.s3vector.storage.zarr.ZarrDtype;
import io.s3vector.storage.zarr.ZarrGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads segments through the cache tiers ({@link TieredReader}): their attributes, then chunks of
 * the requested columns, all the chunks one step of a query needs in one batch. The arrays'
 * {@code .zarray} files are not read — the segment's attributes say all that is needed, which
 * saves a round trip per column on S3. What is cached in process is one decoded Zarr chunk (the
 * values, or a column's NULL marks) per object key: segments are immutable and named by UUID, so
 * an entry is never stale.
 */
public final class SegmentReader {

  /** One chunk of one column of one segment. */
  public record ChunkRef(String directory, String segmentId, SegmentMeta meta, ColumnSpec spec, int chunk) {}

  private final TieredReader tiers;
  /** Counts of reads no statement asked for (graph loads, compaction). */
  private final ReadStats background;

  public SegmentReader(TieredReader tiers, ReadStats background) {
    this.tiers = tiers;
    this.background = background;
  }

  public TieredReader tiers() {
    return tiers;
  }

  /** The attributes of a segment ({@code .zattrs}). */
  public SegmentMeta meta(String tableDirectory, String segmentId) {
    return metas(tableDirectory, List.of(segmentId), background).get(0);
  }

  /** The attributes of several segments of one table, in one round. */
  public List<SegmentMeta> metas(String tableDirectory, List<String> segmentIds, ReadStats stats) {
    List<TieredReader.Load<SegmentMeta>> loads = new ArrayList<>(segmentIds.size());
    for (String segmentId : segmentIds) {
      String key = Layout.segmentPrefix(tableDirectory, segmentId) + ZarrGroup.ATTRS_FILE;
      loads.add(new TieredReader.Load<>(key, ObjectRange.whole(key), json -> parseMeta(key, json)));
    }
    return tiers.readAll(loads, stats);
  }

  private static SegmentMeta parseMeta(String key, byte[] json) {
    JsonNode attrs = ZarrGroup.parseAttrs(json).path(SegmentMeta.ATTRIBUTE);
    try {
      return CatalogJson.MAPPER.treeToValue(attrs, SegmentMeta.class);
    } catch (Exception e) {
      throw new StorageException("corrupt segment attributes \"" + key + "\": " + e.getMessage(), e);
    }
  }

  /** Rows {@code [chunk*rowsPerChunk, ...)} of one column, decoded. */
  public ColumnData chunk(
      String tableDirectory, String segmentId, SegmentMeta meta, ColumnSpec spec, int chunk) {
    return chunks(List.of(new ChunkRef(tableDirectory, segmentId, meta, spec, chunk)), true, background).get(0);
  }

  /** As {@link #chunks(List, boolean, ReadStats)}, for reads no statement asked for. */
  public List<ColumnData> chunks(List<ChunkRef> refs, boolean cached) {
    return chunks(refs, cached, background);
  }

  /**
   * The chunks, decoded, in order: one batch through the tiers (one store round at most). With
   * {@code cached} false they neither come from nor go to the in-process cache (a graph load
   * copies every vector chunk of a segment into the graph, and would only evict the chunks queries
   * need).
   */
  public List<ColumnData> chunks(List<ChunkRef> refs, boolean cached, ReadStats stats) {
    List<TieredReader.Load<Object>> loads = new ArrayList<>();
    // per ref: the position of its values load and of its NULL marks load (-1: none)
    int[] valuesAt = new int[refs.size()];
    int[] nullsAt = new int[refs.size()];
    for (int r = 0; r < refs.size(); r++) {
      ChunkRef ref = refs.get(r);
      SegmentMeta meta = ref.meta();
      SegmentMeta.Column column = meta.column(ref.spec().name());
      valuesAt[r] = -1;
      nullsAt[r] = -1;
      if (column == null) {
        continue; // added by ALTER TABLE after the segment was written: all NULL
      }
      String prefix = Layout.segmentPrefix(ref.directory(), ref.segmentId());
      ZarrDtype dtype = ColumnData.dtype(column.type());
      ArrayMeta arrayMeta =
          column.type() == ColumnType.VECTOR
              ? ArrayMeta.twoDimensional(meta.rowCount(), column.dimension(), meta.rowsPerChunk(), dtype)
              : ArrayMeta.oneDimensional(meta.rowCount(), meta.rowsPerChunk(), dtype);
      valuesAt[r] = loads.size();
      loads.add(load(prefix + column.array() + "/" + arrayMeta.chunkKey(ref.chunk()), arrayMeta, cached));
      if (column.nullArray() != null) {
        ArrayMeta nullMeta = ArrayMeta.oneDimensional(meta.rowCount(), meta.rowsPerChunk(), ZarrDtype.BOOL);
        nullsAt[r] = loads.size();
        loads.add(load(prefix + column.nullArray() + "/" + nullMeta.chunkKey(ref.chunk()), nullMeta, cached));
      }
    }
    List<Object> decoded = tiers.readAll(loads, stats);
    List<ColumnData> out = new ArrayList<>(refs.size());
    for (int r = 0; r < refs.size(); r++) {
      ChunkRef ref = refs.get(r);
      int rows = ref.meta().chunks().get(ref.chunk()).rowCount();
      if (valuesAt[r] < 0) {
        out.add(ColumnData.allNull(ref.spec().type(), ref.spec().dimension(), rows));
        continue;
      }
      SegmentMeta.Column column = ref.meta().column(ref.spec().name());
      boolean[] nulls = nullsAt[r] < 0 ? null : (boolean[]) decoded.get(nullsAt[r]);
      out.add(new ColumnData(column.type(), column.dimension(), rows, decoded.get(valuesAt[r]),
          nulls != null && anyTrue(nulls, rows) ? nulls : null));
    }
    return out;
  }

  private static TieredReader.Load<Object> load(String key, ArrayMeta meta, boolean cached) {
    return new TieredReader.Load<>(cached ? key : null, ObjectRange.whole(key),
        bytes -> ChunkCodec.decode(meta, bytes));
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
