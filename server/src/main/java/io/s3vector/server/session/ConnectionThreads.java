package io.s3vector.server.session;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Makes each connection's serial executor (one virtual thread) and remembers the live ones, so a
 * server shutting down can wait for running statements and session cleanup to finish before the
 * store below them closes.
 */
public final class ConnectionThreads implements Supplier<ExecutorService> {
  private static final AtomicInteger IDS = new AtomicInteger();

  /** How long closed connections get to shut their executors down themselves. */
  private static final long SHUTDOWN_GRACE_NANOS = 2_000_000_000L;

  private final Set<ExecutorService> live = ConcurrentHashMap.newKeySet();

  @Override
  public ExecutorService get() {
    ThreadFactory factory = Thread.ofVirtual().name("pg-connection-" + IDS.incrementAndGet()).factory();
    ExecutorService executor =
        new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), factory) {
          @Override
          protected void terminated() {
            live.remove(this);
          }
        };
    live.add(executor);
    return executor;
  }

  /**
   * Waits until every connection's thread has finished its last task, at most {@code timeout}.
   * Call after closing the channels: each connection shuts its own executor down once its
   * channel is inactive, after queueing the session's cleanup. Shutting them down here first
   * would refuse that cleanup when the close has not reached the connection's handler yet, so
   * only executors still alive after a grace period are shut down from here.
   */
  public boolean awaitTermination(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long grace = System.nanoTime() + Math.min(timeout.toNanos(), SHUTDOWN_GRACE_NANOS);
    try {
      for (ExecutorService executor : live) {
        executor.awaitTermination(grace - System.nanoTime(), TimeUnit.NANOSECONDS);
      }
      for (ExecutorService executor : live) {
        executor.shutdown();
        if (!executor.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
          return false;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return true;
  }

  /** Live connection threads (for tests and logs). */
  public int size() {
    return live.size();
  }
}
