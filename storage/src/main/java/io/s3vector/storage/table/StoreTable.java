package io.s3vector.storage.table;

import io.s3vector.storage.StorageException;
import java.util.List;

/**
 * A handle on one table of a {@link StoreDatabase}. It resolves the table in the newest manifest
 * on every call, so a handle kept across commits (of this or another server) sees them; it is
 * bound to the table's id, so after DROP TABLE and CREATE TABLE of the same name it fails rather
 * than touch the new table.
 */
public final class StoreTable implements Table {

  private final StoreDatabase database;
  private final String id;
  private final String name;
  private volatile TableSchema lastSchema;

  StoreTable(StoreDatabase database, TableEntry entry) {
    this.database = database;
    this.id = entry.id();
    this.name = entry.schema().name();
    this.lastSchema = entry.schema();
  }

  @Override
  public String name() {
    return name;
  }

  /** The table's id in the manifest. */
  public String id() {
    return id;
  }

  @Override
  public TableSchema schema() {
    TableEntry entry = database.manifest().table(name);
    if (entry != null && entry.id().equals(id)) {
      lastSchema = entry.schema();
    }
    return lastSchema;
  }

  @Override
  public List<Object[]> append(List<Object[]> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    TableSchema schema = schema();
    List<ColumnSpec> columns = schema.columns();
    for (Object[] row : rows) {
      if (row.length != columns.size()) {
        throw new StorageException(
            "row of " + row.length + " values for the " + columns.size() + " columns of \""
                + name + "\"");
      }
      for (int c = 0; c < columns.size(); c++) {
        ColumnSpec spec = columns.get(c);
        if (row[c] == null && spec.notNull() && !spec.serial()) {
          throw new StorageException(
              "null value in column \"" + spec.name() + "\" of relation \"" + name
                  + "\" violates not-null constraint");
        }
      }
    }
    return database.committer().append(id, name, rows);
  }

  @Override
  public StoreSnapshot snapshot() {
    Manifest manifest = database.manifest();
    TableEntry entry = manifest.table(name);
    if (entry == null || !entry.id().equals(id)) {
      throw new StorageException("relation \"" + name + "\" does not exist");
    }
    return new StoreSnapshot(entry, manifest.version(), database.reader(),
        database.segmentIndexes());
  }

  @Override
  public boolean createIndex(IndexDefinition index, boolean ifNotExists) {
    return database.indexDdl().create(id, name, index, ifNotExists);
  }

  @Override
  public boolean dropIndex(String index) {
    return database.indexDdl().drop(id, name, index);
  }

  @Override
  public String toString() {
    return name;
  }
}
