package io.s3vector.storage.manifest;

import io.s3vector.storage.table.SequenceSpec;
import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The whole catalog at one version: every table with its schema, segments and sequences. Stored
 * as {@code _manifest/v<version>.json}; a commit writes version + 1 only if nobody else did.
 *
 * @param format the manifest format version
 * @param version this manifest's version (0: the empty store, never written)
 * @param tables table name → entry
 * @param commitId a fresh id of the commit that wrote this version (null before it is written,
 *     and in manifests written before commit ids existed)
 * @param parentCommit the commit id of the version this one was built on (null for the first
 *     version, or when that version had none): with it, a writer whose put outcome is in doubt can
 *     tell whether later versions were built on its manifest ({@link LateCommitCheck})
 * @param checkpoint the version of the whole catalog this one was built from: itself when it was
 *     written whole, else an earlier version that the deltas after it turn into this one ({@link
 *     ManifestObject}); 0 in manifests written before deltas existed (always whole)
 * @param inline where the small objects this catalog names (packs, deletion sets) live when they
 *     were written inside a manifest version ({@link InlineBlobs}); key → location
 * @param schemas the names of the schemas created in the store (CREATE SCHEMA); the storage
 *     does not interpret them (the SQL layer names a table by its schema and name)
 * @param sequences the sequences made by CREATE SEQUENCE, by name (named as tables are: a table,
 *     an index and a sequence never share a name)
 */
public record Manifest(int format, long version, SortedMap<String, TableEntry> tables,
    String commitId, String parentCommit, long checkpoint, SortedMap<String, BlobRef> inline,
    SortedSet<String> schemas, SortedMap<String, SequenceSpec> sequences) {

  /**
   * 3: a delta may give a table's segments as edits of the list before ({@link TablePatch});
   * 2: versions may be deltas and hold inline objects; 1: every version whole.
   */
  public static final int FORMAT = 3;

  public Manifest {
    tables = Collections.unmodifiableSortedMap(new TreeMap<>(tables));
    inline = inline == null ? Collections.emptySortedMap() : FrozenSortedMap.of(inline);
    schemas = schemas == null ? Collections.emptySortedSet()
        : Collections.unmodifiableSortedSet(new TreeSet<>(schemas));
    sequences = sequences == null ? Collections.emptySortedMap()
        : Collections.unmodifiableSortedMap(new TreeMap<>(sequences));
  }

  /** A catalog without sequences of their own, as manifests before they existed. */
  public Manifest(int format, long version, SortedMap<String, TableEntry> tables,
      String commitId, String parentCommit, long checkpoint, SortedMap<String, BlobRef> inline,
      SortedSet<String> schemas) {
    this(format, version, tables, commitId, parentCommit, checkpoint, inline, schemas, null);
  }

  /** A catalog of tables only (no schemas created), as manifests before schemas existed. */
  public Manifest(int format, long version, SortedMap<String, TableEntry> tables,
      String commitId, String parentCommit, long checkpoint, SortedMap<String, BlobRef> inline) {
    this(format, version, tables, commitId, parentCommit, checkpoint, inline, null);
  }

  public static Manifest empty() {
    return new Manifest(FORMAT, 0, new TreeMap<>(), null, null, 0, null, null, null);
  }

  public TableEntry table(String name) {
    return tables.get(name);
  }

  /** The table that has the index of this name, or null (index names are unique in a store). */
  public TableEntry tableOfIndex(String index) {
    for (TableEntry entry : tables.values()) {
      if (entry.index(index) != null || entry.schema().secondaryIndex(index) != null) {
        return entry;
      }
    }
    return null;
  }

  public Manifest withTable(TableEntry entry) {
    TreeMap<String, TableEntry> next = new TreeMap<>(tables);
    next.put(entry.schema().name(), entry);
    return new Manifest(FORMAT, version, next, commitId, parentCommit, checkpoint, inline, schemas,
        sequences);
  }

  public Manifest withoutTable(String name) {
    TreeMap<String, TableEntry> next = new TreeMap<>(tables);
    next.remove(name);
    return new Manifest(FORMAT, version, next, commitId, parentCommit, checkpoint, inline, schemas,
        sequences);
  }

  /** This catalog with {@code name} among its schemas. */
  public Manifest withSchema(String name) {
    TreeSet<String> next = new TreeSet<>(schemas);
    next.add(name);
    return new Manifest(FORMAT, version, tables, commitId, parentCommit, checkpoint, inline, next,
        sequences);
  }

  /** This catalog without the schema {@code name} (its tables are the caller's to remove). */
  public Manifest withoutSchema(String name) {
    TreeSet<String> next = new TreeSet<>(schemas);
    next.remove(name);
    return new Manifest(FORMAT, version, tables, commitId, parentCommit, checkpoint, inline, next,
        sequences);
  }

  /** This catalog with the sequence {@code name} as {@code spec} (null: without it). */
  public Manifest withSequence(String name, SequenceSpec spec) {
    TreeMap<String, SequenceSpec> next = new TreeMap<>(sequences);
    if (spec == null) {
      next.remove(name);
    } else {
      next.put(name, spec);
    }
    return new Manifest(FORMAT, version, tables, commitId, parentCommit, checkpoint, inline, schemas,
        next);
  }

  /** This catalog as the version after {@code base}, under a fresh commit id. */
  Manifest successorOf(Manifest base) {
    return new Manifest(FORMAT, base.version() + 1, tables, io.s3vector.storage.layout.RandomIds.uuid(),
        base.commitId(), checkpoint, inline, schemas, sequences);
  }

  /** This catalog with the bookkeeping of how it is stored replaced. */
  Manifest storedAs(long checkpointVersion, SortedMap<String, BlobRef> locations) {
    return new Manifest(format, version, tables, commitId, parentCommit, checkpointVersion,
        locations, schemas, sequences);
  }
}
