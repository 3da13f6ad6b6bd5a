package io.s3vector.storage.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.cache.TieredReader;
import io.s3vector.storage.io.CountingStore;
import io.s3vector.storage.io.IoScheduler;
import io.s3vector.storage.io.ReadStats;
import io.s3vector.storage.objectstore.LocalObjectStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeletionSetsTest {
  private static final String DIR = "t";
  private static final String SEGMENT = "s1";

  @TempDir Path root;

  /** A set of {@code n} random rows of a 90,000-row segment (a bitmap of about 11 KB). */
  private static DeletionSet randomSet(Random random, int n) {
    Set<Integer> rows = new HashSet<>();
    while (rows.size() < n) {
      rows.add(random.nextInt(90_000));
    }
    return DeletionSet.of(rows.stream().mapToInt(Integer::intValue).toArray());
  }

  /** One or two rows of the segment not in {@code all}. */
  private static DeletionSet newRows(Random random, DeletionSet all) {
    List<Integer> rows = new ArrayList<>();
    int n = 1 + random.nextInt(2);
    while (rows.size() < n) {
      int p = random.nextInt(90_000);
      if (!all.contains(p) && !rows.contains(p)) {
        rows.add(p);
      }
    }
    return DeletionSet.of(rows.stream().mapToInt(Integer::intValue).toArray());
  }

  private CountingStore store() {
    return new CountingStore(new LocalObjectStore(root), 0);
  }

  /** A reader of its own (caches of its own): another server, or this one after a restart. */
  private static TieredReader tiers(IoScheduler io) {
    return new TieredReader(1 << 20, v -> 64, null, io);
  }

  private static DeletionSet readFresh(CountingStore store, String name, ReadStats stats) {
    try (IoScheduler io = new IoScheduler(store, 4);
        TieredReader tiers = tiers(io)) {
      return new DeletionSets(tiers).read(DIR, List.of(SEGMENT), List.of(name), stats).get(0);
    }
  }

  @Test
  void smallDeletesOnABigSetWriteDeltasThatAnotherReaderResolvesInOneRound() {
    CountingStore store = store();
    Random random = new Random(7);
    try (IoScheduler io = new IoScheduler(store, 4);
        TieredReader tiers = tiers(io)) {
      DeletionSets sets = new DeletionSets(tiers);
      DeletionSet all = randomSet(random, 30_000);
      int wholeBytes = all.encodedBytes();
      String name = sets.writeWhole(store, DIR, SEGMENT, all);
      assertNull(DeletionSet.baseOf(name));
      long written = 0;
      Set<String> bases = new HashSet<>();
      List<String> names = new ArrayList<>();
      List<DeletionSet> expected = new ArrayList<>();
      for (int commit = 0; commit < 600; commit++) {
        DeletionSet added = newRows(random, all);
        all = all.union(added);
        name = sets.write(store, DIR, SEGMENT, name, added, all);
        int bytes = store.get(DeletionSet.key(DIR, SEGMENT, name)).orElseThrow().length;
        written += bytes;
        String base = DeletionSet.baseOf(name);
        if (base != null) {
          bases.add(base);
          assertTrue(bytes * DeletionSets.DELTA_SHARE <= all.encodedBytes() + 16, "delta of " + bytes);
        }
        names.add(name);
        expected.add(all);
        // the writer itself answers from memory
        assertEquals(all, sets.read(DIR, List.of(SEGMENT), List.of(name), new ReadStats()).get(0));
      }
      assertTrue(bases.size() >= 2, "the set is written whole again once its delta grows: " + bases);
      assertTrue(written * 10 < 600L * wholeBytes,
          written + " bytes written, " + wholeBytes + " per whole set");
      for (int i = 0; i < names.size(); i += 37) {
        ReadStats stats = new ReadStats();
        assertEquals(expected.get(i), readFresh(store, names.get(i), stats));
        assertEquals(1, stats.snapshot().rounds(), "a delta and its base in one round");
      }
    }
  }

  @Test
  void aWriterThatReadADeltaAddsToItAndOneThatDidNotWritesWhole() {
    CountingStore store = store();
    Random random = new Random(11);
    try (IoScheduler io = new IoScheduler(store, 4);
        TieredReader first = tiers(io);
        TieredReader second = tiers(io);
        TieredReader third = tiers(io)) {
      DeletionSets one = new DeletionSets(first);
      DeletionSet all = randomSet(random, 20_000);
      String whole = one.writeWhole(store, DIR, SEGMENT, all);
      DeletionSet added = newRows(random, all);
      all = all.union(added);
      String delta = one.write(store, DIR, SEGMENT, whole, added, all);
      assertEquals(whole, DeletionSet.baseOf(delta));

      // another server read the delta: its next one adds to the same base
      DeletionSets two = new DeletionSets(second);
      assertEquals(all, two.read(DIR, List.of(SEGMENT), List.of(delta), new ReadStats()).get(0));
      added = newRows(random, all);
      DeletionSet next = all.union(added);
      String again = two.write(store, DIR, SEGMENT, delta, added, next);
      assertEquals(whole, DeletionSet.baseOf(again));
      assertEquals(next, readFresh(store, again, new ReadStats()));

      // one that does not know what the delta holds cannot add to it: the set is written whole
      DeletionSets three = new DeletionSets(third);
      String restarted = three.write(store, DIR, SEGMENT, delta, added, next);
      assertNull(DeletionSet.baseOf(restarted));
      assertEquals(next, readFresh(store, restarted, new ReadStats()));
    }
  }

  @Test
  void smallSetsAreAlwaysWrittenWhole() {
    CountingStore store = store();
    Random random = new Random(3);
    try (IoScheduler io = new IoScheduler(store, 4);
        TieredReader tiers = tiers(io)) {
      DeletionSets sets = new DeletionSets(tiers);
      DeletionSet all = DeletionSet.EMPTY;
      String name = null;
      for (int i = 0; i < 100; i++) {
        DeletionSet added = newRows(random, all);
        all = all.union(added);
        name = sets.write(store, DIR, SEGMENT, name, added, all);
        assertNull(DeletionSet.baseOf(name), "a set of " + all.size() + " rows");
      }
      assertEquals(all, readFresh(store, name, new ReadStats()));
    }
  }
}
