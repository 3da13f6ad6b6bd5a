package io.s3vector.storage.manifest;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.table.IndexDefinition;
import io.s3vector.storage.table.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One table's change in a manifest delta ({@link ManifestObject}): the fields of its entry that
 * changed (null: as before), and the records of merged-away segments added and removed — a commit
 * of one row then writes its table's segment list, not the table's whole history of merges.
 *
 * @param whole true for a table created (or dropped and created again) by the commit: every field
 *     is given and {@code moved} is the whole map
 * @param segmentEdits the new segment list as runs of the old one and new segments (null: as
 *     before, or {@code segments} gives it whole); a commit of one row into a table of hundreds of
 *     small segments then writes one new segment, not the list
 */
// fields a delta leaves as they were are left out of its JSON: read back, a missing field is null
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
record TablePatch(String id, String directory, TableSchema schema, List<SegmentRef> segments,
    Map<String, Long> sequences, List<IndexDefinition> indexes,
    Map<String, TableEntry.Moved> moved, List<String> unmoved, boolean whole,
    List<SegmentRun> segmentEdits) {

  /**
   * A run of a new segment list: the old list's segments {@code from} (inclusive) to {@code to}
   * (exclusive), or, when {@code added} is not null, these segments.
   */
  @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
  record SegmentRun(int from, int to, List<SegmentRef> added) {

    static SegmentRun kept(int from, int to) {
      return new SegmentRun(from, to, null);
    }
  }

  /** What turns {@code before} (null: no such table) into {@code after}. */
  static TablePatch between(TableEntry before, TableEntry after) {
    if (before == null || !before.id().equals(after.id())) {
      return new TablePatch(after.id(), after.directory(), after.schema(), after.segments(),
          after.sequences(), after.indexes(), after.moved(), List.of(), true, null);
    }
    Map<String, TableEntry.Moved> added = new TreeMap<>();
    List<String> removed = new ArrayList<>();
    if (before.moved() != after.moved()) {
      movedChanges(before.moved(), after.moved(), added, removed);
    }
    List<SegmentRef> segments = changed(before.segments(), after.segments());
    return new TablePatch(after.id(), changed(before.directory(), after.directory()),
        changed(before.schema(), after.schema()), null,
        changed(before.sequences(), after.sequences()), changed(before.indexes(), after.indexes()),
        added.isEmpty() ? null : added, removed.isEmpty() ? null : removed, false,
        segments == null ? null : edits(before.segments(), segments));
  }

  /**
   * The records {@code is} adds or changes, and those it drops: as the merge that made {@code is}
   * remembered them ({@link FrozenSortedMap#changesSince}), else found by walking both maps (an
   * entry's, sorted by segment id) side by side: one comparison per record instead of a lookup
   * in the other map (thousands of records at every merge of a stream of small commits).
   */
  static void movedChanges(Map<String, TableEntry.Moved> was,
      Map<String, TableEntry.Moved> is, Map<String, TableEntry.Moved> added, List<String> removed) {
    if (FrozenSortedMap.changesSince(was, is, added, removed)) {
      return;
    }
    java.util.Iterator<Map.Entry<String, TableEntry.Moved>> olds = was.entrySet().iterator();
    java.util.Iterator<Map.Entry<String, TableEntry.Moved>> news = is.entrySet().iterator();
    Map.Entry<String, TableEntry.Moved> old = olds.hasNext() ? olds.next() : null;
    Map.Entry<String, TableEntry.Moved> now = news.hasNext() ? news.next() : null;
    while (old != null || now != null) {
      int order = old == null ? 1 : now == null ? -1 : old.getKey().compareTo(now.getKey());
      if (order <= 0) {
        if (order < 0) {
          removed.add(old.getKey());
        } else if (!old.getValue().equals(now.getValue())) {
          added.put(now.getKey(), now.getValue());
        }
        old = olds.hasNext() ? olds.next() : null;
      }
      if (order >= 0) {
        if (order > 0) {
          added.put(now.getKey(), now.getValue());
        }
        now = news.hasNext() ? news.next() : null;
      }
    }
  }

  /**
   * {@code after} as runs of {@code before} (segments equal in every field) and new segments; the
   * {@link SharedEnds} first, then the middle matched by id.
   */
  static List<SegmentRun> edits(List<SegmentRef> before, List<SegmentRef> after) {
    SharedEnds ends = SharedEnds.of(before, after);
    List<SegmentRun> runs = new ArrayList<>();
    if (ends.head() > 0) {
      runs.add(SegmentRun.kept(0, ends.head()));
    }
    for (SegmentRun run : editsById(ends.middle(before), ends.middle(after))) {
      runs.add(run.added() != null
          ? run
          : SegmentRun.kept(run.from() + ends.head(), run.to() + ends.head()));
    }
    if (ends.tail() > 0) {
      runs.add(SegmentRun.kept(before.size() - ends.tail(), before.size()));
    }
    return runs;
  }

  private static List<SegmentRun> editsById(List<SegmentRef> before, List<SegmentRef> after) {
    Map<String, Integer> at = new java.util.HashMap<>();
    for (int i = 0; i < before.size(); i++) {
      at.put(before.get(i).id(), i);
    }
    List<SegmentRun> runs = new ArrayList<>();
    int keptFrom = -1;
    int keptTo = -1;
    List<SegmentRef> added = null;
    for (SegmentRef segment : after) {
      Integer i = at.get(segment.id());
      boolean same = i != null && before.get(i).equals(segment);
      if (same && keptFrom >= 0 && i == keptTo) {
        keptTo++;
        continue;
      }
      if (keptFrom >= 0) {
        runs.add(SegmentRun.kept(keptFrom, keptTo));
        keptFrom = -1;
      }
      if (same) {
        if (added != null) {
          runs.add(new SegmentRun(0, 0, added));
          added = null;
        }
        keptFrom = i;
        keptTo = i + 1;
      } else {
        if (added == null) {
          added = new ArrayList<>();
        }
        added.add(segment);
      }
    }
    if (keptFrom >= 0) {
      runs.add(SegmentRun.kept(keptFrom, keptTo));
    }
    if (added != null) {
      runs.add(new SegmentRun(0, 0, added));
    }
    return runs;
  }

  /** The segment list {@code edits} make of {@code before}. */
  static List<SegmentRef> applyEdits(List<SegmentRef> before, List<SegmentRun> edits) {
    List<SegmentRef> out = new ArrayList<>();
    for (SegmentRun run : edits) {
      if (run.added() != null) {
        out.addAll(run.added());
      } else if (run.from() < 0 || run.to() > before.size() || run.from() > run.to()) {
        throw new StorageException("manifest delta keeps segments " + run.from() + " to "
            + run.to() + " of a list of " + before.size());
      } else {
        out.addAll(before.subList(run.from(), run.to()));
      }
    }
    return out;
  }

  /** The entry after this change of {@code before}. */
  TableEntry applyTo(TableEntry before) {
    if (whole) {
      return new TableEntry(id, directory, schema, segments, sequences, indexes, moved);
    }
    if (before == null || !before.id().equals(id)) {
      throw new StorageException("manifest delta changes table " + id + ", which the version"
          + " before does not hold");
    }
    Map<String, TableEntry.Moved> movedAfter = before.moved();
    if (moved != null || unmoved != null) {
      movedAfter = new TreeMap<>(before.moved());
      if (unmoved != null) {
        unmoved.forEach(movedAfter::remove);
      }
      if (moved != null) {
        movedAfter.putAll(moved);
      }
    }
    List<SegmentRef> segmentsAfter = segmentEdits != null
        ? applyEdits(before.segments(), segmentEdits)
        : or(segments, before.segments());
    return new TableEntry(id, or(directory, before.directory()), or(schema, before.schema()),
        segmentsAfter, or(sequences, before.sequences()),
        or(indexes, before.indexes()), movedAfter);
  }

  private static <T> T changed(T before, T after) {
    return before == after || Objects.equals(before, after) ? null : after;
  }

  private static <T> T or(T value, T otherwise) {
    return value != null ? value : otherwise;
  }
}
