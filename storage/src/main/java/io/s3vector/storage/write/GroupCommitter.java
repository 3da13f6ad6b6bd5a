package io.s3vector.storage.write;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.manifest.Manifest;
import io.s3vector.storage.manifest.ManifestLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: the writes' manifest changes queue up, and one waiting writer at a time (the
 * leader) takes every change in the queue and commits them all with one manifest version (the
 * writes' segments, small packs and deletion sets, are staged before). While it commits, new
 * changes queue up and form the next group, led by one of their writers once the leader is done,
 * so many concurrent single-row writes cost a few durable manifest writes rather than one each. A
 * change that fails its checks (a duplicate key, a conflict) fails alone. Every caller waits
 * until the manifest holding its change is durable.
 *
 * <p>The writer leads instead of handing its change to a thread of the committer's own: a lone
 * writer (one client) then commits on its own thread, where the hand-off woke a thread to commit
 * and another to carry on, twice per commit.
 */
public final class GroupCommitter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
  private static final long CLOSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

  /**
   * A staged write's manifest change (its segments already written), committed in the group's
   * manifest version; a change that throws fails alone, leaving the others.
   */
  private record Change(UnaryOperator<Manifest> apply, CompletableFuture<Manifest> done,
      Condition turn) {}

  private final ManifestLog log;
  private final ReentrantLock lock = new ReentrantLock();
  /** Signalled when a leader is done (what {@link #close} waits for). */
  private final Condition led = lock.newCondition();
  /** The changes no leader has taken yet; guarded by {@link #lock}. */
  private final List<Change> queue = new ArrayList<>();
  /** Whether a writer is committing a group; guarded by {@link #lock}. */
  private boolean leading;
  private volatile boolean closed;

  public GroupCommitter(ManifestLog log) {
    this.log = log;
  }

  /**
   * Commits a staged write's change with the group's next manifest version and returns that
   * manifest; throws what the change threw (it then took no effect), or the commit's failure.
   */
  public Manifest commit(UnaryOperator<Manifest> apply) {
    if (closed) {
      throw new StorageException("the database is closed");
    }
    lock.lock();
    try {
      Change mine = new Change(apply, new CompletableFuture<>(), lock.newCondition());
      queue.add(mine);
      while (!mine.done().isDone()) {
        if (leading) {
          mine.turn().awaitUninterruptibly();
          continue;
        }
        leading = true;
        List<Change> group = new ArrayList<>(queue);
        queue.clear();
        lock.unlock();
        try {
          commit(group);
        } finally {
          lock.lock();
          leading = false;
          // wakes the group's writers (done) and the first of those queued meanwhile (to lead
          // next) only: waking every waiter woke the queued ones to wait again, one each per group
          for (Change done : group) {
            done.turn().signal();
          }
          if (!queue.isEmpty()) {
            queue.get(0).turn().signal();
          }
          led.signalAll();
        }
      }
      return join(mine);
    } finally {
      lock.unlock();
    }
  }

  private static Manifest join(Change mine) {
    try {
      return mine.done().join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new StorageException("commit failed: " + e.getCause(), e.getCause());
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

  /** Refuses new commits and waits (30 s at most) for the groups under way and queued. */
  @Override
  public void close() {
    closed = true;
    long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
    lock.lock();
    try {
      while (leading || !queue.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || led.awaitNanos(left) <= 0) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }
}
