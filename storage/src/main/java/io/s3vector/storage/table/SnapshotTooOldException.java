package io.s3vector.storage.table;

import io.s3vector.storage.StorageException;

/**
 * A read through a view (or snapshot) older than the delete grace: segments it lists may already
 * be deleted, so it fails instead of reading half-deleted data. PostgreSQL's "snapshot too old"
 * (SQLSTATE 72000) is the model; running the statement again reads the newest version.
 */
public class SnapshotTooOldException extends StorageException {
  private final String detail;

  public SnapshotTooOldException(String detail) {
    super("snapshot too old");
    this.detail = detail;
  }

  /** Which view, how old, and the grace it outlived. */
  public String detail() {
    return detail;
  }

  @Override
  public String getMessage() {
    return "snapshot too old: " + detail;
  }
}
