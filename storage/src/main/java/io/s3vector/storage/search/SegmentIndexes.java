package io.s3vector.storage.search;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.index.hnsw.HnswBuilder;
import io.s3vector.storage.index.hnsw.HnswGraph;
import io.s3vector.storage.index.hnsw.HnswSegmentIndex;
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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HNSW graphs of segments: built when a segment is written (or at CREATE INDEX), stored as
 * Zarr arrays in the segment's folder ({@link HnswSegmentIndex}), and loaded once into memory — a
 * segment's graph is immutable like the segment, so a cached graph is never stale. The cache is
 * least recently used first out, bounded by bytes; concurrent loads of one graph share one read.
 */
public final class SegmentIndexes {

  /** Levels are drawn from a fixed seed: a rebuild of the same rows gives the same levels. */
  private static final long SEED = 0x5eed_4e5fL;
  private static final ExecutorService READERS = Executors.newVirtualThreadPerTaskExecutor();

  private record Key(String segment, IndexDefinition index) {}

  private record Entry(CompletableFuture<HnswGraph> graph, long[] weight) {}

  private final ObjectStore store;
  private final SegmentReader reader;
  private final StoreOptions options;
  private final DistanceKernels kernels = VectorizationProvider.kernels();
  private final int buildThreads = Runtime.getRuntime().availableProcessors();
  private final LinkedHashMap<Key, Entry> cache = new LinkedHashMap<>(64, 0.75f, true);
  private long cachedBytes;

  public SegmentIndexes(ObjectStore store, SegmentReader reader, StoreOptions options) {
    this.store = store;
    this.reader = reader;
    this.options = options;
  }

  /** Whether a segment written by an append this large gets graphs (compaction's always do). */
  public boolean indexes(long rows) {
    return rows >= options.minIndexedSegmentRows();
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
    if (column == null || column.type() != ColumnType.VECTOR || column.rows() == 0
        || column.nullCount() == column.rows()) {
      return false;
    }
    HnswGraph graph = HnswBuilder.build(index.metric(), index.params(), column.vectors(),
        column.rows(), column.dimension(), column.nulls(), kernels, SEED, threads);
    HnswSegmentIndex.write(store, Layout.indexGroup(directory, segmentId, index.name()), graph,
        index.name(), index.column());
    put(new Key(segmentId, index), graph);
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
    if (meta.column(spec.name()) == null) {
      return false;
    }
    return build(directory, segment.id(), index, column(directory, segment.id(), meta, spec),
        threads);
  }

  /** The segment's graph of {@code index}: cached, else read (graph and vectors in parallel). */
  HnswGraph graph(String directory, String segmentId, SegmentMeta meta, ColumnSpec spec,
      IndexDefinition index) {
    Key key = new Key(segmentId, index);
    Entry entry;
    boolean mine = false;
    synchronized (cache) {
      entry = cache.get(key);
      if (entry == null) {
        entry = new Entry(new CompletableFuture<>(), new long[1]);
        cache.put(key, entry);
        mine = true;
      }
    }
    if (mine) {
      try {
        HnswGraph graph = load(directory, segmentId, meta, spec, index);
        entry.graph().complete(graph);
        weigh(entry, graph);
      } catch (RuntimeException | Error e) {
        synchronized (cache) {
          cache.remove(key, entry);
        }
        entry.graph().completeExceptionally(e);
        throw e;
      }
    }
    try {
      return entry.graph().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private HnswGraph load(String directory, String segmentId, SegmentMeta meta, ColumnSpec spec,
      IndexDefinition index) {
    String group = Layout.indexGroup(directory, segmentId, index.name());
    CompletableFuture<HnswSegmentIndex.Stored> stored =
        CompletableFuture.supplyAsync(() -> HnswSegmentIndex.read(store, group), READERS);
    ColumnData column = column(directory, segmentId, meta, spec);
    HnswSegmentIndex.Stored arrays;
    try {
      arrays = stored.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    if (arrays.attributes().nodes() != column.rows()
        || arrays.attributes().dimension() != column.dimension()) {
      throw new StorageException("index graph \"" + group + "\" does not match its segment");
    }
    float[] vectors = HnswGraph.graphVectors(
        index.metric(), kernels, column.vectors(), column.rows(), column.dimension());
    return arrays.graph(vectors, kernels);
  }

  /** Every chunk of one column of a segment, read in parallel past the cache, concatenated. */
  ColumnData column(String directory, String segmentId, SegmentMeta meta, ColumnSpec spec) {
    List<CompletableFuture<ColumnData>> reads = new ArrayList<>();
    for (int chunk = 0; chunk < meta.chunkCount(); chunk++) {
      int c = chunk;
      reads.add(CompletableFuture.supplyAsync(
          () -> reader.chunk(directory, segmentId, meta, spec, c, false), READERS));
    }
    List<ColumnData> parts = new ArrayList<>();
    for (CompletableFuture<ColumnData> read : reads) {
      try {
        parts.add(read.join());
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
    return ColumnData.concat(spec.type(), parts);
  }

  /** Deletes a segment's graph of one index; best effort (an orphan graph is only garbage). */
  public void delete(String directory, String segmentId, String index) {
    try {
      for (String key : store.list(Layout.indexGroup(directory, segmentId, index))) {
        store.delete(key);
      }
    } catch (StorageException e) {
      // garbage stays; nothing refers to it
    }
  }

  private void put(Key key, HnswGraph graph) {
    Entry entry = new Entry(CompletableFuture.completedFuture(graph), new long[1]);
    synchronized (cache) {
      Entry old = cache.put(key, entry);
      if (old != null) {
        cachedBytes -= old.weight()[0];
      }
    }
    weigh(entry, graph);
  }

  private void weigh(Entry entry, HnswGraph graph) {
    synchronized (cache) {
      entry.weight()[0] = graph.byteSize();
      cachedBytes += entry.weight()[0];
      Iterator<Map.Entry<Key, Entry>> oldest = cache.entrySet().iterator();
      while (cachedBytes > options.indexCacheBytes() && oldest.hasNext()) {
        Entry e = oldest.next().getValue();
        if (e == entry || !e.graph().isDone()) {
          continue;
        }
        cachedBytes -= e.weight()[0];
        oldest.remove();
      }
    }
  }

  /** Bytes of the cached graphs. */
  long cachedBytes() {
    synchronized (cache) {
      return cachedBytes;
    }
  }
}
