package io.s3vector.storage.objectstore;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.layout.Layout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies a database from one object store to another, key by key (a data folder into a bucket,
 * or back): both hold the same layout, so the copy opens unchanged. A folder cannot be copied
 * into a bucket with a file tool, because the folder keeps its manifest versions in one log
 * file, not one file per version.
 *
 * <p>The manifest versions are copied last, oldest first, so that a server opening the
 * destination during the copy finds either no database or a manifest whose objects are all
 * there. The source must not be written meanwhile (stop its server first): what a commit adds
 * during the copy may be missing from it.
 */
public final class StoreCopy {

  /** Objects in flight at once (S3 requests take tens of milliseconds each). */
  private static final int PARALLEL = 16;

  /** What a copy did. */
  public record Copied(long objects, long bytes) {}

  private StoreCopy() {}

  /**
   * Copies every object of {@code from} into {@code to}.
   *
   * @throws IllegalStateException when {@code from} holds no database (no manifest: a wrong
   *     folder or prefix, which would copy nothing and seem to succeed), or {@code to} already
   *     holds one, which the copy would mix with this one
   */
  public static Copied copy(ObjectStore from, ObjectStore to) {
    if (from.list(Layout.MANIFEST_PREFIX).isEmpty()) {
      throw new IllegalStateException(
          "the source holds no database (it has no " + Layout.MANIFEST_PREFIX + ")");
    }
    if (!to.list(Layout.MANIFEST_PREFIX).isEmpty()) {
      throw new IllegalStateException(
          "the destination already holds a database (it has " + Layout.MANIFEST_PREFIX + ")");
    }
    List<String> data = new ArrayList<>();
    List<String> manifests = new ArrayList<>();
    for (String key : from.list("")) {
      (key.startsWith(Layout.MANIFEST_PREFIX) ? manifests : data).add(key);
    }
    AtomicLong bytes = new AtomicLong();
    copyAll(from, to, data, bytes);
    manifests.sort(null); // versions are numbered with leading zeros: in order
    for (String key : manifests) {
      bytes.addAndGet(copyOne(from, to, key));
    }
    return new Copied(data.size() + manifests.size(), bytes.get());
  }

  private static void copyAll(ObjectStore from, ObjectStore to, List<String> keys,
      AtomicLong bytes) {
    Semaphore slots = new Semaphore(PARALLEL);
    List<Future<?>> copies = new ArrayList<>(keys.size());
    try (ExecutorService copiers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (String key : keys) {
        slots.acquireUninterruptibly();
        copies.add(copiers.submit(() -> {
          try {
            bytes.addAndGet(copyOne(from, to, key));
          } finally {
            slots.release();
          }
        }));
      }
      for (Future<?> copy : copies) {
        try {
          copy.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw e.getCause() instanceof RuntimeException r ? r
              : new StorageException("could not copy: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new StorageException("interrupted while copying", e);
        }
      }
    }
  }

  private static long copyOne(ObjectStore from, ObjectStore to, String key) {
    byte[] bytes = from.get(key).orElseThrow(
        () -> new StorageException("\"" + key + "\" vanished from the source during the copy"));
    to.put(key, bytes);
    return bytes.length;
  }
}
