package io.s3vector.storage.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.manifest.InlineBlobs;
import io.s3vector.storage.manifest.Manifest;
import io.s3vector.storage.manifest.ManifestBlobStore;
import io.s3vector.storage.manifest.ManifestLog;
import io.s3vector.storage.manifest.SegmentRef;
import io.s3vector.storage.manifest.TableEntry;
import io.s3vector.storage.segment.DeletionSet;
import io.s3vector.storage.table.ColumnType;
import io.s3vector.storage.table.Fixtures;
import io.s3vector.storage.table.TableSchema;
import java.util.Map;
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

  /** Packs as a list of the rows each holds, named p-1, p-2, ... (one class under test here). */
  private static final class RecordingPacker implements GroupWrites.Objects {
    final Map<String, List<Object[]>> packs = new ConcurrentHashMap<>();
    final Set<String> discarded = ConcurrentHashMap.newKeySet();
    final Set<String> held = ConcurrentHashMap.newKeySet();
    final Map<String, io.s3vector.storage.segment.DeletionSet> sets = new ConcurrentHashMap<>();
    private final int maxRows;

    RecordingPacker(int maxRows) {
      this.maxRows = maxRows;
    }

    @Override
    public boolean packs(long rows) {
      return rows <= maxRows;
    }

    @Override
    public List<SegmentRef> write(String directory, TableSchema schema, List<Object[]> rows) {
      String id = "p-" + (packs.size() + 1);
      packs.put(id, List.copyOf(rows));
      held.add(id);
      return List.of(new SegmentRef(id, rows.size()));
    }

    @Override
    public void discard(String directory, List<SegmentRef> written) {
      written.forEach(pack -> discarded.add(pack.id()));
    }

    @Override
    public void released(List<SegmentRef> written) {
      written.forEach(pack -> held.remove(pack.id()));
    }

    @Override
    public io.s3vector.storage.segment.DeletionSet deletions(String directory, String segmentId,
        String name) {
      return name == null ? io.s3vector.storage.segment.DeletionSet.EMPTY : sets.get(name);
    }

    @Override
    public String writeDeletions(String directory, String segmentId, String previous,
        io.s3vector.storage.segment.DeletionSet added, io.s3vector.storage.segment.DeletionSet all) {
      String name = "d-" + (sets.size() + 1);
      sets.put(name, all);
      return name;
    }

    @Override
    public void discardDeletions(String directory, String segmentId, String name) {
      discarded.add(name);
    }
  }

  private static GroupCommitter committer(ManifestLog log) {
    return new GroupCommitter(log, new RecordingPacker(1_000));
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
      GroupCommitter committer = committer(log);
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
      GroupCommitter committer = committer(log);
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

  private static final TableSchema KEYED = new TableSchema("t",
      List.of(Fixtures.column("id", ColumnType.INT8)), List.of("id"));

  /** A manifest log whose catalog holds table "t" (id "tid") of {@code segments}. */
  private static ManifestLog logOfKeyedTable(LocalObjectStore local, List<SegmentRef> segments) {
    ManifestLog log = log(local);
    log.commit(base -> base.withTable(new TableEntry("tid", "t-dir", KEYED, segments, Map.of())));
    return log;
  }

  /** A write handing one row with key {@code id} to its group, refused when the group holds it. */
  private static GroupCommitter.Change handing(long id, CountDownLatch applying) {
    List<GroupWrites.Handed> rows = List.of(new GroupWrites.Handed("t", "tid", "t-dir", KEYED,
        List.<Object[]>of(new Object[] {id})));
    return new GroupCommitter.Change() {
      @Override
      public Manifest apply(Manifest base, GroupWrites group) {
        applying.countDown();
        if (group.holdsKey("tid", KEYED.uniqueKeys().get(0), new Object[] {id})) {
          throw new IllegalStateException("duplicate key " + id);
        }
        return base;
      }

      @Override
      public List<GroupWrites.Handed> rows() {
        return rows;
      }
    };
  }

  @Test
  void handedRowsOfAGroupShareOnePackAndARefusedWriteLeavesItsRowsOut() throws Exception {
    try (LocalObjectStore local = new LocalObjectStore(root)) {
      ManifestLog log = logOfKeyedTable(local, List.of());
      RecordingPacker packer = new RecordingPacker(1_000);
      GroupCommitter committer = new GroupCommitter(log, packer);
      // a first writer leads alone and holds the lead until the others are queued behind it
      CountDownLatch leading = new CountDownLatch(1);
      CountDownLatch queued = new CountDownLatch(1);
      int writers = 8;
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        Future<Manifest> first = pool.submit(() -> committer.commit(base -> {
          leading.countDown();
          try {
            queued.await();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          return base.withTable(base.table("t").withAppended(List.of(), Map.of("id", 0L)));
        }));
        leading.await();
        List<Future<Manifest>> done = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
          long id = i < writers - 1 ? i : 3; // the last writer repeats key 3
          done.add(pool.submit(() -> committer.commit(handing(id, new CountDownLatch(1)))));
        }
        while (committer.queued() < writers) {
          Thread.sleep(5);
        }
        queued.countDown();
        first.get();
        int refused = 0;
        for (Future<Manifest> writer : done) {
          try {
            writer.get();
          } catch (java.util.concurrent.ExecutionException e) {
            assertTrue(e.getCause().getMessage().startsWith("duplicate key 3"), e.toString());
            refused++;
          }
        }
        assertEquals(1, refused, "one of the two writes of key 3 is refused");
      }
      Manifest last = log.refresh();
      List<SegmentRef> segments = last.table("t").segments();
      assertEquals(1, segments.size(), "the group's rows in one pack: " + segments);
      assertEquals(writers - 1, segments.get(0).rows());
      List<Object[]> packed = packer.packs.get(segments.get(0).id());
      assertEquals(Set.of(0L, 1L, 2L, 3L, 4L, 5L, 6L),
          packed.stream().map(row -> (Long) row[0]).collect(java.util.stream.Collectors.toSet()));
      assertTrue(packer.held.isEmpty(), "packs released after the commit: " + packer.held);
      committer.close();
    }
  }

  @Test
  void packsHoldNoMoreRowsThanAPackMay() throws Exception {
    try (LocalObjectStore local = new LocalObjectStore(root)) {
      RecordingPacker packer = new RecordingPacker(2);
      GroupWrites group = new GroupWrites(packer);
      ManifestLog log = logOfKeyedTable(local, List.of());
      for (long id = 0; id < 5; id++) {
        group.accept(handing(id, new CountDownLatch(1)).rows());
      }
      Manifest next = group.applyTo(log.refresh());
      assertEquals(List.of(2L, 2L, 1L),
          next.table("t").segments().stream().map(SegmentRef::rows).toList());
      group.discard();
      assertEquals(packer.packs.keySet(), packer.discarded);
    }
  }

  @Test
  void deletionsLeftToTheLeaderAreWrittenOnceAndARefusedWriteLeavesNone() {
    try (LocalObjectStore local = new LocalObjectStore(root)) {
      ManifestLog log = logOfKeyedTable(local, List.of(new SegmentRef("s-1", 10)));
      RecordingPacker objects = new RecordingPacker(1_000);
      GroupWrites group = new GroupWrites(objects);
      group.deferDeletions("t", "tid", "t-dir", "s-1", DeletionSet.of(1));
      group.accept(List.of());
      group.deferDeletions("t", "tid", "t-dir", "s-1", DeletionSet.of(2));
      assertEquals(DeletionSet.of(1, 2), group.deferredDeletions("tid", "s-1"));
      group.reject();
      group.deferDeletions("t", "tid", "t-dir", "s-1", DeletionSet.of(3));
      group.accept(List.of());
      assertEquals(Map.of("s-1", DeletionSet.of(1, 3)), group.deferredDeletions("tid"));
      SegmentRef segment = group.applyTo(log.refresh()).table("t").segments().get(0);
      assertEquals(1, objects.sets.size(), "one set written for the group");
      assertEquals(DeletionSet.of(1, 3), objects.sets.get(segment.deletes()));
      assertEquals(2, segment.deleted());
      group.discard();
      assertTrue(objects.discarded.contains(segment.deletes()));
    }
  }
}
