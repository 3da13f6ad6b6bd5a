package io.s3vector.storage.search;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.index.hnsw.HnswGraph;
import io.s3vector.storage.index.hnsw.HnswSearcher;
import io.s3vector.storage.index.ivf.IvfHead;
import io.s3vector.storage.io.ReadStats;
import io.s3vector.storage.manifest.SegmentRef;
import io.s3vector.storage.segment.ColumnData;
import io.s3vector.storage.segment.SegmentMeta;
import io.s3vector.storage.segment.SegmentReader;
import io.s3vector.storage.segment.VectorBounds;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.IndexDefinition;
import io.s3vector.storage.table.NearestRows;
import io.s3vector.storage.vector.DistanceKernels;
import io.s3vector.storage.vector.DistanceMetric;
import io.s3vector.storage.vector.TopK;
import io.s3vector.storage.vector.VectorizationProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One k-nearest-neighbour query over the segments of a snapshot ({@link
 * TableSnapshot#vectorSearch}). Segments with the index's graph are searched with it (beam width
 * {@code max(ef_search, k)}), the others scanned exactly; the candidates of every segment are
 * re-ranked with the exact distance of pgvector's operator and merged in one {@link TopK}.
 *
 * <p>Segments are visited nearest centroid first by a few workers (the caller and up to {@link
 * #PARALLELISM} - 1 of the database's search threads). Under L2, once k rows are in hand, a segment whose
 * bounding ball ({@link VectorBounds}) lies wholly beyond the k-th distance is skipped — and so are
 * all after it, as they are sorted by that bound.
 *
 * <p>A filter ({@code accept}) is applied inside the graph walk: rejected rows are walked through
 * but never returned, so the walk widens until it has {@code ef} accepted rows or has exhausted
 * the segment's graph; a segment that still yields fewer than k accepted rows is then scanned
 * exactly, so LIMIT k returns k rows whenever k rows match. A filter so selective that the walk
 * would compute more distances than there are accepted rows makes the segment an exact scan of
 * its accepted rows from the start ({@link #exactIsCheaper}).
 */
public final class VectorSearch {

  private static final Logger LOG = LoggerFactory.getLogger(VectorSearch.class);

  /** Segments searched at once by one query: the caller and up to this many - 1 workers. */
  public static final int PARALLELISM = Math.max(1, Runtime.getRuntime().availableProcessors());
  /** Chunks an exact scan of a segment reads per round: bounded memory, few round trips. */
  private static final int SCAN_CHUNKS_PER_ROUND = 8;
  /** Search scratch, borrowed per segment: works on virtual threads too, unlike a ThreadLocal. */
  private static final ConcurrentLinkedQueue<HnswSearcher> SEARCHERS = new ConcurrentLinkedQueue<>();
  /** A searcher's visited set grows to the largest graph (4 MB per million rows): keep few. */
  private static final int MAX_POOLED_SEARCHERS = 16;

  /** Rows tested to estimate a filter's selectivity per segment. */
  private static final int SELECTIVITY_SAMPLES = 256;

  private final DistanceKernels kernels = VectorizationProvider.kernels();
  private final String directory;
  private final List<SegmentRef> segments;
  private final long[] firstRows;
  private final SegmentReader reader;
  private final ReadStats stats;
  private final List<SegmentMeta> metas;
  private final Executor workers;
  private final SegmentIndexes indexes;
  private final IndexDefinition index;
  private final ColumnSpec spec;
  private final float[] query;
  private final int k;
  private final int ef;
  private final LongPredicate accept;
  private final TopK best;
  /** Per segment position, the least L2 distance a row of it can have (-inf: unknown). */
  private double[] bounds;

  /**
   * @param metas the attributes of {@code segments}, in the same order
   * @param stats where the reads of this search are counted
   * @param workers the database's search threads (CPU-bound: as many as cores)
   */
  public VectorSearch(String directory, List<SegmentRef> segments, List<SegmentMeta> metas,
      long[] firstRows, SegmentReader reader, ReadStats stats, Executor workers,
      SegmentIndexes indexes, IndexDefinition index, ColumnSpec spec, float[] query, int k,
      int efSearch, LongPredicate accept) {
    this.directory = directory;
    this.segments = segments;
    this.metas = metas;
    this.firstRows = firstRows;
    this.reader = reader;
    this.stats = stats;
    this.workers = workers;
    this.indexes = indexes;
    this.index = index;
    this.spec = spec;
    this.query = query;
    this.k = k;
    this.ef = Math.max(efSearch, k);
    this.accept = accept;
    this.best = new TopK(k);
  }

  public NearestRows run() {
    if (k <= 0 || segments.isEmpty()) {
      return new NearestRows(new long[0], new double[0]);
    }
    int[] order = visitOrder();
    // segments with the graph go to the workers; the others (small: scanned exactly) and a
    // single graph are searched by the caller, with no hand-off to the pool
    int graphs = 0;
    for (int s : order) {
      if (segments.get(s).hasIndex(index.name())) {
        graphs++;
      }
    }
    int[] indexed = new int[graphs];
    int[] exact = new int[order.length - graphs];
    int gi = 0;
    int ei = 0;
    for (int s : order) {
      if (segments.get(s).hasIndex(index.name())) {
        indexed[gi++] = s;
      } else {
        exact[ei++] = s;
      }
    }
    List<ColdSearch.Target> cold = new ArrayList<>();
    indexed = takeCold(indexed, cold);
    AtomicInteger next = new AtomicInteger();
    int threads = Math.min(PARALLELISM, indexed.length);
    List<CompletableFuture<Void>> helpers = new ArrayList<>();
    for (int w = 1; w < threads; w++) {
      int[] warmSegments = indexed;
      helpers.add(CompletableFuture.runAsync(() -> work(warmSegments, next), workers));
    }
    int[] warm = indexed;
    try {
      searchCold(cold);
      work(warm, next);
      work(exact, new AtomicInteger());
    } finally {
      for (CompletableFuture<Void> helper : helpers) {
        try {
          helper.join();
        } catch (CompletionException e) {
          throw e.getCause() instanceof RuntimeException r ? r : e;
        }
      }
    }
    synchronized (best) {
      long[] rows = new long[best.size()];
      double[] distances = new double[best.size()];
      best.sorted(distances, rows);
      return new NearestRows(rows, distances);
    }
  }

  /**
   * Moves to {@code cold} the indexed segments whose graph is not in memory and that have an IVF
   * index (their heads read in one round when not cached); returns the others, in order.
   */
  private int[] takeCold(int[] indexed, List<ColdSearch.Target> cold) {
    List<Integer> candidates = new ArrayList<>();
    List<SegmentIndexes.HeadRequest> requests = new ArrayList<>();
    for (int s : indexed) {
      SegmentMeta.Column column = metas.get(s).column(spec);
      if (indexes.loadedGraph(segments.get(s).id(), index) == null && column != null
          && column.dimension() == query.length && column.nullCount() < metas.get(s).rowCount()
          && !exactIsCheaper(metas.get(s).rowCount(), firstRows[s])) {
        candidates.add(s);
        requests.add(new SegmentIndexes.HeadRequest(directory, segments.get(s).id()));
      }
    }
    if (candidates.isEmpty()) {
      return indexed;
    }
    List<IvfHead> heads = indexes.heads(requests, index, stats);
    java.util.Set<Integer> taken = new java.util.HashSet<>();
    for (int i = 0; i < candidates.size(); i++) {
      IvfHead head = heads.get(i);
      if (head != null && head.dimension() == query.length) {
        int s = candidates.get(i);
        taken.add(s);
        cold.add(new ColdSearch.Target(directory, segments.get(s).id(), metas.get(s), firstRows[s],
            head, SegmentIndexes.ivfGroup(requests.get(i), index)));
      }
    }
    return Arrays.stream(indexed).filter(s -> !taken.contains(s)).toArray();
  }

  /** The cold segments, searched together in few rounds; their graphs then load in the background. */
  private void searchCold(List<ColdSearch.Target> cold) {
    if (cold.isEmpty()) {
      return;
    }
    TopK found = new TopK(k);
    new ColdSearch(kernels, reader, stats, index.metric(), spec, query, k, ef, accept)
        .run(cold, found);
    synchronized (best) {
      best.addAll(found);
    }
    if (indexes.warmGraphs()) {
      for (ColdSearch.Target target : cold) {
        indexes.loadGraphLater(directory, target.segmentId(), target.meta(), spec, index);
      }
    }
  }

  /** Segment positions, nearest bounding ball first when the bounds can be used. */
  private int[] visitOrder() {
    int n = segments.size();
    bounds = new double[n];
    Integer[] order = new Integer[n];
    for (int s = 0; s < n; s++) {
      order[s] = s;
      bounds[s] = Double.NEGATIVE_INFINITY;
      if (index.metric() == DistanceMetric.L2 && segments.get(s).rows() > 0) {
        VectorBounds b = metas.get(s).vectorBounds().get(spec.name());
        if (b != null && b.centroid().length == query.length) {
          bounds[s] = b.minL2Distance(query);
        }
      }
    }
    Arrays.sort(order, (a, b) -> Double.compare(bounds[a], bounds[b]));
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }

  private void work(int[] order, AtomicInteger next) {
    TopK found = null; // one scratch per worker, cleared per segment
    HnswSearcher searcher = null;
    try {
      for (int i = next.getAndIncrement(); i < order.length; i = next.getAndIncrement()) {
        int s = order[i];
        if (segments.get(s).rows() == 0) {
          continue;
        }
        double threshold;
        synchronized (best) {
          threshold = best.threshold();
        }
        if (bounds[s] > threshold) {
          next.set(order.length); // later segments are farther still
          return;
        }
        if (found == null) {
          found = new TopK(k);
        } else {
          found.clear();
        }
        if (searcher == null && segments.get(s).hasIndex(index.name())) {
          searcher = SEARCHERS.poll();
          if (searcher == null) {
            searcher = new HnswSearcher();
          }
        }
        searchSegment(segments.get(s), metas.get(s), firstRows[s], found, searcher);
        synchronized (best) {
          best.addAll(found);
        }
      }
    } finally {
      if (searcher != null && SEARCHERS.size() < MAX_POOLED_SEARCHERS) {
        SEARCHERS.add(searcher);
      }
    }
  }

  private TopK searchSegment(SegmentRef segment, SegmentMeta meta, long firstRow, TopK found,
      HnswSearcher searcher) {
    SegmentMeta.Column column = meta.column(spec);
    if (column == null || column.nullCount() == meta.rowCount()) {
      return found; // no vectors in this segment
    }
    if (column.dimension() != query.length) {
      throw new StorageException(
          "different vector dimensions " + column.dimension() + " and " + query.length);
    }
    if (!segment.hasIndex(index.name()) || exactIsCheaper(meta.rowCount(), firstRow)) {
      return exactScan(segment, meta, firstRow, found);
    }
    HnswGraph graph;
    try {
      graph = indexes.graph(directory, segment.id(), meta, spec, index);
    } catch (StorageException e) {
      // an unreadable graph costs speed, never rows: the segment is still there to scan
      LOG.warn("index \"{}\" of segment {}: {}; scanning it exactly", index.name(), segment.id(),
          e.getMessage());
      return exactScan(segment, meta, firstRow, found);
    }
    IntPredicate acceptNode = accept == null ? null : node -> accept.test(firstRow + node);
    int n = searcher.search(graph, query, ef, acceptNode);
    int[] nodes = new int[graph.codes() == null ? n : reranked(n)];
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = searcher.node(i);
    }
    double[] distances = exactDistances(graph, segment, meta, nodes);
    for (int i = 0; i < nodes.length; i++) {
      found.offer(distances[i], firstRow + nodes[i]);
    }
    if (n < k && n < graph.size()) {
      // the walk exhausted what it could reach with fewer than k accepted rows
      found.clear();
      return exactScan(segment, meta, firstRow, found);
    }
    return found;
  }

  /**
   * Whether a filtered search of this segment costs fewer distances as an exact scan of the
   * accepted rows. With a fraction s of the rows accepted, the walk computes about ef / s distances
   * before it has ef accepted rows, the scan s * rows: for a selective filter (s² * rows < ef) the
   * scan wins, as a planner would choose a sequential scan. s is estimated on evenly spaced rows.
   */
  private boolean exactIsCheaper(long rows, long firstRow) {
    if (accept == null) {
      return false;
    }
    int samples = (int) Math.min(rows, SELECTIVITY_SAMPLES);
    int accepted = 0;
    for (int i = 0; i < samples; i++) {
      if (accept.test(firstRow + i * rows / samples)) {
        accepted++;
      }
    }
    double s = (accepted + 0.5) / samples;
    return s * s * rows < ef;
  }

  /**
   * How many of a walk's {@code n} candidates (nearest first by the graph's int8 code distances)
   * are re-ranked exactly: the best {@code max(4k, 40)}. Quantization moves a row a few places in
   * the code ranking, rarely from the top k to beyond 4k; the rest would cost chunk lookups and
   * exact distances without changing the top k.
   */
  private int reranked(int n) {
    return Math.min(n, Math.max(4 * k, 40));
  }

  /**
   * pgvector's distances to nodes, so results equal an exact scan's bit for bit: from the graph's
   * own float vectors when it holds them and they are the stored ones (all but cosine), else from
   * the stored float32 chunks (read in one round, through the in-process cache).
   */
  private double[] exactDistances(HnswGraph graph, SegmentRef segment, SegmentMeta meta, int[] nodes) {
    int dim = query.length;
    double[] out = new double[nodes.length];
    if (graph.vectors() != null && index.metric() != DistanceMetric.COSINE) {
      for (int i = 0; i < nodes.length; i++) {
        out[i] = kernels.distance(index.metric(), query, 0, graph.vectors(), nodes[i] * dim, dim);
      }
      return out;
    }
    // one row each (a byte range of an uncompressed chunk, cached by range), or whole chunks
    // when the column is compressed: SegmentReader.rowVectors decides
    List<SegmentReader.RowRef> rows = new ArrayList<>(nodes.length);
    for (int node : nodes) {
      rows.add(new SegmentReader.RowRef(directory, segment.id(), meta, spec, node));
    }
    List<float[]> vectors = reader.rowVectors(rows, stats);
    for (int i = 0; i < nodes.length; i++) {
      out[i] = kernels.distance(index.metric(), query, 0, vectors.get(i), 0, dim);
    }
    return out;
  }

  private TopK exactScan(SegmentRef segment, SegmentMeta meta, long firstRow, TopK found) {
    int dim = query.length;
    for (int from = 0; from < meta.chunkCount(); from += SCAN_CHUNKS_PER_ROUND) {
      List<SegmentReader.ChunkRef> refs = new ArrayList<>();
      for (int chunk = from; chunk < Math.min(meta.chunkCount(), from + SCAN_CHUNKS_PER_ROUND); chunk++) {
        refs.add(new SegmentReader.ChunkRef(directory, segment.id(), meta, spec, chunk));
      }
      List<ColumnData> read = reader.chunks(refs, true, stats);
      for (int c = 0; c < refs.size(); c++) {
        int chunk = refs.get(c).chunk();
        ColumnData data = read.get(c);
        long chunkFirst = firstRow + meta.chunks().get(chunk).firstRow();
        float[] vectors = data.vectors();
        int rows = meta.chunks().get(chunk).rowCount();
        for (int r = 0; r < rows; r++) {
          if (data.isNull(r) || (accept != null && !accept.test(chunkFirst + r))) {
            continue;
          }
          found.offer(kernels.distance(index.metric(), query, 0, vectors, r * dim, dim),
              chunkFirst + r);
        }
      }
    }
    return found;
  }
}
