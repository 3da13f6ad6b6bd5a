package io.s3vector.storage.manifest;

import static io.s3vector.storage.table.Fixtures.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.layout.Layout;
import io.s3vector.storage.objectstore.FaultInjectingStore;
import io.s3vector.storage.objectstore.FaultInjectingStore.Fault;
import io.s3vector.storage.objectstore.FaultInjectingStore.Op;
import io.s3vector.storage.objectstore.LocalObjectStore;
import io.s3vector.storage.table.StoreOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manifest put that returns later than the manifest retention allows (an S3 call retrying for
 * minutes): its outcome is checked before the commit is acknowledged or applied again, so the
 * commit is neither lost behind a newer chain nor applied twice.
 */
class ManifestLogLatePutTest {

  @TempDir Path root;

  /**
   * A short retention, so that a held put outlives it; only the newest version is kept (every
   * version is whole, so none is kept as a delta's checkpoint).
   */
  private static final StoreOptions OPTIONS =
      StoreOptions.builder().manifestRetention(Duration.ofMillis(100)).keepManifests(1)
          .checkpointInterval(1).build();

  private static UnaryOperator<Manifest> createTable(String name) {
    return base -> base.table(name) != null ? base
        : base.withTable(new TableEntry(name + "-id", name, items(name), List.of(), Map.of()));
  }

  private static void awaitInjected(FaultInjectingStore store, int count) throws InterruptedException {
    while (store.injected() < count) {
      Thread.sleep(5);
    }
  }

  /** Prunes until {@code version} is gone: its successor must have been seen for the retention. */
  private static void pruneUntilGone(ManifestLog log, LocalObjectStore store, long version)
      throws InterruptedException {
    while (store.get(Layout.manifestKey(version)).isPresent()) {
      log.prune();
      Thread.sleep(10);
    }
  }

  private static Manifest newest(LocalObjectStore store) {
    return new ManifestLog(store, StoreOptions.defaults()).refresh();
  }

  @Test
  void aSlowPutThatLandedIsAcknowledgedOnce() throws Exception {
    LocalObjectStore local = new LocalObjectStore(root);
    FaultInjectingStore faulty = new FaultInjectingStore(local);
    faulty.inject(Set.of(Op.PUT_IF_ABSENT), key -> key.equals(Layout.manifestKey(1)),
        new Fault.Slow(Duration.ofMillis(400)), 1);
    ManifestLog log = new ManifestLog(faulty, OPTIONS);

    Manifest committed = log.commit(createTable("a"));

    assertEquals(1, faulty.injected(), "the put was slow");
    assertEquals(1, committed.version(), "acknowledged at the version it wrote, not applied again");
    assertEquals(committed.commitId(), newest(local).commitId());
    assertEquals(List.of(Layout.manifestKey(1)), local.list(Layout.MANIFEST_PREFIX));
  }

  @Test
  void aPutThatLandedBehindANewerChainIsAppliedAgain() throws Exception {
    LocalObjectStore local = new LocalObjectStore(root);
    ManifestLog other = new ManifestLog(local, OPTIONS);
    other.commit(createTable("first")); // v1
    CountDownLatch release = new CountDownLatch(1);
    FaultInjectingStore faulty = new FaultInjectingStore(local);
    faulty.inject(Set.of(Op.PUT_IF_ABSENT), key -> key.equals(Layout.manifestKey(2)),
        new Fault.Held(release), 1);
    ManifestLog slow = new ManifestLog(faulty, OPTIONS);

    CompletableFuture<Manifest> late = CompletableFuture.supplyAsync(() -> slow.commit(createTable("late")));
    awaitInjected(faulty, 1); // its put of v2, built on v1, is in flight
    other.commit(createTable("b")); // v2
    other.commit(createTable("c")); // v3, built on the other v2
    pruneUntilGone(other, local, 2); // v1 and v2 go: only the newest is kept
    release.countDown(); // the held put now lands in the freed name v2, behind v3

    Manifest committed = late.get();
    assertEquals(4, committed.version(), "applied again on top of the newest chain");
    Manifest newest = newest(local);
    assertEquals(committed.commitId(), newest.commitId());
    assertEquals(Set.of("first", "b", "c", "late"), newest.tables().keySet());
  }

  @Test
  void aLatePutWhoseEvidenceIsGoneIsNeitherAcknowledgedNorRetried() throws Exception {
    LocalObjectStore local = new LocalObjectStore(root);
    ManifestLog other = new ManifestLog(local, OPTIONS);
    other.commit(createTable("first"));
    CountDownLatch release = new CountDownLatch(1);
    FaultInjectingStore faulty = new FaultInjectingStore(local);
    faulty.inject(Set.of(Op.PUT_IF_ABSENT), key -> key.equals(Layout.manifestKey(2)),
        new Fault.Held(release), 1);
    ManifestLog slow = new ManifestLog(faulty, OPTIONS);

    CompletableFuture<Manifest> late = CompletableFuture.supplyAsync(() -> slow.commit(createTable("late")));
    awaitInjected(faulty, 1);
    for (String table : List.of("b", "c", "d")) {
      other.commit(createTable(table)); // v2, v3, v4
    }
    pruneUntilGone(other, local, 3); // only v4 is left: nothing shows what v3 was built on
    release.countDown();

    ExecutionException e = assertThrows(ExecutionException.class, late::get);
    assertTrue(e.getCause() instanceof StorageException, e.toString());
    assertTrue(e.getCause().getMessage().contains("could not confirm the commit of manifest version 2"),
        e.getCause().getMessage());
    assertFalse(newest(local).tables().containsKey("late"), "the zombie version is behind the chain");
  }
}
