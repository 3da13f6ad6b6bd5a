package io.s3vector.storage.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.manifest.InlineBlobs;
import io.s3vector.storage.manifest.Manifest;
import io.s3vector.storage.manifest.ManifestBlobStore;
import io.s3vector.storage.manifest.ManifestLog;
import io.s3vector.storage.objectstore.LocalObjectStore;
import io.s3vector.storage.table.StoreOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writers lead their own groups: every change lands once, together with those queued beside it. */
class GroupCommitterTest {

  @TempDir Path root;

  private static ManifestLog log(LocalObjectStore local) {
    InlineBlobs blobs = new InlineBlobs();
    return new ManifestLog(new ManifestBlobStore(local, blobs), StoreOptions.builder().build(), blobs);
  }

  /** A change that marks the manifest with its number (the commit id carries nothing we need). */
  private static java.util.function.UnaryOperator<Manifest> mark(Set<Integer> applied, int n) {
    return base -> {
      applied.add(n);
      return base.withTable(new io.s3vector.storage.manifest.TableEntry("id" + n, "t" + n,
          io.s3vector.storage.table.Fixtures.items("t" + n), List.of(), java.util.Map.of()));
    };
  }

  @Test
  void concurrentWritersAllLandAndShareVersions() throws Exception {
    try (LocalObjectStore local = new LocalObjectStore(root)) {
      ManifestLog log = log(local);
      GroupCommitter committer = new GroupCommitter(log);
      Set<Integer> applied = ConcurrentHashMap.newKeySet();
      int writers = 64;
      CountDownLatch start = new CountDownLatch(1);
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<Manifest>> done = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
          int n = i;
          done.add(pool.submit(() -> {
            start.await();
            return committer.commit(mark(applied, n));
          }));
        }
        start.countDown();
        for (int i = 0; i < writers; i++) {
          Manifest seen = done.get(i).get();
          assertTrue(seen.tables().containsKey("t" + i), "the manifest returned holds the change");
        }
      }
      Manifest last = log.refresh();
      assertEquals(writers, last.tables().size());
      assertTrue(last.version() <= writers, "one version per group at most: " + last.version());
      committer.close();
      assertThrows(StorageException.class, () -> committer.commit(mark(applied, -1)));
    }
  }

  @Test
  void aChangeThatThrowsFailsAloneAndTheNextWriterLeads() {
    try (LocalObjectStore local = new LocalObjectStore(root)) {
      ManifestLog log = log(local);
      GroupCommitter committer = new GroupCommitter(log);
      Set<Integer> applied = ConcurrentHashMap.newKeySet();
      IllegalStateException refused = assertThrows(IllegalStateException.class,
          () -> committer.commit(base -> {
            throw new IllegalStateException("duplicate key");
          }));
      assertEquals("duplicate key", refused.getMessage());
      Manifest after = committer.commit(mark(applied, 1));
      assertTrue(after.tables().containsKey("t1"));
      committer.close();
    }
  }
}
