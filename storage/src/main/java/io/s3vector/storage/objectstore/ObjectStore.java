package io.s3vector.storage.objectstore;

import java.util.List;
import java.util.Optional;

/**
 * The whole contract the storage layer needs from a blob store: a local folder and an S3 bucket
 * implement it alike, so everything above it is testable on both. Keys are '/'-separated paths
 * relative to the store's root. Objects are immutable once written, except that {@link #put}
 * may overwrite (used only for objects whose name is never reused by readers).
 */
public interface ObjectStore extends AutoCloseable {

  /** The whole object, or empty when it does not exist. */
  Optional<byte[]> get(String key);

  /** {@code length} bytes from {@code offset}; fewer when the object is shorter. */
  byte[] getRange(String key, long offset, int length);

  /** Writes the object durably: when this returns, the bytes survive a crash. */
  void put(String key, byte[] data);

  /**
   * Writes the object only when no object has this key (S3: {@code If-None-Match: *}; local: an
   * atomic link). Returns false, writing nothing, when the key exists already.
   */
  boolean putIfAbsent(String key, byte[] data);

  /** Keys that start with {@code prefix}, in lexicographic order. */
  List<String> list(String prefix);

  /** Removes the object; no error when it does not exist. */
  void delete(String key);

  @Override
  default void close() {}
}
