package io.s3vector.storage.table;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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

  StoreSnapshot(TableEntry entry, long manifestVersion, SegmentReader reader) {
    this.schema = entry.schema();
    this.directory = entry.directory();
    this.segments = entry.segments();
    this.manifestVersion = manifestVersion;
    this.reader = reader;
    this.rowCount = entry.rowCount();
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
