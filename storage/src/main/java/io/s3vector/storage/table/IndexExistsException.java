package io.s3vector.storage.table;

/**
 * Thrown by {@link Table#createIndex} when the name is taken by an index or a table (one
 * namespace of relations, as in PostgreSQL). A {@link TableExistsException}, so the SQL layer's
 * mapping to SQLSTATE 42P07 covers it.
 */
public final class IndexExistsException extends TableExistsException {
  public IndexExistsException(String name) {
    super(name);
  }
}
