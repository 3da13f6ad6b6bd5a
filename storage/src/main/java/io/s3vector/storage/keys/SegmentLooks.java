package io.s3vector.storage.keys;

import io.s3vector.storage.manifest.SegmentRef;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the looks at one table's key found per segment: its key index and deletion set, which
 * never change for a segment id and a deletion set's name.
 *
 * <p>Every check of a stream of single-row writes visits every segment of the table (hundreds of
 * small packs), and the next check sees the same list plus a few segments at its end. Looking
 * each one up by id in a hash map was most of a check (a chain of cache misses per segment, the
 * committer thread's largest cost under 16 clients). So the last look's list is kept in order too,
 * and a segment is first matched by identity against it: manifests share their unchanged
 * {@link SegmentRef}s, so while the list only grew at its end a look is one pointer comparison per
 * segment. A segment that does not match (a merge's output, a changed deletion set, a list read
 * back from JSON) falls back to the map.
 */
final class SegmentLooks {

  /** A segment's key index and deletion set as a look found them. */
  record Seen(KeyIndex index, String deletes, io.s3vector.storage.segment.DeletionSet deleted) {}

  /** The last look's segments and what it found, index by index. */
  private record Last(SegmentRef[] refs, Seen[] seen) {}

  /** How far past the expected place a segment is looked for in the last list (a short merge). */
  private static final int RESYNC_WINDOW = 16;

  /**
   * Only small segments' indexes are kept in the map by id (the cache bounds the others by
   * bytes): the small packs of recent commits are the many segments every check visits.
   */
  private static final int MAX_KEPT_KEYS = 1024;

  private final Map<String, Seen> byId = new ConcurrentHashMap<>();
  private volatile Last last = new Last(new SegmentRef[0], new Seen[0]);

  /** The live keys a look of a whole list found, for looks of that same list object. */
  private record LastLive(java.util.List<SegmentRef> list, LiveKeys live) {}

  private volatile LastLive lastLive;

  /**
   * What the last look of {@code list} (the very object: a manifest's unchanged list) found, or
   * null. The statements that check their keys between two commits of a table see one list:
   * under 16 clients a dozen of them per manifest version each loaded it again.
   */
  LiveKeys liveOf(java.util.List<SegmentRef> list) {
    LastLive l = lastLive;
    return l != null && l.list() == list ? l.live() : null;
  }

  /** Keeps what a look of {@code list} found (its live keys never change: segments are immutable). */
  void keepLive(java.util.List<SegmentRef> list, LiveKeys live) {
    lastLive = new LastLive(list, live);
  }

  /** A cursor over the last look's list, for one look (not shared between threads). */
  final class Cursor {
    private final Last from = last;
    private int next;

    /** What an earlier look found for {@code segment}, or null. */
    Seen find(SegmentRef segment) {
      SegmentRef[] refs = from.refs();
      if (next < refs.length && refs[next] == segment) {
        return from.seen()[next++]; // null for a large segment: the cache has it
      }
      for (int i = next + 1; i < Math.min(refs.length, next + 1 + RESYNC_WINDOW); i++) {
        if (refs[i] == segment) {
          next = i + 1;
          return from.seen()[i];
        }
      }
      Seen before = byId.get(segment.id());
      return before != null && Objects.equals(before.deletes(), segment.deletes()) ? before : null;
    }
  }

  Cursor cursor() {
    return new Cursor();
  }

  /** Keeps what a look found for a segment it had not seen. */
  void found(SegmentRef segment, Seen seen) {
    if (seen.index().size() <= MAX_KEPT_KEYS) {
      byId.put(segment.id(), seen);
    }
  }

  /**
   * Keeps a whole look's list, in order, for the next look to match by identity; a large
   * segment's index is left to the cache, which bounds such indexes by bytes (the next look
   * finds nothing kept for it and asks the cache: a few lookups per check).
   */
  void looked(SegmentRef[] refs, Seen[] seen) {
    Seen[] kept = new Seen[seen.length];
    for (int s = 0; s < seen.length; s++) {
      kept[s] = seen[s] != null && seen[s].index().size() <= MAX_KEPT_KEYS ? seen[s] : null;
    }
    last = new Last(refs, kept);
  }

  /** Forgets the segments by id that are not in {@code refs} once they are many. */
  void trim(java.util.List<SegmentRef> refs) {
    if (byId.size() > 2 * refs.size() + 64) {
      java.util.Set<String> current = new java.util.HashSet<>();
      for (SegmentRef ref : refs) {
        current.add(ref.id());
      }
      byId.keySet().retainAll(current);
    }
  }
}
