package io.s3vector.storage;

/** A failure of the storage layer (I/O, a corrupt object, a conflict that retries could not resolve). */
public class StorageException extends RuntimeException {
  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
