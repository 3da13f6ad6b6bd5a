package io.s3vector.storage.manifest;

/**
 * Asked right before each manifest put whether this server may still commit; throws (a {@code
 * StorageException}) when it may not. The writer lease ({@link WriterLease}) is one: on a store
 * without conditional writes only its holder commits.
 */
@FunctionalInterface
public interface CommitGuard {
  CommitGuard NONE = () -> {};

  void beforeCommit();
}
