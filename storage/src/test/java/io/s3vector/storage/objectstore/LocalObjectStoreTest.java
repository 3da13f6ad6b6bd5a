package io.s3vector.storage.objectstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalObjectStoreTest {

  @TempDir Path root;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void putGetOverwriteAndDelete() {
    LocalObjectStore store = new LocalObjectStore(root);
    assertTrue(store.get("a/b/c").isEmpty());
    store.put("a/b/c", bytes("one"));
    assertArrayEquals(bytes("one"), store.get("a/b/c").orElseThrow());
    store.put("a/b/c", bytes("two"));
    assertArrayEquals(bytes("two"), store.get("a/b/c").orElseThrow());
    store.delete("a/b/c");
    assertTrue(store.get("a/b/c").isEmpty());
    store.delete("a/b/c"); // no error when absent
    assertFalse(Files.exists(root.resolve("a")), "empty folders are removed");
  }

  @Test
  void putIfAbsentWritesOnlyOnce() {
    LocalObjectStore store = new LocalObjectStore(root);
    assertTrue(store.putIfAbsent("m/v1", bytes("first")));
    assertFalse(store.putIfAbsent("m/v1", bytes("second")));
    assertArrayEquals(bytes("first"), store.get("m/v1").orElseThrow());
    assertEquals(List.of("m/v1"), store.list("m/"), "no temporary files are left or listed");
  }

  @Test
  void concurrentPutIfAbsentHasExactlyOneWinner() throws Exception {
    LocalObjectStore store = new LocalObjectStore(root);
    AtomicInteger winners = new AtomicInteger();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<?>> tasks = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int n = i;
        tasks.add(pool.submit(() -> {
          if (store.putIfAbsent("race/key", bytes("w" + n))) {
            winners.incrementAndGet();
          }
        }));
      }
      for (Future<?> task : tasks) {
        task.get();
      }
    }
    assertEquals(1, winners.get());
  }

  @Test
  void getRangeReadsPartOfAnObject() {
    LocalObjectStore store = new LocalObjectStore(root);
    store.put("x", bytes("0123456789"));
    assertArrayEquals(bytes("234"), store.getRange("x", 2, 3));
    assertArrayEquals(bytes("89"), store.getRange("x", 8, 10));
    assertArrayEquals(new byte[0], store.getRange("x", 20, 3));
    assertThrows(StorageException.class, () -> store.getRange("missing", 0, 1));
  }

  @Test
  void listIsSortedAndFiltersByPrefix() {
    LocalObjectStore store = new LocalObjectStore(root);
    for (String key : List.of("t/b/1", "t/a/2", "t/a/1", "_manifest/v2.json", "_manifest/v1.json", "tx/1")) {
      store.put(key, bytes(key));
    }
    assertEquals(List.of("t/a/1", "t/a/2", "t/b/1"), store.list("t/"));
    assertEquals(List.of("t/a/1", "t/a/2", "t/b/1", "tx/1"), store.list("t"));
    assertEquals(List.of("_manifest/v1.json", "_manifest/v2.json"), store.list("_manifest/v"));
    assertEquals(List.of(), store.list("nothing/"));
    assertEquals(6, store.list("").size());
  }

  @Test
  void rejectsKeysThatLeaveTheRoot() {
    LocalObjectStore store = new LocalObjectStore(root);
    assertThrows(StorageException.class, () -> store.put("../evil", bytes("x")));
    assertThrows(StorageException.class, () -> store.put("/abs", bytes("x")));
    assertThrows(StorageException.class, () -> store.get("a//b"));
  }
}
