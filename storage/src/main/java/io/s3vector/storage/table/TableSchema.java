package io.s3vector.storage.table;

import java.util.ArrayList;
import java.util.List;

/**
 * A table's columns and constraints.
 *
 * @param name the table name (case-folded by the SQL layer)
 * @param columns the columns in declaration order
 * @param primaryKey names of the primary-key columns, empty when there is none (the columns of
 *     the {@link TableConstraint.Kind#PRIMARY_KEY} constraint when there is one)
 * @param constraints PRIMARY KEY, UNIQUE, CHECK and FOREIGN KEY declarations; empty for manifests
 *     written before constraints were kept (a missing JSON field reads as an empty list)
 */
public record TableSchema(
    String name, List<ColumnSpec> columns, List<String> primaryKey,
    List<TableConstraint> constraints) {

  public TableSchema {
    columns = List.copyOf(columns);
    constraints = constraints == null ? List.of() : List.copyOf(constraints);
    if (primaryKey == null || primaryKey.isEmpty()) {
      primaryKey = List.of();
      for (TableConstraint c : constraints) {
        if (c.kind() == TableConstraint.Kind.PRIMARY_KEY) {
          primaryKey = c.columns();
        }
      }
    } else {
      primaryKey = List.copyOf(primaryKey);
    }
  }

  /** Without declared constraints (the primary key, if any, is kept as a list of columns). */
  public TableSchema(String name, List<ColumnSpec> columns, List<String> primaryKey) {
    this(name, columns, primaryKey, List.of());
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

  /** The constraints of one kind, in declaration order. */
  public List<TableConstraint> constraints(TableConstraint.Kind kind) {
    List<TableConstraint> out = new ArrayList<>();
    for (TableConstraint c : constraints) {
      if (c.kind() == kind) {
        out.add(c);
      }
    }
    return out;
  }

  /** The constraint of this name, or null. */
  public TableConstraint constraint(String name) {
    for (TableConstraint c : constraints) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    return null;
  }
}
