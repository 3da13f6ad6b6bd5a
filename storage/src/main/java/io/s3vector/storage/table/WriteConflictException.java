package io.s3vector.storage.table;

import io.s3vector.storage.StorageException;

/**
 * A commit found that rows it deletes (or updates) were deleted, or their segment merged, by
 * another commit after its snapshot was taken. Nothing of the write took effect. PostgreSQL's
 * "could not serialize access due to concurrent update" (SQLSTATE 40001): a single statement can
 * simply run again, on the newest version.
 */
public class WriteConflictException extends StorageException {
  public WriteConflictException(String message) {
    super(message);
  }
}
