package io.s3vector.storage.search;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.cache.ByteWeightedCache;
import io.s3vector.storage.index.hnsw.HnswBuilder;
import io.s3vector.storage.index.hnsw.HnswGraph;
import io.s3vector.storage.index.hnsw.HnswSegmentIndex;
import io.s3vector.storage.index.ivf.IvfHead;
import io.s3vector.storage.index.ivf.IvfIndex;
import io.s3vector.storage.index.ivf.IvfSegmentIndex;
import io.s3vector.storage.cache.TieredReader;
import io.s3vector.storage.io.IoScheduler;
import io.s3vector.storage.io.ReadStats;
import io.s3vector.storage.layout.Layout;
import io.s3vector.storage.manifest.SegmentRef;
import io.s3vector.storage.objectstore.ObjectStore;
import io.s3vector.storage.segment.ColumnData;
import io.s3vector.storage.segment.SegmentMeta;
import io.s3vector.storage.segment.SegmentReader;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.ColumnType;
import io.s3vector.storage.table.IndexDefinition;
import io.s3vector.storage.table.StoreOptions;
import io.s3vector.storage.table.TableSchema;
import io.s3vector.storage.vector.DistanceKernels;
import io.s3vector.storage.vector.VectorizationProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The HNSW graphs of segments: built when a segment is written (or at CREATE INDEX), stored as
 * Zarr arrays in the segment's folder ({@link HnswSegmentIndex}), and loaded once into memory — a
 * segment's graph is immutable like the segment, so a cached graph is never stale. The cache is
 * bounded by bytes ({@link ByteWeightedCache}); concurrent loads of one graph share one read. A
 * cached graph too large for the heap holds int8 codes of the vectors, not the floats ({@link
 * HnswGraph#withCodes()}, {@link #keepsCodes}): the floats stay in the segment's chunks, which
 * VectorSearch re-ranks with.
 */
public final class SegmentIndexes {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SegmentIndexes.class);

  /** Levels are drawn from a fixed seed: a rebuild of the same rows gives the same levels. */
  private static final long SEED = 0x5eed_4e5fL;

  private record Key(String segment, IndexDefinition index) {}

  private final ObjectStore store;
  private final SegmentReader reader;
  private final StoreOptions options;
  private final DistanceKernels kernels = VectorizationProvider.kernels();
  private final int buildThreads = Runtime.getRuntime().availableProcessors();
  private final ByteWeightedCache<Key, HnswGraph> graphs;
  /** IVF heads by segment, or {@link #NO_HEAD} for a segment without one. */
  private final ByteWeightedCache<Key, Object> heads;
  private static final Object NO_HEAD = new Object();
  private final java.util.Set<Key> loading = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** Background graph loads, one at a time: each reads a whole segment's vectors. */
  private final java.util.concurrent.ScheduledExecutorService graphLoader =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          runnable -> Thread.ofPlatform().daemon().name("s3vector-graph-loader").unstarted(runnable));

  public SegmentIndexes(ObjectStore store, SegmentReader reader, StoreOptions options) {
    this.store = store;
    this.reader = reader;
    this.options = options;
    this.graphs = new ByteWeightedCache<>(options.indexCacheBytes(), HnswGraph::byteSize);
    this.heads = new ByteWeightedCache<>(Math.max(1, options.indexCacheBytes() / 8),
        head -> head instanceof IvfHead h ? h.byteSize() : 64);
  }

  /**
   * Whether a cached graph of {@code rows} vectors of {@code dim} holds int8 codes rather than its
   * float32 vectors: when the floats would take more than an eighth of the heap. A server with
   * memory to spare keeps floats (its walk needs no re-rank reads); a small heap serves large
   * graphs from codes (a quarter of the bytes), re-ranking from the stored vectors.
   * {@code -Ds3vector.graph.codes=always|never} overrides.
   */
  static boolean keepsCodes(long rows, int dim) {
    return switch (System.getProperty("s3vector.graph.codes", "auto")) {
      case "always" -> true;
      case "never" -> false;
      default -> rows * dim * (long) Float.BYTES > Runtime.getRuntime().maxMemory() / 8;
    };
  }

  /** Whether graphs load into memory after the cold path served a segment ({@link StoreOptions#warmGraphs}). */
  public boolean warmGraphs() {
    return options.warmGraphs();
  }

  /** The segment's graph of {@code index} when it is in memory, else null (never reads). */
  public HnswGraph loadedGraph(String segmentId, IndexDefinition index) {
    return graphs.getIfPresent(new Key(segmentId, index));
  }

  /**
   * Loads the segment's graph in the background, unless it is loaded or loading: the warm path
   * that follows a segment's first (cold) queries. Failures only leave the cold path in use.
   */
  public void loadGraphLater(String directory, String segmentId, SegmentMeta meta, ColumnSpec spec,
      IndexDefinition index) {
    Key key = new Key(segmentId, index);
    if (graphs.getIfPresent(key) != null || !loading.add(key)) {
      return;
    }
    // after a pause: the statement that took the cold path fetches its result rows first,
    // without a whole segment being read and decoded beside it on the same cores
    graphLoader.schedule(() -> {
      try {
        IoScheduler.inBackground(() -> graph(directory, segmentId, meta, spec, index));
      } catch (RuntimeException e) {
        LOG.warn("could not load the graph of index \"{}\" of segment {}: {}", index.name(),
            segmentId, e.getMessage());
      } finally {
        loading.remove(key);
      }
    }, GRAPH_LOAD_DELAY_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** One segment whose IVF head is wanted. */
  public record HeadRequest(String directory, String segmentId) {}

  /**
   * The IVF heads of {@code index} in these segments, in order (null for a segment without one:
   * indexed before IVF existed): cached, else read in one round for all of them.
   */
  public List<IvfHead> heads(List<HeadRequest> segments, IndexDefinition index, ReadStats stats) {
    List<IvfHead> out = new ArrayList<>(segments.size());
    List<Integer> missing = new ArrayList<>();
    List<TieredReader.Load<Object>> loads = new ArrayList<>();
    for (int i = 0; i < segments.size(); i++) {
      Object cached = heads.getIfPresent(new Key(segments.get(i).segmentId(), index));
      out.add(cached instanceof IvfHead h ? h : null);
      if (cached == null) {
        missing.add(i);
        loads.addAll(IvfSegmentIndex.headLoads(ivfGroup(segments.get(i), index)));
      }
    }
    if (missing.isEmpty()) {
      return out;
    }
    List<Object> read;
    try {
      read = reader.tiers().readAll(loads, stats);
    } catch (StorageException e) {
      // some segment has no IVF index (or a read failed): one at a time, to tell which
      for (int i : missing) {
        out.set(i, headOf(segments.get(i), index, stats));
      }
      return out;
    }
    for (int m = 0; m < missing.size(); m++) {
      HeadRequest segment = segments.get(missing.get(m));
      IvfHead head = IvfSegmentIndex.head(ivfGroup(segment, index), read.get(3 * m),
          read.get(3 * m + 1), read.get(3 * m + 2));
      heads.put(new Key(segment.segmentId(), index), head);
      out.set(missing.get(m), head);
    }
    return out;
  }

  /** How long after a cold query its segments' graphs start loading. */
  private static final long GRAPH_LOAD_DELAY_MS = 500;

  /** Clusters per segment whose row lists {@link #warmUp} reads. */
  private static final int WARM_UP_LISTS = 16;

  /**
   * Reads, in one round, the row lists of a few clusters of each segment into the cache: the
   * first ranged reads of a server open its connections to the store, which would otherwise fall
   * on the first query. Returns the key of one object it read (for {@code ObjectStore#warmUp}), or
   * null when there was none. Best effort.
   */
  public String warmUp(List<HeadRequest> segments, IndexDefinition index, List<IvfHead> heads,
      ReadStats stats) {
    List<TieredReader.Load<Object>> loads = new ArrayList<>();
    String key = null;
    for (int s = 0; s < segments.size(); s++) {
      IvfHead head = heads.get(s);
      if (head == null || head.rows() == 0) {
        continue;
      }
      String group = ivfGroup(segments.get(s), index);
      for (int list = 0; list < Math.min(WARM_UP_LISTS, head.lists()); list++) {
        if (head.size(list) > 0) {
          io.s3vector.storage.io.ObjectRange rows = IvfSegmentIndex.rowsRange(group, head, list);
          loads.add(new TieredReader.Load<>(rows, rows, IvfSegmentIndex::rows));
          key = rows.objectKey();
        }
      }
    }
    reader.tiers().readAll(loads, stats);
    return key;
  }

  /**
   * The centroids of {@code index}'s IVF index in a segment (cached, else read), or null when it
   * has none that can be read.
   */
  public float[] centroids(String directory, String segmentId, IndexDefinition index) {
    IvfHead head = heads(List.of(new HeadRequest(directory, segmentId)), index,
        reader.backgroundStats()).get(0);
    return head == null ? null : head.centroids();
  }

  private IvfHead headOf(HeadRequest segment, IndexDefinition index, ReadStats stats) {
    String group = ivfGroup(segment, index);
    try {
      List<Object> read = reader.tiers().readAll(IvfSegmentIndex.headLoads(group), stats);
      IvfHead head = IvfSegmentIndex.head(group, read.get(0), read.get(1), read.get(2));
      heads.put(new Key(segment.segmentId(), index), head);
      return head;
    } catch (StorageException e) {
      LOG.info("segment {} has no usable IVF index \"{}\" ({}): its queries walk its graph",
          segment.segmentId(), index.name(), e.getMessage());
      heads.put(new Key(segment.segmentId(), index), NO_HEAD);
      return null;
    }
  }

  static String ivfGroup(HeadRequest segment, IndexDefinition index) {
    return Layout.ivfGroup(segment.directory(), segment.segmentId(), index.name());
  }

  /** Whether a segment written by an append this large gets graphs (compaction's always do). */
  public boolean indexes(long rows) {
    return rows >= options.minIndexedSegmentRows();
  }

  /** Whether a new segment of this many rows is written packed (too small for a graph). */
  public boolean packs(long rows) {
    return options.packSmallSegments() && !indexes(rows);
  }

  /**
   * Builds the graph of {@code index} over {@code column} (all rows of the segment) and writes it
   * into the segment's folder. Returns false, writing nothing, when the column has no vector.
   */
  public boolean build(String directory, String segmentId, IndexDefinition index,
      ColumnData column) {
    return build(directory, segmentId, index, column, buildThreads);
  }

  /** As {@link #build(String, String, IndexDefinition, ColumnData)} with this many threads. */
  public boolean build(String directory, String segmentId, IndexDefinition index, ColumnData column,
      int threads) {
    return build(directory, segmentId, index, column, null, 0, threads);
  }

  /**
   * As {@link #build(String, String, IndexDefinition, ColumnData, int)}, for a merged segment whose
   * rows {@code [offset, offset + base.size())} are those of an indexed segment with graph {@code
   * base}: that graph is extended with the other rows instead of building all again (null: build).
   */
  public boolean build(String directory, String segmentId, IndexDefinition index, ColumnData column,
      HnswGraph base, int offset, int threads) {
    return build(directory, segmentId, index, column, base, offset, null, threads);
  }

  /**
   * As {@link #build(String, String, IndexDefinition, ColumnData, HnswGraph, int, int)}, the IVF
   * index taking the centroids {@code trained} (nullable: trained anew) when they fit the rows
   * ({@link IvfIndex#reusable}).
   */
  public boolean build(String directory, String segmentId, IndexDefinition index, ColumnData column,
      HnswGraph base, int offset, float[] trained, int threads) {
    if (column == null || column.type() != ColumnType.VECTOR || column.rows() == 0
        || column.nullCount() == column.rows()) {
      return false;
    }
    long started = System.nanoTime();
    // the IVF first: a new or extended graph inserts its rows cluster by cluster (InsertionOrder)
    IvfIndex ivf = IvfIndex.build(index.metric(), column.vectors(), column.rows(),
        column.dimension(), column.nulls(), kernels, SEED, trained);
    IvfSegmentIndex.write(store, Layout.ivfGroup(directory, segmentId, index.name()), ivf,
        index.name(), index.column());
    long ivfDone = System.nanoTime();
    HnswGraph graph = base == null
        ? HnswBuilder.build(index.metric(), index.params(), column.vectors(), column.rows(),
            column.dimension(), column.nulls(), kernels, SEED, threads, ivf.listRows())
        : HnswBuilder.extend(base, offset, column.vectors(), column.rows(), column.dimension(),
            column.nulls(), kernels, SEED, threads, ivf.listRows());
    HnswSegmentIndex.write(store, Layout.indexGroup(directory, segmentId, index.name()), graph,
        index.name(), index.column());
    long ended = System.nanoTime();
    if (ended - started >= 1_000_000_000L) { // the builds of small segments are not news
      LOG.info("index \"{}\" of segment {}: {} rows, graph {} ms ({}), IVF {} ms", index.name(),
          segmentId, column.rows(), (ended - ivfDone) / 1_000_000,
          base == null ? "built" : "extended", (ivfDone - started) / 1_000_000);
    }
    heads.put(new Key(segmentId, index), ivf.head());
    if (options.warmGraphs()) {
      graphs.put(new Key(segmentId, index),
          keepsCodes(column.rows(), column.dimension()) ? graph.withCodes() : graph);
    }
    return true;
  }

  /** Builds the graph of a stored segment (CREATE INDEX over existing rows). */
  public boolean buildStored(String directory, SegmentRef segment, TableSchema schema,
      IndexDefinition index) {
    return buildStored(directory, segment, schema, index, buildThreads);
  }

  public boolean buildStored(String directory, SegmentRef segment, TableSchema schema,
      IndexDefinition index, int threads) {
    SegmentMeta meta = reader.meta(directory, segment.id());
    ColumnSpec spec = schema.columns().get(schema.indexOf(index.column()));
    if (meta.column(spec) == null) {
      return false;
    }
    return build(directory, segment.id(), index, column(directory, segment.id(), meta, spec),
        threads);
  }

  /**
   * The segment's graph of {@code index}: cached, else read (graph arrays and vectors at once).
   * Concurrent calls for one graph read it once.
   */
  public HnswGraph graph(String directory, String segmentId, SegmentMeta meta, ColumnSpec spec,
      IndexDefinition index) {
    return graphs.get(new Key(segmentId, index), key -> load(directory, segmentId, meta, spec, index));
  }

  private HnswGraph load(String directory, String segmentId, SegmentMeta meta, ColumnSpec spec,
      IndexDefinition index) {
    String group = Layout.indexGroup(directory, segmentId, index.name());
    CompletableFuture<HnswSegmentIndex.Stored> stored =
        reader.tiers().io().async(() -> HnswSegmentIndex.read(store, group));
    SegmentMeta.Column stored0 = meta.column(spec);
    if (keepsCodes(meta.rowCount(), stored0.dimension())) {
      // the IVF index holds the codes already: a quarter of the bytes, no float read or decoded
      // (a 1M x 128 graph loads within a 1 GB heap)
      IvfHead head = heads(List.of(new HeadRequest(directory, segmentId)), index, new ReadStats())
          .get(0);
      if (head != null && head.dimension() == stored0.dimension()
          && head.metric() == index.metric()) {
        byte[] codes = IvfSegmentIndex.codesByRow(store,
            Layout.ivfGroup(directory, segmentId, index.name()), head, (int) meta.rowCount());
        HnswSegmentIndex.Stored arrays = join(stored);
        if (arrays.attributes().nodes() != meta.rowCount()
            || arrays.attributes().dimension() != stored0.dimension()) {
          throw new StorageException("index graph \"" + group + "\" does not match its segment");
        }
        return arrays.graphOfCodes(codes, head.quantizer(), kernels);
      }
    }
    // the chunks, not one concatenated copy: the codes are made from them a row at a time
    List<ColumnData> chunks = chunks(directory, segmentId, meta, spec);
    HnswSegmentIndex.Stored arrays = join(stored);
    if (!keepsCodes(meta.rowCount(), stored0.dimension())) {
      ColumnData column = ColumnData.concat(spec.type(), chunks);
      if (arrays.attributes().nodes() != column.rows()
          || arrays.attributes().dimension() != column.dimension()) {
        throw new StorageException("index graph \"" + group + "\" does not match its segment");
      }
      return arrays.graph(HnswGraph.graphVectors(index.metric(), kernels, column.vectors(),
          column.rows(), column.dimension()), kernels);
    }
    float[][] blocks = new float[chunks.size()][];
    int[] blockRows = new int[chunks.size()];
    long rows = 0;
    for (int c = 0; c < blocks.length; c++) {
      ColumnData chunk = chunks.get(c);
      blockRows[c] = chunk.rows();
      rows += chunk.rows();
      blocks[c] = chunk.nullCount() == chunk.rows() ? new float[0] : chunk.vectors();
    }
    SegmentMeta.Column column = meta.column(spec);
    if (arrays.attributes().nodes() != rows
        || arrays.attributes().dimension() != column.dimension()) {
      throw new StorageException("index graph \"" + group + "\" does not match its segment");
    }
    return arrays.graphWithCodes(blocks, blockRows, kernels);
  }

  private static HnswSegmentIndex.Stored join(CompletableFuture<HnswSegmentIndex.Stored> stored) {
    try {
      return stored.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** Every chunk of one column of a segment, read in one round past the in-process cache, concatenated. */
  ColumnData column(String directory, String segmentId, SegmentMeta meta, ColumnSpec spec) {
    return ColumnData.concat(spec.type(), chunks(directory, segmentId, meta, spec));
  }

  /** Every chunk of one column of a segment, read in one round past the in-process cache. */
  private List<ColumnData> chunks(String directory, String segmentId, SegmentMeta meta,
      ColumnSpec spec) {
    List<SegmentReader.ChunkRef> refs = new ArrayList<>(meta.chunkCount());
    for (int chunk = 0; chunk < meta.chunkCount(); chunk++) {
      refs.add(new SegmentReader.ChunkRef(directory, segmentId, meta, spec, chunk));
    }
    return reader.chunks(refs, false);
  }

  /** Deletes a segment's graph of one index; best effort (an orphan graph is only garbage). */
  public void delete(String directory, String segmentId, String index) {
    try {
      for (String key : store.list(Layout.indexGroup(directory, segmentId, index))) {
        store.delete(key);
      }
      for (String key : store.list(Layout.ivfGroup(directory, segmentId, index))) {
        store.delete(key);
      }
    } catch (StorageException e) {
      // garbage stays; nothing refers to it
    }
  }
}
