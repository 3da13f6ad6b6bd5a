package io.s3vector.storage.manifest;

import static io.s3vector.storage.table.Fixtures.items;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.layout.Layout;
import io.s3vector.storage.objectstore.LocalObjectStore;
import io.s3vector.storage.segment.DeletionSet;
import io.s3vector.storage.segment.SegmentPack;
import io.s3vector.storage.table.StoreOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Manifest versions as deltas with their commits' small objects inline: a fresh reader rebuilds
 * the same catalog from a checkpoint and the deltas after it, finds every inline object, and
 * pruning keeps what the newest catalog still needs.
 */
class ManifestDeltaTest {

  @TempDir Path root;

  private static final StoreOptions OPTIONS = StoreOptions.builder().checkpointInterval(8)
      .keepManifests(1).manifestRetention(Duration.ZERO).deleteGrace(Duration.ZERO).build();

  /** What a database opens on a store: its inline objects, the store over them, its manifests. */
  private record Opened(InlineBlobs blobs, ManifestBlobStore store, ManifestLog log) {
    static Opened on(LocalObjectStore local) {
      InlineBlobs blobs = new InlineBlobs();
      ManifestBlobStore store = new ManifestBlobStore(local, blobs);
      return new Opened(blobs, store, new ManifestLog(store, OPTIONS, blobs));
    }
  }

  /** Commits a packed segment (its pack staged through the store) to the table; its key. */
  private static String appendPack(ManifestLog log, ManifestBlobStore store, String table, int n) {
    String id = SegmentPack.ID_PREFIX + "seg-" + table + "-" + n;
    String key = SegmentPack.key(table, id);
    store.put(key, ("pack " + table + " " + n).getBytes(StandardCharsets.UTF_8));
    log.commit(base -> base.withTable(base.table(table).withAppended(
        List.of(new SegmentRef(id, 1)), Map.of())));
    return key;
  }

  /** Commits a new empty table of the fixtures' schema (also for the other manifest tests). */
  static void createTable(ManifestLog log, String name) {
    log.commit(base -> base.withTable(
        new TableEntry(name + "-id", name, items(name), List.of(), Map.of())));
  }

  /**
   * A look for newer versions takes this server's own commits made meanwhile as they were
   * installed instead of reading and applying each again: under a stream of commits the merger's
   * looks fell behind doing that, and small packs piled up by the thousand.
   */
  @Test
  void aLookForNewerVersionsSkipsTheCommitsThisServerMadeMeanwhile() {
    try (LocalObjectStore local = new LocalObjectStore(root)) {
      var watched = new io.s3vector.storage.objectstore.FaultInjectingStore(local);
      InlineBlobs blobs = new InlineBlobs();
      ManifestBlobStore store = new ManifestBlobStore(watched, blobs);
      ManifestLog log = new ManifestLog(store, StoreOptions.builder().checkpointInterval(8).build(),
          blobs);
      createTable(log, "t");
      long known = log.current().version();
      java.util.concurrent.atomic.AtomicInteger versionReads =
          new java.util.concurrent.atomic.AtomicInteger();
      java.util.concurrent.atomic.AtomicBoolean committed =
          new java.util.concurrent.atomic.AtomicBoolean();
      java.util.concurrent.atomic.AtomicBoolean inside =
          new java.util.concurrent.atomic.AtomicBoolean();
      watched.inject(java.util.EnumSet.of(io.s3vector.storage.objectstore.FaultInjectingStore.Op.GET),
          key -> {
            if (key.startsWith(Layout.MANIFEST_PREFIX) && !inside.get()) {
              versionReads.incrementAndGet();
              if (key.equals(Layout.manifestKey(known + 1)) && committed.compareAndSet(false, true)) {
                inside.set(true);
                for (int i = 0; i < 5; i++) { // the committer, while the look reads
                  appendPack(log, store, "t", i);
                }
                inside.set(false);
              }
            }
            return false;
          },
          new io.s3vector.storage.objectstore.FaultInjectingStore.Fault.Fail(),
          io.s3vector.storage.objectstore.FaultInjectingStore.ALWAYS);
      assertEquals(known + 5, log.refresh().version());
      assertEquals(2, versionReads.get(), "the next version, then the one after the installed");
    }
  }

  /**
   * A ranged read of an ordinary object (an index's codes, a vector chunk) stays a ranged read:
   * fetching the whole object made a cold query read a 122 MB file once per cluster it probed.
   */
  @Test
  void aRangedReadOfAnObjectThatIsNotInlineIsARangedRead() {
    try (LocalObjectStore local = new LocalObjectStore(root)) {
      byte[] big = new byte[1 << 20];
      for (int i = 0; i < big.length; i++) {
        big[i] = (byte) (i * 7);
      }
      local.put("t/seg/codes", big);
      var watched = new io.s3vector.storage.objectstore.FaultInjectingStore(local);
      watched.inject(java.util.EnumSet.of(io.s3vector.storage.objectstore.FaultInjectingStore.Op.GET),
          key -> key.equals("t/seg/codes"),
          new io.s3vector.storage.objectstore.FaultInjectingStore.Fault.Fail(),
          io.s3vector.storage.objectstore.FaultInjectingStore.ALWAYS);
      ManifestBlobStore store = new ManifestBlobStore(watched, new InlineBlobs());
      byte[] expected = java.util.Arrays.copyOfRange(big, 1000, 1100);
      assertArrayEquals(expected, store.getRange("t/seg/codes", 1000, 100));
      assertArrayEquals(expected, store.getRangeAsync("t/seg/codes", 1000, 100).join());
      assertEquals(0, watched.injected(), "no whole read of the object");
    }
  }

  /** Servers before format 2 wrote every version whole, as indented JSON on many lines. */
  @Test
  void aFolderOfFormatOneManifestsOpensAndTakesNewCommits() throws Exception {
    Manifest old = new Manifest(1, 3, new java.util.TreeMap<>(Map.of("a",
        new TableEntry("a-id", "a", items("a"), List.of(new SegmentRef("seg-1", 10)), Map.of()))),
        "c3", "c2", 0, null);
    byte[] indented = io.s3vector.storage.layout.CatalogJson.write(old);
    assertTrue(new String(indented, StandardCharsets.UTF_8).contains("\n"));
    java.nio.file.Files.createDirectories(root.resolve("_manifest"));
    java.nio.file.Files.write(root.resolve("_manifest/v00000003.json"), indented);
    try (LocalObjectStore local = new LocalObjectStore(root)) {
      Opened db = Opened.on(local);
      Manifest read = db.log().refresh();
      assertEquals(3, read.version());
      assertEquals(old.tables(), read.tables());
      appendPack(db.log(), db.store(), "a", 0);
      Manifest fresh = Opened.on(local).log().refresh();
      assertEquals(4, fresh.version());
      assertEquals(2, fresh.table("a").segments().size());
    }
  }

  @Test
  void aDeltaCarriesTheMergeRecordsAddedChangedAndDropped() {
    java.util.Random random = new java.util.Random(11);
    Map<String, TableEntry.Moved> records = new java.util.TreeMap<>();
    for (int i = 0; i < 500; i++) {
      records.put("s" + random.nextInt(100_000), new TableEntry.Moved("m" + i, i, i));
    }
    TableEntry before = new TableEntry("a-id", "a", items("a"), List.of(), Map.of(), List.of(),
        records);
    for (int round = 0; round < 50; round++) {
      Map<String, TableEntry.Moved> merges = new java.util.TreeMap<>();
      for (int i = 0; i < random.nextInt(30); i++) {
        String id = random.nextBoolean() ? "s" + random.nextInt(100_000) // new, or changed
            : before.moved().keySet().stream().skip(random.nextInt(before.moved().size()))
                .findFirst().orElseThrow();
        merges.put(id, new TableEntry.Moved("r" + round, i, 1_000 + round));
      }
      // records older than the grace drop out: up to a fifth of the old ones each round
      TableEntry after = before.withMoved(merges, 1_000 + round, 1_000 + round - random.nextInt(100));
      assertTrue(FrozenSortedMap.changesSince(before.moved(), after.moved(),
          new java.util.HashMap<>(), new ArrayList<>()), "withMoved remembers what it changed");
      TablePatch patch = TablePatch.between(before, after); // from what withMoved remembered
      assertEquals(after.moved(), patch.applyTo(before).moved());
      // the same records found by walking both maps (a base not the one they were made from)
      TableEntry equal = new TableEntry(before.id(), before.directory(), before.schema(),
          before.segments(), before.sequences(), before.indexes(), new java.util.TreeMap<>(before.moved()));
      TablePatch walked = TablePatch.between(equal, after);
      assertEquals(walked.moved(), patch.moved(), "round " + round);
      assertEquals(walked.unmoved() == null ? java.util.Set.of() : new java.util.HashSet<>(walked.unmoved()),
          patch.unmoved() == null ? java.util.Set.of() : new java.util.HashSet<>(patch.unmoved()), "round " + round);
      before = after;
    }
  }

  @Test
  void aDeltaGivesASegmentListAsEditsOfTheOneBefore() {
    java.util.Random random = new java.util.Random(7);
    List<SegmentRef> before = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      before.add(new SegmentRef("s" + i, 1 + random.nextInt(5)));
    }
    List<SegmentRef> appended = new ArrayList<>(before);
    appended.add(new SegmentRef("new", 1));
    List<TablePatch.SegmentRun> edits = TablePatch.edits(before, appended);
    assertEquals(List.of(TablePatch.SegmentRun.kept(0, 300),
        new TablePatch.SegmentRun(0, 0, List.of(new SegmentRef("new", 1)))), edits);
    // a list read back from JSON holds equal segments, not the same objects: matched by id
    List<SegmentRef> readBack = new ArrayList<>();
    before.forEach(s -> readBack.add(new SegmentRef(s.id(), s.rows())));
    assertEquals(List.of(TablePatch.SegmentRun.kept(0, 300)), TablePatch.edits(before, readBack));
    for (int round = 0; round < 200; round++) {
      List<SegmentRef> after = new ArrayList<>(before);
      for (int change = 0; change < 1 + random.nextInt(4); change++) {
        int at = random.nextInt(after.size());
        switch (random.nextInt(4)) {
          case 0 -> after.set(at, after.get(at).withDeletes("d" + round, 1)); // a row deleted
          case 1 -> after.remove(at); // truncated away
          case 2 -> { // a run merged into one segment
            int to = Math.min(after.size(), at + 1 + random.nextInt(20));
            after.subList(at, to).clear();
            after.add(at, new SegmentRef("m" + round + "-" + change, 40));
          }
          default -> after.add(new SegmentRef("p" + round + "-" + change, 1)); // appended
        }
      }
      assertEquals(after, TablePatch.applyEdits(before, TablePatch.edits(before, after)));
    }
  }

  @Test
  void aFreshReaderRebuildsTheCatalogAndFindsEveryInlineObject() {
    try (LocalObjectStore local = new LocalObjectStore(root)) {
      Opened db = Opened.on(local);
      ManifestBlobStore store = db.store();
      ManifestLog log = db.log();
      createTable(log, "a");
      createTable(log, "b");
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        keys.add(appendPack(log, store, i % 2 == 0 ? "a" : "b", i));
      }
      log.commit(base -> base.withoutTable("b"));
      Manifest written = log.current();
      assertEquals(23, written.version());
      assertEquals(17, written.checkpoint(), "versions 1, 9 and 17 are whole");
      // the pack objects were never written as objects of their own
      assertTrue(local.list("a/").isEmpty(), local.list("a/").toString());

      Opened fresh = Opened.on(local);
      ManifestBlobStore freshStore = fresh.store();
      Manifest read = fresh.log().refresh();
      assertEquals(written.tables(), read.tables());
      assertEquals(written.inline(), read.inline());
      assertEquals(10, read.inline().size(), "the dropped table's packs are no longer named");
      for (int i = 0; i < 20; i += 2) {
        assertArrayEquals(("pack a " + i).getBytes(StandardCharsets.UTF_8),
            freshStore.get(keys.get(i)).orElseThrow());
      }
      assertArrayEquals("ck a 4".getBytes(StandardCharsets.UTF_8),
          freshStore.getRange(keys.get(4), 2, 100));
    }
  }

  @Test
  void aReaderThatKnowsAnEarlierVersionReadsOnlyTheDeltasAfterIt() {
    try (LocalObjectStore local = new LocalObjectStore(root)) {
      Opened db = Opened.on(local);
      ManifestBlobStore store = db.store();
      ManifestLog writer = db.log();
      createTable(writer, "a");
      ManifestLog reader = Opened.on(local).log();
      assertEquals(1, reader.refresh().version());
      for (int i = 0; i < 5; i++) {
        appendPack(writer, store, "a", i);
      }
      Manifest read = reader.refresh();
      assertEquals(6, read.version());
      assertEquals(writer.current().tables(), read.tables());
      assertEquals(writer.current().inline(), read.inline());
    }
  }

  /** Table "a" with one pack; returns the pack's segment id. */
  private static String tableWithOnePack(ManifestLog log, ManifestBlobStore store) {
    createTable(log, "a");
    appendPack(log, store, "a", 0);
    return log.current().table("a").segments().get(0).id();
  }

  /** Writes {@code set} as the deletion set {@code name} of the segment and commits naming it. */
  private static void nameDeletionSet(ManifestLog log, ManifestBlobStore store, String segment,
      String name, DeletionSet set) {
    store.put(DeletionSet.key("a", segment, name), set.encode());
    log.commit(base -> base.withTable(base.table("a").withSegments(
        List.of(base.table("a").segments().get(0).withDeletes(name, set.size())))));
  }

  @Test
  void deletionSetsTravelInlineAndReplaceEachOther() {
    try (LocalObjectStore local = new LocalObjectStore(root)) {
      Opened db = Opened.on(local);
      ManifestBlobStore store = db.store();
      ManifestLog log = db.log();
      String segment = tableWithOnePack(log, store);
      for (int round = 1; round <= 3; round++) {
        int[] rows = new int[round];
        for (int i = 0; i < round; i++) {
          rows[i] = i;
        }
        nameDeletionSet(log, store, segment, "set" + round, DeletionSet.of(rows));
      }
      Manifest manifest = log.current();
      assertEquals(2, manifest.inline().size(), "the pack and the newest deletion set");
      Opened reopened = Opened.on(local);
      ManifestBlobStore fresh = reopened.store();
      reopened.log().refresh();
      DeletionSet set = DeletionSet.decode("set3",
          fresh.get(DeletionSet.key("a", segment, "set3")).orElseThrow());
      assertEquals(3, set.size());
    }
  }

  @Test
  void aDeltaDeletionSetKeepsItsBaseNamedThroughCommitsAndPruning() {
    try (LocalObjectStore local = new LocalObjectStore(root)) {
      Opened db = Opened.on(local);
      ManifestBlobStore store = db.store();
      ManifestLog log = db.log();
      String segment = tableWithOnePack(log, store);
      // a whole set, then deltas on it named "<base>.<id>" (DeletionSets)
      List<String> names = List.of("base1", "base1.d1", "base1.d2");
      for (int round = 0; round < names.size(); round++) {
        nameDeletionSet(log, store, segment, names.get(round), DeletionSet.of(round));
      }
      java.util.Set<String> inline = log.current().inline().keySet();
      assertTrue(inline.contains(DeletionSet.key("a", segment, "base1")), inline.toString());
      assertTrue(inline.contains(DeletionSet.key("a", segment, "base1.d2")), inline.toString());
      assertEquals(3, inline.size(), "the pack, the base and the newest delta: " + inline);
      for (int i = 1; i <= 20; i++) {
        createTable(log, "t" + i); // past a checkpoint: the version holding the base is old
      }
      log.prune();
      Opened reopened = Opened.on(local);
      reopened.log().refresh();
      assertEquals(DeletionSet.of(0), DeletionSet.decode("base1",
          reopened.store().get(DeletionSet.key("a", segment, "base1")).orElseThrow()));
    }
  }

  @Test
  void pruningKeepsTheCheckpointTheDeltasAfterItAndVersionsHoldingNamedObjects() {
    try (LocalObjectStore local = new LocalObjectStore(root)) {
      Opened db = Opened.on(local);
      InlineBlobs blobs = db.blobs();
      ManifestBlobStore store = db.store();
      ManifestLog log = db.log();
      createTable(log, "a");
      for (int i = 1; i <= 8; i++) {
        createTable(log, "t" + i); // versions 2-9; 9 is whole
      }
      String pack = appendPack(log, store, "a", 0); // version 10 holds this pack
      for (int i = 9; i <= 19; i++) {
        createTable(log, "t" + i); // versions 11-21; one from 17 on is whole (CheckpointSpacing)
      }
      log.prune();
      Manifest newest = log.current();
      assertEquals(21, newest.version());
      long checkpoint = newest.checkpoint();
      assertTrue(checkpoint >= 17 && checkpoint <= 21, "checkpoint " + checkpoint);
      assertEquals(10, newest.inline().get(pack).version(), "not older than the checkpoint before");
      List<Long> expected = new java.util.ArrayList<>(List.of(10L));
      for (long v = checkpoint; v <= 21; v++) {
        expected.add(v);
      }
      assertEquals(expected, versions(local),
          "the version holding a named pack, the checkpoint and the deltas after it");
      assertEquals("pack a 0", new String(store.get(pack).orElseThrow(), StandardCharsets.UTF_8));

      // once the pack is no longer named (dropped), its version goes too
      log.commit(base -> base.withoutTable("a"));
      log.prune();
      assertFalse(versions(local).contains(10L));
      assertNull(blobs.locate(pack));
    }
  }

  @Test
  void aCheckpointEmbedsAgainObjectsOfVersionsOlderThanThePreviousOne() {
    try (LocalObjectStore local = new LocalObjectStore(root)) {
      Opened db = Opened.on(local);
      ManifestBlobStore store = db.store();
      ManifestLog log = db.log();
      createTable(log, "a");
      String pack = appendPack(log, store, "a", 0); // version 2
      for (int i = 1; i <= 15; i++) {
        createTable(log, "t" + i); // versions 3-17; 9 and 17 are whole
      }
      assertEquals(17, log.current().checkpoint());
      assertEquals(17, log.current().inline().get(pack).version(),
          "version 2 is older than checkpoint 9: checkpoint 17 holds the pack again");
      log.prune();
      assertFalse(versions(local).contains(2L));
      Opened reopened = Opened.on(local);
      ManifestBlobStore fresh = reopened.store();
      reopened.log().refresh();
      assertEquals("pack a 0", new String(fresh.get(pack).orElseThrow(), StandardCharsets.UTF_8));
    }
  }

  /**
   * The spacing of checkpoints counts the deltas' JSON, not the packs they embed: a merge's pack
   * of a few hundred KB made every checkpoint come at the plain interval.
   */
  @Test
  void aLargeEmbeddedPackDoesNotBringTheNextCheckpointForward() {
    try (LocalObjectStore local = new LocalObjectStore(root)) {
      Opened db = Opened.on(local);
      ManifestBlobStore store = db.store();
      ManifestLog log = db.log();
      for (int i = 1; i <= 17; i++) {
        createTable(log, "t" + i); // versions 1-17; 17 is whole and names 17 tables
      }
      assertEquals(17, log.current().checkpoint());
      String id = SegmentPack.ID_PREFIX + "big";
      store.put(SegmentPack.key("t1", id), new byte[200_000]);
      log.commit(base -> base.withTable(base.table("t1").withAppended(
          List.of(new SegmentRef(id, 1000)), Map.of()))); // version 18
      for (int i = 0; i < 7; i++) {
        appendPack(log, store, "t2", i); // versions 19-25
      }
      assertEquals(25, log.current().version());
      assertEquals(17, log.current().checkpoint(),
          "eight small deltas of JSON do not add up to a checkpoint of 17 tables");
      Manifest read = Opened.on(local).log().refresh();
      assertEquals(log.current().tables(), read.tables());
    }
  }

  private static List<Long> versions(LocalObjectStore local) {
    List<Long> versions = new ArrayList<>();
    for (String key : local.list(Layout.MANIFEST_PREFIX)) {
      versions.add(Layout.manifestVersion(key));
    }
    return versions;
  }
}
