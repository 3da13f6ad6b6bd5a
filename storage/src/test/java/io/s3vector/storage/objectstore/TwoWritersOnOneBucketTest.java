package io.s3vector.storage.objectstore;

import static io.s3vector.storage.objectstore.TestTables.items;
import static io.s3vector.storage.objectstore.TestTables.itemsRows;
import static io.s3vector.storage.objectstore.TestTables.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.engine.StoreDatabase;
import io.s3vector.storage.table.StoreOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two servers (two StoreDatabase instances, each with its own S3 client) on one bucket prefix
 * whose server honours {@code If-None-Match: *}, as S3 does: each sees the other's rows after the
 * refresh interval, and concurrent inserts from both lose nothing and share no serial value.
 */
class TwoWritersOnOneBucketTest {

  @RegisterExtension static final S3ProxyServer s3 = S3ProxyServer.withConditionalWrites();

  private static final StoreOptions OPTIONS = StoreOptions.builder().compaction(false)
      .compactionThreshold(32).smallSegmentRows(10_000).build();

  /** Waits (without a deadline of its own: the build's timeout is the bound) until a count shows. */
  private static long awaitRowCount(StoreDatabase db, long expected) throws InterruptedException {
    long seen;
    while ((seen = db.table("items").map(t -> t.snapshot().rowCount()).orElse(-1L)) < expected) {
      Thread.sleep(20);
    }
    return seen;
  }

  @Test
  void eachServerSeesTheOthersRowsAfterTheRefreshInterval() throws Exception {
    String prefix = s3.freshPrefix();
    try (StoreDatabase a = StoreDatabase.open(s3.newStore(prefix), OPTIONS);
        StoreDatabase b = StoreDatabase.open(s3.newStore(prefix), OPTIONS)) {
      a.createTable(items("items"), false);
      a.table("items").orElseThrow().append(itemsRows(0, 5));
      assertEquals(5, awaitRowCount(b, 5));
      List<Object[]> fromB = b.table("items").orElseThrow().append(itemsRows(5, 2));
      assertEquals(List.of(6L, 7L), fromB.stream().map(r -> r[0]).toList());
      assertEquals(7, awaitRowCount(a, 7));
    }
  }

  @Test
  void concurrentInsertsFromBothLoseNothingAndNeverRepeatASerial() throws Exception {
    String prefix = s3.freshPrefix();
    try (StoreDatabase a = StoreDatabase.open(s3.newStore(prefix), OPTIONS);
        StoreDatabase b = StoreDatabase.open(s3.newStore(prefix), OPTIONS)) {
      a.createTable(items("items"), false);
      awaitRowCount(b, 0);
      long until = System.nanoTime() + 2_000_000_000L; // load for two seconds, then count
      List<Future<List<Object>>> writers = new ArrayList<>();
      try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
        for (StoreDatabase db : List.of(a, b, a, b)) {
          writers.add(pool.submit(() -> {
            List<Object> acknowledged = new ArrayList<>();
            for (int i = 0; System.nanoTime() < until; i++) {
              for (Object[] row : db.table("items").orElseThrow().append(itemsRows(i, 1 + i % 3))) {
                acknowledged.add(row[0]);
              }
            }
            return acknowledged;
          }));
        }
        List<Object> acknowledged = new ArrayList<>();
        for (Future<List<Object>> writer : writers) {
          acknowledged.addAll(writer.get());
        }
        Set<Object> unique = new HashSet<>(acknowledged);
        assertEquals(acknowledged.size(), unique.size(), "no serial value handed out twice");
        assertTrue(acknowledged.size() > 4, "the writers wrote: " + acknowledged.size());
        try (StoreDatabase fresh = StoreDatabase.open(s3.newStore(prefix), OPTIONS)) {
          List<Object[]> rows = readAll(fresh.table("items").orElseThrow().snapshot());
          Set<Object> stored = new HashSet<>();
          rows.forEach(r -> stored.add(r[0]));
          assertEquals(acknowledged.size(), rows.size(), "every acknowledged row is stored, once");
          assertEquals(unique, stored);
        }
      }
    }
  }
}
