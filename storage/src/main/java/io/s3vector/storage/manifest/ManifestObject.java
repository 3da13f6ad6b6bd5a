package io.s3vector.storage.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.s3vector.storage.StorageException;
import io.s3vector.storage.layout.CatalogJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The bytes of one manifest version, {@code _manifest/v<n>.json}: one line of JSON — the whole
 * catalog (a checkpoint), or only what changed since version n-1 (a delta: per table changed, the
 * fields of its entry that changed ({@link TablePatch}), and the tables dropped) — then, after a newline, the inline objects the
 * version holds ({@link InlineBlobs}), whose offsets in the JSON count from the end of that line.
 * A version is written whole every {@link
 * io.s3vector.storage.table.StoreOptions#checkpointInterval()} versions, or later when the
 * checkpoint is much larger than the deltas ({@link CheckpointSpacing}), so a reader that knows
 * nothing reads one checkpoint and the deltas after it, in one parallel round.
 */
final class ManifestObject {

  /** Compact: the JSON has no raw newline, so the first one ends it. */
  private static final ObjectWriter JSON = CatalogJson.COMPACT;

  /**
   * A version written as the change from the one before it; {@code schemas} is the whole set of
   * schemas when it changed, else null; {@code sequences} all the sequences when one changed,
   * else null (and then not written).
   */
  record Delta(int format, long version, String commitId, String parentCommit, long checkpoint,
      SortedMap<String, TablePatch> tables, List<String> dropped,
      SortedMap<String, BlobRef> inline, boolean delta, java.util.SortedSet<String> schemas,
      @com.fasterxml.jackson.annotation.JsonInclude(
          com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
      SortedMap<String, io.s3vector.storage.table.SequenceSpec> sequences) {

    Delta {
      tables = tables == null ? new TreeMap<>() : tables;
      dropped = dropped == null ? List.of() : dropped;
      inline = inline == null ? new TreeMap<>() : inline;
    }
  }

  /** What a version object holds: the whole catalog, or a delta (the other one null). */
  record Read(Manifest whole, Delta delta) {

    long version() {
      return whole != null ? whole.version() : delta.version();
    }

    int format() {
      return whole != null ? whole.format() : delta.format();
    }

    String commitId() {
      return whole != null ? whole.commitId() : delta.commitId();
    }

    String parentCommit() {
      return whole != null ? whole.parentCommit() : delta.parentCommit();
    }

    /** The checkpoint a reader needs first: this version itself when it is whole. */
    long checkpoint() {
      return whole != null ? whole.version() : delta.checkpoint();
    }
  }

  /**
   * The bytes to write, the manifest as readers will know it once they are written (where its
   * inline objects are), the staged objects embedded by key, and how many of the bytes are the
   * JSON (the rest are the embedded objects).
   */
  record Encoded(byte[] bytes, Manifest stored, Map<String, byte[]> embedded, int jsonBytes) {}

  private ManifestObject() {}

  /**
   * {@code next} (built on {@code base}) as a version object: whole, or as a delta; the staged
   * objects it names are embedded. A whole one also embeds again the inline objects of versions
   * older than the previous checkpoint ({@code read} gives their bytes), so that no old version
   * stays only because an object in it is still named (a lone pack of a table nobody writes).
   */
  static Encoded encode(Manifest next, Manifest base, boolean whole, InlineBlobs blobs,
      java.util.function.Function<String, byte[]> read) {
    // a whole version's map of inline objects; a delta's is derived from the base's at the end
    TreeMap<String, BlobRef> kept = whole ? new TreeMap<>() : null;
    Map<String, byte[]> embedded = new LinkedHashMap<>();
    SortedMap<String, BlobRef> placed = new TreeMap<>();
    List<String> toEmbed = new ArrayList<>();
    List<String> unnamed = new ArrayList<>();
    if (whole) {
      for (String key : InlineBlobs.namedBy(next)) {
        BlobRef known = base.inline().get(key);
        if (known != null && known.version() >= base.checkpoint()) {
          kept.put(key, known);
        } else {
          toEmbed.add(key);
        }
      }
    } else {
      // only the tables this version changed name other objects than the base did: the rest
      // of the base's map stands (it names exactly what the base names)
      java.util.Set<String> before = new java.util.HashSet<>();
      java.util.Set<String> after = new java.util.HashSet<>();
      java.util.Set<String> names = new java.util.HashSet<>(base.tables().keySet());
      names.addAll(next.tables().keySet());
      for (String name : names) {
        TableEntry was = base.tables().get(name);
        TableEntry is = next.tables().get(name);
        if (was != is) {
          namedByChanged(was, is, before, after);
        }
      }
      for (String key : before) {
        if (!after.contains(key)) {
          unnamed.add(key);
        }
      }
      for (String key : after) {
        if (!before.contains(key) && !base.inline().containsKey(key)) {
          toEmbed.add(key);
        }
      }
    }
    long at = 0;
    for (String key : toEmbed) {
      byte[] bytes = base.inline().containsKey(key) ? read.apply(key) : blobs.staged(key);
      if (bytes != null) {
        embedded.put(key, bytes);
        placed.put(key, new BlobRef(next.version(), at, bytes.length));
        at += bytes.length;
      }
    }
    long checkpoint = whole ? next.version() : base.checkpoint();
    byte[] json;
    if (whole) {
      SortedMap<String, BlobRef> all = new TreeMap<>(kept);
      all.putAll(placed);
      json = write(next.storedAs(checkpoint, all));
    } else {
      SortedMap<String, TablePatch> changed = new TreeMap<>();
      next.tables().forEach((name, entry) -> {
        TableEntry before = base.tables().get(name);
        if (before != entry && !entry.equals(before)) {
          changed.put(name, TablePatch.between(before, entry));
        }
      });
      List<String> dropped = new ArrayList<>();
      for (String name : base.tables().keySet()) {
        if (!next.tables().containsKey(name)) {
          dropped.add(name);
        }
      }
      json = write(new Delta(next.format(), next.version(), next.commitId(), next.parentCommit(),
          checkpoint, changed, dropped, placed, true,
          next.schemas().equals(base.schemas()) ? null : next.schemas(),
          next.sequences().equals(base.sequences()) ? null : next.sequences()));
    }
    // one array of the exact size (a version embedding a merge's pack runs to hundreds of KB)
    byte[] bytes = new byte[embedded.isEmpty() ? json.length : Math.toIntExact(json.length + 1 + at)];
    System.arraycopy(json, 0, bytes, 0, json.length);
    if (!embedded.isEmpty()) {
      int offset = json.length;
      bytes[offset++] = '\n';
      for (byte[] object : embedded.values()) {
        System.arraycopy(object, 0, bytes, offset, object.length);
        offset += object.length;
      }
    }
    SortedMap<String, BlobRef> located;
    if (whole) {
      placed.forEach((key, ref) -> kept.put(key, absolute(ref, json.length + 1)));
      located = FrozenSortedMap.adopt(kept);
    } else {
      Map<String, BlobRef> added = new java.util.HashMap<>();
      placed.forEach((key, ref) -> added.put(key, absolute(ref, json.length + 1)));
      located = FrozenSortedMap.derived(base.inline(), unnamed, added);
    }
    return new Encoded(bytes, next.storedAs(checkpoint, located), embedded, json.length);
  }

  /**
   * Adds what the segments of {@code was} that {@code is} no longer lists name to {@code before},
   * and what those {@code is} newly lists name to {@code after}. A commit keeps the unchanged
   * segments of an entry as the same objects, so the {@link SharedEnds} and an identity comparison
   * of the rest find the few that changed without building a key for each of the table's segments.
   */
  private static void namedByChanged(TableEntry was, TableEntry is, java.util.Set<String> before,
      java.util.Set<String> after) {
    if (was == null || is == null || !was.directory().equals(is.directory())) {
      if (was != null) {
        InlineBlobs.addNamedBy(was, before);
      }
      if (is != null) {
        InlineBlobs.addNamedBy(is, after);
      }
      return;
    }
    SharedEnds ends = SharedEnds.of(was.segments(), is.segments());
    java.util.Map<SegmentRef, Boolean> old = new java.util.IdentityHashMap<>();
    for (SegmentRef segment : ends.middle(was.segments())) {
      old.put(segment, Boolean.TRUE);
    }
    List<SegmentRef> added = new ArrayList<>();
    for (SegmentRef segment : ends.middle(is.segments())) {
      if (old.remove(segment) == null) {
        added.add(segment);
      }
    }
    InlineBlobs.addNamedBy(was.directory(), old.keySet(), before);
    InlineBlobs.addNamedBy(is.directory(), added, after);
    if (was.moved() != is.moved()) {
      // the merge records added and dropped name (or stop naming) the sets of purged rows
      java.util.Map<String, TableEntry.Moved> recorded = new java.util.TreeMap<>();
      List<String> dropped = new ArrayList<>();
      TablePatch.movedChanges(was.moved(), is.moved(), recorded, dropped);
      List<TableEntry.Moved> gone = new ArrayList<>();
      for (String id : dropped) {
        gone.add(was.moved().get(id));
      }
      InlineBlobs.addNamedByMoves(was.directory(), gone, before);
      InlineBlobs.addNamedByMoves(is.directory(), recorded.values(), after);
    }
  }

  /** Reads a version object; the offsets of its own inline objects made absolute. */
  static Read decode(String key, byte[] bytes) {
    try {
      // the JSON value ends where the parser stops, not at the first newline: versions written
      // before format 2 are whole catalogs indented over many lines
      JsonNode tree;
      long end;
      try (com.fasterxml.jackson.core.JsonParser parser =
          CatalogJson.MAPPER.getFactory().createParser(bytes)) {
        tree = CatalogJson.MAPPER.readTree(parser);
        end = parser.currentLocation().getByteOffset();
      }
      if (tree == null || !tree.isObject()) {
        throw new IOException("not a JSON object");
      }
      long version = tree.path("version").asLong();
      long section = end + 1L;
      if (tree.path("delta").asBoolean(false)) {
        Delta d = CatalogJson.MAPPER.treeToValue(tree, Delta.class);
        return new Read(null, new Delta(d.format(), d.version(), d.commitId(), d.parentCommit(),
            d.checkpoint(), d.tables(), d.dropped(), absolute(d.inline(), version, section), true,
            d.schemas(), d.sequences()));
      }
      Manifest m = CatalogJson.MAPPER.treeToValue(tree, Manifest.class);
      return new Read(m.storedAs(m.checkpoint(), absolute(m.inline(), version, section)), null);
    } catch (IOException | RuntimeException e) {
      throw new StorageException("corrupt manifest \"" + key + "\": " + e.getMessage(), e);
    }
  }

  /** {@code base} (version n-1) with the delta of version n applied. */
  static Manifest apply(Manifest base, Delta delta) {
    if (delta.version() != base.version() + 1) {
      throw new StorageException("manifest delta " + delta.version() + " does not follow version "
          + base.version());
    }
    SortedMap<String, TableEntry> tables = new TreeMap<>(base.tables());
    delta.dropped().forEach(tables::remove);
    delta.tables().forEach((name, patch) -> tables.put(name, patch.applyTo(tables.get(name))));
    Manifest next = new Manifest(delta.format(), delta.version(), tables, delta.commitId(),
        delta.parentCommit(), delta.checkpoint(), null,
        delta.schemas() != null ? delta.schemas() : base.schemas(),
        delta.sequences() != null ? delta.sequences() : base.sequences());
    SortedMap<String, BlobRef> located = new TreeMap<>();
    for (String key : InlineBlobs.namedBy(next)) {
      BlobRef ref = delta.inline().get(key);
      if (ref == null) {
        ref = base.inline().get(key);
      }
      if (ref != null) {
        located.put(key, ref);
      }
    }
    return next.storedAs(delta.checkpoint(), located);
  }

  private static SortedMap<String, BlobRef> absolute(SortedMap<String, BlobRef> refs, long version,
      long section) {
    SortedMap<String, BlobRef> out = new TreeMap<>();
    refs.forEach((key, ref) -> out.put(key, ref.version() == version ? absolute(ref, section) : ref));
    return out;
  }

  private static BlobRef absolute(BlobRef ref, long section) {
    return new BlobRef(ref.version(), ref.offset() + section, ref.length());
  }

  private static byte[] write(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new StorageException("could not write the manifest", e);
    }
  }
}
