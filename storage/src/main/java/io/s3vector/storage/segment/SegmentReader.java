package io.s3vector.storage.segment;

import com.fasterxml.jackson.databind.JsonNode;
import io.s3vector.storage.StorageException;
import io.s3vector.storage.cache.TieredReader;
import io.s3vector.storage.io.ObjectRange;
import io.s3vector.storage.io.ReadStats;
import io.s3vector.storage.layout.CatalogJson;
import io.s3vector.storage.layout.Layout;
import io.s3vector.storage.table.ColumnSpec;
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
  /** Deletion sets by name (immutable: a delete writes a new one, so never stale). */
  private final DeletionSets deletions;
  /** Counts of reads no statement asked for (graph loads, compaction). */
  private final ReadStats background;

  public SegmentReader(TieredReader tiers, ReadStats background) {
    this.tiers = tiers;
    this.deletions = new DeletionSets(tiers);
    // as large as the in-process cache allows, up to 128 MiB (none when caching is off)
    this.packs = new io.s3vector.storage.cache.ByteWeightedCache<>(
        Math.min(128L << 20, tiers.l1Stats().maxBytes()), SegmentPack::byteSize);
    this.background = background;
  }

  /** Segment attributes by table and segment; bounded, though a table rarely has many segments. */
  private final io.s3vector.storage.cache.ByteWeightedCache<SegmentKey, SegmentMeta> metas =
      new io.s3vector.storage.cache.ByteWeightedCache<>(META_CACHE_BYTES, CachedSize::of);
  private static final long META_CACHE_BYTES = 64L << 20;

  /** A segment of a table: a cache key that costs no concatenation (Strings hash once). */
  private record SegmentKey(String directory, String segmentId) {}

  /**
   * Remembers the attributes of a segment this process has just written, so that the first
   * statement after its commit does not read and parse them back.
   */
  public void remember(String tableDirectory, String segmentId, SegmentMeta meta) {
    metas.put(new SegmentKey(tableDirectory, segmentId), meta);
  }

  /**
   * Drops the attributes, packs, decoded chunks and deletion sets kept of segments a merge
   * replaced. Nothing reads them again but snapshots older than the merge (which read them back),
   * and under a stream of small commits thousands a minute are merged away: left in the caches
   * they filled them, and the caches' admission policy then turned away the attributes of new
   * packs, so merges and key checks parsed every pack's attributes and rebuilt its key index from
   * its rows.
   */
  public void forget(String tableDirectory,
      java.util.Collection<io.s3vector.storage.manifest.SegmentRef> segments) {
    for (io.s3vector.storage.manifest.SegmentRef segment : segments) {
      SegmentKey key = new SegmentKey(tableDirectory, segment.id());
      SegmentMeta meta = metas.getIfPresent(key);
      if (meta != null) {
        dropChunks(tableDirectory, segment.id(), meta);
      }
      metas.invalidate(key);
      if (SegmentPack.isPacked(segment.id())) {
        packs.invalidate(SegmentPack.key(tableDirectory, segment.id()));
      }
      if (segment.deletes() != null) {
        deletions.forgetWithBase(tableDirectory, segment.id(), segment.deletes());
      }
    }
  }

  /** Drops the segment's decoded chunks (values and NULL marks) from the in-process tier. */
  private void dropChunks(String tableDirectory, String segmentId, SegmentMeta meta) {
    String prefix = Layout.segmentPrefix(tableDirectory, segmentId);
    ArrayMeta nullMeta = nullMeta(meta);
    for (SegmentMeta.Column column : meta.columns()) {
      ArrayMeta arrayMeta = meta.arrayMeta(column);
      for (int chunk = 0; chunk < meta.chunkCount(); chunk++) {
        tiers.drop(chunkKey(prefix, column.array(), arrayMeta, chunk));
        if (column.nullArray() != null) {
          tiers.drop(chunkKey(prefix, column.nullArray(), nullMeta, chunk));
        }
      }
    }
  }

  /**
   * The object key of a chunk of an array of a segment ({@code prefix}: the segment's); a decoded
   * chunk is kept in process under it, so {@link #dropChunks} must name it as the reads do.
   */
  private static String chunkKey(String prefix, String array, ArrayMeta meta, int chunk) {
    return prefix + array + "/" + meta.chunkKey(chunk);
  }

  /** The shape of a segment's NULL-mark arrays. */
  private static ArrayMeta nullMeta(SegmentMeta meta) {
    return ArrayMeta.oneDimensional(meta.rowCount(), meta.rowsPerChunk(), ZarrDtype.BOOL);
  }

  /** Drops a deletion set a commit replaced (see {@link #forget}). */
  public void forgetDeletions(String tableDirectory, String segmentId, String name) {
    deletions.forget(tableDirectory, segmentId, name);
  }

  /** Whether the attributes of the segment are in memory (for tests of {@link #forget}). */
  public boolean knows(String tableDirectory, String segmentId) {
    return metas.getIfPresent(new SegmentKey(tableDirectory, segmentId)) != null;
  }

  /** Where reads no statement asked for are counted. */
  public ReadStats backgroundStats() {
    return background;
  }

  public TieredReader tiers() {
    return tiers;
  }

  /** The attributes of a segment ({@code .zattrs}). */
  public SegmentMeta meta(String tableDirectory, String segmentId) {
    return metas(tableDirectory, List.of(segmentId), background).get(0);
  }

  /**
   * The attributes of several segments of one table, in one round. They are kept in memory apart
   * from the byte-bounded cache (a few hundred bytes per chunk, immutable like the segment), so
   * that every statement does not pay a round for them, whatever the cache size.
   */
  public List<SegmentMeta> metas(String tableDirectory, List<String> segmentIds, ReadStats stats) {
    List<SegmentMeta> out = new ArrayList<>(segmentIds.size());
    List<Integer> missing = new ArrayList<>();
    List<TieredReader.Load<SegmentMeta>> loads = new ArrayList<>();
    for (int i = 0; i < segmentIds.size(); i++) {
      SegmentMeta known = metas.getIfPresent(new SegmentKey(tableDirectory, segmentIds.get(i)));
      out.add(known);
      if (known == null) {
        missing.add(i);
        String key = Layout.segmentPrefix(tableDirectory, segmentIds.get(i)) + ZarrGroup.ATTRS_FILE;
        loads.add(new TieredReader.Load<>(null, ObjectRange.whole(key), json -> parseMeta(key, json)));
      }
    }
    if (!loads.isEmpty()) {
      List<SegmentMeta> read = loadAll(loads, stats);
      for (int m = 0; m < missing.size(); m++) {
        out.set(missing.get(m), read.get(m));
        metas.put(new SegmentKey(tableDirectory, segmentIds.get(missing.get(m))), read.get(m));
      }
    }
    return out;
  }

  /** Packs of small segments, by key: read whole once, then every file is a slice of them. */
  private final io.s3vector.storage.cache.ByteWeightedCache<String, SegmentPack> packs;

  /**
   * {@code tiers.readAll}, with the files of packed segments ({@link SegmentPack}) served from
   * their packs: the missing packs are read whole in the same round as the other loads. A file
   * cut from a pack is decoded once and kept in the in-process tier under its load's key, as a
   * file of its own would be: every exact scan visits the recent commits' packs, and decoding
   * their vectors again for each query took a quarter of a search's time under a write stream.
   */
  @SuppressWarnings("unchecked")
  private <V> List<V> loadAll(List<TieredReader.Load<V>> loads, ReadStats stats) {
    String[][] inPack = new String[loads.size()][];
    Object[] out = new Object[loads.size()];
    java.util.Map<String, SegmentPack> local = new java.util.HashMap<>();
    java.util.Set<String> missing = new java.util.LinkedHashSet<>();
    boolean any = false;
    boolean decodedBefore = false;
    for (int i = 0; i < loads.size(); i++) {
      inPack[i] = packed(loads.get(i).range().objectKey());
      if (inPack[i] != null) {
        Object key = loads.get(i).key();
        Object kept = key == null ? null : tiers.cached(key);
        if (kept != null) {
          out[i] = kept;
          inPack[i] = null;
          decodedBefore = true;
          continue;
        }
        any = true;
        SegmentPack known = packs.getIfPresent(inPack[i][0]);
        if (known != null) {
          local.put(inPack[i][0], known);
        } else {
          missing.add(inPack[i][0]);
        }
      }
    }
    if (!any && !decodedBefore) {
      return tiers.readAll(loads, stats);
    }
    List<TieredReader.Load<Object>> combined = new ArrayList<>();
    List<Integer> direct = new ArrayList<>();
    for (int i = 0; i < loads.size(); i++) {
      if (inPack[i] == null && out[i] == null) {
        direct.add(i);
        combined.add((TieredReader.Load<Object>) loads.get(i));
      }
    }
    List<String> missingPacks = new ArrayList<>(missing);
    for (String key : missingPacks) {
      combined.add(new TieredReader.Load<>(null, ObjectRange.whole(key),
          bytes -> SegmentPack.decode(key, bytes)));
    }
    List<Object> read = combined.isEmpty() ? List.of() : tiers.readAll(combined, stats);
    for (int j = 0; j < direct.size(); j++) {
      out[direct.get(j)] = read.get(j);
    }
    for (int k = 0; k < missingPacks.size(); k++) {
      SegmentPack pack = (SegmentPack) read.get(direct.size() + k);
      packs.put(missingPacks.get(k), pack);
      local.put(missingPacks.get(k), pack);
    }
    List<Integer> outside = new ArrayList<>();
    for (int i = 0; i < loads.size(); i++) {
      if (inPack[i] == null) {
        continue;
      }
      SegmentPack pack = local.get(inPack[i][0]);
      if (!pack.has(inPack[i][1])) {
        outside.add(i); // written beside the pack (a graph built later): an object of its own
        continue;
      }
      ObjectRange range = loads.get(i).range();
      out[i] = loads.get(i).decode().apply(
          pack.read(inPack[i][1], range.offset(), range.isWhole() ? -1 : range.length()));
      if (loads.get(i).key() != null) {
        tiers.keep(loads.get(i).key(), out[i]);
      }
    }
    if (!outside.isEmpty()) {
      List<TieredReader.Load<V>> rest = new ArrayList<>();
      for (int i : outside) {
        rest.add(loads.get(i));
      }
      List<V> more = tiers.readAll(rest, stats);
      for (int j = 0; j < outside.size(); j++) {
        out[outside.get(j)] = more.get(j);
      }
    }
    List<V> values = new ArrayList<>(out.length);
    for (Object value : out) {
      values.add((V) value);
    }
    return values;
  }

  /** {pack key, file name in the pack} when the key is a file of a packed segment, else null. */
  private static String[] packed(String key) {
    // every load asks: decide on the characters before cutting anything out of the key
    int slash = key.indexOf('/');
    if (slash < 0 || !key.startsWith(SegmentPack.ID_PREFIX, slash + 1)) {
      return null;
    }
    int end = key.indexOf('/', slash + 1);
    if (end < 0 || key.startsWith("_deletes/", end + 1)) {
      return null;
    }
    return new String[] {SegmentPack.key(key.substring(0, slash), key.substring(slash + 1, end)),
        key.substring(end + 1)};
  }

  /**
   * The deletion set of each segment ({@link DeletionSet#EMPTY} for a null name), in one round
   * for those not in memory.
   */
  public List<DeletionSet> deletions(String tableDirectory, List<String> segmentIds,
      List<String> names, ReadStats stats) {
    return deletions.read(tableDirectory, segmentIds, names, stats);
  }

  /**
   * Writes a segment's deletion set (a delta on {@code previous}'s base when small, see {@link
   * DeletionSets}) and returns its name.
   *
   * @param previous the set this one replaces, or null
   * @param added the rows this write adds to it
   * @param all that set with {@code added}
   */
  public String writeDeletions(io.s3vector.storage.objectstore.ObjectStore store,
      String tableDirectory, String segmentId, String previous, DeletionSet added,
      DeletionSet all) {
    return deletions.write(store, tableDirectory, segmentId, previous, added, all);
  }

  /** Writes a new segment's whole deletion set and returns its name. */
  public String writeDeletions(io.s3vector.storage.objectstore.ObjectStore store,
      String tableDirectory, String segmentId, DeletionSet all) {
    return deletions.writeWhole(store, tableDirectory, segmentId, all);
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
    return read(refs, List.of(), cached, stats).chunks();
  }

  /** One row of one segment's vector column. */
  public record RowRef(String directory, String segmentId, SegmentMeta meta, ColumnSpec spec, int row) {}

  /**
   * The float32 vectors of {@code rows} (non-NULL rows of vector columns), in order, in one
   * round: a row of an uncompressed column is one byte range of its chunk (ranges of one chunk
   * close together are merged by the I/O scheduler), a row of a compressed one comes with its
   * whole chunk (read once however many of its rows are asked for).
   */
  public List<float[]> rowVectors(List<RowRef> rows, ReadStats stats) {
    return read(List.of(), rows, true, stats).rows();
  }

  /** What {@link #read} returns: the chunks, then the row vectors, each in the order asked. */
  public record Batch(List<ColumnData> chunks, List<float[]> rows) {}

  /**
   * Whole chunks and single vector rows together, in one round (a fetch of result rows reads
   * its scalar columns' chunks and its vectors' rows at once). {@code cached} applies to chunks.
   */
  public Batch read(List<ChunkRef> refs, List<RowRef> rows, boolean cached, ReadStats stats) {
    List<TieredReader.Load<Object>> loads = new ArrayList<>();
    // per ref: the position of its values load and of its NULL marks load (-1: none)
    int[] valuesAt = new int[refs.size()];
    int[] nullsAt = new int[refs.size()];
    for (int r = 0; r < refs.size(); r++) {
      ChunkRef ref = refs.get(r);
      SegmentMeta meta = ref.meta();
      SegmentMeta.Column column = meta.column(ref.spec());
      valuesAt[r] = -1;
      nullsAt[r] = -1;
      if (column == null) {
        continue; // added by ALTER TABLE after the segment was written: its missing value
      }
      String prefix = Layout.segmentPrefix(ref.directory(), ref.segmentId());
      ArrayMeta arrayMeta = meta.arrayMeta(column);
      valuesAt[r] = loads.size();
      loads.add(load(chunkKey(prefix, column.array(), arrayMeta, ref.chunk()), arrayMeta, cached));
      if (column.nullArray() != null) {
        ArrayMeta nullMeta = nullMeta(meta);
        nullsAt[r] = loads.size();
        loads.add(load(chunkKey(prefix, column.nullArray(), nullMeta, ref.chunk()), nullMeta, cached));
      }
    }
    int[] rowAt = planRows(rows, loads);
    List<Object> decoded = loadAll(loads, stats);
    List<ColumnData> chunks = new ArrayList<>(refs.size());
    for (int r = 0; r < refs.size(); r++) {
      ChunkRef ref = refs.get(r);
      int count = ref.meta().chunks().get(ref.chunk()).rowCount();
      if (valuesAt[r] < 0) {
        chunks.add(ColumnData.missing(ref.spec(), count));
        continue;
      }
      SegmentMeta.Column column = ref.meta().column(ref.spec());
      boolean[] nulls = nullsAt[r] < 0 ? null : (boolean[]) decoded.get(nullsAt[r]);
      chunks.add(new ColumnData(column.type(), column.dimension(), count, decoded.get(valuesAt[r]),
          nulls != null && anyTrue(nulls, count) ? nulls : null));
    }
    List<float[]> vectors = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      RowRef ref = rows.get(i);
      int dim = ref.meta().column(ref.spec()).dimension();
      float[] values = (float[]) decoded.get(rowAt[i]);
      if (ref.meta().column(ref.spec()).uncompressed()) {
        vectors.add(values);
      } else {
        int from = (ref.row() % ref.meta().rowsPerChunk()) * dim;
        vectors.add(java.util.Arrays.copyOfRange(values, from, from + dim));
      }
    }
    return new Batch(chunks, vectors);
  }

  /** Appends the loads of {@code rows} (one per row, or per compressed chunk); their positions. */
  private int[] planRows(List<RowRef> rows, List<TieredReader.Load<Object>> loads) {
    int[] loadOf = new int[rows.size()];
    java.util.Map<String, Integer> chunkLoads = new java.util.HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      RowRef ref = rows.get(i);
      SegmentMeta.Column column = ref.meta().column(ref.spec());
      if (column == null) {
        throw new IllegalArgumentException("segment " + ref.segmentId() + " has no column " + ref.spec().name());
      }
      ArrayMeta arrayMeta = ref.meta().arrayMeta(column);
      int chunk = ref.row() / ref.meta().rowsPerChunk();
      String key = chunkKey(Layout.segmentPrefix(ref.directory(), ref.segmentId()), column.array(),
          arrayMeta, chunk);
      if (column.uncompressed()) {
        int rowBytes = column.dimension() * Float.BYTES;
        ObjectRange range = ObjectRange.range(key,
            (long) (ref.row() - chunk * ref.meta().rowsPerChunk()) * rowBytes, rowBytes);
        loadOf[i] = loads.size();
        loads.add(new TieredReader.Load<>(range, range, SegmentReader::floats));
      } else {
        loadOf[i] = chunkLoads.computeIfAbsent(key, k -> {
          loads.add(load(k, arrayMeta, true));
          return loads.size() - 1;
        });
      }
    }
    return loadOf;
  }

  private static float[] floats(byte[] bytes) {
    float[] out = new float[bytes.length / Float.BYTES];
    java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
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
