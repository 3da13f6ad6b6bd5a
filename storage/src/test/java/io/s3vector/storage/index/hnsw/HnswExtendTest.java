package io.s3vector.storage.index.hnsw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.vector.DistanceKernels;
import io.s3vector.storage.vector.DistanceMetric;
import io.s3vector.storage.vector.VectorizationProvider;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A graph extended with rows before and after its own (a merge) keeps its nodes' levels, stays
 * within the degree bounds, reaches every node, and finds neighbours as well as a graph built anew.
 */
class HnswExtendTest {
  private static final int DIM = 16;
  private final DistanceKernels kernels = VectorizationProvider.kernels();

  private double recall(HnswGraph graph, VectorSets.Vectors all, VectorSets.Vectors queries) {
    double[] kth = VectorSets.kthDistances(all, queries, 10, VectorSets.L2);
    HnswSearcher searcher = new HnswSearcher();
    int hits = 0;
    for (int q = 0; q < queries.rows(); q++) {
      int n = Math.min(10, searcher.search(graph, queries.row(q), 64, null));
      long[] rows = new long[n];
      for (int i = 0; i < n; i++) {
        rows[i] = searcher.node(i);
      }
      hits += VectorSets.hits(all, queries.row(q), rows, kth[q], VectorSets.L2);
    }
    return hits / (10.0 * queries.rows());
  }

  @Test
  void anExtendedGraphKeepsItsNodesAndFindsNeighboursLikeAFreshOne() {
    int rows = 6_000;
    VectorSets.Vectors all = VectorSets.clustered(rows + 100, DIM, 40, 11);
    VectorSets.Vectors base = new VectorSets.Vectors(Arrays.copyOf(all.data(), rows * DIM), rows, DIM);
    VectorSets.Vectors queries = new VectorSets.Vectors(
        Arrays.copyOfRange(all.data(), rows * DIM, (rows + 100) * DIM), 100, DIM);
    HnswParams params = new HnswParams(16, 64);
    int offset = 1_500;
    int middle = 3_000;
    float[] middleRows = Arrays.copyOfRange(base.data(), offset * DIM, (offset + middle) * DIM);
    HnswGraph small = HnswBuilder.build(DistanceMetric.L2, params, middleRows, middle, DIM, null,
        kernels, 5, 1);
    int[] clustered = io.s3vector.storage.index.ivf.IvfIndex.build(DistanceMetric.L2, base.data(),
        rows, DIM, null, kernels, 5).listRows();
    for (int[] order : new int[][] {null, clustered}) {
      checkExtended(small, offset, middle, base, queries, params, order);
    }
  }

  /** Extends {@code small} (rows {@code [offset, offset + middle)}) to all of {@code base}, inserting in {@code order}. */
  private void checkExtended(HnswGraph small, int offset, int middle, VectorSets.Vectors base,
      VectorSets.Vectors queries, HnswParams params, int[] order) {
    int rows = base.rows();
    long extendedBefore = HnswBuilder.graphsExtended();
    HnswGraph extended = HnswBuilder.extend(small, offset, base.data(), rows, DIM, null, kernels, 5,
        2, order);
    assertEquals(extendedBefore + 1, HnswBuilder.graphsExtended());
    assertEquals(rows, extended.size());
    for (int node = 0; node < middle; node++) {
      assertEquals(small.level(node), extended.level(node + offset), "levels kept");
    }
    // the entry point moves only to an inserted node of a higher level
    if (extended.maxLevel() == small.maxLevel()) {
      assertEquals(small.entryPoint() + offset, extended.entryPoint());
    } else {
      assertTrue(extended.maxLevel() > small.maxLevel());
    }
    // degree bounds and reachability on layer 0
    boolean[] seen = new boolean[rows];
    int[] queue = new int[rows];
    int head = 0;
    int tail = 0;
    queue[tail++] = extended.entryPoint();
    seen[extended.entryPoint()] = true;
    while (head < tail) {
      int node = queue[head++];
      int[] arr = extended.neighboursArray(0);
      int at = extended.neighboursOffset(node, 0);
      assertTrue(arr[at] <= params.m0(), "layer 0 degree");
      for (int i = 1; i <= arr[at]; i++) {
        int next = arr[at + i];
        assertTrue(next >= 0 && next < rows);
        if (!seen[next]) {
          seen[next] = true;
          queue[tail++] = next;
        }
      }
    }
    assertEquals(rows, tail, "every node reachable from the entry point");
    HnswGraph fresh = HnswBuilder.build(DistanceMetric.L2, params, base.data(), rows, DIM, null,
        kernels, 5, 2);
    double extendedRecall = recall(extended, base, queries);
    double freshRecall = recall(fresh, base, queries);
    assertTrue(extendedRecall >= 0.95, "extended recall " + extendedRecall);
    assertTrue(extendedRecall >= freshRecall - 0.02,
        "extended " + extendedRecall + " vs fresh " + freshRecall);
  }

  /**
   * A merge extends the cached graph of its largest segment, which holds int8 codes: extend reads
   * only its structure and takes every distance from the merged rows' floats, so extending the
   * graph with codes gives exactly the graph extending the float one gives (one thread).
   */
  @Test
  void extendingTheGraphWithCodesEqualsExtendingTheFloatGraph() {
    int rows = 3_000;
    VectorSets.Vectors all = VectorSets.clustered(rows, DIM, 30, 13);
    HnswParams params = new HnswParams(16, 64);
    int offset = 1_000;
    int middle = 1_200;
    float[] middleRows = Arrays.copyOfRange(all.data(), offset * DIM, (offset + middle) * DIM);
    for (DistanceMetric metric : new DistanceMetric[] {DistanceMetric.L2, DistanceMetric.COSINE}) {
      HnswGraph small = HnswBuilder.build(metric, params, middleRows, middle, DIM, null, kernels, 5, 1);
      HnswGraph coded = small.withCodes();
      assertNull(coded.vectors(), "a graph with codes holds no floats");
      HnswGraph fromFloats = HnswBuilder.extend(small, offset, all.data(), rows, DIM, null, kernels, 5, 1);
      HnswGraph fromCodes = HnswBuilder.extend(coded, offset, all.data(), rows, DIM, null, kernels, 5, 1);
      assertNotNull(fromCodes.vectors(), "an extended graph has floats until it is cached");
      assertEquals(fromFloats.entryPoint(), fromCodes.entryPoint(), metric.name());
      assertArrayEquals(fromFloats.levels(), fromCodes.levels(), metric.name());
      assertArrayEquals(fromFloats.layer0(), fromCodes.layer0(), metric.name());
      assertArrayEquals(fromFloats.upper(), fromCodes.upper(), metric.name());
    }
  }

  @Test
  void aGraphThatDoesNotFitTheRowsIsRefused() {
    float[] v = new float[100 * DIM];
    HnswGraph g = HnswBuilder.build(DistanceMetric.L2, new HnswParams(16, 64), v, 100, DIM, null,
        kernels, 1, 1);
    assertThrows(IllegalArgumentException.class,
        () -> HnswBuilder.extend(g, 50, new float[120 * DIM], 120, DIM, null, kernels, 1, 1));
  }
}
