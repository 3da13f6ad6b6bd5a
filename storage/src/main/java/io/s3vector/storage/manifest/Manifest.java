package io.s3vector.storage.manifest;

import io.s3vector.storage.layout.CatalogJson;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

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
 */
public record Manifest(int format, long version, SortedMap<String, TableEntry> tables,
    String commitId, String parentCommit) {

  public static final int FORMAT = 1;

  public Manifest {
    tables = Collections.unmodifiableSortedMap(new TreeMap<>(tables));
  }

  public static Manifest empty() {
    return new Manifest(FORMAT, 0, new TreeMap<>(), null, null);
  }

  public TableEntry table(String name) {
    return tables.get(name);
  }

  /** The table that has the index of this name, or null (index names are unique in a store). */
  public TableEntry tableOfIndex(String index) {
    for (TableEntry entry : tables.values()) {
      if (entry.index(index) != null) {
        return entry;
      }
    }
    return null;
  }

  public Manifest withTable(TableEntry entry) {
    TreeMap<String, TableEntry> next = new TreeMap<>(tables);
    next.put(entry.schema().name(), entry);
    return new Manifest(FORMAT, version, next, commitId, parentCommit);
  }

  public Manifest withoutTable(String name) {
    TreeMap<String, TableEntry> next = new TreeMap<>(tables);
    next.remove(name);
    return new Manifest(FORMAT, version, next, commitId, parentCommit);
  }

  /** This catalog as the version after {@code base}, under a fresh commit id. */
  Manifest successorOf(Manifest base) {
    return new Manifest(FORMAT, base.version() + 1, tables, java.util.UUID.randomUUID().toString(),
        base.commitId());
  }

  byte[] toJson() {
    return CatalogJson.write(this);
  }

  static Manifest parse(byte[] json) {
    return CatalogJson.read(json, Manifest.class, "manifest");
  }
}
