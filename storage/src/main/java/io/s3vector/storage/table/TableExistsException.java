package io.s3vector.storage.table;

import io.s3vector.storage.StorageException;

/**
 * Thrown by {@link Database#createTable} when the name is taken (SQLSTATE 42P07), and, as its
 * subclass {@link IndexExistsException}, by {@link Table#createIndex}.
 */
public class TableExistsException extends StorageException {
  public TableExistsException(String table) {
    super("relation \"" + table + "\" already exists");
  }
}
