package io.s3vector.storage.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.engine.StoreDatabase;
import io.s3vector.storage.index.hnsw.VectorSets;
import io.s3vector.storage.io.ReadStats;
import io.s3vector.storage.objectstore.LocalObjectStore;
import io.s3vector.storage.table.ColumnType;
import io.s3vector.storage.table.Fixtures;
import io.s3vector.storage.table.IndexDefinition;
import io.s3vector.storage.table.NearestRows;
import io.s3vector.storage.table.ReadView;
import io.s3vector.storage.table.StoreOptions;
import io.s3vector.storage.table.TableSchema;
import io.s3vector.storage.table.TableSnapshot;
import io.s3vector.storage.vector.DistanceMetric;
import io.s3vector.storage.vector.TopK;
import io.s3vector.storage.vector.VectorizationProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cold path: a database opened on stored data searches indexed segments through their IVF
 * index (routing, codes by byte range, exact re-rank), never walking a graph it has not loaded.
 */
class ColdSearchTest {

  private static final int ROWS = 10_000;
  private static final int QUERIES = 50;
  private static VectorSets.Vectors base;
  private static VectorSets.Vectors queries;

  @TempDir Path root;

  @BeforeAll
  static void load() throws Exception {
    base = VectorSets.fashionMnistBase(ROWS);
    queries = VectorSets.fashionMnistQueries(QUERIES);
  }

  private static final IndexDefinition L2 =
      IndexDefinition.of("items_embedding_idx", "embedding", DistanceMetric.L2);

  /** Writes the table with its index, then closes the database (nothing stays in memory). */
  private void store(IndexDefinition index) {
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root))) {
      if (db.table("items").isEmpty()) {
        db.createTable(new TableSchema("items",
            List.of(Fixtures.column("id", ColumnType.INT8), Fixtures.vector("embedding", base.dim())),
            List.of()), false);
        List<Object[]> rows = new ArrayList<>();
        for (int r = 0; r < ROWS; r++) {
          rows.add(new Object[] {(long) r, base.row(r)});
        }
        db.table("items").orElseThrow().append(rows);
      }
      db.table("items").orElseThrow().createIndex(index);
    }
  }

  private StoreDatabase openCold() {
    return StoreDatabase.open(new LocalObjectStore(root),
        StoreOptions.builder().warmGraphs(false).compaction(false).build());
  }

  /** The exact top-k by the operator's distance, ties by row number (an exact scan's order). */
  private static NearestRows exact(DistanceMetric metric, float[] query, int k) {
    TopK top = new TopK(k);
    for (int r = 0; r < ROWS; r++) {
      top.offer(VectorizationProvider.kernels().distance(metric, query, 0, base.data(), r * base.dim(),
          base.dim()), r);
    }
    double[] distances = new double[top.size()];
    long[] rows = new long[top.size()];
    top.sorted(distances, rows);
    return new NearestRows(rows, distances);
  }

  @Test
  void everyClusterProbedEqualsAnExactScan() {
    for (DistanceMetric metric : List.of(DistanceMetric.L2, DistanceMetric.COSINE,
        DistanceMetric.NEGATIVE_INNER_PRODUCT)) {
      IndexDefinition index = IndexDefinition.of("items_" + metric.name().toLowerCase() + "_idx",
          "embedding", metric);
      store(index);
      try (StoreDatabase db = openCold()) {
        TableSnapshot snapshot = db.table("items").orElseThrow().snapshot();
        for (int q = 0; q < 10; q++) {
          // ef 2,000: every cluster (about 100) probed, 2,000 rows re-ranked exactly
          NearestRows found = snapshot.vectorSearch(index, queries.row(q), 10, 2_000, null);
          NearestRows expected = exact(metric, queries.row(q), 10);
          assertArrayEquals(expected.distances(), found.distances(), metric + " query " + q);
          assertArrayEquals(expected.rowNumbers(), found.rowNumbers(), metric + " query " + q);
        }
        assertNull(db.segmentIndexes().loadedGraph(
            db.manifest().table("items").segments().get(0).id(), index), "no graph was loaded");
      }
    }
  }

  @Test
  void recallAtTheDefaultEfSearch() {
    store(L2);
    double[] kth = VectorSets.kthDistances(base, queries, 10, VectorSets.L2);
    try (StoreDatabase db = openCold()) {
      TableSnapshot snapshot = db.table("items").orElseThrow().snapshot();
      int hits = 0;
      for (int q = 0; q < QUERIES; q++) {
        NearestRows found = snapshot.vectorSearch(L2, queries.row(q), 10, 40, null);
        assertEquals(10, found.size());
        hits += VectorSets.hits(base, queries.row(q), found.rowNumbers(), kth[q], VectorSets.L2);
      }
      double recall = hits / (10.0 * QUERIES);
      assertTrue(recall >= 0.95, "cold recall@10 at ef_search 40: " + recall);
    }
  }

  @Test
  void atLeastTwiceKRowsAreReRankedWhateverTheEf() {
    // at ef_search = k the codes alone chose the answer (recall@10 0.875 at 1M at ef_search 10)
    assertEquals(20, new ColdSearch(null, null, null, DistanceMetric.L2, null, new float[4], 10, 10, null).rerankRows());
    assertEquals(20, new ColdSearch(null, null, null, DistanceMetric.L2, null, new float[4], 10, 1, null).rerankRows());
    assertEquals(40, new ColdSearch(null, null, null, DistanceMetric.L2, null, new float[4], 10, 40, null).rerankRows());
  }

  @Test
  void aFreshDatabaseSearchesInTwoRounds() {
    store(L2);
    try (StoreDatabase db = openCold()) {
      ReadView view = db.readView();
      TableSnapshot snapshot = view.snapshot("items").orElseThrow();
      ReadStats.Snapshot before = view.stats().snapshot();
      NearestRows found = snapshot.vectorSearch(L2, queries.row(0), 10, 40, null);
      ReadStats.Snapshot after = view.stats().snapshot();
      assertEquals(10, found.size());
      assertTrue(after.storeRequests() > before.storeRequests(), "the search read the store");
      // the attributes and the IVF heads were read when the database opened; the search reads
      // its clusters' codes, then the re-ranked rows
      assertEquals(2, after.rounds() - before.rounds(), "rounds of a cold search");
    }
  }

  @Test
  void aGraphLoadedAfterTheColdPathWalksOnTheIvfCodes() throws InterruptedException {
    store(L2);
    String before = System.getProperty("s3vector.graph.codes");
    System.setProperty("s3vector.graph.codes", "always"); // as a small heap would
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root))) {
      TableSnapshot snapshot = db.table("items").orElseThrow().snapshot();
      snapshot.vectorSearch(L2, queries.row(0), 10, 40, null); // cold: starts the graph load
      String segment = db.manifest().table("items").segments().get(0).id();
      for (int i = 0; i < 1_200 && db.segmentIndexes().loadedGraph(segment, L2) == null; i++) {
        Thread.sleep(50);
      }
      var graph = db.segmentIndexes().loadedGraph(segment, L2);
      assertTrue(graph != null && graph.codes() != null && graph.vectors() == null,
          "the loaded graph holds codes");
      double[] kth = VectorSets.kthDistances(base, queries, 10, VectorSets.L2);
      int hits = 0;
      for (int q = 0; q < QUERIES; q++) {
        NearestRows found = snapshot.vectorSearch(L2, queries.row(q), 10, 40, null);
        hits += VectorSets.hits(base, queries.row(q), found.rowNumbers(), kth[q], VectorSets.L2);
      }
      double recall = hits / (10.0 * QUERIES);
      assertTrue(recall >= 0.95, "warm recall@10 on IVF codes: " + recall);
    } finally {
      if (before == null) {
        System.clearProperty("s3vector.graph.codes");
      } else {
        System.setProperty("s3vector.graph.codes", before);
      }
    }
  }

  @Test
  void aFilterStillReturnsKRows() {
    store(L2);
    try (StoreDatabase db = openCold()) {
      TableSnapshot snapshot = db.table("items").orElseThrow().snapshot();
      // one row in 50 accepted: the probed clusters hold too few, so the probes widen
      NearestRows found = snapshot.vectorSearch(L2, queries.row(1), 10, 40, row -> row % 50 == 7);
      assertEquals(10, found.size());
      for (long row : found.rowNumbers()) {
        assertEquals(7, row % 50);
      }
    }
  }
}
