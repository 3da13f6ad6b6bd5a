package io.s3vector.storage.index.hnsw;

import io.s3vector.storage.index.BuildProgress;
import io.s3vector.storage.vector.DistanceKernels;
import io.s3vector.storage.vector.DistanceMetric;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds the {@link HnswGraph} of a segment's vectors: the HNSW paper's INSERT with the
 * neighbour-selection heuristic and pgvector's parameters (m links on upper layers, 2m on layer
 * 0), on several threads at once.
 *
 * <p>Parallel build: every node's level is drawn up front from a seeded source (so the layout of
 * the arrays is fixed before any thread starts), then threads take nodes in id order and insert
 * them concurrently. A node's neighbour list is only read or changed under its lock ({@link
 * NodeLocks}); the entry point changes under the builder's lock. While building, each list also
 * keeps the distance of every neighbour, so a full list is pruned incrementally (Lucene's
 * "diversity update"): the new neighbour is dropped when a nearer neighbour occludes it,
 * otherwise it replaces the farthest neighbour it occludes, else the farthest one. That costs
 * O(m) distances per back-link instead of re-running the O(m²) heuristic on the whole list.
 * Pruning can leave a few nodes without any link into them; {@link LayerZeroRepair} links them
 * back once the build is done.
 */
public final class HnswBuilder {

  private static final AtomicLong GRAPHS_BUILT = new AtomicLong();
  /** Below this many nodes per thread, more threads cost more than they give. */
  private static final int MIN_NODES_PER_THREAD = 2_000;

  private final HnswGraph graph;
  private final NodeLocks locks = new NodeLocks();
  /** Distance of each neighbour, parallel to layer0 / upper; build-time only. */
  private final float[] layer0Distances;
  private final float[] upperDistances;
  /** maxLevel << 32 | entryPoint, read without the lock, written under it. */
  private volatile long entry = pack(-1, -1);

  /** The progress of the CREATE INDEX this build belongs to, or null. */
  private final BuildProgress progress;

  private HnswBuilder(HnswGraph graph, BuildProgress progress) {
    this.graph = graph;
    this.progress = progress;
    this.layer0Distances = new float[graph.layer0.length];
    this.upperDistances = new float[graph.upper.length];
  }

  private static final AtomicLong GRAPHS_EXTENDED = new AtomicLong();

  /** Graphs built by this JVM so far (tests check that a reopened index is not rebuilt). */
  public static long graphsBuilt() {
    return GRAPHS_BUILT.get();
  }

  /** Graphs made by {@link #extend} so far (tests check that a merge did not rebuild). */
  public static long graphsExtended() {
    return GRAPHS_EXTENDED.get();
  }

  /**
   * Builds the graph of {@code rows} vectors of {@code vectors} (row-major, as stored; for cosine
   * the graph keeps a normalised copy, otherwise it keeps {@code vectors} itself, which must then
   * not change). Rows marked in {@code skip} (nullable: NULL rows) are left out; so are zero
   * vectors under cosine. {@code seed} fixes the levels; with one thread the whole graph is
   * deterministic.
   */
  public static HnswGraph build(
      DistanceMetric metric, HnswParams params, float[] vectors, int rows, int dim,
      boolean[] skip, DistanceKernels kernels, long seed, int threads) {
    return build(metric, params, vectors, rows, dim, skip, kernels, seed, threads, null);
  }

  /**
   * As {@link #build(DistanceMetric, HnswParams, float[], int, int, boolean[], DistanceKernels,
   * long, int)}, inserting in {@link InsertionOrder} when {@code clustered} (nullable) lists the
   * rows with rows near each other together, such as an IVF's lists: a skeleton first, then the
   * rest cluster by cluster, so that an insertion finds the part of the graph it walks in cache.
   */
  public static HnswGraph build(
      DistanceMetric metric, HnswParams params, float[] vectors, int rows, int dim,
      boolean[] skip, DistanceKernels kernels, long seed, int threads, int[] clustered) {
    HnswGraph graph = layout(metric, params, vectors, rows, dim, skip, kernels, seed, null, 0);
    HnswBuilder builder = new HnswBuilder(graph, BuildProgress.current());
    int inserted = builder.insertAll(threads,
        clustered == null ? null : InsertionOrder.of(graph.levels, clustered));
    builder.counted(rows - inserted); // the entry point and the absent rows
    LayerZeroRepair.connect(graph);
    graph.canonicalise();
    GRAPHS_BUILT.incrementAndGet();
    return graph;
  }

  /**
   * The graph of {@code rows} vectors of which rows {@code [offset, offset + base.size())} are the
   * nodes of {@code base}, in the same order (a merge of adjacent segments, {@code base} being the
   * largest one's graph): base's levels and links are kept (shifted by {@code offset}) and only the
   * other rows are inserted, instead of building every row again. The other rows' levels come from
   * {@code seed} as in {@link #build}. Same metric, parameters and dimension as {@code base}.
   * Only base's structure (levels, neighbour lists, entry point) is read, never its vectors: every
   * distance comes from the float32 {@code vectors} of the merged rows, so {@code base} may be a
   * cached graph holding int8 codes ({@link HnswGraph#withCodes()}), and the result has floats.
   */
  public static HnswGraph extend(HnswGraph base, int offset, float[] vectors, int rows, int dim,
      boolean[] skip, DistanceKernels kernels, long seed, int threads) {
    return extend(base, offset, vectors, rows, dim, skip, kernels, seed, threads, null);
  }

  /**
   * As {@link #extend(HnswGraph, int, float[], int, int, boolean[], DistanceKernels, long, int)},
   * inserting the other rows in the order of {@code clustered} (nullable: id order) when it lists
   * rows near each other together (an IVF's lists; see {@link InsertionOrder}). Base's graph
   * already spans every cluster, so it serves as the skeleton.
   */
  public static HnswGraph extend(HnswGraph base, int offset, float[] vectors, int rows, int dim,
      boolean[] skip, DistanceKernels kernels, long seed, int threads, int[] clustered) {
    if (base.dim != dim || offset < 0 || offset + base.size > rows) {
      throw new IllegalArgumentException("graph of " + base.size + " × " + base.dim
          + " does not fit rows [" + offset + ", " + (offset + base.size) + ") of " + rows + " × " + dim);
    }
    if (base.entryPoint < 0) {
      return build(base.metric, base.params, vectors, rows, dim, skip, kernels, seed, threads,
          clustered);
    }
    HnswGraph graph = layout(base.metric, base.params, vectors, rows, dim, skip, kernels, seed, base, offset);
    HnswBuilder builder = new HnswBuilder(graph, BuildProgress.current());
    builder.counted(base.size);
    builder.copyLinks(base, offset);
    builder.entry = pack(base.maxLevel, base.entryPoint + offset);
    builder.insert(InsertionOrder.outside(rows, offset, offset + base.size, clustered), threads);
    long e = builder.entry;
    graph.entryPoint = (int) e;
    graph.maxLevel = (int) (e >> 32);
    LayerZeroRepair.connect(graph);
    graph.canonicalise();
    GRAPHS_EXTENDED.incrementAndGet();
    return graph;
  }

  /**
   * An empty graph of the rows: levels drawn from {@code seed} (or kept from {@code base} for its
   * rows), room for every node's links.
   */
  private static HnswGraph layout(DistanceMetric metric, HnswParams params, float[] vectors,
      int rows, int dim, boolean[] skip, DistanceKernels kernels, long seed, HnswGraph base,
      int offset) {
    float[] graphVectors = HnswGraph.graphVectors(metric, kernels, vectors, rows, dim);
    byte[] levels = new byte[rows];
    SplittableRandom random = new SplittableRandom(seed);
    double multiplier = params.levelMultiplier();
    for (int node = 0; node < rows; node++) {
      double u = 1.0 - random.nextDouble();
      int level;
      if (base != null && node >= offset && node < offset + base.size) {
        level = base.levels[node - offset];
      } else {
        boolean absent = (skip != null && skip[node])
            || (metric == DistanceMetric.COSINE && zero(graphVectors, node * dim, dim));
        level = absent ? HnswGraph.ABSENT
            : Math.min((int) (-Math.log(u) * multiplier), HnswParams.MAX_LEVEL);
      }
      levels[node] = (byte) level;
    }
    int[] upperOffsets = HnswGraph.upperOffsets(levels, params);
    return new HnswGraph(metric, params, dim, kernels, rows, graphVectors, levels,
        new int[rows * (params.m0() + 1)], new int[upperOffsets[rows]], upperOffsets);
  }

  /** Copies every list of {@code base} into this graph, node ids shifted by {@code offset}, with their distances. */
  private void copyLinks(HnswGraph base, int offset) {
    HnswGraph g = graph;
    for (int b = 0; b < base.size; b++) {
      for (int layer = 0; layer <= base.levels[b]; layer++) {
        int[] from = base.neighboursArray(layer);
        int fromBase = base.neighboursOffset(b, layer);
        int node = b + offset;
        int[] to = g.neighboursArray(layer);
        float[] dists = layer == 0 ? layer0Distances : upperDistances;
        int toBase = g.neighboursOffset(node, layer);
        int count = from[fromBase];
        to[toBase] = count;
        for (int i = 1; i <= count; i++) {
          int neighbour = from[fromBase + i] + offset;
          to[toBase + i] = neighbour;
          dists[toBase + i] = g.distanceBetween(node, neighbour);
        }
      }
    }
  }

  private static boolean zero(float[] v, int off, int dim) {
    for (int i = 0; i < dim; i++) {
      if (v[off + i] != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Inserts every node, in {@code order} (every present node once) or else in id order; returns
   * how many went through {@link #insert} (counted there).
   */
  private int insertAll(int threads, int[] order) {
    HnswGraph g = graph;
    int[] rest;
    int first;
    if (order != null) {
      if (order.length == 0) {
        return 0;
      }
      first = order[0];
      rest = java.util.Arrays.copyOfRange(order, 1, order.length);
    } else {
      first = 0;
      while (first < g.size && g.levels[first] == HnswGraph.ABSENT) {
        first++;
      }
      if (first == g.size) {
        return 0;
      }
      rest = new int[g.size - first - 1];
      for (int i = 0; i < rest.length; i++) {
        rest[i] = first + 1 + i;
      }
    }
    entry = pack(g.levels[first], first);
    insert(rest, threads);
    long e = entry;
    g.entryPoint = (int) e;
    g.maxLevel = (int) (e >> 32);
    return rest.length;
  }

  /** Adds rows handled without {@link #insert} to the progress. */
  private void counted(long rows) {
    if (progress != null && rows > 0) {
      progress.addDone(rows);
    }
  }

  /** Inserts {@code nodes} (in that order with one thread) into a graph that has an entry point. */
  private void insert(int[] nodes, int threads) {
    AtomicInteger next = new AtomicInteger();
    int workers = Math.max(1, Math.min(threads, nodes.length / MIN_NODES_PER_THREAD));
    if (workers == 1) {
      new Inserter().insertFrom(nodes, next);
      return;
    }
    List<Thread> started = new ArrayList<>();
    RuntimeException[] failure = new RuntimeException[1];
    for (int t = 0; t < workers; t++) {
      started.add(Thread.ofPlatform().name("s3vector-hnsw-build-" + t).start(() -> {
        try {
          new Inserter().insertFrom(nodes, next);
        } catch (RuntimeException e) {
          next.set(Integer.MAX_VALUE); // stop the others
          synchronized (failure) {
            failure[0] = e;
          }
        }
      }));
    }
    for (Thread thread : started) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        next.set(Integer.MAX_VALUE);
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while building an HNSW graph", e);
      }
    }
    if (failure[0] != null) {
      throw failure[0];
    }
  }

  private static long pack(int level, int node) {
    return ((long) level << 32) | (node & 0xffffffffL);
  }

  /** One building thread's scratch. */
  private final class Inserter {
    private final LayerSearch search = new LayerSearch(locks);
    private final float[] query = new float[graph.dim];
    private final NodeDistance toQuery = graph.floatDistance(query);
    private int[] candidates = new int[128];
    private float[] candidateDistances = new float[128];
    private int[] selected = new int[128];
    private float[] selectedDistances = new float[128];
    private float[] between = new float[128];

    private int[] neighbourIds = new int[128];

    private float[] linkDistances(int count) {
      if (between.length < count) {
        between = new float[count * 2];
        neighbourIds = new int[count * 2];
      }
      return between;
    }

    void insertFrom(int[] nodes, AtomicInteger next) {
      HnswGraph g = graph;
      // (a failing thread sets next to MAX_VALUE; the increments after it wrap to negative)
      BuildProgress p = progress;
      int uncounted = 0;
      for (int i = next.getAndIncrement(); i >= 0 && i < nodes.length; i = next.getAndIncrement()) {
        int node = nodes[i];
        if (g.levels[node] != HnswGraph.ABSENT) {
          insert(node);
        }
        if (++uncounted == BuildProgress.STEP && p != null) {
          p.addDone(uncounted);
          uncounted = 0;
        }
      }
      if (p != null && uncounted > 0) {
        p.addDone(uncounted);
      }
    }

    private void insert(int node) {
      HnswGraph g = graph;
      System.arraycopy(g.vectors, node * g.dim, query, 0, g.dim);
      int level = g.levels[node];
      long top = entry;
      int ep = (int) top;
      int maxLevel = (int) (top >> 32);
      for (int layer = maxLevel; layer > level; layer--) {
        ep = search.greedyClosest(g, toQuery, ep, layer);
      }
      for (int layer = Math.min(level, maxLevel); layer >= 0; layer--) {
        search.search(g, toQuery, ep, g.params.efConstruction(), layer, null);
        int count = drainSorted(search.results);
        ep = candidates[0];
        int maxLinks = layer == 0 ? g.params.m0() : g.params.m();
        int kept = selectNeighbours(count, maxLinks, node);
        int[] arr = g.neighboursArray(layer);
        float[] dists = layer == 0 ? layer0Distances : upperDistances;
        int base = g.neighboursOffset(node, layer);
        synchronized (locks.of(node)) {
          System.arraycopy(selected, 0, arr, base + 1, kept);
          System.arraycopy(selectedDistances, 0, dists, base + 1, kept);
          arr[base] = kept;
        }
        for (int i = 0; i < kept; i++) {
          link(selected[i], node, selectedDistances[i], layer, maxLinks);
        }
      }
      if (level > maxLevel) {
        synchronized (HnswBuilder.this) {
          if (level > (int) (entry >> 32)) {
            entry = pack(level, node);
          }
        }
      }
    }

    /**
     * Adds {@code newNode} (at {@code distance}), the node being inserted, to {@code node}'s list
     * on {@code layer}; when the list is full, keeps it diverse incrementally (see the class
     * comment).
     */
    private void link(int node, int newNode, float distance, int layer, int maxLinks) {
      HnswGraph g = graph;
      int[] arr = g.neighboursArray(layer);
      float[] dists = layer == 0 ? layer0Distances : upperDistances;
      int base = g.neighboursOffset(node, layer);
      synchronized (locks.of(node)) {
        int count = arr[base];
        if (count < maxLinks) {
          arr[base + 1 + count] = newNode;
          dists[base + 1 + count] = distance;
          arr[base] = count + 1;
          return;
        }
        float farthestKept = Float.NEGATIVE_INFINITY;
        for (int i = 1; i <= count; i++) {
          farthestKept = Math.max(farthestKept, dists[base + i]);
        }
        if (distance >= farthestKept) {
          return; // farther than every neighbour: it would replace none
        }
        // the new node's distance to every neighbour, measured together (see LayerSearch):
        // newNode is the node being inserted, whose vector is the query
        float[] between = linkDistances(count);
        System.arraycopy(arr, base + 1, neighbourIds, 0, count);
        toQuery.toAll(neighbourIds, count, between);
        // a nearer neighbour that is also nearer to the new node than node is occludes it
        for (int i = 0; i < count; i++) {
          if (dists[base + 1 + i] < distance && between[i] < distance) {
            return;
          }
        }
        // else the new node replaces the farthest neighbour it occludes, or the farthest one
        int replace = -1;
        float replaceDistance = Float.NEGATIVE_INFINITY;
        int farthest = -1;
        float farthestDistance = Float.NEGATIVE_INFINITY;
        for (int i = 1; i <= count; i++) {
          float d = dists[base + i];
          if (d > farthestDistance) {
            farthestDistance = d;
            farthest = i;
          }
          if (d > distance && d > replaceDistance && between[i - 1] < d) {
            replaceDistance = d;
            replace = i;
          }
        }
        if (replace < 0) {
          replace = farthest; // farther than the new node: checked above
        }
        arr[base + replace] = newNode;
        dists[base + replace] = distance;
      }
    }

    /**
     * The paper's heuristic over the sorted candidates: keep one only if it is nearer to the new
     * node than to every neighbour kept so far, which spreads links in all directions.
     */
    private int selectNeighbours(int count, int maxLinks, int node) {
      HnswGraph g = graph;
      if (selected.length < maxLinks) {
        selected = new int[maxLinks];
        selectedDistances = new float[maxLinks];
      }
      int kept = 0;
      for (int i = 0; i < count && kept < maxLinks; i++) {
        int c = candidates[i];
        if (c == node) {
          continue;
        }
        float d = candidateDistances[i];
        boolean diverse = true;
        for (int j = 0; j < kept; j++) {
          if (g.distanceBetween(c, selected[j]) < d) {
            diverse = false;
            break;
          }
        }
        if (diverse) {
          selected[kept] = c;
          selectedDistances[kept++] = d;
        }
      }
      return kept;
    }

    /** Empties a max-heap into the candidate arrays, nearest first; returns the count. */
    private int drainSorted(NodeHeap heap) {
      int n = heap.size();
      if (candidates.length < n) {
        candidates = new int[n * 2];
        candidateDistances = new float[n * 2];
      }
      for (int i = n - 1; i >= 0; i--) {
        candidateDistances[i] = heap.topDistance();
        candidates[i] = heap.topNode();
        heap.pop();
      }
      return n;
    }
  }
}
