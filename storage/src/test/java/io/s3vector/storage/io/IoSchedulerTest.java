package io.s3vector.storage.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.objectstore.LocalObjectStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoSchedulerTest {
  @TempDir Path root;

  private static byte[] bytes(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + seed);
    }
    return b;
  }

  @Test
  void oneRoundReadsEveryRangeAndCoalescesNearbyRangesOfOneObject() {
    LocalObjectStore local = new LocalObjectStore(root);
    byte[] big = bytes(200_000, 1);
    byte[] small = bytes(100, 2);
    local.put("a/big", big);
    local.put("b/small", small);
    CountingStore counting = new CountingStore(local, 0);
    try (IoScheduler io = new IoScheduler(counting, 4)) {
      ReadStats totals = new ReadStats();
      ReadStats stats = totals.child();
      List<ObjectRange> ranges = List.of(
          ObjectRange.range("a/big", 0, 1000),
          ObjectRange.whole("b/small"),
          ObjectRange.range("a/big", 1000 + IoScheduler.COALESCE_GAP - 1, 10), // near: merged
          ObjectRange.range("a/big", 150_000, 100), // far: its own request
          ObjectRange.range("a/big", 199_990, 100)); // past the end: fewer bytes
      List<byte[]> read = io.readAll(ranges, stats);
      assertArrayEquals(Arrays.copyOfRange(big, 0, 1000), read.get(0));
      assertArrayEquals(small, read.get(1));
      assertArrayEquals(Arrays.copyOfRange(big, 1000 + IoScheduler.COALESCE_GAP - 1,
          1000 + IoScheduler.COALESCE_GAP + 9), read.get(2));
      assertArrayEquals(Arrays.copyOfRange(big, 150_000, 150_100), read.get(3));
      assertArrayEquals(Arrays.copyOfRange(big, 199_990, 200_000), read.get(4));
      assertEquals(4, counting.reads.get(), "two near ranges of a/big are one request");
      ReadStats.Snapshot s = stats.snapshot();
      assertEquals(1, s.rounds());
      assertEquals(4, s.storeRequests());
      assertEquals(5, s.storeRanges());
      assertEquals(s, totals.snapshot(), "a statement's counts go to the totals too");
    }
  }

  /** A store of the folder holding {@code data} as object "k", counting the requests. */
  private CountingStore holding(byte[] data) {
    LocalObjectStore local = new LocalObjectStore(root);
    local.put("k", data);
    return new CountingStore(local, 0);
  }

  @Test
  void aWholeObjectReadServesItsRangesToo() {
    byte[] data = bytes(5000, 3);
    CountingStore counting = holding(data);
    try (IoScheduler io = new IoScheduler(counting, 4)) {
      List<byte[]> read = io.readAll(List.of(ObjectRange.range("k", 10, 20), ObjectRange.whole("k")),
          new ReadStats());
      assertArrayEquals(Arrays.copyOfRange(data, 10, 30), read.get(0));
      assertArrayEquals(data, read.get(1));
      assertEquals(1, counting.reads.get());
    }
  }

  /** A round of one request reads on the caller's thread; a failure still names the object. */
  @Test
  void aLoneRequestIsReadOnTheCallersThread() {
    byte[] data = bytes(100, 5);
    CountingStore counting = holding(data);
    try (IoScheduler io = new IoScheduler(counting, 4)) {
      List<byte[]> read = io.readAll(List.of(ObjectRange.range("k", 10, 20), ObjectRange.range("k", 40, 5)),
          new ReadStats());
      assertArrayEquals(Arrays.copyOfRange(data, 10, 30), read.get(0));
      assertArrayEquals(Arrays.copyOfRange(data, 40, 45), read.get(1));
      assertEquals(Thread.currentThread(), counting.lastReader);
      StorageException e = assertThrows(StorageException.class,
          () -> io.readAll(List.of(ObjectRange.whole("t/seg/missing")), new ReadStats()));
      assertTrue(e.getMessage().contains("t/seg/missing"), e.getMessage());
    }
  }

  @Test
  void requestsInFlightNeverExceedTheBound() throws Exception {
    LocalObjectStore local = new LocalObjectStore(root);
    List<ObjectRange> ranges = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      local.put("o/" + i, bytes(10, i));
      ranges.add(ObjectRange.whole("o/" + i));
    }
    CountingStore counting = new CountingStore(local, 20);
    try (IoScheduler io = new IoScheduler(counting, 3)) {
      // two statements at once, and a request through the bounded store view beside them
      CompletableFuture<List<byte[]>> a = CompletableFuture.supplyAsync(() -> io.readAll(ranges, new ReadStats()));
      CompletableFuture<List<byte[]>> b = CompletableFuture.supplyAsync(() -> io.readAll(ranges, new ReadStats()));
      io.store().get("o/0");
      assertEquals(40, a.get().size());
      assertEquals(40, b.get().size());
      assertEquals(81, counting.reads.get());
      assertTrue(counting.maxInFlight.get() <= 3, "in flight: " + counting.maxInFlight.get());
      assertTrue(counting.maxInFlight.get() >= 2, "requests do overlap");
    }
  }

  @Test
  void aMissingObjectFailsTheRoundNamingIt() {
    LocalObjectStore local = new LocalObjectStore(root);
    local.put("there", bytes(10, 0));
    try (IoScheduler io = new IoScheduler(local, 4)) {
      StorageException e = assertThrows(StorageException.class, () -> io.readAll(
          List.of(ObjectRange.whole("there"), ObjectRange.whole("t/seg/missing")), new ReadStats()));
      assertTrue(e.getMessage().contains("t/seg/missing"), e.getMessage());
      // and the scheduler keeps working
      assertEquals(10, io.readAll(List.of(ObjectRange.whole("there")), new ReadStats()).get(0).length);
    }
  }
}
