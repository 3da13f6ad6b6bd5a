package io.s3vector.storage.segment;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.layout.CatalogJson;
import io.s3vector.storage.layout.Layout;
import io.s3vector.storage.objectstore.ObjectStore;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.ColumnType;
import io.s3vector.storage.table.TableSchema;
import io.s3vector.storage.zarr.ArrayMeta;
import io.s3vector.storage.zarr.ChunkCodec;
import io.s3vector.storage.zarr.ZarrDtype;
import io.s3vector.storage.zarr.ZarrGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Writes one immutable segment: a Zarr group with an array per column (and a {@code .null} array
 * for columns with NULLs), all chunked by the same number of rows. Objects are written in parallel
 * on virtual threads — the store's latency (an fsync, an S3 request) dominates, not the CPU.
 */
public final class SegmentWriter {

  /** Objects in flight at once: enough to hide store latency, few enough to bound memory. */
  private static final int PARALLEL_WRITES = 16;
  /** Below this many rows a segment gets no bounding ball: one is scanned in less than its JSON costs. */
  private static final int MIN_BOUNDED_ROWS = 16;

  /** The most rows a chunk holds, whatever its width. */
  public static final int MAX_CHUNK_ROWS = 65_536;

  private final ObjectStore store;
  private final int targetChunkBytes;
  /** Told of every segment written (its table folder and what was written). */
  private final java.util.function.BiConsumer<String, Written> onWritten;

  public SegmentWriter(ObjectStore store, int targetChunkBytes) {
    this(store, targetChunkBytes, (directory, written) -> {});
  }

  /**
   * {@code onWritten}: told of each segment once its objects are written, e.g. to remember its
   * attributes ({@link SegmentReader#remember}) instead of reading them back.
   */
  public SegmentWriter(ObjectStore store, int targetChunkBytes,
      java.util.function.BiConsumer<String, Written> onWritten) {
    this.store = store;
    this.targetChunkBytes = targetChunkBytes;
    this.onWritten = onWritten;
  }

  /** A written segment: its id (the folder name) and attributes. */
  public record Written(String id, SegmentMeta meta) {}

  /**
   * Rows per chunk: a vector chunk of about {@code targetChunkBytes} uncompressed (the widest vector
   * column decides), between 1 and {@link #MAX_CHUNK_ROWS}, and no more than the segment has.
   */
  public int rowsPerChunk(List<ColumnData> columns, int rowCount) {
    int widestRow = 0;
    for (ColumnData column : columns) {
      if (column.type() == ColumnType.VECTOR) {
        widestRow = Math.max(widestRow, column.dimension() * Float.BYTES);
      }
    }
    int rows = widestRow == 0 ? MAX_CHUNK_ROWS : Math.max(1, targetChunkBytes / widestRow);
    return Math.max(1, Math.min(Math.min(rows, MAX_CHUNK_ROWS), rowCount));
  }

  public Written write(String tableDirectory, TableSchema schema, List<ColumnData> columns) {
    return write(tableDirectory, schema, columns, false);
  }

  /**
   * Writes the segment; {@code packed}: as one object ({@link SegmentPack}), for the small
   * segments of commits of a few rows, which no graph is built for.
   */
  public Written write(String tableDirectory, TableSchema schema, List<ColumnData> columns,
      boolean packed) {
    int rowCount = columns.isEmpty() ? 0 : columns.get(0).rows();
    String id = (packed ? SegmentPack.ID_PREFIX : "") + io.s3vector.storage.layout.RandomIds.uuid();
    String prefix = Layout.segmentPrefix(tableDirectory, id);
    java.util.SortedMap<String, byte[]> pack =
        packed ? java.util.Collections.synchronizedSortedMap(new java.util.TreeMap<>()) : null;
    ObjectStore store = packed ? packSink(prefix, pack) : this.store;
    int chunkRows = rowsPerChunk(columns, rowCount);
    int chunkCount = (rowCount + chunkRows - 1) / chunkRows;

    List<SegmentMeta.Column> metaColumns = new ArrayList<>();
    List<ChunkStats> stats = new ArrayList<>();
    Semaphore inFlight = new Semaphore(PARALLEL_WRITES);
    // a pack's files go into a map: no store latency to hide, so no thread per file
    try (ExecutorService writers = packed ? new io.s3vector.storage.io.CallerRunsExecutor() : Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> writes = new ArrayList<>();
      for (int c = 0; c < columns.size(); c++) {
        ColumnSpec spec = schema.columns().get(c);
        ColumnData data = columns.get(c);
        String array = Layout.columnArray(spec.name());
        boolean vector = data.type() == ColumnType.VECTOR;
        ZarrDtype dtype = ColumnData.dtype(data.type());
        boolean uncompressed = vector && rowCount > 0 && !lz4Pays(data, chunkRows);
        ArrayMeta meta = new ArrayMeta(rowCount, vector ? data.dimension() : 0, chunkRows, dtype,
            !uncompressed);
        writeArray(store, writers, inFlight, writes, prefix + array + "/", meta, data.values(), chunkCount);
        int nullCount = data.nullCount();
        String nullArray = null;
        if (nullCount > 0) {
          nullArray = Layout.nullArray(spec.name());
          ArrayMeta nullMeta = ArrayMeta.oneDimensional(rowCount, chunkRows, ZarrDtype.BOOL);
          writeArray(store, writers, inFlight, writes, prefix + nullArray + "/", nullMeta, data.nulls(), chunkCount);
        }
        metaColumns.add(
            new SegmentMeta.Column(
                spec.name(), data.type(), vector ? data.dimension() : 0, nullCount, array,
                nullArray, uncompressed));
      }
      for (int chunk = 0; chunk < chunkCount; chunk++) {
        int from = chunk * chunkRows;
        stats.add(
            ChunkStats.compute(
                schema.columns(), columns, from, Math.min(chunkRows, rowCount - from)));
      }
      java.util.Map<String, VectorBounds> bounds = new java.util.TreeMap<>();
      for (int c = 0; c < columns.size() && rowCount > MIN_BOUNDED_ROWS; c++) {
        if (columns.get(c).type() == ColumnType.VECTOR) {
          VectorBounds b = VectorBounds.of(columns.get(c));
          if (b != null) {
            bounds.put(schema.columns().get(c).name(), b);
          }
        }
      }
      SegmentMeta meta = new SegmentMeta(
          SegmentMeta.FORMAT, rowCount, chunkRows, schema, metaColumns, stats, bounds);
      // written in one pass (no tree first): a commit of one row writes these attributes too
      byte[] attrs = CatalogJson.writeCompact(java.util.Map.of(SegmentMeta.ATTRIBUTE, meta));
      writes.add(writers.submit(() -> store.put(prefix + ZarrGroup.GROUP_FILE, ZarrGroup.zgroupJson())));
      writes.add(writers.submit(() -> store.put(prefix + ZarrGroup.ATTRS_FILE, attrs)));
      awaitAll(writes);
      if (packed) {
        this.store.put(SegmentPack.key(tableDirectory, id), SegmentPack.encode(pack));
      }
      Written written = new Written(id, meta);
      onWritten.accept(tableDirectory, written);
      return written;
    }
  }

  /** An object store whose puts collect the files of a packed segment. */
  private static ObjectStore packSink(String prefix, java.util.Map<String, byte[]> files) {
    return new PackSink(prefix, files);
  }

  /**
   * Whether LZ4 shrinks this vector column's first chunk by at least a tenth. Vectors of real
   * embeddings rarely compress (their float bits look random), and an uncompressed chunk lets a
   * re-rank read one row as a byte range instead of the whole chunk; vectors with many zeros or
   * repeats (images, sparse features) keep the compressor.
   */
  private static boolean lz4Pays(ColumnData data, int chunkRows) {
    int rows = Math.min(chunkRows, data.rows());
    ArrayMeta probe = new ArrayMeta(rows, data.dimension(), rows, ZarrDtype.FLOAT32, true);
    byte[] compressed = ChunkCodec.encode(probe, data.values(), 0, rows);
    return compressed.length <= 0.9 * rows * (long) data.dimension() * Float.BYTES;
  }

  private void writeArray(
      ObjectStore store, ExecutorService writers, Semaphore inFlight, List<Future<?>> writes, String arrayPrefix,
      ArrayMeta meta, Object values, int chunkCount) {
    writes.add(writers.submit(() -> store.put(arrayPrefix + ArrayMeta.FILE, meta.toJson())));
    for (int chunk = 0; chunk < chunkCount; chunk++) {
      int index = chunk;
      writes.add(
          writers.submit(
              () -> {
                inFlight.acquire();
                try {
                  int from = index * meta.chunkRows();
                  int rows = (int) Math.min(meta.chunkRows(), meta.rows() - from);
                  store.put(arrayPrefix + meta.chunkKey(index),
                      ChunkCodec.encode(meta, values, from, rows));
                } finally {
                  inFlight.release();
                }
                return null;
              }));
    }
  }

  private static void awaitAll(List<Future<?>> writes) {
    StorageException failure = null;
    for (Future<?> write : writes) {
      try {
        write.get();
      } catch (ExecutionException e) {
        if (failure == null) {
          failure = e.getCause() instanceof StorageException s
              ? s
              : new StorageException("could not write segment: " + e.getCause(), e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorageException("interrupted while writing a segment", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Deletes every object of a segment; best effort (an orphan segment is only garbage). */
  public static void delete(ObjectStore store, String tableDirectory, String segmentId) {
    try {
      if (SegmentPack.isPacked(segmentId)) {
        store.delete(SegmentPack.key(tableDirectory, segmentId));
      }
      for (String key : store.list(Layout.segmentPrefix(tableDirectory, segmentId))) {
        store.delete(key);
      }
    } catch (StorageException e) {
      // garbage stays; nothing refers to it
    }
  }
}
