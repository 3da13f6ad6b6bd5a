package io.s3vector.storage.objectstore;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The whole contract the storage layer needs from a blob store: a local folder and an S3 bucket
 * implement it alike, so everything above it is testable on both. Keys are '/'-separated paths
 * relative to the store's root. Objects are immutable once written, except that {@link #put}
 * may overwrite (used only for objects whose name is never reused by readers).
 */
public interface ObjectStore extends AutoCloseable {

  /** The whole object, or empty when it does not exist. */
  Optional<byte[]> get(String key);

  /**
   * {@code length} bytes from {@code offset}; fewer when the object is shorter (none when
   * {@code offset} is at or past its end).
   *
   * @throws io.s3vector.storage.StorageException naming the key when the object does not exist
   */
  byte[] getRange(String key, long offset, int length);

  /**
   * {@link #get} without blocking the caller, for reads issued many at a time (an I/O scheduler
   * keeping dozens of chunk reads in flight). The future fails with a {@code StorageException}.
   * By default it runs the blocking read on the calling thread: right for a local disk, where a
   * read is a page-cache copy; remote stores override it with truly asynchronous requests.
   */
  default CompletableFuture<Optional<byte[]>> getAsync(String key) {
    try {
      return CompletableFuture.completedFuture(get(key));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** {@link #getRange} without blocking the caller; see {@link #getAsync}. */
  default CompletableFuture<byte[]> getRangeAsync(String key, long offset, int length) {
    try {
      return CompletableFuture.completedFuture(getRange(key, offset, length));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Prepares the store for a burst of ranged reads of {@code key}, an object that exists, before a
   * server takes its first query. Nothing to do for a folder; a remote store sends some hundreds of
   * small reads, because its HTTP client answers the first hundreds of requests several times
   * slower than later ones (its code is not compiled yet). Best effort, within {@code budget}.
   */
  default void warmUp(String key, Duration budget) {}

  /** Writes the object durably: when this returns, the bytes survive a crash. */
  void put(String key, byte[] data);

  /**
   * Writes the object only when no object has this key (S3: {@code If-None-Match: *}; local: an
   * atomic link). Returns false, writing nothing, when the key exists already.
   */
  boolean putIfAbsent(String key, byte[] data);

  /**
   * True when {@link #putIfAbsent} is refusing by construction (a local folder's atomic link), so
   * nothing needs to probe it; false when it depends on the server (S3-compatible servers differ).
   */
  default boolean guaranteesConditionalWrites() {
    return false;
  }

  /** Keys that start with {@code prefix}, in lexicographic order. */
  List<String> list(String prefix);

  /** Removes the object; no error when it does not exist. */
  void delete(String key);

  /** Removes the objects (by default one by one; a store may remove them in one request). */
  default void deleteAll(List<String> keys) {
    for (String key : keys) {
      delete(key);
    }
  }

  /**
   * Where the objects live, e.g. a folder's path or {@code s3://bucket/prefix}: two stores with the
   * same location hold the same objects (the Redis cache's namespace is derived from it).
   */
  default String location() {
    return toString();
  }

  @Override
  default void close() {}
}
