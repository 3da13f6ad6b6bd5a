package io.s3vector.storage.table;

import io.s3vector.storage.StorageException;

/** Thrown by {@link Database#createTable} (and, as {@link IndexExistsException}, by {@link Table#createIndex}) when the name is taken: SQLSTATE 42P07. */
public class TableExistsException extends StorageException {
  public TableExistsException(String table) {
    super("relation \"" + table + "\" already exists");
  }
}
