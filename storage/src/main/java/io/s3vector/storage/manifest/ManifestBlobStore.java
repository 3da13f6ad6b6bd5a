package io.s3vector.storage.manifest;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.objectstore.ObjectStore;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The store as the database sees it, with the small objects of commits inline in manifest versions
 * ({@link InlineBlobs}): a put of a pack or a deletion set is staged until the commit that names
 * it, and a read of one is served from the version that holds it. Every other key passes through.
 */
public final class ManifestBlobStore implements ObjectStore {

  private final ObjectStore store;
  private final InlineBlobs blobs;

  public ManifestBlobStore(ObjectStore store, InlineBlobs blobs) {
    this.store = store;
    this.blobs = blobs;
  }

  @Override
  public Optional<byte[]> get(String key) {
    byte[] known = known(key);
    if (known != null) {
      return Optional.of(known);
    }
    BlobRef ref = blobs.locate(key);
    if (ref == null) {
      return store.get(key);
    }
    return Optional.of(readInline(key, ref));
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    if (!isInline(key)) {
      return store.getRange(key, offset, length); // an ordinary object: read only the range
    }
    // an inline object is small (a pack, a deletion set): read whole once, then sliced
    byte[] whole = get(key).orElseThrow(
        () -> new StorageException("object \"" + key + "\" does not exist"));
    return slice(whole, offset, length);
  }

  @Override
  public CompletableFuture<Optional<byte[]>> getAsync(String key) {
    byte[] known = known(key);
    if (known != null) {
      return CompletableFuture.completedFuture(Optional.of(known));
    }
    BlobRef ref = blobs.locate(key);
    if (ref == null) {
      return store.getAsync(key);
    }
    return store.getRangeAsync(InlineBlobs.objectKey(ref), ref.offset(), ref.length())
        .thenApply(bytes -> Optional.of(checked(key, ref, bytes)));
  }

  @Override
  public CompletableFuture<byte[]> getRangeAsync(String key, long offset, int length) {
    if (!isInline(key)) {
      return store.getRangeAsync(key, offset, length);
    }
    return getAsync(key).thenApply(whole -> slice(whole.orElseThrow(), offset, length));
  }

  /**
   * A pack or deletion set is staged until its commit; anything else is written at once. Large
   * ones are written as objects of their own (the version object stays small).
   */
  @Override
  public void put(String key, byte[] data) {
    if (InlineBlobs.inlinable(key) && data.length <= InlineBlobs.MAX_INLINE_BYTES) {
      blobs.stage(key, data);
      return;
    }
    store.put(key, data);
  }

  @Override
  public boolean putIfAbsent(String key, byte[] data) {
    return store.putIfAbsent(key, data);
  }

  @Override
  public boolean guaranteesConditionalWrites() {
    return store.guaranteesConditionalWrites();
  }

  @Override
  public List<String> list(String prefix) {
    return store.list(prefix);
  }

  /** A staged object is forgotten; an inline one goes with its version ({@link ManifestLog#prune}). */
  @Override
  public void delete(String key) {
    if (isStored(key)) {
      store.delete(key);
    }
  }

  @Override
  public void deleteAll(List<String> keys) {
    List<String> stored = new java.util.ArrayList<>();
    for (String key : keys) {
      if (isStored(key)) {
        stored.add(key);
      }
    }
    store.deleteAll(stored);
  }

  /** Whether a key to delete is an object of the store: a staged one is forgotten here instead. */
  private boolean isStored(String key) {
    return !blobs.unstage(key) && blobs.locate(key) == null;
  }

  @Override
  public String location() {
    return store.location();
  }

  @Override
  public void close() {
    store.close();
  }

  @Override
  public String toString() {
    return store.toString();
  }

  /** Whether the key is a staged, recent or committed inline object (else an object of its own). */
  private boolean isInline(String key) {
    return known(key) != null || blobs.locate(key) != null;
  }

  private byte[] known(String key) {
    byte[] staged = blobs.staged(key);
    return staged != null ? staged : blobs.recent(key);
  }

  private byte[] readInline(String key, BlobRef ref) {
    return checked(key, ref, store.getRange(InlineBlobs.objectKey(ref), ref.offset(), ref.length()));
  }

  private byte[] checked(String key, BlobRef ref, byte[] bytes) {
    if (bytes.length != ref.length()) {
      throw new StorageException("object \"" + key + "\" in " + InlineBlobs.objectKey(ref)
          + " is cut short (" + bytes.length + " of " + ref.length() + " bytes)");
    }
    blobs.remember(key, bytes);
    return bytes;
  }

  private static byte[] slice(byte[] whole, long offset, int length) {
    int from = (int) Math.min(offset, whole.length);
    return Arrays.copyOfRange(whole, from, (int) Math.min(whole.length, from + (long) length));
  }
}
