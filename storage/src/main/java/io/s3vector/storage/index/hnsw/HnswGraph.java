package io.s3vector.storage.index.hnsw;

import io.s3vector.storage.vector.DistanceKernels;
import io.s3vector.storage.vector.DistanceMetric;
import io.s3vector.storage.vector.ScalarQuantizer;

/**
 * A hierarchical navigable small-world graph over the vectors of one segment, on primitive arrays.
 * Node ids are row positions in the segment. Layer 0 is one flat {@code int[]} with a stride of
 * {@code m0 + 1} (a count, then the neighbour ids); the few nodes above layer 0 have their upper
 * layers in one flat {@code int[]} too, at {@code upperOffsets[node]}, a stride of {@code m + 1}
 * per layer from layer 1 up. The store keeps the same lists as varint gaps ({@link
 * AdjacencyCodec}, {@link HnswSegmentIndex}), so loading a graph is a decode, not a rebuild.
 * Immutable once built.
 *
 * <p>Distances inside the graph are "graph distances": squared L2 for L2 (same order, no square
 * root), {@code 1 - dot} over normalised copies for cosine, {@code -dot} for inner product and the
 * L1 sum for L1. Rows that cannot be indexed (NULL, or a zero vector under cosine, as in pgvector)
 * have level -1 and are in no neighbour list.
 *
 * <p>A graph holds its vectors in one of two forms. While it is built or extended ({@link
 * HnswBuilder}) it has the float32 vectors (normalised for cosine). The graph a segment serves
 * queries with (built then {@link #withCodes compacted}, or loaded) holds instead one int8 code
 * per vector ({@link ScalarQuantizer}, trained on this graph's own rows, normalised for cosine):
 * a quarter of the bytes, so 1M × 128 is 128 MB of codes instead of 512 MB of floats. The walk
 * then ranks by code distances ({@link #walkDistance}); the caller re-ranks its candidates with
 * the stored float32 vectors (VectorSearch).
 */
public final class HnswGraph {

  /** The level of a row that is not in the graph. */
  public static final byte ABSENT = -1;

  final DistanceMetric metric;
  final HnswParams params;
  final int dim;
  final DistanceKernels kernels;
  final int size;
  /** Vectors, row-major; normalised for cosine. Null in a graph with {@link #codes}. */
  final float[] vectors;
  /** int8 codes of the (graph-form) vectors, row-major, or null in a graph with {@link #vectors}. */
  final byte[] codes;
  final ScalarQuantizer quantizer;
  final byte[] levels;
  final int[] layer0;
  final int[] upper;
  /** Start of each node's upper layers in {@link #upper}; {@code size + 1} entries. */
  final int[] upperOffsets;
  int entryPoint = -1;
  int maxLevel = -1;

  HnswGraph(
      DistanceMetric metric, HnswParams params, int dim, DistanceKernels kernels, int size,
      float[] vectors, byte[] levels, int[] layer0, int[] upper, int[] upperOffsets) {
    this(metric, params, dim, kernels, size, vectors, null, null, levels, layer0, upper,
        upperOffsets);
  }

  private HnswGraph(
      DistanceMetric metric, HnswParams params, int dim, DistanceKernels kernels, int size,
      float[] vectors, byte[] codes, ScalarQuantizer quantizer, byte[] levels, int[] layer0,
      int[] upper, int[] upperOffsets) {
    this.metric = metric;
    this.params = params;
    this.dim = dim;
    this.kernels = kernels;
    this.size = size;
    this.vectors = vectors;
    this.codes = codes;
    this.quantizer = quantizer;
    this.levels = levels;
    this.layer0 = layer0;
    this.upper = upper;
    this.upperOffsets = upperOffsets;
  }

  /**
   * A graph from its persisted arrays ({@link HnswSegmentIndex}); {@code vectors} must already be
   * in graph form ({@link #graphVectors}).
   */
  public static HnswGraph of(
      DistanceMetric metric, HnswParams params, int dim, DistanceKernels kernels, float[] vectors,
      byte[] levels, int[] layer0, int[] upper, int[] upperOffsets, int entryPoint) {
    HnswGraph g = new HnswGraph(metric, params, dim, kernels, levels.length, vectors, levels,
        layer0, upper, upperOffsets);
    g.entryPoint = entryPoint;
    g.maxLevel = entryPoint < 0 ? -1 : levels[entryPoint];
    return g;
  }

  /**
   * A graph with codes already made ({@code codes}: {@code size * dim} bytes in node order, of
   * the graph-form vectors, normalised under cosine, by {@code quantizer}): a graph loaded from
   * its persisted arrays and the segment's IVF codes, without reading a float vector.
   */
  public static HnswGraph ofCodes(
      DistanceMetric metric, HnswParams params, int dim, DistanceKernels kernels, byte[] codes,
      ScalarQuantizer quantizer, byte[] levels, int[] layer0, int[] upper, int[] upperOffsets,
      int entryPoint) {
    HnswGraph g = new HnswGraph(metric, params, dim, kernels, levels.length, null, codes,
        quantizer, levels, layer0, upper, upperOffsets);
    g.entryPoint = entryPoint;
    g.maxLevel = entryPoint < 0 ? -1 : levels[entryPoint];
    return g;
  }

  /**
   * A graph with codes from its persisted arrays ({@link HnswSegmentIndex}) and the segment's
   * stored vectors, as stored (not normalised), in consecutive blocks (the segment's chunks:
   * block i holds {@code blockRows[i]} rows, row-major; rows not in the graph are never read, so
   * an all-NULL block may be empty). The blocks are only read: the form a loaded graph is cached
   * in, made without a concatenated or normalised copy of the vectors.
   */
  public static HnswGraph withCodes(
      DistanceMetric metric, HnswParams params, int dim, DistanceKernels kernels,
      float[][] blocks, int[] blockRows, byte[] levels, int[] layer0, int[] upper,
      int[] upperOffsets, int entryPoint) {
    boolean normalise = metric == DistanceMetric.COSINE;
    ScalarQuantizer quantizer = train(kernels, blocks, blockRows, dim, levels, normalise);
    byte[] codes = encode(kernels, quantizer, blocks, blockRows, dim, levels, normalise);
    return ofCodes(metric, params, dim, kernels, codes, quantizer, levels, layer0, upper,
        upperOffsets, entryPoint);
  }

  /**
   * This graph with int8 codes instead of its float vectors (this graph itself if it has codes
   * already): the same neighbour lists (shared, not copied), a quarter of the vector bytes. What
   * a built graph is cached as.
   */
  public HnswGraph withCodes() {
    if (codes != null) {
      return this;
    }
    float[][] blocks = {vectors};
    int[] blockRows = {size};
    ScalarQuantizer q = train(kernels, blocks, blockRows, dim, levels, false);
    HnswGraph g = new HnswGraph(metric, params, dim, kernels, size, null,
        encode(kernels, q, blocks, blockRows, dim, levels, false), q, levels, layer0, upper,
        upperOffsets);
    g.entryPoint = entryPoint;
    g.maxLevel = maxLevel;
    return g;
  }

  /** The quantizer over the present rows' vectors (normalised first if asked, a row at a time). */
  private static ScalarQuantizer train(DistanceKernels kernels, float[][] blocks, int[] blockRows,
      int dim, byte[] levels, boolean normalise) {
    float[] lo = new float[dim];
    float[] hi = new float[dim];
    java.util.Arrays.fill(lo, Float.POSITIVE_INFINITY);
    java.util.Arrays.fill(hi, Float.NEGATIVE_INFINITY);
    float[] row = new float[dim];
    int node = 0;
    for (int b = 0; b < blocks.length; b++) {
      for (int r = 0; r < blockRows[b]; r++, node++) {
        if (levels[node] == ABSENT) {
          continue;
        }
        if (normalise) {
          normalise(kernels, blocks[b], r * dim, dim, row, 0);
          ScalarQuantizer.include(row, 0, lo, hi);
        } else {
          ScalarQuantizer.include(blocks[b], r * dim, lo, hi);
        }
      }
    }
    return ScalarQuantizer.fromRange(lo, hi);
  }

  /** The codes of the present rows (the others stay 0: no walk reaches them). */
  private static byte[] encode(DistanceKernels kernels, ScalarQuantizer q, float[][] blocks,
      int[] blockRows, int dim, byte[] levels, boolean normalise) {
    byte[] codes = new byte[levels.length * dim];
    float[] row = new float[dim];
    int node = 0;
    for (int b = 0; b < blocks.length; b++) {
      for (int r = 0; r < blockRows[b]; r++, node++) {
        if (levels[node] == ABSENT) {
          continue;
        }
        if (normalise) {
          normalise(kernels, blocks[b], r * dim, dim, row, 0);
          q.encode(row, 0, codes, node * dim);
        } else {
          q.encode(blocks[b], r * dim, codes, node * dim);
        }
      }
    }
    return codes;
  }

  /**
   * The vectors as the graph compares them: for cosine a normalised copy (zero vectors stay zero
   * and are left out of the graph), else {@code vectors} itself, not copied.
   */
  public static float[] graphVectors(
      DistanceMetric metric, DistanceKernels kernels, float[] vectors, int rows, int dim) {
    if (metric != DistanceMetric.COSINE) {
      return vectors;
    }
    float[] out = new float[rows * dim];
    for (int r = 0; r < rows; r++) {
      normalise(kernels, vectors, r * dim, dim, out, r * dim);
    }
    return out;
  }

  /**
   * Puts every neighbour list in ascending order and zeroes the slots past each list's count:
   * the form the builder hands out and the store keeps ({@link AdjacencyCodec} writes gaps
   * between ascending ids). A walk reads every neighbour of a node before it moves on, so the
   * order within a list changes no result; ascending ids also read the codes in memory order.
   */
  void canonicalise() {
    for (int node = 0; node < size; node++) {
      for (int layer = 0; layer <= levels[node]; layer++) {
        canonicalise(neighboursArray(layer), neighboursOffset(node, layer),
            layer == 0 ? params.m0() : params.m());
      }
    }
  }

  /**
   * Where each node's upper lists start in {@link #upper} ({@code n + 1} entries, the last one its
   * length): a stride of {@code m + 1} per layer above 0, from the levels alone.
   */
  static int[] upperOffsets(byte[] levels, HnswParams params) {
    int[] offsets = new int[levels.length + 1];
    long length = 0;
    for (int node = 0; node < levels.length; node++) {
      offsets[node] = (int) length;
      length += (long) Math.max(0, levels[node]) * (params.m() + 1);
    }
    if (length > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("too many upper-layer links for one graph: " + length);
    }
    offsets[levels.length] = (int) length;
    return offsets;
  }

  private static void canonicalise(int[] lists, int at, int capacity) {
    int count = lists[at];
    java.util.Arrays.sort(lists, at + 1, at + 1 + count);
    java.util.Arrays.fill(lists, at + 1 + count, at + 1 + capacity, 0);
  }

  public int size() {
    return size;
  }

  public int dimension() {
    return dim;
  }

  public DistanceMetric metric() {
    return metric;
  }

  public HnswParams params() {
    return params;
  }

  public int entryPoint() {
    return entryPoint;
  }

  public int maxLevel() {
    return maxLevel;
  }

  /** The node's top layer, or {@link #ABSENT}. */
  public int level(int node) {
    return levels[node];
  }

  public byte[] levels() {
    return levels;
  }

  /** The layer-0 adjacency: node i's count at {@code i*(m0+1)}, then its neighbours. */
  public int[] layer0() {
    return layer0;
  }

  /** The upper-layer adjacency of all nodes, one after another ({@link #upperOffsets()}). */
  public int[] upper() {
    return upper;
  }

  public int[] upperOffsets() {
    return upperOffsets;
  }

  /**
   * The vectors as the graph compares them (normalised for cosine); must not be modified. Null
   * in a graph with codes ({@link #withCodes}).
   */
  public float[] vectors() {
    return vectors;
  }

  /** The int8 codes of the vectors, row-major ({@link #quantizer}), or null; must not be modified. */
  public byte[] codes() {
    return codes;
  }

  /** The quantizer of {@link #codes}, or null. */
  public ScalarQuantizer quantizer() {
    return quantizer;
  }

  /**
   * Heap bytes held (for the cache's weight): the float vectors (which may be shared with the
   * caller) or the codes and their quantizer, and the neighbour lists.
   */
  public long byteSize() {
    long vectorBytes = vectors != null ? 4L * vectors.length : codes.length + quantizer.byteSize();
    return vectorBytes + levels.length + 4L * layer0.length + 4L * upper.length
        + 4L * upperOffsets.length + 64;
  }

  /** The array holding (node, layer)'s list: the count at {@link #neighboursOffset}. */
  int[] neighboursArray(int layer) {
    return layer == 0 ? layer0 : upper;
  }

  int neighboursOffset(int node, int layer) {
    return layer == 0
        ? node * (params.m0() + 1)
        : upperOffsets[node] + (layer - 1) * (params.m() + 1);
  }

  /**
   * The walk's distance from {@code query} (the caller's vector; normalised here for cosine) to
   * the nodes: over the float vectors, or over the codes (the same graph distance to the
   * quantization's error).
   */
  NodeDistance walkDistance(float[] query) {
    float[] q = prepareQuery(query);
    if (codes == null) {
      return floatDistance(q);
    }
    ScalarQuantizer.Query prepared = quantizer.prepare(metric, q);
    byte[] c = codes;
    int d = dim;
    return metric == DistanceMetric.COSINE
        ? node -> 1f + prepared.distance(c, node * d)
        : node -> prepared.distance(c, node * d);
  }

  /**
   * The float graph distance from a query in graph form (the array is read at each call); under
   * L2 a node's fresh neighbours are measured together ({@link DistanceKernels#squaredL2(float[],
   * float[], int[], int, int, float[])}).
   */
  NodeDistance floatDistance(float[] query) {
    if (metric != DistanceMetric.L2) {
      return node -> distance(query, node);
    }
    return new NodeDistance() {
      @Override
      public float to(int node) {
        return distance(query, node);
      }

      @Override
      public void toAll(int[] nodes, int count, float[] out) {
        kernels.squaredL2(query, vectors, nodes, count, dim, out);
      }
    };
  }

  /** The graph distance between a query in graph form ({@link #prepareQuery}) and a node. */
  float distance(float[] query, int node) {
    int off = node * dim;
    return switch (metric) {
      case L2 -> kernels.squaredL2(query, 0, vectors, off, dim);
      case COSINE -> 1f - kernels.dotProduct(query, 0, vectors, off, dim);
      case NEGATIVE_INNER_PRODUCT -> -kernels.dotProduct(query, 0, vectors, off, dim);
      case L1 -> kernels.l1(query, 0, vectors, off, dim);
    };
  }

  float distanceBetween(int a, int b) {
    int ao = a * dim;
    int bo = b * dim;
    return switch (metric) {
      case L2 -> kernels.squaredL2(vectors, ao, vectors, bo, dim);
      case COSINE -> 1f - kernels.dotProduct(vectors, ao, vectors, bo, dim);
      case NEGATIVE_INNER_PRODUCT -> -kernels.dotProduct(vectors, ao, vectors, bo, dim);
      case L1 -> kernels.l1(vectors, ao, vectors, bo, dim);
    };
  }

  /** The query in the graph's space: a normalised copy for cosine, else itself. */
  public float[] prepareQuery(float[] query) {
    if (metric != DistanceMetric.COSINE) {
      return query;
    }
    float[] out = new float[dim];
    normalise(kernels, query, 0, dim, out, 0);
    return out;
  }

  /** Writes v / |v| (zeros for a zero vector); returns false for a zero or non-finite norm. */
  static boolean normalise(
      DistanceKernels kernels, float[] v, int off, int dim, float[] out, int outOff) {
    double norm = Math.sqrt(kernels.squaredNorm(v, off, dim));
    if (!(norm > 0) || Double.isInfinite(norm)) {
      return false;
    }
    for (int i = 0; i < dim; i++) {
      out[outOff + i] = (float) (v[off + i] / norm);
    }
    return true;
  }

  /** Graph distance to the SQL operator's value (approximate for cosine: re-rank exactly). */
  public double toSqlDistance(float graphDistance) {
    return metric == DistanceMetric.L2 ? Math.sqrt(graphDistance) : graphDistance;
  }
}
