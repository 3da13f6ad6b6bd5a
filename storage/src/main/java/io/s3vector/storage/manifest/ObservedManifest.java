package io.s3vector.storage.manifest;

/**
 * A manifest and when it was last known to be the newest in the store: {@code confirmedNanos}
 * ({@link System#nanoTime()}) is when the listing that found no newer version began. Two rules
 * measure time from it: a commit built on it must land within the manifest retention (no older
 * version can have been deleted before then), and segments it lists stay for the delete grace
 * after it (they can only have left the catalog in a later commit).
 */
public record ObservedManifest(Manifest manifest, long confirmedNanos) {

  /** Nanoseconds since the manifest was confirmed newest. */
  public long ageNanos() {
    return System.nanoTime() - confirmedNanos;
  }
}
