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
 */
public record Manifest(int format, long version, SortedMap<String, TableEntry> tables) {

  public static final int FORMAT = 1;

  public Manifest {
    tables = Collections.unmodifiableSortedMap(new TreeMap<>(tables));
  }

  public static Manifest empty() {
    return new Manifest(FORMAT, 0, new TreeMap<>());
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
    return new Manifest(FORMAT, version, next);
  }

  public Manifest withoutTable(String name) {
    TreeMap<String, TableEntry> next = new TreeMap<>(tables);
    next.remove(name);
    return new Manifest(FORMAT, version, next);
  }

  Manifest withVersion(long newVersion) {
    return new Manifest(FORMAT, newVersion, tables);
  }

  byte[] toJson() {
    return CatalogJson.write(this);
  }

  static Manifest parse(byte[] json) {
    return CatalogJson.read(json, Manifest.class, "manifest");
  }
}
