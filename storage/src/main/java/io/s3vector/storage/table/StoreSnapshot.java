package io.s3vector.storage.table;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The rows of a table at one manifest version: a fixed list of immutable segments, so the snapshot
 * stays valid while later commits and compactions happen (replaced segments are deleted only after
 * a grace period).
 */
public final class StoreSnapshot implements TableSnapshot {

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

  @Override
  public Iterator<RowBatch> scan(int[] columns) {
    int[] requested = columns.clone();
    for (int column : requested) {
      if (column < 0 || column >= schema.columns().size()) {
        throw new IllegalArgumentException("no column " + column + " in " + schema.name());
      }
    }
    return new Iterator<>() {
      private int segment = -1;
      private SegmentMeta meta;
      private int chunk;
      private long nextRowNumber;

      @Override
      public boolean hasNext() {
        while (meta == null || chunk >= meta.chunkCount()) {
          if (segment + 1 >= segments.size()) {
            return false;
          }
          segment++;
          meta = segments.get(segment).rows() == 0 ? null : segmentMeta(segments.get(segment));
          chunk = 0;
          if (meta == null) {
            continue;
          }
        }
        return true;
      }

      @Override
      public RowBatch next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        String segmentId = segments.get(segment).id();
        ColumnData[] data = new ColumnData[schema.columns().size()];
        for (int column : requested) {
          data[column] =
              reader.chunk(directory, segmentId, meta, schema.columns().get(column), chunk);
        }
        int rows = meta.chunks().get(chunk).rowCount();
        RowBatch batch = new ChunkRowBatch(nextRowNumber, rows, data);
        nextRowNumber += rows;
        chunk++;
        return batch;
      }
    };
  }
}
