package io.s3vector.storage.index;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * How far a running CREATE INDEX is, readable from any thread while it runs: the rows to index
 * ({@link #total}) and the rows inserted so far ({@link #done}), and the phase. Storage only counts;
 * the SQL layer shows it (as {@code pg_stat_progress_create_index}).
 *
 * <p>A caller who wants the counts binds one to its thread for the build with {@link #during}; {@code IndexDdl}
 * adds the rows of each segment it is about to index to the total, and {@code HnswBuilder} adds the
 * nodes it has inserted, once per {@link #STEP} nodes per thread (the bound value is looked up once
 * per graph and handed to the building threads), so counting costs nothing per node. Builds with
 * nothing bound (merges, tests) count nothing.
 */
public final class BuildProgress {
  /** Nodes a building thread inserts between two updates of {@link #done}. */
  public static final int STEP = 256;

  private static final ThreadLocal<BuildProgress> CURRENT = new ThreadLocal<>();

  private final LongAdder total = new LongAdder();
  private final LongAdder done = new LongAdder();
  private volatile Phase phase = Phase.INITIALIZING;

  /** Where a build is. */
  public enum Phase {
    /** Checking the table and choosing the segments to index. */
    INITIALIZING,
    /** Inserting rows into the graphs. */
    BUILDING,
    /** Writing the manifest that names the new graphs. */
    COMMITTING
  }

  /** Runs {@code build} with this progress bound: the index builds it makes count into it. */
  public <T> T during(Supplier<T> build) {
    BuildProgress outer = CURRENT.get();
    CURRENT.set(this);
    try {
      return build.get();
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  /** The progress bound by the current thread's caller, or null. */
  public static BuildProgress current() {
    return CURRENT.get();
  }

  public void addTotal(long rows) {
    total.add(rows);
  }

  public void addDone(long rows) {
    done.add(rows);
  }

  public long total() {
    return total.sum();
  }

  public long done() {
    return done.sum();
  }

  public Phase phase() {
    return phase;
  }

  public void phase(Phase phase) {
    this.phase = phase;
  }
}
