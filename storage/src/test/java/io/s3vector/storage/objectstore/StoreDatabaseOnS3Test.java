package io.s3vector.storage.objectstore;

import static io.s3vector.storage.objectstore.TestTables.items;
import static io.s3vector.storage.objectstore.TestTables.itemsRows;
import static io.s3vector.storage.objectstore.TestTables.readAll;
import static io.s3vector.storage.objectstore.TestTables.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.table.IndexDefinition;
import io.s3vector.storage.table.NearestRows;
import io.s3vector.storage.engine.StoreDatabase;
import io.s3vector.storage.table.StoreOptions;
import io.s3vector.storage.table.Table;
import io.s3vector.storage.table.TableSnapshot;
import io.s3vector.storage.vector.DistanceMetric;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The storage layer end to end on a bucket: tables, appends, scans, vector search, restarts. */
class StoreDatabaseOnS3Test {

  @RegisterExtension static final S3ProxyServer s3 = S3ProxyServer.create();

  private String prefix;

  @BeforeEach
  void freshPrefix() {
    prefix = s3.freshPrefix();
  }

  private StoreDatabase open(StoreOptions options) {
    return StoreDatabase.open(s3.newStore(prefix), options);
  }

  private StoreDatabase open() {
    return open(StoreOptions.defaults());
  }

  @Test
  void createAppendScanAndDrop() {
    try (StoreDatabase db = open()) {
      assertTrue(db.createTable(items("items"), false));
      assertTrue(db.createTable(items("other"), false));
      Table table = db.table("items").orElseThrow();
      List<Object[]> stored = new ArrayList<>(table.append(itemsRows(0, 20)));
      stored.addAll(table.append(itemsRows(20, 30)));
      assertEquals(List.of(1L, 50L), List.of(stored.get(0)[0], stored.get(49)[0]));
      assertEquals(text(stored), text(readAll(table.snapshot())));
      assertEquals(List.of("items", "other"), db.tableNames());
      assertTrue(db.dropTable("other"));
      assertEquals(List.of("items"), db.tableNames());
    }
  }

  @Test
  void restartReadsTheSameRowsAndContinuesTheSequence() {
    List<Object[]> stored;
    try (StoreDatabase db = open()) {
      db.createTable(items("items"), false);
      stored = db.table("items").orElseThrow().append(itemsRows(0, 25));
    }
    try (StoreDatabase db = open()) {
      Table table = db.table("items").orElseThrow();
      assertEquals(text(stored), text(readAll(table.snapshot())));
      assertEquals(26L, table.append(itemsRows(25, 1)).get(0)[0]);
    }
  }

  @Test
  void smallChunksAndNoCacheReadThroughRanges() {
    // 4 rows of vector(3) per chunk, no cache: every batch is its own ranged read from S3
    StoreOptions options = StoreOptions.builder().targetChunkBytes(48).cacheBytes(0).build();
    try (StoreDatabase db = open(options)) {
      db.createTable(items("items"), false);
      List<Object[]> stored = db.table("items").orElseThrow().append(itemsRows(0, 37));
      assertEquals(text(stored), text(readAll(db.table("items").orElseThrow().snapshot())));
    }
  }

  @Test
  void vectorSearchExactAndWithAnIndexAfterRestart() {
    StoreOptions options = StoreOptions.builder().minIndexedSegmentRows(10).build();
    IndexDefinition index = IndexDefinition.of("items_embedding_idx", "embedding", DistanceMetric.L2);
    float[] query = {10, 11, 3};
    NearestRows exact;
    try (StoreDatabase db = open(options)) {
      db.createTable(items("items"), false);
      Table table = db.table("items").orElseThrow();
      table.append(itemsRows(0, 200));
      table.createIndex(index);
      TableSnapshot snapshot = table.snapshot();
      exact = snapshot.vectorSearch(index, query, 5, 200, null);
      assertEquals(5, exact.size());
      assertEquals(10L, exact.rowNumbers()[0], "row 10 is [10,11,4], nearest to [10,11,3]");
    }
    try (StoreDatabase db = open(options)) {
      TableSnapshot snapshot = db.table("items").orElseThrow().snapshot();
      assertEquals(List.of(index), snapshot.indexes());
      NearestRows again = snapshot.vectorSearch(index, query, 5, 200, null);
      assertArrayEquals(exact.rowNumbers(), again.rowNumbers());
      assertArrayEquals(exact.distances(), again.distances());
      Object[][] rows = snapshot.fetch(new long[] {again.rowNumbers()[0]}, new int[] {0});
      assertEquals(11L, rows[0][0]);
    }
  }

  @Test
  void onlyThisPrefixIsTouched() {
    try (StoreDatabase db = open()) {
      db.createTable(items("items"), false);
      db.table("items").orElseThrow().append(itemsRows(0, 3));
    }
    try (S3ObjectStore root = s3.newStore("")) {
      List<String> keys = root.list("");
      assertTrue(keys.stream().anyMatch(k -> k.startsWith(prefix + "/_manifest/")), keys.toString());
      try (S3ObjectStore other = s3.newStore(s3.freshPrefix())) {
        assertFalse(StoreDatabase.open(other).tableNames().contains("items"));
      }
    }
  }
}
