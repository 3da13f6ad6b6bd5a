package io.s3vector.storage.table;

import io.s3vector.storage.StorageException;

/**
 * This server may not write the store: it does not honour conditional writes, and another server
 * holds (or took over) the writer lease. Thrown when a database opens (the server refuses to
 * start) and by commits of a server that lost its lease.
 */
public class WriterLeaseException extends StorageException {
  public WriterLeaseException(String message) {
    super(message);
  }
}
