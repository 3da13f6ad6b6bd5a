package io.s3vector.storage.segment;

import io.s3vector.storage.cache.ByteWeightedCache;
import io.s3vector.storage.cache.TieredReader;
import io.s3vector.storage.io.ObjectRange;
import io.s3vector.storage.io.ReadStats;
import io.s3vector.storage.layout.RandomIds;
import io.s3vector.storage.objectstore.ObjectStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the deletion sets of segments by name, and keeps those in use in memory.
 *
 * <p>A set is stored whole ({@code <id>}) or as a delta on a whole one ({@code <base>.<id>}: the
 * rows deleted since the base). Every UPDATE or DELETE names a new set for each segment it
 * touches; written whole, the set of a big segment with many rows deleted was most of each
 * commit's bytes (11 KB of a 14 KB commit record under UPDATEs spread over a table, rewritten
 * at every commit). A delta holds the rows deleted since its base, so a commit writes a few
 * hundred bytes at most; once a delta would exceed {@link #DELTA_SHARE} of the whole set's size,
 * the set is written whole again and becomes the base of the next deltas. A delta's name says
 * its base, so anything that keeps a set's objects (a manifest's inline objects, pruning) keeps
 * both, and a cold read fetches both in the same round.
 */
public final class DeletionSets {

  /** Sets smaller than this are always written whole: a delta would save little. */
  static final int DELTA_MIN_BYTES = 1024;

  /** A delta is written while it is at most this share of the whole set's bytes. */
  static final int DELTA_SHARE = 16;

  private static final long CACHE_BYTES = 64L << 20;

  private final TieredReader tiers;

  /** Whole sets by key (a delta's key maps to its base with the delta); immutable, never stale. */
  private final ByteWeightedCache<String, DeletionSet> sets =
      new ByteWeightedCache<>(CACHE_BYTES, DeletionSet::bytes);

  /** What the delta objects this process wrote or read hold, by key: the next delta adds to it. */
  private final ByteWeightedCache<String, DeletionSet> deltas =
      new ByteWeightedCache<>(CACHE_BYTES / 8, DeletionSet::bytes);

  public DeletionSets(TieredReader tiers) {
    this.tiers = tiers;
  }

  /**
   * The deletion set of each segment ({@link DeletionSet#EMPTY} for a null name), in one round
   * for those not in memory (a delta's base with it).
   */
  public List<DeletionSet> read(String tableDirectory, List<String> segmentIds, List<String> names,
      ReadStats stats) {
    List<DeletionSet> out = new ArrayList<>(segmentIds.size());
    List<Missing> missing = new ArrayList<>();
    Map<String, TieredReader.Load<DeletionSet>> loads = new LinkedHashMap<>();
    for (int i = 0; i < segmentIds.size(); i++) {
      String name = names.get(i);
      if (name == null) {
        out.add(DeletionSet.EMPTY);
        continue;
      }
      String key = DeletionSet.key(tableDirectory, segmentIds.get(i), name);
      DeletionSet known = sets.getIfPresent(key);
      out.add(known);
      if (known == null) {
        String base = DeletionSet.baseOf(name);
        String baseKey = base == null ? null : DeletionSet.key(tableDirectory, segmentIds.get(i), base);
        missing.add(new Missing(i, key, baseKey));
        loads.putIfAbsent(key, load(key));
        if (baseKey != null && sets.getIfPresent(baseKey) == null) {
          loads.putIfAbsent(baseKey, load(baseKey));
        }
      }
    }
    if (loads.isEmpty()) {
      return out;
    }
    List<TieredReader.Load<DeletionSet>> batch = new ArrayList<>(loads.values());
    List<DeletionSet> read = tiers.readAll(batch, stats);
    Map<String, DeletionSet> byKey = new HashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      byKey.put(batch.get(i).range().objectKey(), read.get(i));
    }
    for (Missing m : missing) {
      DeletionSet stored = byKey.get(m.key());
      DeletionSet whole = stored;
      if (m.baseKey() != null) {
        DeletionSet baseSet = byKey.get(m.baseKey());
        if (baseSet != null) {
          sets.put(m.baseKey(), baseSet);
        } else {
          // it was in memory when the batch was made; if it has left since, read it now
          baseSet = sets.getIfPresent(m.baseKey());
          if (baseSet == null) {
            baseSet = tiers.readAll(List.of(load(m.baseKey())), stats).get(0);
            sets.put(m.baseKey(), baseSet);
          }
        }
        deltas.put(m.key(), stored);
        whole = baseSet.union(stored);
      }
      sets.put(m.key(), whole);
      out.set(m.at(), whole);
    }
    return out;
  }

  /** A set not in memory: where it goes in the answer, its key, and its base's key (a delta's). */
  private record Missing(int at, String key, String baseKey) {}

  private static TieredReader.Load<DeletionSet> load(String key) {
    return new TieredReader.Load<>(null, ObjectRange.whole(key), bytes -> DeletionSet.decode(key, bytes));
  }

  /**
   * Writes a segment's deletion set under a fresh name and returns the name: a delta on the base
   * of {@code previous} (the set it replaces, null for none) when small enough, else whole. The
   * set is also remembered, so that the next write of the segment (often the next commit) does not
   * read it back, behind whatever else is reading then.
   *
   * @param added the rows this write adds to the set called {@code previous}
   * @param all that set with {@code added}
   */
  public String write(ObjectStore store, String tableDirectory, String segmentId, String previous,
      DeletionSet added, DeletionSet all) {
    String id = RandomIds.uuid();
    DeletionSet delta = previous == null ? null : delta(tableDirectory, segmentId, previous, added, all);
    String name = delta == null ? id : base(previous) + "." + id;
    String key = DeletionSet.key(tableDirectory, segmentId, name);
    store.put(key, (delta == null ? all : delta).encode());
    sets.put(key, all);
    if (delta != null) {
      deltas.put(key, delta);
    }
    return name;
  }

  /** Writes a segment's whole deletion set under a fresh name and returns the name. */
  public String writeWhole(ObjectStore store, String tableDirectory, String segmentId,
      DeletionSet all) {
    return write(store, tableDirectory, segmentId, null, all, all);
  }

  /** The rows since the base of {@code previous} with {@code added}, or null: write it whole. */
  private DeletionSet delta(String tableDirectory, String segmentId, String previous,
      DeletionSet added, DeletionSet all) {
    int wholeBytes = all.encodedBytes();
    if (wholeBytes < DELTA_MIN_BYTES) {
      return null;
    }
    DeletionSet since = DeletionSet.EMPTY;
    if (DeletionSet.baseOf(previous) != null) {
      since = deltas.getIfPresent(DeletionSet.key(tableDirectory, segmentId, previous));
      if (since == null) {
        return null; // not known here (evicted, or caches off): start a new base
      }
    }
    DeletionSet delta = since.union(added);
    return (long) delta.encodedBytes() * DELTA_SHARE <= wholeBytes ? delta : null;
  }

  /** The whole set a delta called {@code name} adds to, or {@code name} itself when whole. */
  private static String base(String name) {
    String base = DeletionSet.baseOf(name);
    return base == null ? name : base;
  }

  /** Drops a set a commit replaced from memory (its base stays: the next delta may name it). */
  public void forget(String tableDirectory, String segmentId, String name) {
    String key = DeletionSet.key(tableDirectory, segmentId, name);
    sets.invalidate(key);
    deltas.invalidate(key);
  }

  /** Drops a segment's set and its base from memory: the segment left the table. */
  public void forgetWithBase(String tableDirectory, String segmentId, String name) {
    forget(tableDirectory, segmentId, name);
    String base = DeletionSet.baseOf(name);
    if (base != null) {
      sets.invalidate(DeletionSet.key(tableDirectory, segmentId, base));
    }
  }
}
