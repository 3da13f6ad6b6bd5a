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
 */
record TablePatch(String id, String directory, TableSchema schema, List<SegmentRef> segments,
    Map<String, Long> sequences, List<IndexDefinition> indexes,
    Map<String, TableEntry.Moved> moved, List<String> unmoved, boolean whole) {

  /** What turns {@code before} (null: no such table) into {@code after}. */
  static TablePatch between(TableEntry before, TableEntry after) {
    if (before == null || !before.id().equals(after.id())) {
      return new TablePatch(after.id(), after.directory(), after.schema(), after.segments(),
          after.sequences(), after.indexes(), after.moved(), List.of(), true);
    }
    Map<String, TableEntry.Moved> added = new TreeMap<>();
    List<String> removed = new ArrayList<>();
    if (before.moved() != after.moved()) {
      after.moved().forEach((id, m) -> {
        if (!m.equals(before.moved().get(id))) {
          added.put(id, m);
        }
      });
      for (String id : before.moved().keySet()) {
        if (!after.moved().containsKey(id)) {
          removed.add(id);
        }
      }
    }
    return new TablePatch(after.id(), changed(before.directory(), after.directory()),
        changed(before.schema(), after.schema()), changed(before.segments(), after.segments()),
        changed(before.sequences(), after.sequences()), changed(before.indexes(), after.indexes()),
        added.isEmpty() ? null : added, removed.isEmpty() ? null : removed, false);
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
    return new TableEntry(id, or(directory, before.directory()), or(schema, before.schema()),
        or(segments, before.segments()), or(sequences, before.sequences()),
        or(indexes, before.indexes()), movedAfter);
  }

  private static <T> T changed(T before, T after) {
    return before == after || Objects.equals(before, after) ? null : after;
  }

  private static <T> T or(T value, T otherwise) {
    return value != null ? value : otherwise;
  }
}
