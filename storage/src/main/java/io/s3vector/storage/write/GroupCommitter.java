package io.s3vector.storage.write;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.manifest.Manifest;
import io.s3vector.storage.manifest.ManifestLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: one thread takes every write's manifest change waiting in the queue and commits
 * them all with one manifest version (the writes' segments, small packs and deletion sets, are
 * staged before). While it commits, new changes queue up and form the next group, so many
 * concurrent single-row writes cost a few durable manifest writes rather than one each. A change
 * that fails its checks (a duplicate key, a conflict) fails alone. Every caller waits until the
 * manifest holding its change is durable.
 */
public final class GroupCommitter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

  /**
   * A staged write's manifest change (its segments already written), committed in the group's
   * manifest version; a change that throws fails alone, leaving the others.
   */
  private record Change(UnaryOperator<Manifest> apply, CompletableFuture<Manifest> done) {}

  private final LinkedBlockingQueue<Change> queue = new LinkedBlockingQueue<>();
  private final ManifestLog log;
  private final Thread thread;
  private volatile boolean closed;

  public GroupCommitter(ManifestLog log) {
    this.log = log;
    this.thread = Thread.ofPlatform().daemon().name("s3vector-committer").start(this::run);
  }

  /**
   * Commits a staged write's change with the group's next manifest version and returns that
   * manifest; throws what the change threw (it then took no effect), or the commit's failure.
   */
  public Manifest commit(UnaryOperator<Manifest> apply) {
    if (closed) {
      throw new StorageException("the database is closed");
    }
    CompletableFuture<Manifest> done = new CompletableFuture<>();
    queue.add(new Change(apply, done));
    try {
      return done.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new StorageException("commit failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while waiting for the commit", e);
    }
  }

  private void run() {
    while (!closed || !queue.isEmpty()) {
      List<Change> batch = new ArrayList<>();
      try {
        Change first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch);
      } catch (InterruptedException e) {
        if (closed) {
          break;
        }
        continue;
      }
      commit(batch);
    }
    StorageException closing = new StorageException("the database is closed");
    for (Change waiting : queue) {
      waiting.done().completeExceptionally(closing);
    }
  }

  private void commit(List<Change> changes) {
    Map<Change, RuntimeException> refused = new java.util.HashMap<>();
    Manifest committed;
    try {
      committed = log.commit(
          base -> {
            Manifest next = base;
            refused.clear();
            for (Change change : changes) {
              try {
                next = change.apply().apply(next);
              } catch (RuntimeException e) {
                refused.put(change, e); // that write fails alone; the manifest is as before it
              }
            }
            return next;
          });
    } catch (RuntimeException | Error e) {
      LOG.warn("group commit of {} writes failed: {}", changes.size(), e.toString());
      for (Change change : changes) {
        change.done().completeExceptionally(e);
      }
      return;
    }
    for (Change change : changes) {
      RuntimeException e = refused.get(change);
      if (e != null) {
        change.done().completeExceptionally(e);
      } else {
        change.done().complete(committed);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
