package io.s3vector.storage.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.engine.StoreDatabase;
import io.s3vector.storage.index.hnsw.HnswBuilder;
import io.s3vector.storage.index.hnsw.VectorSets;
import io.s3vector.storage.manifest.SegmentRef;
import io.s3vector.storage.objectstore.LocalObjectStore;
import io.s3vector.storage.table.ColumnType;
import io.s3vector.storage.table.Fixtures;
import io.s3vector.storage.table.IndexDefinition;
import io.s3vector.storage.table.IndexExistsException;
import io.s3vector.storage.table.NearestRows;
import io.s3vector.storage.table.StoreOptions;
import io.s3vector.storage.table.Table;
import io.s3vector.storage.table.TableExistsException;
import io.s3vector.storage.table.TableSchema;
import io.s3vector.storage.table.TableSnapshot;
import io.s3vector.storage.vector.DistanceMetric;
import io.s3vector.storage.vector.TopK;
import io.s3vector.storage.vector.VectorizationProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HNSW index through the table API: recall, persistence, appends, filters, DDL. */
class HnswIndexTest {

  private static final int ROWS = 10_000;
  private static final int QUERIES = 100;
  private static VectorSets.Vectors base;
  private static VectorSets.Vectors queries;

  @TempDir Path root;

  @BeforeAll
  static void load() throws Exception {
    base = VectorSets.fashionMnistBase(ROWS);
    queries = VectorSets.fashionMnistQueries(QUERIES);
  }

  private static TableSchema schema(String name, int dim) {
    return new TableSchema(name,
        List.of(Fixtures.column("id", ColumnType.INT8), Fixtures.vector("embedding", dim)),
        List.of());
  }

  private static List<Object[]> rows(VectorSets.Vectors vectors, int from, int to) {
    List<Object[]> rows = new ArrayList<>();
    for (int r = from; r < to; r++) {
      rows.add(new Object[] {(long) r, vectors.row(r)});
    }
    return rows;
  }

  private static Table table(StoreDatabase db, String name, VectorSets.Vectors vectors,
      int... appendSizes) {
    db.createTable(schema(name, vectors.dim()), false);
    Table table = db.table(name).orElseThrow();
    int at = 0;
    for (int size : appendSizes) {
      table.append(rows(vectors, at, at + size));
      at += size;
    }
    return table;
  }

  /** Mean recall@10 over the queries, counting ties with the k-th true distance as hits. */
  private static double recall(TableSnapshot snapshot, IndexDefinition index,
      VectorSets.Vectors data, VectorSets.Vectors qs, VectorSets.Distance distance, int ef) {
    double[] kth = VectorSets.kthDistances(data, qs, 10, distance);
    int hits = 0;
    for (int q = 0; q < qs.rows(); q++) {
      NearestRows found = snapshot.vectorSearch(index, qs.row(q), 10, ef, null);
      assertEquals(10, found.size());
      hits += VectorSets.hits(data, qs.row(q), found.rowNumbers(), kth[q], distance);
    }
    return hits / (10.0 * qs.rows());
  }

  @Test
  void l2RecallAndRestartWithoutRebuild() throws InterruptedException {
    IndexDefinition index = IndexDefinition.of("items_embedding_idx", "embedding", DistanceMetric.L2);
    List<NearestRows> before = new ArrayList<>();
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root))) {
      Table table = table(db, "items", base, ROWS);
      table.createIndex(index);
      TableSnapshot snapshot = table.snapshot();
      assertEquals(List.of(index), snapshot.indexes());
      assertTrue(db.manifest().table("items").segments().get(0).hasIndex(index.name()));
      double recall = recall(snapshot, index, base, queries, VectorSets.L2, 40);
      assertTrue(recall >= 0.95, "recall@10 " + recall);
      for (int q = 0; q < 20; q++) {
        before.add(snapshot.vectorSearch(index, queries.row(q), 10, 40, null));
      }
      // distances are the operator's exact ones
      NearestRows first = before.get(0);
      float[] row = base.row((int) first.rowNumbers()[0]);
      assertEquals(VectorizationProvider.kernels().distance(DistanceMetric.L2, queries.row(0), 0,
          row, 0, row.length), first.distances()[0]);
    }
    long built = HnswBuilder.graphsBuilt();
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root))) {
      TableSnapshot snapshot = db.table("items").orElseThrow().snapshot();
      assertEquals(List.of(index), snapshot.indexes());
      // the first query takes the cold path (IVF) and loads the graph in the background; the
      // walk over the reloaded graph then gives what the built one gave
      snapshot.vectorSearch(index, queries.row(0), 10, 40, null);
      String segment = db.manifest().table("items").segments().get(0).id();
      for (int i = 0; i < 1_200 && db.segmentIndexes().loadedGraph(segment, index) == null; i++) {
        Thread.sleep(50);
      }
      for (int q = 0; q < 20; q++) {
        NearestRows again = snapshot.vectorSearch(index, queries.row(q), 10, 40, null);
        assertArrayEquals(before.get(q).rowNumbers(), again.rowNumbers());
        assertArrayEquals(before.get(q).distances(), again.distances());
      }
      assertEquals(built, HnswBuilder.graphsBuilt(), "the graph was rebuilt on reopening");
      assertEquals(Optional.of("items"), db.tableOfIndex(index.name()));
    }
  }

  @Test
  void cosineAndInnerProductRecallOnNormalisedData() {
    VectorSets.Vectors normalised = base.normalised();
    VectorSets.Vectors qs = queries.normalised();
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root))) {
      Table table = table(db, "items", normalised, ROWS);
      IndexDefinition cosine = IndexDefinition.of("by_cosine", "embedding", DistanceMetric.COSINE);
      IndexDefinition ip =
          IndexDefinition.of("by_ip", "embedding", DistanceMetric.NEGATIVE_INNER_PRODUCT);
      table.createIndex(cosine);
      table.createIndex(ip);
      TableSnapshot snapshot = table.snapshot();
      double cosineRecall = recall(snapshot, cosine, normalised, qs, VectorSets.NEGATIVE_DOT, 40);
      double ipRecall = recall(snapshot, ip, normalised, qs, VectorSets.NEGATIVE_DOT, 40);
      assertTrue(cosineRecall >= 0.95, "cosine recall@10 " + cosineRecall);
      assertTrue(ipRecall >= 0.95, "inner product recall@10 " + ipRecall);
      // the cosine distance is pgvector's, computed on the stored (not normalised-again) vector
      NearestRows found = snapshot.vectorSearch(cosine, queries.row(0), 1, 40, null);
      float[] row = normalised.row((int) found.rowNumbers()[0]);
      assertEquals(VectorizationProvider.kernels().distance(DistanceMetric.COSINE,
          queries.row(0), 0, row, 0, row.length), found.distances()[0]);
    }
  }

  @Test
  void indexBeforeOrAfterSmallAppendsGivesTheExactResults() {
    IndexDefinition index = IndexDefinition.of("small_idx", "embedding", DistanceMetric.L2);
    List<NearestRows> results = new ArrayList<>();
    for (boolean indexFirst : new boolean[] {true, false}) {
      try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root.resolve("db" + indexFirst)))) {
        db.createTable(schema("items", base.dim()), false);
        Table table = db.table("items").orElseThrow();
        if (indexFirst) {
          table.createIndex(index);
        }
        for (int at = 0; at < 2_400; at += 800) {
          table.append(rows(base, at, at + 800)); // below minIndexedSegmentRows: exact scans
        }
        if (!indexFirst) {
          table.createIndex(index);
        }
        results.add(table.snapshot().vectorSearch(index, queries.row(3), 10, 40, null));
      }
    }
    assertArrayEquals(results.get(0).rowNumbers(), results.get(1).rowNumbers());
    assertArrayEquals(results.get(0).distances(), results.get(1).distances());
    assertArrayEquals(exact(base, 2_400, queries.row(3), 10, null), results.get(0).rowNumbers());
  }

  @Test
  void rowsAppendedAfterCreateIndexAreFound() {
    IndexDefinition index = IndexDefinition.of("items_idx", "embedding", DistanceMetric.L2);
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root))) {
      Table table = table(db, "items", base, 2_000);
      table.createIndex(index);
      long built = HnswBuilder.graphsBuilt();
      table.append(rows(base, 2_000, 3_500)); // large enough for a graph of its own
      table.append(rows(base, 3_500, 3_600)); // small: scanned exactly
      assertEquals(built + 1, HnswBuilder.graphsBuilt());
      List<SegmentRef> segments = db.manifest().table("items").segments();
      assertTrue(segments.get(1).hasIndex(index.name()));
      assertFalse(segments.get(2).hasIndex(index.name()));
      TableSnapshot snapshot = table.snapshot();
      for (int row : new int[] {10, 2_500, 3_499, 3_550}) {
        NearestRows found = snapshot.vectorSearch(index, base.row(row), 1, 40, null);
        assertEquals(row, found.rowNumbers()[0]);
        assertEquals(0.0, found.distances()[0]);
      }
      Object[][] fetched = snapshot.fetch(new long[] {3_550, 10}, new int[] {1, 0});
      assertEquals(3_550L, fetched[0][1]);
      assertArrayEquals(base.row(3_550), (float[]) fetched[0][0]);
      assertEquals(10L, fetched[1][1]);
    }
  }

  @Test
  void filteredSearchReturnsKAcceptedRows() {
    IndexDefinition index = IndexDefinition.of("items_idx", "embedding", DistanceMetric.L2);
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root))) {
      Table table = table(db, "items", base, ROWS);
      table.createIndex(index);
      TableSnapshot snapshot = table.snapshot();
      LongPredicate onePercent = row -> row % 100 == 7;
      int matching = 0;
      for (int q = 0; q < 20; q++) {
        NearestRows found = snapshot.vectorSearch(index, queries.row(q), 10, 40, onePercent);
        assertEquals(10, found.size());
        for (long row : found.rowNumbers()) {
          assertTrue(onePercent.test(row), "row " + row + " fails the filter");
        }
        Set<Long> truth = new HashSet<>();
        for (long row : exact(base, ROWS, queries.row(q), 10, onePercent)) {
          truth.add(row);
        }
        for (long row : found.rowNumbers()) {
          matching += truth.contains(row) ? 1 : 0;
        }
      }
      assertTrue(matching >= 0.95 * 200, "filtered recall " + matching / 200.0);
      // a filter loose enough for the graph walk (1% goes to an exact scan of the accepted rows)
      LongPredicate quarter = row -> row % 4 == 1;
      int quarterMatching = 0;
      for (int q = 0; q < 20; q++) {
        NearestRows found = snapshot.vectorSearch(index, queries.row(q), 10, 40, quarter);
        assertEquals(10, found.size());
        Set<Long> truth = new HashSet<>();
        for (long row : exact(base, ROWS, queries.row(q), 10, quarter)) {
          truth.add(row);
        }
        for (long row : found.rowNumbers()) {
          assertTrue(quarter.test(row), "row " + row + " fails the filter");
          quarterMatching += truth.contains(row) ? 1 : 0;
        }
      }
      assertTrue(quarterMatching >= 0.95 * 200, "filtered recall " + quarterMatching / 200.0);
      // fewer matching rows than k: all of them
      NearestRows few = snapshot.vectorSearch(index, queries.row(0), 10, 40, row -> row < 3);
      assertArrayEquals(exact(base, 3, queries.row(0), 10, null), few.rowNumbers());
    }
  }

  @Test
  void manySegmentsFindWhatOneSegmentFinds() {
    IndexDefinition index = IndexDefinition.of("items_idx", "embedding", DistanceMetric.L2);
    try (StoreDatabase one = StoreDatabase.open(new LocalObjectStore(root.resolve("one")));
        StoreDatabase many = StoreDatabase.open(new LocalObjectStore(root.resolve("many")))) {
      Table single = table(one, "items", base, ROWS);
      Table split = table(many, "items", base, 2_500, 2_500, 2_500, 2_500);
      single.createIndex(index);
      split.createIndex(index);
      assertEquals(4, many.manifest().table("items").segments().size());
      double recallOne = recall(single.snapshot(), index, base, queries, VectorSets.L2, 40);
      double recallMany = recall(split.snapshot(), index, base, queries, VectorSets.L2, 40);
      assertTrue(recallOne >= 0.95 && recallMany >= 0.95, recallOne + " / " + recallMany);
    }
  }

  @Test
  void segmentsBeyondTheKthDistanceAreSkippedWithoutChangingResults() {
    // two far-apart clusters in separate segments: a query in one never needs the other
    VectorSets.Vectors a = VectorSets.clustered(2_000, 16, 1, 1);
    float[] data = Arrays.copyOf(a.data(), 4_000 * 16);
    for (int i = 2_000 * 16; i < data.length; i++) {
      data[i] = a.data()[i - 2_000 * 16] + 100;
    }
    VectorSets.Vectors both = new VectorSets.Vectors(data, 4_000, 16);
    IndexDefinition index = IndexDefinition.of("items_idx", "embedding", DistanceMetric.L2);
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root),
        StoreOptions.builder().minIndexedSegmentRows(10_000).build())) {
      Table table = table(db, "items", both, 2_000, 2_000);
      table.createIndex(index);
      NearestRows found = table.snapshot().vectorSearch(index, both.row(2_100), 5, 40, null);
      assertArrayEquals(exact(both, 4_000, both.row(2_100), 5, null), found.rowNumbers());
    }
  }

  @Test
  void compactedSegmentsGetTheGraph() {
    IndexDefinition index = IndexDefinition.of("items_idx", "embedding", DistanceMetric.L2);
    StoreOptions options = StoreOptions.builder().compaction(false).compactionThreshold(2)
        .smallSegmentRows(1_000).build();
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root), options)) {
      db.createTable(schema("items", base.dim()), false);
      Table table = db.table("items").orElseThrow();
      table.createIndex(index);
      for (int at = 0; at < 1_500; at += 300) {
        table.append(rows(base, at, at + 300)); // small: no graphs of their own
      }
      assertEquals(1, db.compact("items"));
      List<SegmentRef> segments = db.manifest().table("items").segments();
      assertEquals(1, segments.size());
      assertTrue(segments.get(0).hasIndex(index.name()));
      NearestRows found = table.snapshot().vectorSearch(index, base.row(1_234), 3, 40, null);
      assertEquals(1_234, found.rowNumbers()[0]);
    }
  }

  @Test
  void createAndDropIndex() {
    IndexDefinition index = IndexDefinition.of("items_idx", "embedding", DistanceMetric.L2);
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root))) {
      Table table = table(db, "items", base, 1_200);
      table.createIndex(index);
      assertThrows(IndexExistsException.class, () -> table.createIndex(index));
      assertFalse(table.createIndex(index, true));
      assertThrows(TableExistsException.class, () -> table.createIndex(
          IndexDefinition.of("items", "embedding", DistanceMetric.L2)));
      assertThrows(TableExistsException.class,
          () -> db.createTable(schema("items_idx", 3), false));
      assertThrows(StorageException.class, () -> table.createIndex(
          IndexDefinition.of("bad", "id", DistanceMetric.L2)));
      assertThrows(StorageException.class,
          () -> new IndexDefinition("bad", "embedding", DistanceMetric.L2, 16, 8));
      assertThrows(StorageException.class, () -> table.snapshot()
          .vectorSearch(index, new float[3], 1, 40, null));

      TableSnapshot before = table.snapshot();
      assertTrue(table.dropIndex("items_idx"));
      assertFalse(table.dropIndex("items_idx"));
      assertEquals(List.of(), table.snapshot().indexes());
      assertEquals(Optional.empty(), db.tableOfIndex("items_idx"));
      assertFalse(db.manifest().table("items").segments().get(0).hasIndex("items_idx"));
      assertThrows(StorageException.class,
          () -> table.snapshot().vectorSearch(index, queries.row(0), 1, 40, null));
      // a snapshot from before the drop still searches
      assertEquals(1, before.vectorSearch(index, queries.row(0), 1, 40, null).size());
      table.createIndex(index); // the name is free again
      assertEquals(Optional.of("items"), db.tableOfIndex("items_idx"));
    }
  }

  /** The exact top k row numbers by L2 among the first {@code rows} rows. */
  private static long[] exact(VectorSets.Vectors data, int rows, float[] query, int k,
      LongPredicate accept) {
    TopK top = new TopK(k);
    for (int r = 0; r < rows; r++) {
      if (accept == null || accept.test(r)) {
        top.offer(VectorizationProvider.kernels().distance(DistanceMetric.L2, query, 0,
            data.data(), r * data.dim(), data.dim()), r);
      }
    }
    return top.sortedRowNumbers();
  }
}
