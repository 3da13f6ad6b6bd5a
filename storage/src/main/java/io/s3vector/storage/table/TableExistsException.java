package io.s3vector.storage.table;

import io.s3vector.storage.StorageException;

/** Thrown by {@link Database#createTable} when the name is taken. */
public final class TableExistsException extends StorageException {
  public TableExistsException(String table) {
    super("relation \"" + table + "\" already exists");
  }
}
