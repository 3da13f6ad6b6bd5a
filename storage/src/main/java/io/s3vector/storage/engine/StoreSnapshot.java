package io.s3vector.storage.engine;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.cache.ChunkCache;
import io.s3vector.storage.manifest.SegmentRef;
import io.s3vector.storage.manifest.TableEntry;
import io.s3vector.storage.search.SegmentIndexes;
import io.s3vector.storage.search.VectorSearch;
import io.s3vector.storage.segment.ChunkRowBatch;
import io.s3vector.storage.segment.ColumnData;
import io.s3vector.storage.segment.SegmentMeta;
import io.s3vector.storage.segment.SegmentReader;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.IndexDefinition;
import io.s3vector.storage.table.NearestRows;
import io.s3vector.storage.table.RowBatch;
import io.s3vector.storage.table.TableSchema;
import io.s3vector.storage.table.TableSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongPredicate;

/**
 * The rows of a table at one manifest version: a fixed list of immutable segments, so the snapshot
 * stays valid while later commits and compactions happen (replaced segments are deleted only after
 * a grace period).
 */
public final class StoreSnapshot implements TableSnapshot {

  /** Chunk reads wait on the store more than they compute: a virtual thread each. */
  private static final ExecutorService READERS = Executors.newVirtualThreadPerTaskExecutor();

  private final TableSchema schema;
  private final String directory;
  private final List<SegmentRef> segments;
  private final long manifestVersion;
  private final SegmentReader reader;
  private final long rowCount;
  private final List<IndexDefinition> indexes;
  private final SegmentIndexes graphs;
  /** The row number of each segment's first row, and the row count after the last. */
  private final long[] firstRows;

  StoreSnapshot(TableEntry entry, long manifestVersion, SegmentReader reader,
      SegmentIndexes graphs) {
    this.schema = entry.schema();
    this.directory = entry.directory();
    this.segments = entry.segments();
    this.manifestVersion = manifestVersion;
    this.reader = reader;
    this.rowCount = entry.rowCount();
    this.indexes = entry.indexes();
    this.graphs = graphs;
    this.firstRows = new long[segments.size() + 1];
    for (int s = 0; s < segments.size(); s++) {
      firstRows[s + 1] = firstRows[s] + segments.get(s).rows();
    }
  }

  @Override
  public TableSchema schema() {
    return schema;
  }

  @Override
  public long rowCount() {
    return rowCount;
  }

  /** The segments in row order. */
  public List<SegmentRef> segments() {
    return segments;
  }

  public long manifestVersion() {
    return manifestVersion;
  }

  /** A segment's attributes, including its per-chunk statistics. */
  public SegmentMeta segmentMeta(SegmentRef segment) {
    return reader.meta(directory, segment.id());
  }

  @Override
  public List<IndexDefinition> indexes() {
    return indexes;
  }

  /** {@inheritDoc} See {@link VectorSearch} for how. */
  @Override
  public NearestRows vectorSearch(
      IndexDefinition index, float[] query, int k, int efSearch, LongPredicate accept) {
    if (!indexes.contains(index)) {
      throw new StorageException("index \"" + index.name() + "\" does not exist");
    }
    ColumnSpec spec = schema.columns().get(schema.indexOf(index.column()));
    return new VectorSearch(directory, segments, firstRows, reader, graphs, index, spec, query, k,
        efSearch, accept).run();
  }

  @Override
  public Object[][] fetch(long[] rowNumbers, int[] columns) {
    for (int column : columns) {
      if (column < 0 || column >= schema.columns().size()) {
        throw new IllegalArgumentException("no column " + column + " in " + schema.name());
      }
    }
    Object[][] rows = new Object[rowNumbers.length][];
    // one read per (segment, chunk, column) even with the cache off
    Map<ChunkCache.Key, ColumnData> read = new HashMap<>();
    for (int i = 0; i < rowNumbers.length; i++) {
      long rowNumber = rowNumbers[i];
      if (rowNumber < 0 || rowNumber >= rowCount) {
        throw new IllegalArgumentException("no row " + rowNumber + " in " + schema.name());
      }
      int s = Arrays.binarySearch(firstRows, rowNumber);
      s = s >= 0 ? s : -s - 2;
      while (segments.get(s).rows() == 0) {
        s++; // empty segments share their first row number with the next one
      }
      SegmentRef segment = segments.get(s);
      SegmentMeta meta = segmentMeta(segment);
      int inSegment = (int) (rowNumber - firstRows[s]);
      int chunk = inSegment / meta.rowsPerChunk();
      int row = inSegment - chunk * meta.rowsPerChunk();
      Object[] values = new Object[columns.length];
      for (int c = 0; c < columns.length; c++) {
        ColumnSpec spec = schema.columns().get(columns[c]);
        ColumnData data = read.computeIfAbsent(new ChunkCache.Key(segment.id(), spec.name(), chunk),
            key -> reader.chunk(directory, segment.id(), meta, spec, key.chunk()));
        values[c] = data.value(row);
      }
      rows[i] = values;
    }
    return rows;
  }

  /**
   * {@inheritDoc}
   *
   * <p>While the caller works on one batch, the next chunk is read and decoded on a virtual thread
   * (one chunk of read-ahead): decoding overlaps the caller's work, and on S3 the next request is
   * already in flight. The requested columns of a chunk are fetched in parallel too.
   */
  @Override
  public Iterator<RowBatch> scan(int[] columns) {
    int[] requested = columns.clone();
    for (int column : requested) {
      if (column < 0 || column >= schema.columns().size()) {
        throw new IllegalArgumentException("no column " + column + " in " + schema.name());
      }
    }
    return new Iterator<>() {
      /** The position after the last one handed out or being read ahead. */
      private int segment;
      private int chunk;
      private long nextRowNumber;
      private CompletableFuture<RowBatch> ahead = readNext();

      /** Starts reading the chunk at the position, or returns null at the end. */
      private CompletableFuture<RowBatch> readNext() {
        while (segment < segments.size() && segments.get(segment).rows() == 0) {
          segment++;
        }
        if (segment >= segments.size()) {
          return null;
        }
        SegmentRef ref = segments.get(segment);
        int chunkIndex = chunk;
        long first = nextRowNumber;
        CompletableFuture<RowBatch> read =
            CompletableFuture.supplyAsync(() -> load(ref, chunkIndex, first), READERS);
        // advance the position using the rows of this segment's chunks
        SegmentMeta meta = segmentMeta(ref);
        nextRowNumber += meta.chunks().get(chunkIndex).rowCount();
        if (++chunk >= meta.chunkCount()) {
          chunk = 0;
          segment++;
        }
        return read;
      }

      private RowBatch load(SegmentRef ref, int chunkIndex, long firstRowNumber) {
        SegmentMeta meta = segmentMeta(ref);
        ColumnData[] data = new ColumnData[schema.columns().size()];
        if (requested.length == 1) {
          data[requested[0]] = reader.chunk(directory, ref.id(), meta, schema.columns().get(requested[0]), chunkIndex);
        } else {
          List<CompletableFuture<Void>> reads = new ArrayList<>();
          for (int column : requested) {
            reads.add(CompletableFuture.runAsync(() -> data[column] =
                reader.chunk(directory, ref.id(), meta, schema.columns().get(column), chunkIndex), READERS));
          }
          for (CompletableFuture<Void> read : reads) {
            join(read);
          }
        }
        return new ChunkRowBatch(firstRowNumber, meta.chunks().get(chunkIndex).rowCount(), data);
      }

      @Override
      public boolean hasNext() {
        return ahead != null;
      }

      @Override
      public RowBatch next() {
        if (ahead == null) {
          throw new NoSuchElementException();
        }
        RowBatch batch = join(ahead);
        ahead = readNext();
        return batch;
      }
    };
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }
}
