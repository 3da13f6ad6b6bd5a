package io.s3vector.storage.manifest;

import io.s3vector.storage.cache.ByteWeightedCache;
import io.s3vector.storage.layout.Layout;
import io.s3vector.storage.segment.DeletionSet;
import io.s3vector.storage.segment.SegmentPack;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The small objects of commits — packs of a few rows ({@link SegmentPack}) and deletion sets
 * ({@link DeletionSet}) — written inside the manifest version that names them instead of as
 * objects of their own: a commit of one row is then one object write (on a folder two fsyncs
 * instead of six, on S3 one PUT instead of three), the write-ahead log record of the commit.
 *
 * <p>A writer "puts" such an object through {@link ManifestBlobStore}, which only stages it here:
 * it is durable once a manifest that names it is committed, which is all a reader can rely on
 * anyway (no manifest names it before). The commit embeds every staged object its manifest names
 * and records where ({@link Manifest#inline()}); readers of any manifest find them through {@link
 * #locate}. A version that holds objects still named is not pruned ({@link ManifestLog#prune}).
 */
public final class InlineBlobs {

  /** Larger objects are written as objects of their own even when a commit names them. */
  public static final int MAX_INLINE_BYTES = 4 << 20;
  /** Staged objects no commit took for this long belong to writes that were abandoned. */
  private static final long STAGED_EXPIRY_NANOS = 3_600_000_000_000L;

  private record Staged(byte[] bytes, long at) {}

  private final Map<String, Staged> staged = new ConcurrentHashMap<>();
  /** Where each committed inline object lives, for every manifest this server has read. */
  private final Map<String, BlobRef> located = new ConcurrentHashMap<>();
  /**
   * The keys of {@link #located} by the version holding them, so that a prune asks about the
   * versions it weighs and forgets those it pruned without walking every object located.
   */
  private final Map<Long, Set<String>> byVersion = new ConcurrentHashMap<>();
  /** The bytes of recently committed or read inline objects, so they are not read back. */
  private final ByteWeightedCache<String, byte[]> recent;
  private volatile long lastExpiry = System.nanoTime();

  /** {@code cacheBytes}: how much of the recent objects' bytes to keep (0: none, caches off). */
  public InlineBlobs(long cacheBytes) {
    this.recent = new ByteWeightedCache<>(cacheBytes, bytes -> bytes.length + 64L);
  }

  /** With the bytes of up to 64 MiB of recent objects kept. */
  public InlineBlobs() {
    this(64L << 20);
  }

  /** Whether objects under this key are written inline: packs and deletion sets. */
  public static boolean inlinable(String key) {
    return key.contains("/" + SegmentPack.FOLDER + SegmentPack.ID_PREFIX)
        || key.contains("/" + DeletionSet.FOLDER);
  }

  void stage(String key, byte[] bytes) {
    staged.put(key, new Staged(bytes, System.nanoTime()));
    expireIfDue();
  }

  /** Forgets a staged object (its write was abandoned); true when it was staged. */
  boolean unstage(String key) {
    return staged.remove(key) != null;
  }

  /** How many objects are staged, waiting for a commit that names them. */
  public int stagedCount() {
    return staged.size();
  }

  /** The bytes of a staged object, or null. */
  byte[] staged(String key) {
    Staged s = staged.get(key);
    return s == null ? null : s.bytes();
  }

  /** Where a committed inline object lives, or null when it is an object of its own. */
  BlobRef locate(String key) {
    return located.get(key);
  }

  /** The bytes of a committed inline object when still in memory, or null. */
  byte[] recent(String key) {
    return recent.getIfPresent(key);
  }

  void remember(String key, byte[] bytes) {
    recent.put(key, bytes);
  }

  /** Records where a manifest's inline objects live; {@code installed} was installed before it. */
  void register(Manifest manifest, Manifest installed) {
    long installedBefore = installed.version();
    // an object named since version n or earlier was named by every version after it that still
    // names it (a segment that left the list never comes back), so the installed one had it; a
    // commit's map is derived from the installed one's, and then only what it added is new
    Map<String, BlobRef> added = new java.util.HashMap<>();
    Map<String, BlobRef> candidates = manifest.inline() == installed.inline() ? Map.of()
        : FrozenSortedMap.changesSince(installed.inline(), manifest.inline(), added, new java.util.ArrayList<>())
            ? added : manifest.inline();
    candidates.forEach((key, ref) -> {
      if (ref.version() > installedBefore) {
        BlobRef before = located.put(key, ref);
        if (before == null || before.version() != ref.version()) {
          byVersion.computeIfAbsent(ref.version(), v -> ConcurrentHashMap.newKeySet()).add(key);
        }
      }
    });
  }

  /** Whether the version holds inline objects some manifest this server read named. */
  boolean holds(long version) {
    return byVersion.containsKey(version);
  }

  /** Forgets the objects of pruned versions. */
  void forgetVersions(Set<Long> versions) {
    for (long version : versions) {
      Set<String> keys = byVersion.remove(version);
      if (keys != null) {
        for (String key : keys) {
          located.computeIfPresent(key, (k, ref) -> ref.version() == version ? null : ref);
        }
      }
    }
  }

  /** The keys of the objects a manifest names that may be inline (packs and deletion sets). */
  static Set<String> namedBy(Manifest manifest) {
    Set<String> keys = new HashSet<>();
    for (TableEntry entry : manifest.tables().values()) {
      addNamedBy(entry, keys);
    }
    return keys;
  }

  /** Adds the keys of the objects one table names that may be inline. */
  static void addNamedBy(TableEntry entry, Set<String> keys) {
    addNamedBy(entry.directory(), entry.segments(), keys);
    addNamedByMoves(entry.directory(), entry.moved().values(), keys);
  }

  /** Adds the keys of the sets of purged rows these merge records name. */
  static void addNamedByMoves(String directory, java.util.Collection<TableEntry.Moved> moves,
      Set<String> keys) {
    for (TableEntry.Moved moved : moves) {
      if (moved.purged() != null) {
        addDeletionSet(directory, moved.into(), moved.purged(), keys);
      }
    }
  }

  /** Adds the keys of the objects these segments of a table name that may be inline. */
  static void addNamedBy(String directory, java.util.Collection<SegmentRef> segments,
      Set<String> keys) {
    for (SegmentRef segment : segments) {
      if (SegmentPack.isPacked(segment.id())) {
        keys.add(SegmentPack.key(directory, segment.id()));
      }
      if (segment.deletes() != null) {
        addDeletionSet(directory, segment.id(), segment.deletes(), keys);
      }
    }
  }

  /** Adds the key of a segment's deletion set, and of its base when it is a delta. */
  private static void addDeletionSet(String directory, String segmentId, String name,
      Set<String> keys) {
    keys.add(DeletionSet.key(directory, segmentId, name));
    String base = DeletionSet.baseOf(name);
    if (base != null) {
      keys.add(DeletionSet.key(directory, segmentId, base));
    }
  }

  /** The manifest key of a version, where its inline objects are. */
  static String objectKey(BlobRef ref) {
    return Layout.manifestKey(ref.version());
  }

  private void expireIfDue() {
    long now = System.nanoTime();
    if (now - lastExpiry < STAGED_EXPIRY_NANOS / 60) {
      return;
    }
    lastExpiry = now;
    staged.values().removeIf(s -> now - s.at() > STAGED_EXPIRY_NANOS);
  }
}
