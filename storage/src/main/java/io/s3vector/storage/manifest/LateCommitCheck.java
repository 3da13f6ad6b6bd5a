package io.s3vector.storage.manifest;

import io.s3vector.storage.layout.Layout;
import io.s3vector.storage.objectstore.ObjectStore;
import java.util.Optional;

/**
 * Decides whether a manifest whose put succeeded, but returned later than the manifest retention
 * allows, really is in the chain of versions. The doubt: while the put was in flight (an S3 call
 * may retry for minutes), another writer may have written the same version, a successor, and a
 * pruner deleted that version after the retention — then our put "succeeded" into a freed name,
 * behind a newer manifest, and acknowledging it would lose the commit silently.
 *
 * <p>Versions are deleted only when they are not among the newest few and their successor was seen
 * long enough ago; so our manifest is in the chain when it is the newest, or when the version after
 * it was built on it (its {@code parentCommit} is our commit id).
 */
final class LateCommitCheck {

  enum Outcome {
    /** The manifest is in the chain: acknowledge the commit. */
    COMMITTED,
    /** Another manifest holds the version, or the next version was built on another: retry. */
    LOST,
    /** The evidence is gone (the next version was pruned too): neither acknowledge nor retry. */
    UNKNOWN
  }

  private LateCommitCheck() {}

  static Outcome outcome(ObjectStore store, Manifest ours, long newestVersion) {
    Optional<byte[]> atOurs = store.get(Layout.manifestKey(ours.version()));
    if (atOurs.isPresent() && !ours.commitId().equals(ManifestObject.decode(Layout.manifestKey(ours.version()), atOurs.get()).commitId())) {
      return Outcome.LOST;
    }
    if (atOurs.isPresent() && newestVersion == ours.version()) {
      return Outcome.COMMITTED;
    }
    Optional<byte[]> next = store.get(Layout.manifestKey(ours.version() + 1));
    if (next.isEmpty()) {
      return Outcome.UNKNOWN;
    }
    return ours.commitId().equals(ManifestObject.decode(Layout.manifestKey(ours.version() + 1), next.get()).parentCommit())
        ? Outcome.COMMITTED
        : Outcome.LOST;
  }
}
