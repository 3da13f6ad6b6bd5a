package io.s3vector.storage.write;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.keys.KeyChecks;
import io.s3vector.storage.manifest.Manifest;
import io.s3vector.storage.manifest.ManifestLog;
import io.s3vector.storage.objectstore.ObjectStore;
import io.s3vector.storage.search.SegmentIndexes;
import io.s3vector.storage.segment.SegmentWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: one thread takes every append waiting in the queue, writes one segment per table
 * and commits them all with one manifest version. While it writes, new appends queue up and form
 * the next group, so many concurrent single-row INSERTs cost a few segment and manifest writes
 * rather than one each. Every caller waits until the manifest naming its rows is durable.
 */
public final class GroupCommitter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

  /** {@link TableAppend.Request}s and {@link Change}s, in arrival order. */
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();

  /**
   * A staged write's manifest change (its segments already written), committed in the group's
   * manifest version; a change that throws fails alone, leaving the others.
   */
  private record Change(UnaryOperator<Manifest> apply, CompletableFuture<Manifest> done) {}
  private final ManifestLog log;
  private final SegmentWriter writer;
  private final ObjectStore store;
  private final SegmentIndexes indexes;
  private final KeyChecks keys;
  private final Consumer<String> afterCommit;
  private final Thread thread;
  private volatile boolean closed;

  /** {@code afterCommit} is told the name of each table that got rows (compaction's trigger). */
  public GroupCommitter(ManifestLog log, SegmentWriter writer, ObjectStore store,
      SegmentIndexes indexes, KeyChecks keys, Consumer<String> afterCommit) {
    this.log = log;
    this.writer = writer;
    this.store = store;
    this.indexes = indexes;
    this.keys = keys;
    this.afterCommit = afterCommit;
    this.thread = Thread.ofPlatform().daemon().name("s3vector-committer").start(this::run);
  }

  /** Queues the rows and waits until they are committed; returns them as stored. */
  public List<Object[]> append(String tableId, String table, List<Object[]> rows) {
    if (closed) {
      throw new StorageException("the database is closed");
    }
    CompletableFuture<List<Object[]>> done = new CompletableFuture<>();
    queue.add(new TableAppend.Request(tableId, table, rows, done));
    try {
      return done.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof io.s3vector.storage.table.UniqueViolationException u) {
        throw new io.s3vector.storage.table.UniqueViolationException(u.constraint(), u.columns(), u.key());
      }
      if (cause instanceof StorageException s) {
        // a fresh exception, so that each caller's stack shows its own call site
        throw new StorageException(s.getMessage(), s);
      }
      throw new StorageException("append failed: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while waiting for the commit", e);
    }
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
      List<Object> batch = new ArrayList<>();
      try {
        Object first = queue.poll(100, TimeUnit.MILLISECONDS);
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
    for (Object waiting : queue) {
      if (waiting instanceof TableAppend.Request request) {
        request.done().completeExceptionally(closing);
      } else {
        ((Change) waiting).done().completeExceptionally(closing);
      }
    }
  }

  private void commit(List<Object> batch) {
    Map<String, TableAppend> byTable = new LinkedHashMap<>();
    List<Change> changes = new ArrayList<>();
    for (Object item : batch) {
      if (item instanceof TableAppend.Request request) {
        byTable.computeIfAbsent(request.tableId(), id -> new TableAppend(id, request.table()))
            .add(request);
      } else {
        changes.add((Change) item);
      }
    }
    List<TableAppend> appends = new ArrayList<>(byTable.values());
    Map<Change, RuntimeException> refused = new java.util.HashMap<>();
    Manifest committed;
    try {
      // Segments and their graphs are written first, outside the manifest's commit lock (which
      // reservations, staged writes and DDL of this server wait on); the commit below reuses them
      // unless the sequences they were numbered from moved meanwhile.
      Manifest prepared = log.current();
      for (TableAppend append : appends) {
        prepared = append.applyTo(prepared, writer, store, indexes, keys);
      }
      committed = log.commit(
          base -> {
            Manifest next = base;
            for (TableAppend append : appends) {
              next = append.applyTo(next, writer, store, indexes, keys);
            }
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
      LOG.warn("group commit of {} writes failed: {}", batch.size(), e.toString());
      for (TableAppend append : appends) {
        append.discardWritten(store);
        append.fail(e);
      }
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
    for (TableAppend append : appends) {
      if (append.failed()) {
        append.discardWritten(store);
      }
      append.complete();
    }
    for (TableAppend append : appends) {
      if (!append.failed()) {
        afterCommit.accept(append.table());
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
