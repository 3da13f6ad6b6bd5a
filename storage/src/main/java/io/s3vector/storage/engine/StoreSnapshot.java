package io.s3vector.storage.engine;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.io.ReadStats;
import io.s3vector.storage.manifest.ObservedManifest;
import io.s3vector.storage.manifest.SegmentRef;
import io.s3vector.storage.manifest.TableEntry;
import io.s3vector.storage.search.SegmentIndexes;
import io.s3vector.storage.search.VectorSearch;
import io.s3vector.storage.segment.ChunkRowBatch;
import io.s3vector.storage.segment.ColumnData;
import io.s3vector.storage.segment.DeletionSet;
import io.s3vector.storage.segment.SegmentMeta;
import io.s3vector.storage.segment.SegmentReader;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.IndexDefinition;
import io.s3vector.storage.table.NearestRows;
import io.s3vector.storage.table.RowBatch;
import io.s3vector.storage.table.TableSchema;
import io.s3vector.storage.table.TableSnapshot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongPredicate;

/**
 * The rows of a table at one manifest version: a fixed list of immutable segments, so the snapshot
 * stays valid while later commits and compactions happen (replaced segments are deleted only after
 * a grace period).
 */
public final class StoreSnapshot implements TableSnapshot {

  /**
   * The most chunks a scan reads in one round: on S3 a round costs 20–50 ms whatever its size, so
   * a scan reads several chunks at once (one round ahead of the caller), within bounded memory.
   */
  static final int SCAN_CHUNKS_PER_ROUND = 8;

  private final TableSchema schema;
  private final String tableId;
  private final String directory;
  private final List<SegmentRef> segments;
  private final long manifestVersion;
  private final StoreDatabase database;
  private final SegmentReader reader;
  /** Where this snapshot's reads are counted (its statement's, or the database's). */
  private final ReadStats stats;
  private final long rowCount;
  private final List<IndexDefinition> indexes;
  private final SegmentIndexes graphs;
  /** The row number of each segment's first row, and the row count after the last. */
  private final long[] firstRows;
  /** Reads check it first: past the delete grace, segments may be gone (SnapshotTooOld). */
  private final ReadDeadline deadline;
  /** Every segment's attributes, read in one round when first needed. */
  private volatile List<SegmentMeta> metas;
  /** Rows a staged write deleted and has not committed, by segment id (its own view only). */
  private final Map<String, DeletionSet> stagedDeletes;
  /** Every segment's deleted rows, read in one round when first needed. */
  private volatile List<DeletionSet> deletions;

  StoreSnapshot(TableEntry entry, ObservedManifest pinned, StoreDatabase database, ReadStats stats) {
    this(entry, pinned, database, stats, Map.of());
  }

  /**
   * With {@code stagedDeletes}: a staged write's view, whose {@code entry} already lists the
   * write's staged segments after the committed ones.
   */
  StoreSnapshot(TableEntry entry, ObservedManifest pinned, StoreDatabase database, ReadStats stats,
      Map<String, DeletionSet> stagedDeletes) {
    this.stagedDeletes = stagedDeletes;
    this.tableId = entry.id();
    this.schema = entry.schema();
    this.directory = entry.directory();
    this.segments = entry.segments();
    this.manifestVersion = pinned.manifest().version();
    this.deadline = new ReadDeadline(database, entry, pinned);
    this.database = database;
    this.reader = database.reader();
    this.stats = stats;
    this.rowCount = entry.rowCount();
    this.indexes = entry.indexes();
    this.graphs = database.segmentIndexes();
    this.firstRows = new long[segments.size() + 1];
    for (int s = 0; s < segments.size(); s++) {
      firstRows[s + 1] = firstRows[s] + segments.get(s).rows();
    }
  }

  /** The id of the table (a table dropped and created again has another). */
  public String tableId() {
    return tableId;
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

  /** The attributes of every segment, in segment order (one round the first time). */
  public List<SegmentMeta> metas() {
    List<SegmentMeta> read = metas;
    if (read == null) {
      deadline.check();
      List<String> ids = new ArrayList<>(segments.size());
      for (SegmentRef segment : segments) {
        ids.add(segment.id());
      }
      read = reader.metas(directory, ids, stats);
      metas = read;
    }
    return read;
  }

  /**
   * The attributes of the segments holding these rows, by segment position (null for the
   * others): the snapshot's when a scan has read them all, else only those, in one round. An
   * UPDATE or DELETE by key fetches a row or two, and looking up every segment's attributes for
   * them was a tenth of a 16-client UPDATE stream's time (a table of a few hundred segments).
   */
  private SegmentMeta[] metasOfRows(long[] rowNumbers) {
    SegmentMeta[] out = new SegmentMeta[segments.size()];
    List<SegmentMeta> all = metas;
    boolean[] seen = new boolean[segments.size()];
    List<Integer> wanted = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (long rowNumber : rowNumbers) {
      int s = segmentOf(rowNumber);
      if (all != null) {
        out[s] = all.get(s);
      } else if (!seen[s]) {
        seen[s] = true;
        wanted.add(s);
        ids.add(segments.get(s).id());
      }
    }
    if (!ids.isEmpty()) {
      deadline.check();
      List<SegmentMeta> read = reader.metas(directory, ids, stats);
      for (int i = 0; i < wanted.size(); i++) {
        out[wanted.get(i)] = read.get(i);
      }
    }
    return out;
  }

  /**
   * Every segment's deleted rows, in segment order (one round the first time, none when no
   * segment has deletions).
   */
  public List<DeletionSet> deletions() {
    List<DeletionSet> read = deletions;
    if (read == null) {
      List<String> ids = new ArrayList<>(segments.size());
      List<String> names = new ArrayList<>(segments.size());
      boolean any = false;
      for (SegmentRef segment : segments) {
        ids.add(segment.id());
        names.add(segment.deletes());
        any |= segment.deletes() != null;
      }
      if (any) {
        deadline.check();
        read = new ArrayList<>(reader.deletions(directory, ids, names, stats));
      } else {
        read = new ArrayList<>(java.util.Collections.nCopies(segments.size(), DeletionSet.EMPTY));
      }
      for (int s = 0; s < segments.size(); s++) {
        DeletionSet staged = stagedDeletes.get(segments.get(s).id());
        if (staged != null) {
          read.set(s, read.get(s).union(staged));
        }
      }
      deletions = read;
    }
    return read;
  }

  /** Whether any row of the snapshot is deleted (without reading the sets). */
  public boolean hasDeletions() {
    if (!stagedDeletes.isEmpty()) {
      return true;
    }
    for (SegmentRef segment : segments) {
      if (segment.deletes() != null) {
        return true;
      }
    }
    return false;
  }

  /** Rows not deleted. */
  public long liveRowCount() {
    long live = 0;
    for (DeletionSet set : hasDeletions() ? deletions() : List.<DeletionSet>of()) {
      live -= set.size();
    }
    return rowCount + live;
  }

  /** The position in {@link #segments()} of the segment holding the row. */
  public int segmentOf(long rowNumber) {
    if (rowNumber < 0 || rowNumber >= rowCount) {
      throw new IllegalArgumentException("no row " + rowNumber + " in " + schema.name());
    }
    int s = Arrays.binarySearch(firstRows, rowNumber);
    s = s >= 0 ? s : -s - 2;
    while (segments.get(s).rows() == 0) {
      s++; // empty segments share their first row number with the next one
    }
    return s;
  }

  /** The row's position in its segment ({@link #segmentOf}). */
  public int positionOf(long rowNumber, int segment) {
    return (int) (rowNumber - firstRows[segment]);
  }

  /** Whether the row is deleted. */
  public boolean isDeleted(long rowNumber) {
    if (!hasDeletions()) {
      return false;
    }
    int s = segmentOf(rowNumber);
    return deletions().get(s).contains(positionOf(rowNumber, s));
  }

  /** Per unique key, its live values, loaded at the first lookup. */
  private final Map<String, io.s3vector.storage.keys.LiveKeys> liveKeys =
      new java.util.concurrent.ConcurrentHashMap<>();

  @Override
  public long findKey(TableSchema.UniqueKey uniqueKey, Object[] key) {
    io.s3vector.storage.keys.LiveKeys live = liveKeys.computeIfAbsent(uniqueKey.name(), name -> {
      deadline.check();
      return database.keyChecks().live(directory, schema, segments, stagedDeletes, uniqueKey, stats);
    });
    return live.find(uniqueKey, key);
  }

  /** Where this snapshot's reads are counted. */
  public ReadStats stats() {
    return stats;
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
    deadline.check(); // (a long search reads on without checking again: the margin covers it)
    LongPredicate live = accept;
    if (hasDeletions()) {
      // deleted rows are walked through like rows a filter rejects: the walk widens past them
      deletions();
      live = accept == null ? row -> !isDeleted(row) : row -> !isDeleted(row) && accept.test(row);
    }
    return new VectorSearch(directory, segments, metas(), firstRows, reader, stats,
        database.searchWorkers(), graphs, index, spec, query, k, efSearch, live).run();
  }

  /** Whether fetch reads this column of this segment by single rows (see fetch). */
  private boolean isRowRead(SegmentMeta meta, int column) {
    SegmentMeta.Column stored = meta.column(schema.columns().get(column));
    return stored != null && stored.uncompressed() && stored.nullCount() == 0;
  }

  @Override
  public Object[][] fetch(long[] rowNumbers, int[] columns) {
    for (int column : columns) {
      if (column < 0 || column >= schema.columns().size()) {
        throw new IllegalArgumentException("no column " + column + " in " + schema.name());
      }
    }
    // every (segment, chunk, column) the rows need, read in one round; vectors of uncompressed
    // columns without NULLs are read as single rows (a byte range each), not whole chunks
    SegmentMeta[] metas = metasOfRows(rowNumbers);
    int[] segmentOf = new int[rowNumbers.length];
    int[] refOf = new int[rowNumbers.length];
    Map<Long, Integer> chunkPositions = new HashMap<>();
    List<SegmentReader.ChunkRef> refs = new ArrayList<>();
    List<SegmentReader.RowRef> rowRefs = new ArrayList<>();
    int[][] rowRefOf = new int[rowNumbers.length][];
    for (int i = 0; i < rowNumbers.length; i++) {
      long rowNumber = rowNumbers[i];
      int s = segmentOf(rowNumber);
      SegmentMeta meta = metas[s];
      int rowInSegment = (int) (rowNumber - firstRows[s]);
      int chunk = rowInSegment / meta.rowsPerChunk();
      segmentOf[i] = s;
      int segment = s;
      rowRefOf[i] = new int[columns.length];
      for (int c = 0; c < columns.length; c++) {
        rowRefOf[i][c] = -1;
        if (isRowRead(meta, columns[c])) {
          rowRefOf[i][c] = rowRefs.size();
          rowRefs.add(new SegmentReader.RowRef(directory, segments.get(s).id(), meta,
              schema.columns().get(columns[c]), rowInSegment));
        }
      }
      refOf[i] = chunkPositions.computeIfAbsent(((long) s << 32) | chunk, key -> {
        int first = refs.size();
        for (int c = 0; c < columns.length; c++) {
          // a placeholder position for row-read columns keeps the layout per chunk simple
          refs.add(isRowRead(meta, columns[c])
              ? null
              : new SegmentReader.ChunkRef(directory, segments.get(segment).id(), meta,
                  schema.columns().get(columns[c]), chunk));
        }
        return first;
      });
    }
    deadline.check();
    List<SegmentReader.ChunkRef> chunkRefs = new ArrayList<>();
    int[] chunkAt = new int[refs.size()];
    for (int r = 0; r < refs.size(); r++) {
      chunkAt[r] = -1;
      if (refs.get(r) != null) {
        chunkAt[r] = chunkRefs.size();
        chunkRefs.add(refs.get(r));
      }
    }
    SegmentReader.Batch read = reader.read(chunkRefs, rowRefs, true, stats);
    Object[][] rows = new Object[rowNumbers.length][];
    for (int i = 0; i < rowNumbers.length; i++) {
      int s = segmentOf[i];
      int row = (int) (rowNumbers[i] - firstRows[s]) % metas[s].rowsPerChunk();
      Object[] values = new Object[columns.length];
      for (int c = 0; c < columns.length; c++) {
        values[c] = rowRefOf[i][c] >= 0
            ? read.rows().get(rowRefOf[i][c]).clone() // (the cached array stays untouched)
            : read.chunks().get(chunkAt[refOf[i] + c]).value(row);
      }
      rows[i] = values;
    }
    return rows;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Chunks are read in rounds — every requested column of 1, then 2, 4, up to {@link
   * #SCAN_CHUNKS_PER_ROUND} chunks at once — one round ahead of the caller: decoding overlaps the
   * caller's work, a scan of n chunks costs about n / 8 round trips on S3, and a LIMIT that stops
   * early has read little more than it needed.
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
      /** The position after the last chunk handed out or being read ahead. */
      private int segment;
      private int chunk;
      private long nextRowNumber;
      /** Chunks the next round reads: 1 first (a LIMIT may need no more), doubling to a cap. */
      private int roundChunks = 1;
      private final ArrayDeque<RowBatch> ready = new ArrayDeque<>();
      private CompletableFuture<List<RowBatch>> ahead = readNext();

      /** Starts reading the next round of chunks, or returns null at the end. */
      private CompletableFuture<List<RowBatch>> readNext() {
        List<SegmentReader.ChunkRef> refs = new ArrayList<>();
        List<long[]> batches = new ArrayList<>(); // {first row number, row count} per chunk
        List<boolean[]> deleted = new ArrayList<>();
        List<DeletionSet> sets = hasDeletions() ? deletions() : null;
        while (batches.size() < roundChunks) {
          while (segment < segments.size() && segments.get(segment).rows() == 0) {
            segment++;
          }
          if (segment >= segments.size()) {
            break;
          }
          SegmentMeta meta = metas().get(segment);
          for (int column : requested) {
            refs.add(new SegmentReader.ChunkRef(directory, segments.get(segment).id(), meta,
                schema.columns().get(column), chunk));
          }
          int rows = meta.chunks().get(chunk).rowCount();
          batches.add(new long[] {nextRowNumber, rows});
          deleted.add(sets == null ? null
              : sets.get(segment).mask(chunk * meta.rowsPerChunk(), rows));
          nextRowNumber += rows;
          if (++chunk >= meta.chunkCount()) {
            chunk = 0;
            segment++;
          }
        }
        if (batches.isEmpty()) {
          return null;
        }
        deadline.check();
        roundChunks = Math.min(roundChunks * 2, SCAN_CHUNKS_PER_ROUND);
        return reader.tiers().io().async(() -> {
          List<ColumnData> read = reader.chunks(refs, true, stats);
          List<RowBatch> out = new ArrayList<>(batches.size());
          for (int b = 0; b < batches.size(); b++) {
            ColumnData[] data = new ColumnData[schema.columns().size()];
            for (int c = 0; c < requested.length; c++) {
              data[requested[c]] = read.get(b * requested.length + c);
            }
            out.add(new ChunkRowBatch(batches.get(b)[0], (int) batches.get(b)[1], data,
                deleted.get(b)));
          }
          return out;
        });
      }

      @Override
      public boolean hasNext() {
        return !ready.isEmpty() || ahead != null;
      }

      @Override
      public RowBatch next() {
        if (ready.isEmpty()) {
          if (ahead == null) {
            throw new NoSuchElementException();
          }
          ready.addAll(join(ahead));
          ahead = readNext(); // the next round is in flight while the caller works on this one
        }
        return ready.poll();
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
