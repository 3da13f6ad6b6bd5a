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
