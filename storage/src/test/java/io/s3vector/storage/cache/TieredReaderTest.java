package io.s3vector.storage.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.io.CountingStore;
import io.s3vector.storage.io.IoScheduler;
import io.s3vector.storage.io.ObjectRange;
import io.s3vector.storage.io.ReadStats;
import io.s3vector.storage.objectstore.LocalObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TieredReaderTest {
  @TempDir Path root;

  private CountingStore store(int objects, long holdMillis) {
    LocalObjectStore local = new LocalObjectStore(root);
    for (int i = 0; i < objects; i++) {
      local.put("o/" + i, ("value " + i).getBytes(StandardCharsets.UTF_8));
    }
    return new CountingStore(local, holdMillis);
  }

  private static List<TieredReader.Load<String>> loads(int n) {
    List<TieredReader.Load<String>> loads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      loads.add(new TieredReader.Load<>("o/" + i, ObjectRange.whole("o/" + i),
          b -> new String(b, StandardCharsets.UTF_8)));
    }
    return loads;
  }

  private static List<String> expected(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("value " + i);
    }
    return out;
  }

  @Test
  void aSecondReadComesFromTheInProcessCache() {
    CountingStore store = store(5, 0);
    try (IoScheduler io = new IoScheduler(store, 8);
        TieredReader tiers = new TieredReader(1 << 20, v -> 64, null, io)) {
      ReadStats first = new ReadStats();
      assertEquals(expected(5), tiers.readAll(loads(5), first));
      assertEquals(5, store.reads.get());
      assertEquals(1, first.snapshot().rounds(), "five objects, one round");
      ReadStats second = new ReadStats();
      assertEquals(expected(5), tiers.readAll(loads(5), second));
      assertEquals(5, store.reads.get());
      assertEquals(5, second.snapshot().l1Values());
      assertEquals(0, second.snapshot().rounds());
    }
  }

  @Test
  void withTheCacheOffEveryReadGoesToTheStoreAndAnswersTheSame() {
    CountingStore store = store(3, 0);
    try (IoScheduler io = new IoScheduler(store, 8);
        TieredReader tiers = new TieredReader(0, v -> 64, null, io)) {
      assertEquals(expected(3), tiers.readAll(loads(3), new ReadStats()));
      assertEquals(expected(3), tiers.readAll(loads(3), new ReadStats()));
      assertEquals(6, store.reads.get());
    }
  }

  @Test
  void concurrentMissesOnOneValueReadItOnce() throws Exception {
    CountingStore store = store(1, 100);
    try (IoScheduler io = new IoScheduler(store, 8);
        TieredReader tiers = new TieredReader(1 << 20, v -> 64, null, io)) {
      List<CompletableFuture<List<String>>> readers = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        readers.add(CompletableFuture.supplyAsync(() -> tiers.readAll(loads(1), new ReadStats()),
            java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()));
      }
      for (CompletableFuture<List<String>> reader : readers) {
        assertEquals(expected(1), reader.get());
      }
      assertEquals(1, store.reads.get());
    }
  }

  @Test
  void redisServesWhatAnotherServerReadAndItsLossOnlyCostsStoreReads() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start()) {
      CountingStore store = store(20, 0);
      String ns = CacheNamespace.of("test", root.toString());
      try (IoScheduler io = new IoScheduler(store, 8);
          TieredReader first = new TieredReader(0, v -> 64,
              new RedisRangeCache(redis.uri(), ns, 1 << 20, Duration.ofSeconds(2)), io);
          TieredReader second = new TieredReader(0, v -> 64,
              new RedisRangeCache(redis.uri(), ns, 1 << 20, Duration.ofSeconds(2)), io)) {
        assertEquals(expected(20), first.readAll(loads(20), new ReadStats()));
        assertEquals(20, store.reads.get());
        // the first reader stores what it read in Redis in the background
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        ReadStats stats = new ReadStats();
        while (true) {
          stats = new ReadStats();
          assertEquals(expected(20), second.readAll(loads(20), stats));
          if (stats.snapshot().redisRanges() == 20 || System.nanoTime() > deadline) {
            break;
          }
          Thread.sleep(50);
        }
        assertEquals(20, stats.snapshot().redisRanges(), "all twenty from Redis");
        assertEquals(0, stats.snapshot().rounds());
        int before = store.reads.get();
        redis.kill();
        ReadStats afterKill = new ReadStats();
        assertEquals(expected(20), second.readAll(loads(20), afterKill));
        assertEquals(before + 20, store.reads.get(), "read from the store instead");
        assertEquals(0, afterKill.snapshot().redisRanges());
      }
    }
  }

  @Test
  void aFailedReadReleasesItsClaimSoTheNextReadTriesAgain() {
    CountingStore store = store(1, 0);
    try (IoScheduler io = new IoScheduler(store, 8);
        TieredReader tiers = new TieredReader(1 << 20, v -> 64, null, io)) {
      List<TieredReader.Load<String>> missing = List.of(new TieredReader.Load<>("nope",
          ObjectRange.whole("nope"), b -> "x"));
      for (int attempt = 0; attempt < 2; attempt++) {
        try {
          tiers.readAll(missing, new ReadStats());
        } catch (RuntimeException e) {
          assertTrue(e.getMessage().contains("nope"), e.getMessage());
        }
      }
      assertEquals(2, store.reads.get(), "no claim left behind");
      assertArrayEquals(expected(1).toArray(), tiers.readAll(loads(1), new ReadStats()).toArray());
    }
  }
}
