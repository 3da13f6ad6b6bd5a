package io.s3vector.storage.index.hnsw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.s3vector.storage.StorageException;
import io.s3vector.storage.index.IndexArrays;
import io.s3vector.storage.objectstore.LocalObjectStore;
import io.s3vector.storage.vector.DistanceKernels;
import io.s3vector.storage.vector.DistanceMetric;
import io.s3vector.storage.vector.VectorizationProvider;
import io.s3vector.storage.zarr.ArrayMeta;
import io.s3vector.storage.zarr.ZarrDtype;
import io.s3vector.storage.zarr.ZarrGroup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stored neighbour lists: varint gaps (format 2), and graphs of format 1 still read. */
class AdjacencyCodecTest {

  private static final DistanceKernels KERNELS = VectorizationProvider.kernels();
  private static final HnswParams PARAMS = new HnswParams(16, 64);

  private static HnswGraph build(int rows, boolean[] skip) {
    VectorSets.Vectors v = VectorSets.clustered(rows, 16, 50, 7);
    return HnswBuilder.build(DistanceMetric.L2, PARAMS, v.data(), v.rows(), v.dim(), skip,
        KERNELS, 42, 2);
  }

  @Test
  void aBuiltGraphsListsAreAscendingWithZeroedSlotsAndRoundTripThroughTheStream() {
    boolean[] skip = new boolean[6000];
    for (int r = 0; r < skip.length; r += 7) {
      skip[r] = true; // absent nodes cost nothing in the stream and decode as empty
    }
    HnswGraph graph = build(6000, skip);
    int stride = PARAMS.m0() + 1;
    for (int node = 0; node < graph.size(); node++) {
      int count = graph.layer0()[node * stride];
      for (int i = 2; i <= count; i++) {
        assertTrue(graph.layer0()[node * stride + i - 1] < graph.layer0()[node * stride + i],
            "node " + node + " list ascending");
      }
      for (int i = count + 1; i < stride; i++) {
        assertEquals(0, graph.layer0()[node * stride + i], "node " + node + " slot " + i);
      }
    }
    byte[] stream = AdjacencyCodec.encode(graph);
    int[] upperOffsets = HnswGraph.upperOffsets(graph.levels(), PARAMS);
    assertArrayEquals(graph.upperOffsets(), upperOffsets);
    int[] layer0 = new int[graph.layer0().length];
    int[] upper = new int[graph.upper().length];
    AdjacencyCodec.decode(stream, graph.levels(), PARAMS, layer0, upper, upperOffsets);
    assertArrayEquals(graph.layer0(), layer0);
    assertArrayEquals(graph.upper(), upper);
    // gaps between ascending ids of 6,000 nodes take one or two bytes, not four
    long fixed = 4L * (graph.layer0().length + graph.upper().length);
    assertTrue(stream.length < fixed / 2, stream.length + " bytes against " + fixed);
  }

  @Test
  void aDamagedStreamIsRefusedNotMisread() {
    HnswGraph graph = build(2000, null);
    byte[] stream = AdjacencyCodec.encode(graph);
    int[] upperOffsets = HnswGraph.upperOffsets(graph.levels(), PARAMS);
    int[] layer0 = new int[graph.layer0().length];
    int[] upper = new int[graph.upper().length];
    byte[] cut = java.util.Arrays.copyOf(stream, stream.length - 3);
    assertThrows(IllegalArgumentException.class,
        () -> AdjacencyCodec.decode(cut, graph.levels(), PARAMS, layer0, upper, upperOffsets));
    byte[] longer = java.util.Arrays.copyOf(stream, stream.length + 1);
    assertThrows(IllegalArgumentException.class,
        () -> AdjacencyCodec.decode(longer, graph.levels(), PARAMS, layer0, upper, upperOffsets));
    byte[] bad = stream.clone();
    bad[0] = 127; // a list of 127 links, over m0
    assertThrows(IllegalArgumentException.class,
        () -> AdjacencyCodec.decode(bad, graph.levels(), PARAMS, layer0, upper, upperOffsets));
  }

  @Test
  void aGraphStoredInFormatOneStillReads(@TempDir Path root) {
    HnswGraph graph = build(3000, null);
    LocalObjectStore store = new LocalObjectStore(root);
    String group = "t/segment-1/hnsw_idx/";
    writeFormatOne(store, group, graph);
    HnswSegmentIndex.Stored stored = HnswSegmentIndex.read(store, group);
    assertEquals(1, stored.attributes().format());
    assertArrayEquals(graph.levels(), stored.levels());
    assertArrayEquals(graph.layer0(), stored.layer0());
    assertArrayEquals(graph.upper(), stored.upper());
    assertArrayEquals(graph.upperOffsets(), stored.upperOffsets());
    // and the current format, written over another group, gives the same arrays
    HnswSegmentIndex.write(store, "t/segment-2/hnsw_idx/", graph, "idx", "embedding");
    HnswSegmentIndex.Stored current = HnswSegmentIndex.read(store, "t/segment-2/hnsw_idx/");
    assertEquals(HnswSegmentIndex.FORMAT, current.attributes().format());
    assertArrayEquals(stored.layer0(), current.layer0());
    assertArrayEquals(stored.upper(), current.upper());
  }

  @Test
  void aCorruptStoredStreamIsAStorageError(@TempDir Path root) {
    HnswGraph graph = build(1000, null);
    LocalObjectStore store = new LocalObjectStore(root);
    String group = "t/segment-1/hnsw_idx/";
    HnswSegmentIndex.write(store, group, graph, "idx", "embedding");
    byte[] chunk = store.get(group + HnswSegmentIndex.ADJACENCY + "/0").orElseThrow();
    chunk[chunk.length - 1] = (byte) 0x80; // the last varint now runs past the end
    store.put(group + HnswSegmentIndex.ADJACENCY + "/0", chunk);
    assertThrows(StorageException.class, () -> HnswSegmentIndex.read(store, group));
  }

  /** The arrays as format 1 stored them (what HnswSegmentIndex wrote before format 2). */
  private static void writeFormatOne(LocalObjectStore store, String group, HnswGraph graph) {
    int n = graph.size();
    int width = PARAMS.m0() + 1;
    long[] offsets = new long[n + 1];
    for (int i = 0; i <= n; i++) {
      offsets[i] = graph.upperOffsets()[i];
    }
    ObjectNode attrs = JsonNodeFactory.instance.objectNode();
    attrs.putObject(HnswSegmentIndex.ATTRIBUTE).put("format", 1).put("index", "idx")
        .put("column", "embedding").put("metric", "L2").put("opclass", "vector_l2_ops")
        .put("m", PARAMS.m()).put("ef_construction", PARAMS.efConstruction())
        .put("dimension", graph.dimension()).put("nodes", n)
        .put("entry_point", graph.entryPoint()).put("max_level", graph.maxLevel())
        .put("upper_length", graph.upper().length);
    store.put(group + ZarrGroup.GROUP_FILE, ZarrGroup.zgroupJson());
    store.put(group + ZarrGroup.ATTRS_FILE, ZarrGroup.attrsJson(attrs));
    try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> writes = new ArrayList<>();
      IndexArrays.writeArray(store, writers, writes, group + "layer0/",
          ArrayMeta.twoDimensional(n, width, n, ZarrDtype.INT32), graph.layer0());
      IndexArrays.writeArray(store, writers, writes, group + "levels/",
          ArrayMeta.oneDimensional(n, n, ZarrDtype.INT8), graph.levels());
      IndexArrays.writeArray(store, writers, writes, group + "upper/",
          ArrayMeta.oneDimensional(graph.upper().length, graph.upper().length, ZarrDtype.INT32),
          graph.upper());
      IndexArrays.writeArray(store, writers, writes, group + "upper_offsets/",
          ArrayMeta.oneDimensional(n + 1, n + 1, ZarrDtype.INT64), offsets);
      IndexArrays.awaitAll(writes, "test graph");
    }
  }
}
