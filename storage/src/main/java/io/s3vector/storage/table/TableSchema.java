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
 * @param secondaryIndexes indexes kept for the catalogs only ({@link SecondaryIndex})
 */
public record TableSchema(
    String name, List<ColumnSpec> columns, List<String> primaryKey,
    List<TableConstraint> constraints, java.util.Map<String, String> comments,
    List<SecondaryIndex> secondaryIndexes) {

  public TableSchema {
    secondaryIndexes = secondaryIndexes == null ? List.of() : List.copyOf(secondaryIndexes);
    columns = List.copyOf(columns);
    // COMMENT ON: "" for the table, a column's name for the column (sorted, so the JSON is stable)
    comments = comments == null ? java.util.Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(comments));
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

  public TableSchema(String name, List<ColumnSpec> columns, List<String> primaryKey,
      List<TableConstraint> constraints) {
    this(name, columns, primaryKey, constraints, java.util.Map.of(), List.of());
  }

  /** This schema with other columns and comments; its secondary indexes on dropped columns go. */
  public TableSchema withColumns(List<ColumnSpec> next, java.util.Map<String, String> nextComments) {
    List<SecondaryIndex> kept = new ArrayList<>();
    for (SecondaryIndex index : secondaryIndexes) {
      if (index.columns().stream().allMatch(c -> next.stream().anyMatch(col -> col.name().equals(c)))) {
        kept.add(index);
      }
    }
    return new TableSchema(name, next, primaryKey, constraints, nextComments, kept);
  }

  /** The secondary index of this name, or null. */
  public SecondaryIndex secondaryIndex(String indexName) {
    for (SecondaryIndex index : secondaryIndexes) {
      if (index.name().equals(indexName)) {
        return index;
      }
    }
    return null;
  }

  /** This schema with {@code index} added, or without the one of {@code name} (index null). */
  public TableSchema withSecondaryIndex(String indexName, SecondaryIndex index) {
    List<SecondaryIndex> next = new ArrayList<>(secondaryIndexes);
    next.removeIf(i -> i.name().equals(indexName));
    if (index != null) {
      next.add(index);
    }
    return new TableSchema(name, columns, primaryKey, constraints, comments, next);
  }

  /** This schema with a comment set (null: removed) on the table ({@code ""}) or a column. */
  public TableSchema withComment(String target, String comment) {
    java.util.Map<String, String> next = new java.util.TreeMap<>(comments);
    if (comment == null) {
      next.remove(target);
    } else {
      next.put(target, comment);
    }
    return new TableSchema(name, columns, primaryKey, constraints, next, secondaryIndexes);
  }

  /** The table's comment ({@code COMMENT ON TABLE}), or null. */
  public String comment() {
    return comments.get("");
  }

  /** A column's comment ({@code COMMENT ON COLUMN}), or null. */
  public String comment(String column) {
    return comments.get(column);
  }

  /** Without declared constraints (the primary key, if any, is kept as a list of columns). */
  public TableSchema(String name, List<ColumnSpec> columns, List<String> primaryKey) {
    this(name, columns, primaryKey, List.of());
  }

  /** A unique key the table enforces: its constraint's name and columns. */
  public record UniqueKey(String name, List<String> columns, boolean nullsNotDistinct) {

    /** A key whose NULLs are distinct (every PRIMARY KEY, and UNIQUE by default). */
    public UniqueKey(String name, List<String> columns) {
      this(name, columns, false);
    }

    /**
     * Whether {@code value} can equal another row's: always, but for a key with a NULL whose
     * NULLs are distinct (as in PostgreSQL, such a key never conflicts).
     */
    public boolean comparable(Object[] value) {
      return nullsNotDistinct || !io.s3vector.storage.keys.KeyIndex.hasNull(value);
    }
  }

  /**
   * The keys rows must not share: the PRIMARY KEY and UNIQUE constraints, in declaration order (a
   * primary key kept without its constraint, by a schema made before they were kept, is named as
   * PostgreSQL names it), then the UNIQUE indexes.
   */
  public List<UniqueKey> uniqueKeys() {
    List<UniqueKey> keys = new ArrayList<>();
    boolean primary = false;
    for (TableConstraint c : constraints) {
      if (c.kind() == TableConstraint.Kind.PRIMARY_KEY || c.kind() == TableConstraint.Kind.UNIQUE) {
        keys.add(new UniqueKey(c.name(), c.columns(), c.nullsNotDistinct()));
        primary |= c.kind() == TableConstraint.Kind.PRIMARY_KEY;
      }
    }
    if (!primary && !primaryKey.isEmpty()) {
      keys.add(0, new UniqueKey(name + "_pkey", primaryKey));
    }
    for (SecondaryIndex index : secondaryIndexes) {
      if (index.unique()) {
        keys.add(new UniqueKey(index.name(), index.columns(), index.nullsNotDistinct()));
      }
    }
    return keys;
  }

  /** The positions of every column, in order: what a read of whole rows asks for. */
  public int[] allColumns() {
    int[] positions = new int[columns.size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = i;
    }
    return positions;
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
