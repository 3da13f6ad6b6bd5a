package io.s3vector.storage.index.hnsw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.s3vector.storage.StorageException;
import io.s3vector.storage.index.IndexArrays;
import io.s3vector.storage.objectstore.ObjectStore;
import io.s3vector.storage.vector.DistanceKernels;
import io.s3vector.storage.vector.DistanceMetric;
import io.s3vector.storage.zarr.ArrayMeta;
import io.s3vector.storage.zarr.ChunkCodec;
import io.s3vector.storage.zarr.ZarrDtype;
import io.s3vector.storage.zarr.ZarrGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The persisted form of one segment's graph: a Zarr v2 group beside the segment's columns,
 *
 * <pre>
 * hnsw_&lt;index&gt;/.zgroup .zattrs      entry point, max level, m, ef_construction, opclass, dimension
 * hnsw_&lt;index&gt;/levels/               int8 [n], LZ4: each node's top layer, -1 for rows not in the graph
 * hnsw_&lt;index&gt;/adjacency/            int8 [bytes]: every neighbour list, as {@link AdjacencyCodec} writes them
 * </pre>
 *
 * chunked in large pieces ({@link #CHUNK_ELEMENTS}), so a graph loads in one round of parallel
 * reads. The vectors are not repeated: they are the segment's vector column (normalised in
 * memory for cosine), and the graph walks on the IVF index's codes.
 *
 * <p>Format 1 (still read) stored the in-memory arrays as they are: {@code layer0/} int32 [n,
 * 2m+1] (a count, then the ids, unused slots included), {@code upper/} int32 and {@code
 * upper_offsets/} int64 [n+1], all LZ4. At 1M × 128 that was 132 MB for layer 0 alone; format 2's
 * varint gaps between ascending ids take about half.
 */
public final class HnswSegmentIndex {

  /** The key of the graph's attributes inside the group's {@code .zattrs}. */
  public static final String ATTRIBUTE = "s3vector_hnsw";
  public static final int FORMAT = 2;
  /** The format of graphs written before {@link AdjacencyCodec}: the in-memory arrays as they are. */
  static final int FORMAT_ARRAYS = 1;
  static final String ADJACENCY = "adjacency";
  static final String LAYER0 = "layer0";
  static final String LEVELS = "levels";
  static final String UPPER = "upper";
  static final String UPPER_OFFSETS = "upper_offsets";
  /** About 4 MB of int32 per chunk: large reads, yet several per array to read in parallel. */
  static final int CHUNK_ELEMENTS = 1 << 20;

  private HnswSegmentIndex() {}

  /**
   * What {@code .zattrs} says of a stored graph.
   *
   * @param nodes rows of the segment (graph nodes, present or not)
   * @param upperLength the length of the upper array
   * @param adjacencyLength the bytes of the adjacency stream (format 2; 0 in format 1)
   */
  public record Attributes(
      int format, String index, String column, DistanceMetric metric, int m, int efConstruction,
      int dimension, int nodes, int entryPoint, int maxLevel, int upperLength,
      long adjacencyLength) {

    public HnswParams params() {
      return new HnswParams(m, efConstruction);
    }
  }

  /** The stored arrays of a graph, decoded; {@link #graph} adds the vectors. */
  public record Stored(
      Attributes attributes, byte[] levels, int[] layer0, int[] upper, int[] upperOffsets) {

    public HnswGraph graph(float[] graphVectors, DistanceKernels kernels) {
      Attributes a = attributes;
      return HnswGraph.of(a.metric(), a.params(), a.dimension(), kernels, graphVectors, levels,
          layer0, upper, upperOffsets, a.entryPoint());
    }

    /**
     * The graph with int8 codes of the segment's stored vectors, as stored (not normalised), in
     * consecutive blocks of {@code blockRows} rows (its chunks; only read), as {@link
     * HnswGraph#withCodes(DistanceMetric, HnswParams, int, DistanceKernels, float[][], int[],
     * byte[], int[], int[], int[], int)}.
     */
    public HnswGraph graphWithCodes(float[][] blocks, int[] blockRows, DistanceKernels kernels) {
      Attributes a = attributes;
      return HnswGraph.withCodes(a.metric(), a.params(), a.dimension(), kernels, blocks, blockRows,
          levels, layer0, upper, upperOffsets, a.entryPoint());
    }

    /** The graph with codes already made (node order), e.g. from the segment's IVF index. */
    public HnswGraph graphOfCodes(byte[] codes, io.s3vector.storage.vector.ScalarQuantizer quantizer,
        DistanceKernels kernels) {
      Attributes a = attributes;
      return HnswGraph.ofCodes(a.metric(), a.params(), a.dimension(), kernels, codes, quantizer,
          levels, layer0, upper, upperOffsets, a.entryPoint());
    }

    /** As {@link #graphWithCodes(float[][], int[], DistanceKernels)} over one block of all rows. */
    public HnswGraph graphWithCodes(float[] vectors, DistanceKernels kernels) {
      return graphWithCodes(new float[][] {vectors}, new int[] {levels.length}, kernels);
    }
  }

  /**
   * Writes the graph under {@code groupPrefix} (ending in '/'); objects in parallel. The graph's
   * lists must be canonical (ascending), as {@link HnswBuilder} leaves them.
   */
  public static void write(
      ObjectStore store, String groupPrefix, HnswGraph graph, String index, String column) {
    int n = graph.size();
    byte[] adjacency = AdjacencyCodec.encode(graph);
    ObjectNode attrs = JsonNodeFactory.instance.objectNode();
    ObjectNode our = attrs.putObject(ATTRIBUTE);
    our.put("format", FORMAT).put("index", index).put("column", column)
        .put("metric", graph.metric().name()).put("opclass", graph.metric().opclass())
        .put("m", graph.params().m()).put("ef_construction", graph.params().efConstruction())
        .put("dimension", graph.dimension()).put("nodes", n)
        .put("entry_point", graph.entryPoint()).put("max_level", graph.maxLevel())
        .put("upper_length", graph.upper.length).put("adjacency_length", adjacency.length);
    try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> writes = new ArrayList<>();
      writes.add(writers.submit(() -> store.put(groupPrefix + ZarrGroup.GROUP_FILE, ZarrGroup.zgroupJson())));
      writes.add(writers.submit(() -> store.put(groupPrefix + ZarrGroup.ATTRS_FILE, ZarrGroup.attrsJson(attrs))));
      IndexArrays.writeArray(store, writers, writes, groupPrefix + LEVELS + "/",
          ArrayMeta.oneDimensional(n, chunkRows(n, 1), ZarrDtype.INT8), graph.levels);
      IndexArrays.writeArray(store, writers, writes, groupPrefix + ADJACENCY + "/",
          adjacencyMeta(adjacency.length), adjacency);
      IndexArrays.awaitAll(writes, "index graph");
    }
  }

  /** Varint bytes do not shrink under LZ4, so the stream is stored as it is. */
  private static ArrayMeta adjacencyMeta(long length) {
    return new ArrayMeta(length, 0, chunkRows(length, 1), ZarrDtype.INT8, false);
  }

  /** The graph's attributes only (one small read). */
  public static Attributes readAttributes(ObjectStore store, String groupPrefix) {
    String key = groupPrefix + ZarrGroup.ATTRS_FILE;
    byte[] json = store.get(key)
        .orElseThrow(() -> new StorageException("index graph \"" + key + "\" is missing"));
    JsonNode a = ZarrGroup.parseAttrs(json).path(ATTRIBUTE);
    int format = a.path("format").asInt();
    if (format != FORMAT && format != FORMAT_ARRAYS) {
      throw new StorageException("unsupported index graph format " + a.path("format") + " in \"" + key + "\"");
    }
    return new Attributes(a.path("format").asInt(), a.path("index").asText(),
        a.path("column").asText(), DistanceMetric.valueOf(a.path("metric").asText()),
        a.path("m").asInt(), a.path("ef_construction").asInt(), a.path("dimension").asInt(),
        a.path("nodes").asInt(), a.path("entry_point").asInt(), a.path("max_level").asInt(),
        a.path("upper_length").asInt(), a.path("adjacency_length").asLong());
  }

  /** Reads the stored arrays: the attributes, then every chunk of every array in parallel. */
  public static Stored read(ObjectStore store, String groupPrefix) {
    Attributes a = readAttributes(store, groupPrefix);
    return a.format() == FORMAT_ARRAYS ? readArrays(store, groupPrefix, a) : readAdjacency(store, groupPrefix, a);
  }

  private static Stored readAdjacency(ObjectStore store, String groupPrefix, Attributes a) {
    int n = a.nodes();
    byte[] levels;
    byte[] adjacency;
    try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> reads = new ArrayList<>();
      levels = (byte[]) readArray(store, readers, reads, groupPrefix + LEVELS + "/",
          ArrayMeta.oneDimensional(n, chunkRows(n, 1), ZarrDtype.INT8));
      adjacency = (byte[]) readArray(store, readers, reads, groupPrefix + ADJACENCY + "/",
          adjacencyMeta(a.adjacencyLength()));
      IndexArrays.awaitAll(reads, "index graph");
    }
    HnswParams params = a.params();
    int[] upperOffsets = HnswGraph.upperOffsets(levels, params);
    int[] layer0 = new int[Math.multiplyExact(n, params.m0() + 1)];
    int[] upper = new int[upperOffsets[n]];
    try {
      AdjacencyCodec.decode(adjacency, levels, params, layer0, upper, upperOffsets);
    } catch (IllegalArgumentException e) {
      throw new StorageException("index graph \"" + groupPrefix + "\" is corrupt: " + e.getMessage(), e);
    }
    return new Stored(a, levels, layer0, upper, upperOffsets);
  }

  /** Format 1: the in-memory arrays as they were stored. */
  private static Stored readArrays(ObjectStore store, String groupPrefix, Attributes a) {
    int n = a.nodes();
    int width = 2 * a.m() + 1;
    try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> reads = new ArrayList<>();
      int[] layer0 = (int[]) readArray(store, readers, reads, groupPrefix + LAYER0 + "/",
          ArrayMeta.twoDimensional(n, width, chunkRows(n, width), ZarrDtype.INT32));
      byte[] levels = (byte[]) readArray(store, readers, reads, groupPrefix + LEVELS + "/",
          ArrayMeta.oneDimensional(n, chunkRows(n, 1), ZarrDtype.INT8));
      int[] upper = (int[]) readArray(store, readers, reads, groupPrefix + UPPER + "/",
          ArrayMeta.oneDimensional(a.upperLength(), chunkRows(a.upperLength(), 1), ZarrDtype.INT32));
      long[] offsets = (long[]) readArray(store, readers, reads, groupPrefix + UPPER_OFFSETS + "/",
          ArrayMeta.oneDimensional(n + 1, chunkRows(n + 1, 1), ZarrDtype.INT64));
      IndexArrays.awaitAll(reads, "index graph");
      int[] upperOffsets = new int[n + 1];
      for (int i = 0; i <= n; i++) {
        upperOffsets[i] = (int) offsets[i];
      }
      return new Stored(a, levels, layer0, upper, upperOffsets);
    }
  }

  private static int chunkRows(long rows, int width) {
    return (int) Math.max(1, Math.min(rows, CHUNK_ELEMENTS / width));
  }

  /** Allocates the whole array and queues the reads that fill it chunk by chunk. */
  private static Object readArray(ObjectStore store, ExecutorService readers,
      List<Future<?>> reads, String prefix, ArrayMeta meta) {
    int perRow = meta.twoDimensional() ? meta.width() : 1;
    int length = (int) (meta.rows() * perRow);
    Object values = switch (meta.dtype()) {
      case INT8 -> new byte[length];
      case INT32 -> new int[length];
      case INT64 -> new long[length];
      default -> throw new IllegalStateException(meta.dtype().name());
    };
    for (int chunk = 0; chunk < meta.chunkCount(); chunk++) {
      int index = chunk;
      reads.add(readers.submit(() -> {
        String key = prefix + meta.chunkKey(index);
        byte[] encoded = store.get(key)
            .orElseThrow(() -> new StorageException("index chunk \"" + key + "\" is missing"));
        Object decoded = ChunkCodec.decode(meta, encoded);
        int from = index * meta.chunkRows() * perRow;
        int count = (int) Math.min(meta.chunkRows(), meta.rows() - (long) index * meta.chunkRows()) * perRow;
        System.arraycopy(decoded, 0, values, from, count);
      }));
    }
    return values;
  }
}
