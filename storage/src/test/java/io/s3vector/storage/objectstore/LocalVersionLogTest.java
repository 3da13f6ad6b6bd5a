package io.s3vector.storage.objectstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.layout.Layout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manifest versions of a folder store kept in log files, seen by the store as objects. */
class LocalVersionLogTest {

  @TempDir Path root;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void versionsAreObjectsToTheStoreAndLiveInTheLog() {
    try (LocalObjectStore store = new LocalObjectStore(root)) {
      assertTrue(store.putIfAbsent(Layout.manifestKey(1), bytes("one")));
      assertFalse(store.putIfAbsent(Layout.manifestKey(1), bytes("uno")));
      assertTrue(store.putIfAbsent(Layout.manifestKey(2), bytes("two")));
      assertArrayEquals(bytes("one"), store.get(Layout.manifestKey(1)).orElseThrow());
      assertArrayEquals(bytes("wo"), store.getRange(Layout.manifestKey(2), 1, 10));
      assertEquals(List.of(Layout.manifestKey(1), Layout.manifestKey(2)),
          store.list(Layout.MANIFEST_PREFIX));
      assertFalse(Files.exists(root.resolve(Layout.manifestKey(1))), "no file per version");
      store.delete(Layout.manifestKey(1));
      assertTrue(store.get(Layout.manifestKey(1)).isEmpty());
      assertEquals(List.of(Layout.manifestKey(2)), store.list(""));
    }
    try (LocalObjectStore reopened = new LocalObjectStore(root)) {
      assertEquals(List.of(Layout.manifestKey(2)), reopened.list(Layout.MANIFEST_PREFIX));
      assertArrayEquals(bytes("two"), reopened.get(Layout.manifestKey(2)).orElseThrow());
    }
  }

  /**
   * A read of a version not seen yet looks at what was appended since (the newest log file and
   * those started after it) instead of listing the folder: a version another store wrote into a
   * new log file is found, and one nobody wrote is absent.
   */
  @Test
  void aVersionAnotherStoreWroteIntoANewLogFileIsFound() throws Exception {
    try (LocalObjectStore a = new LocalObjectStore(root); LocalObjectStore b = new LocalObjectStore(root)) {
      assertTrue(a.putIfAbsent(Layout.manifestKey(1), new byte[5 << 20])); // past a file's size
      assertEquals(5 << 20, b.get(Layout.manifestKey(1)).orElseThrow().length);
      assertTrue(b.get(Layout.manifestKey(2)).isEmpty());
      assertTrue(a.putIfAbsent(Layout.manifestKey(2), bytes("two")));
      try (var files = Files.list(root.resolve("_manifest/log"))) {
        assertEquals(2, files.filter(f -> f.toString().endsWith(".log")).count(),
            "version 2 started a new log file");
      }
      assertArrayEquals(bytes("two"), b.get(Layout.manifestKey(2)).orElseThrow());
      assertTrue(b.get(Layout.manifestKey(3)).isEmpty());
    }
  }

  @Test
  void twoStoresOnOneFolderSeeEachOthersVersionsAndNeverBothWinOne() {
    try (LocalObjectStore a = new LocalObjectStore(root); LocalObjectStore b = new LocalObjectStore(root)) {
      assertTrue(a.putIfAbsent(Layout.manifestKey(1), bytes("a1")));
      assertFalse(b.putIfAbsent(Layout.manifestKey(1), bytes("b1")));
      assertArrayEquals(bytes("a1"), b.get(Layout.manifestKey(1)).orElseThrow());
      assertTrue(b.putIfAbsent(Layout.manifestKey(2), bytes("b2")));
      assertArrayEquals(bytes("b2"), a.get(Layout.manifestKey(2)).orElseThrow());
      b.delete(Layout.manifestKey(1));
      assertTrue(a.get(Layout.manifestKey(1)).isEmpty());
    }
  }

  @Test
  void aRecordCutShortByACrashIsIgnoredAndCutOffByTheNextWriter() throws Exception {
    try (LocalObjectStore store = new LocalObjectStore(root)) {
      store.putIfAbsent(Layout.manifestKey(1), bytes("one"));
    }
    Path log = logFiles().get(0);
    long preallocated = Files.size(log);
    assertTrue(preallocated >= 4 << 20, "written full of zeros first: " + preallocated);
    // a second record whose bytes never all reached the disk: a header that promises 50 bytes
    // and two of them, then a third record a crash left whole but unacknowledged
    byte[] torn = {0x53, 0x33, 0x56, 0x52, 2, 0, 0, 0, 0, 0, 0, 0, 50, 0, 0, 0, 1, 2, 3, 4, 9, 9};
    try (java.nio.channels.FileChannel channel =
        java.nio.channels.FileChannel.open(log, StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.wrap(torn), 20 + 3);
    }
    try (LocalObjectStore store = new LocalObjectStore(root)) {
      assertEquals(List.of(Layout.manifestKey(1)), store.list(Layout.MANIFEST_PREFIX));
      assertTrue(store.putIfAbsent(Layout.manifestKey(2), bytes("t")));
      assertEquals(preallocated, Files.size(log), "overwritten in place");
      assertTrue(store.putIfAbsent(Layout.manifestKey(3), bytes("three")));
    }
    try (LocalObjectStore store = new LocalObjectStore(root)) {
      assertArrayEquals(bytes("t"), store.get(Layout.manifestKey(2)).orElseThrow());
      assertArrayEquals(bytes("three"), store.get(Layout.manifestKey(3)).orElseThrow());
      assertEquals(3, store.list(Layout.MANIFEST_PREFIX).size());
    }
  }

  @Test
  void oldLogFilesGoOnceTheirVersionsAreDeleted() throws Exception {
    byte[] large = new byte[1 << 20];
    try (LocalObjectStore store = new LocalObjectStore(root)) {
      for (int v = 1; v <= 12; v++) {
        store.putIfAbsent(Layout.manifestKey(v), large);
      }
      assertTrue(logFiles().size() >= 3, logFiles().toString());
      for (int v = 1; v <= 10; v++) {
        store.delete(Layout.manifestKey(v));
      }
      // files 1 and 2 held versions 1-8 only; 3 holds 11 and 12, 4 the deletion records
      assertEquals(List.of("0000000000000003.log", "0000000000000004.log"),
          logFiles().stream().map(f -> f.getFileName().toString()).toList());
      assertEquals(List.of(Layout.manifestKey(11), Layout.manifestKey(12)),
          store.list(Layout.MANIFEST_PREFIX));
    }
  }

  /** A range read trusts where it saw a version, until the file is gone: then it looks again. */
  @Test
  void aRangeOfAVersionAnotherStoreDeletedWithItsFileIsNotFound() throws Exception {
    byte[] large = new byte[1 << 20];
    large[5] = 42;
    try (LocalObjectStore a = new LocalObjectStore(root); LocalObjectStore b = new LocalObjectStore(root)) {
      for (int v = 1; v <= 12; v++) {
        a.putIfAbsent(Layout.manifestKey(v), large);
      }
      assertEquals(42, b.getRange(Layout.manifestKey(1), 5, 1)[0]);
      for (int v = 1; v <= 10; v++) {
        a.delete(Layout.manifestKey(v));
      }
      org.junit.jupiter.api.Assertions.assertThrows(io.s3vector.storage.StorageException.class,
          () -> b.getRange(Layout.manifestKey(1), 5, 1));
      assertEquals(42, b.getRange(Layout.manifestKey(12), 5, 1)[0]);
    }
  }

  /** Pruning deletes many versions with one append (one fsync), seen by another store. */
  @Test
  void manyVersionsAreDeletedWithOneAppend() throws Exception {
    try (LocalObjectStore a = new LocalObjectStore(root); LocalObjectStore b = new LocalObjectStore(root)) {
      for (int v = 1; v <= 5; v++) {
        a.putIfAbsent(Layout.manifestKey(v), bytes("v" + v));
      }
      a.deleteAll(List.of(Layout.manifestKey(1), Layout.manifestKey(2), Layout.manifestKey(4),
          Layout.manifestKey(9)));
      byte[] log = Files.readAllBytes(logFiles().getLast());
      int records = 0;
      for (int at = 0; at + 20 <= log.length && log[at] == 0x53; records++) {
        int length = java.nio.ByteBuffer.wrap(log, at + 12, 4)
            .order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        at += 20 + Math.max(0, length);
      }
      assertEquals(5 + 3, records, "five versions, then three deletion records");
      assertEquals(List.of(Layout.manifestKey(3), Layout.manifestKey(5)),
          b.list(Layout.MANIFEST_PREFIX));
      assertTrue(b.get(Layout.manifestKey(4)).isEmpty());
    }
  }

  /**
   * A writer finds the versions another one appended to a log file it started after this
   * writer's newest: it may not append a version that exists there.
   */
  @Test
  void aWriterSeesVersionsInLogFilesAnotherWriterStarted() {
    byte[] large = new byte[1 << 20];
    try (LocalObjectStore a = new LocalObjectStore(root); LocalObjectStore b = new LocalObjectStore(root)) {
      assertTrue(a.putIfAbsent(Layout.manifestKey(1), bytes("a1")));
      assertTrue(b.putIfAbsent(Layout.manifestKey(2), bytes("b2")));
      for (int v = 3; v <= 12; v++) {
        assertTrue(b.putIfAbsent(Layout.manifestKey(v), large)); // b starts new files
      }
      assertFalse(a.putIfAbsent(Layout.manifestKey(12), bytes("a12")));
      assertTrue(a.putIfAbsent(Layout.manifestKey(13), bytes("a13")));
      assertArrayEquals(bytes("a13"), b.get(Layout.manifestKey(13)).orElseThrow());
      assertEquals(13, b.list(Layout.MANIFEST_PREFIX).size());
    }
  }

  /**
   * A writer whose newest log file another writer filled, moved past and deleted (every version
   * in it gone) finds the file after it: the versions there are seen, a new one is appended.
   */
  @Test
  void aWriterWhoseNewestLogFileWasDeletedFindsTheNextOne() throws Exception {
    try (LocalObjectStore a = new LocalObjectStore(root); LocalObjectStore b = new LocalObjectStore(root)) {
      assertTrue(b.putIfAbsent(Layout.manifestKey(1), bytes("b1")));
      assertArrayEquals(bytes("b1"), a.get(Layout.manifestKey(1)).orElseThrow()); // a knows file 1
      assertTrue(b.putIfAbsent(Layout.manifestKey(2), new byte[5 << 20])); // file 1 past its size
      assertTrue(b.putIfAbsent(Layout.manifestKey(3), bytes("b3"))); // in file 2
      b.deleteAll(List.of(Layout.manifestKey(1), Layout.manifestKey(2)));
      assertEquals(1, logFiles().size(), "file 1 went with its versions");
      assertFalse(a.putIfAbsent(Layout.manifestKey(3), bytes("a3")));
      assertTrue(a.putIfAbsent(Layout.manifestKey(4), bytes("a4")));
      assertArrayEquals(bytes("a4"), b.get(Layout.manifestKey(4)).orElseThrow());
    }
  }

  /**
   * A data folder from before the log keeps its versions as files: those are versions too (a
   * second write of one is refused), while the versions after the newest of them are only
   * looked for in the log.
   */
  @Test
  void versionsKeptAsFilesFromBeforeTheLogAreStillVersions() throws Exception {
    Files.createDirectories(root.resolve("_manifest"));
    Files.write(root.resolve(Layout.manifestKey(1)), bytes("file one"));
    Files.write(root.resolve(Layout.manifestKey(2)), bytes("file two"));
    try (LocalObjectStore store = new LocalObjectStore(root)) {
      assertFalse(store.putIfAbsent(Layout.manifestKey(2), bytes("logged two")));
      assertArrayEquals(bytes("file two"), store.get(Layout.manifestKey(2)).orElseThrow());
      assertTrue(store.putIfAbsent(Layout.manifestKey(3), bytes("three")));
      assertFalse(store.putIfAbsent(Layout.manifestKey(3), bytes("again")));
      assertEquals(List.of(Layout.manifestKey(1), Layout.manifestKey(2), Layout.manifestKey(3)),
          store.list(Layout.MANIFEST_PREFIX));
    }
  }

  private List<Path> logFiles() throws Exception {
    try (Stream<Path> files = Files.list(root.resolve("_manifest").resolve("log"))) {
      return files.filter(f -> f.toString().endsWith(".log")).sorted().toList();
    }
  }
}
