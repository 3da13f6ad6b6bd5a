package io.s3vector.storage.table;

import java.util.List;

/**
 * A table's columns and primary key.
 *
 * @param name the table name (case-folded by the SQL layer)
 * @param columns the columns in declaration order
 * @param primaryKey names of the primary-key columns, empty when there is none
 */
public record TableSchema(String name, List<ColumnSpec> columns, List<String> primaryKey) {

  /** A unique key the table enforces: its constraint's name and columns. */
  public record UniqueKey(String name, List<String> columns) {}

  /** The keys rows must not share (the primary key, named as PostgreSQL names it). */
  public List<UniqueKey> uniqueKeys() {
    if (primaryKey == null || primaryKey.isEmpty()) {
      return List.of();
    }
    return List.of(new UniqueKey(name + "_pkey", primaryKey));
  }

  /** The positions of the columns. */
  public int[] indexesOf(List<String> names) {
    int[] positions = new int[names.size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = indexOf(names.get(i));
    }
    return positions;
  }

  /** The position of the column, or -1. */
  public int indexOf(String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) {
        return i;
      }
    }
    return -1;
  }
}
