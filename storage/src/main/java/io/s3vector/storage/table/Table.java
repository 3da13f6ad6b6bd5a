package io.s3vector.storage.table;

import java.util.List;

/** One table: its schema, a durable append path and consistent read snapshots. Thread-safe. */
public interface Table {

  String name();

  TableSchema schema();

  /**
   * Appends rows (values in schema column order, Java classes as {@link ColumnType} documents,
   * already checked by the SQL layer). A null in a {@link ColumnSpec#serial()} column takes the
   * next sequence value. Returns only when the rows and the manifest that names them are durable
   * in the store; concurrent appends may be committed together (group commit).
   *
   * @return the rows as stored, with serial values filled in, in the same order
   */
  List<Object[]> append(List<Object[]> rows);

  /** A consistent view of the table's committed rows, unaffected by later appends. */
  TableSnapshot snapshot();
}
