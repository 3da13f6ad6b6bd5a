package io.s3vector.storage.index.ivf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.s3vector.storage.index.IndexArrays;
import io.s3vector.storage.objectstore.LocalObjectStore;
import io.s3vector.storage.vector.DistanceKernels;
import io.s3vector.storage.vector.DistanceMetric;
import io.s3vector.storage.vector.ScalarQuantizer;
import io.s3vector.storage.vector.SixBitCodes;
import io.s3vector.storage.vector.VectorizationProvider;
import io.s3vector.storage.zarr.ArrayMeta;
import io.s3vector.storage.zarr.ZarrDtype;
import io.s3vector.storage.zarr.ZarrGroup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lists' codes: a few bits per dimension of each row's residual from its centroid, measured
 * against a query as the metric measures the decoded vector; stored and read back; and lists of
 * format 1 (int8 codes of the vectors) still read and score.
 */
class IvfResidualCodesTest {

  private static final DistanceKernels KERNELS = VectorizationProvider.kernels();

  private static float[] clustered(int rows, int dim, int centers, long seed) {
    Random random = new Random(seed);
    float[][] c = new float[centers][dim];
    for (float[] center : c) {
      for (int d = 0; d < dim; d++) {
        center[d] = 3 * (float) random.nextGaussian();
      }
    }
    float[] v = new float[rows * dim];
    for (int r = 0; r < rows; r++) {
      float[] center = c[random.nextInt(centers)];
      for (int d = 0; d < dim; d++) {
        v[r * dim + d] = center[d] + 0.3f * (float) random.nextGaussian();
      }
    }
    return v;
  }

  /** The vector a position's code stands for: its centroid plus the decoded residual. */
  private static float[] decoded(IvfIndex ivf, int list, int position) {
    IvfHead head = ivf.head();
    int dim = head.dimension();
    byte[] levels = new byte[dim];
    SixBitCodes.unpack(ivf.codes(), position * head.codeBytes(), dim, levels);
    float[] out = new float[dim];
    head.residual().decode(levels, 0, out, 0);
    for (int d = 0; d < dim; d++) {
      out[d] += head.centroids()[list * dim + d];
    }
    return out;
  }

  @Test
  void aCodeStandsForItsRowWithinHalfAStepAndScoresAsTheMetricMeasuresWhatItStandsFor() {
    for (int dim : new int[] {16, 15}) { // an odd dimension leaves half a nibble byte unused
      int rows = 3_000;
      float[] vectors = clustered(rows, dim, 30, dim);
      float[] query = clustered(1, dim, 1, 99);
      for (DistanceMetric metric : DistanceMetric.values()) {
        IvfIndex ivf = IvfIndex.build(metric, vectors, rows, dim, null, KERNELS, 5);
        IvfHead head = ivf.head();
        assertEquals(rows * SixBitCodes.bytesPerRow(dim), ivf.codes().length, metric + ": packed rows");
        assertEquals(SixBitCodes.LEVELS, head.residual().levels());
        float[] prepared = head.prepare(query);
        IvfCodeScorer scorer = head.scorer(prepared);
        float[] step = head.residual().step();
        for (int list = 0; list < head.lists(); list++) {
          scorer.list(list);
          for (int p = (int) head.offsets()[list]; p < head.offsets()[list + 1]; p++) {
            float[] x = decoded(ivf, list, p);
            if (metric != DistanceMetric.COSINE) { // cosine lists hold normalised rows
              int row = ivf.listRows()[p];
              for (int d = 0; d < dim; d++) {
                assertTrue(Math.abs(x[d] - vectors[row * dim + d]) <= step[d] / 2 + 1e-4,
                    metric + " row " + row + " dimension " + d);
              }
            }
            float expected = switch (metric) {
              case L2 -> KERNELS.squaredL2(prepared, 0, x, 0, dim);
              case L1 -> (float) KERNELS.distance(metric, prepared, 0, x, 0, dim);
              default -> -KERNELS.dotProduct(prepared, 0, x, 0, dim);
            };
            float actual = scorer.distance(ivf.codes(), p * head.codeBytes());
            assertEquals(expected, actual, 1e-3 * Math.max(1, Math.abs(expected)),
                metric + " dim " + dim + " position " + p);
          }
        }
      }
    }
  }

  @Test
  void storedListsReadBackAndAGraphsInt8CodesComeFromTheDecodedRows(@TempDir Path root) {
    int rows = 5_000;
    int dim = 24;
    float[] vectors = clustered(rows, dim, 40, 3);
    boolean[] nulls = new boolean[rows];
    nulls[17] = true; // a row that is in no list keeps a zero code
    IvfIndex ivf = IvfIndex.build(DistanceMetric.L2, vectors, rows, dim, nulls, KERNELS, 5);
    LocalObjectStore store = new LocalObjectStore(root);
    String group = "t/segment-1/ivf_idx/";
    IvfSegmentIndex.write(store, group, ivf, "idx", "embedding");
    IvfHead head = readHead(store, group);
    assertArrayEquals(ivf.head().residual().min(), head.residual().min());
    assertArrayEquals(ivf.head().residual().step(), head.residual().step());
    assertArrayEquals(ivf.head().offsets(), head.offsets());
    byte[] byRow = IvfSegmentIndex.codesByRow(store, group, head, rows);
    byte[] expected = new byte[dim];
    for (int list = 0; list < head.lists(); list++) {
      for (int p = (int) head.offsets()[list]; p < head.offsets()[list + 1]; p++) {
        int row = ivf.listRows()[p];
        head.quantizer().encode(decoded(ivf, list, p), 0, expected, 0);
        assertArrayEquals(expected, java.util.Arrays.copyOfRange(byRow, row * dim, row * dim + dim),
            "row " + row);
      }
    }
    assertArrayEquals(new byte[dim], java.util.Arrays.copyOfRange(byRow, 17 * dim, 18 * dim));
  }

  @Test
  void listsOfFormatOneStillReadAndScoreTheirInt8Codes(@TempDir Path root) {
    int rows = 2_000;
    int dim = 8;
    float[] vectors = clustered(rows, dim, 20, 5);
    IvfIndex current = IvfIndex.build(DistanceMetric.L2, vectors, rows, dim, null, KERNELS, 5);
    IvfHead h = current.head();
    // format 1: int8 codes of the vectors themselves, in the same list order
    byte[] int8 = new byte[rows * dim];
    for (int p = 0; p < rows; p++) {
      h.quantizer().encode(vectors, current.listRows()[p] * dim, int8, p * dim);
    }
    LocalObjectStore store = new LocalObjectStore(root);
    String group = "t/segment-1/ivf_idx/";
    writeFormatOne(store, group, h, current.listRows(), int8);
    IvfHead head = readHead(store, group);
    assertNull(head.residual());
    assertEquals(dim, head.codeBytes());
    float[] query = clustered(1, dim, 1, 77);
    IvfCodeScorer scorer = head.scorer(head.prepare(query));
    ScalarQuantizer.Query reference = head.quantizer().prepare(DistanceMetric.L2, query);
    for (int list = 0; list < head.lists(); list++) {
      scorer.list(list);
      for (int p = (int) head.offsets()[list]; p < head.offsets()[list + 1]; p++) {
        assertEquals(reference.distance(int8, p * dim), scorer.distance(int8, p * dim), 1e-4);
      }
    }
    byte[] byRow = IvfSegmentIndex.codesByRow(store, group, head, rows);
    for (int p = 0; p < rows; p++) {
      int row = current.listRows()[p];
      assertArrayEquals(java.util.Arrays.copyOfRange(int8, p * dim, p * dim + dim),
          java.util.Arrays.copyOfRange(byRow, row * dim, row * dim + dim));
    }
  }

  private static IvfHead readHead(LocalObjectStore store, String group) {
    return IvfSegmentIndex.head(group,
        store.get(group + ZarrGroup.ATTRS_FILE).orElseThrow(),
        io.s3vector.storage.zarr.Lz4Codec.decompress(store.get(group + "centroids/0.0").orElseThrow()),
        io.s3vector.storage.zarr.Lz4Codec.decompress(store.get(group + "offsets/0").orElseThrow()));
  }

  /** What IvfSegmentIndex wrote before format 2. */
  private static void writeFormatOne(LocalObjectStore store, String group, IvfHead head,
      int[] listRows, byte[] codes) {
    int dim = head.dimension();
    int rows = listRows.length;
    ObjectNode attrs = JsonNodeFactory.instance.objectNode();
    ObjectNode our = attrs.putObject(IvfSegmentIndex.ATTRIBUTE);
    our.put("format", 1).put("index", "idx").put("column", "embedding")
        .put("metric", head.metric().name()).put("dimension", dim).put("lists", head.lists())
        .put("rows", rows).put("code_chunk_rows", rows);
    IvfSegmentIndex.putQuantizer(our, "quantizer", head.quantizer());
    store.put(group + ZarrGroup.GROUP_FILE, ZarrGroup.zgroupJson());
    store.put(group + ZarrGroup.ATTRS_FILE, ZarrGroup.attrsJson(attrs));
    try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> writes = new ArrayList<>();
      IndexArrays.writeArray(store, writers, writes, group + "centroids/",
          new ArrayMeta(head.lists(), dim, head.lists(), ZarrDtype.FLOAT32, true), head.centroids());
      IndexArrays.writeArray(store, writers, writes, group + "offsets/",
          new ArrayMeta(head.lists() + 1, 0, head.lists() + 1, ZarrDtype.INT64, true), head.offsets());
      IndexArrays.writeArray(store, writers, writes, group + "list_rows/",
          new ArrayMeta(rows, 0, rows, ZarrDtype.INT32, false), listRows);
      IndexArrays.writeArray(store, writers, writes, group + "list_codes/",
          new ArrayMeta(rows, dim, rows, ZarrDtype.INT8, false), codes);
      IndexArrays.awaitAll(writes, "test IVF");
    }
  }
}
