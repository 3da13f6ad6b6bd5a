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
 * <p>A write of a few rows hands them to the group ({@link Change#rows}) instead of writing a pack
 * of its own, and deletions of a segment whose set the group changed are left to the leader: it
 * applies the changes, each checking its keys and deletions against those accepted before it
 * ({@link GroupWrites}), then writes each table's accepted rows as one pack and each such
 * segment's deletion set once.
 *
 * <p>The writer leads instead of handing its change to a thread of the committer's own: a lone
 * writer (one client) then commits on its own thread, where the hand-off woke a thread to commit
 * and another to carry on, twice per commit.
 */
public final class GroupCommitter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
  private static final long CLOSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

  /**
   * A staged write's part of a group: its manifest change (its own segments already written) and
   * the rows it hands to the group's packs.
   */
  public interface Change {

    /**
     * {@code base} with this write's change, its handed rows checked against those of {@code
     * group} (the writes accepted before it); throws to refuse, and then takes no effect.
     */
    Manifest apply(Manifest base, GroupWrites group);

    /** The rows this write hands to the group's packs (their keys checked by {@link #apply}). */
    List<GroupWrites.Handed> rows();
  }

  /** A change waiting in the queue, completed by the leader that commits it. */
  private record Waiting(Change change, CompletableFuture<Manifest> done, Condition turn) {}

  private final ManifestLog log;
  private final GroupWrites.Objects objects;
  private final ReentrantLock lock = new ReentrantLock();
  /** Signalled when a leader is done (what {@link #close} waits for). */
  private final Condition led = lock.newCondition();
  /** The changes no leader has taken yet; guarded by {@link #lock}. */
  private final List<Waiting> queue = new ArrayList<>();
  /** Whether a writer is committing a group; guarded by {@link #lock}. */
  private boolean leading;
  private volatile boolean closed;

  public GroupCommitter(ManifestLog log, GroupWrites.Objects objects) {
    this.log = log;
    this.objects = objects;
  }

  /** {@link #commit(Change)} of a change that hands no rows to the group. */
  public Manifest commit(UnaryOperator<Manifest> apply) {
    return commit(new Change() {
      @Override
      public Manifest apply(Manifest base, GroupWrites group) {
        return apply.apply(base);
      }

      @Override
      public List<GroupWrites.Handed> rows() {
        return List.of();
      }
    });
  }

  /**
   * Commits a staged write's change with the group's next manifest version and returns that
   * manifest; throws what the change threw (it then took no effect), or the commit's failure.
   */
  public Manifest commit(Change change) {
    if (closed) {
      throw new StorageException("the database is closed");
    }
    lock.lock();
    try {
      Waiting mine = new Waiting(change, new CompletableFuture<>(), lock.newCondition());
      queue.add(mine);
      while (!mine.done().isDone()) {
        if (leading) {
          mine.turn().awaitUninterruptibly();
          continue;
        }
        leading = true;
        List<Waiting> group = new ArrayList<>(queue);
        queue.clear();
        lock.unlock();
        try {
          commit(group);
        } finally {
          lock.lock();
          leading = false;
          // wakes the group's writers (done) and the first of those queued meanwhile (to lead
          // next) only: waking every waiter woke the queued ones to wait again, one each per group
          for (Waiting done : group) {
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

  /** How many changes wait for a leader to take them (for tests). */
  int queued() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  private static Manifest join(Waiting mine) {
    try {
      return mine.done().join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new StorageException("commit failed: " + e.getCause(), e.getCause());
    }
  }

  private void commit(List<Waiting> changes) {
    Map<Waiting, RuntimeException> refused = new java.util.HashMap<>();
    GroupWrites[] attempt = new GroupWrites[1]; // what the latest manifest attempt's leader wrote
    Manifest committed;
    try {
      committed = log.commit(
          base -> {
            if (attempt[0] != null) {
              attempt[0].discard(); // an attempt on an older manifest: nothing names its objects
            }
            GroupWrites group = new GroupWrites(objects);
            attempt[0] = group;
            Manifest next = base;
            refused.clear();
            for (Waiting waiting : changes) {
              try {
                next = waiting.change().apply(next, group);
                group.accept(waiting.change().rows());
              } catch (RuntimeException e) {
                group.reject();
                refused.put(waiting, e); // that write fails alone; the manifest is as before it
              }
            }
            return group.applyTo(next);
          });
    } catch (RuntimeException | Error e) {
      LOG.warn("group commit of {} writes failed: {}", changes.size(), e.toString());
      if (attempt[0] != null) {
        attempt[0].discard();
      }
      for (Waiting change : changes) {
        change.done().completeExceptionally(e);
      }
      return;
    }
    attempt[0].committed();
    for (Waiting change : changes) {
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
