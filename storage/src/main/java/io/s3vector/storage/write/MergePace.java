package io.s3vector.storage.write;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How soon a table's next merge starts after a commit asks for one: half a second (a bulk load's
 * commits meanwhile join the same merge), or sooner while small commits stream in, so that about
 * {@link #PILE} small segments wait between two folds. Under 3,000 single-row commits a second
 * the half second let 1,300–2,900 one-row packs pile up, and every unique-key check, snapshot and
 * scan of every statement visits each of them; folding every 20 ms instead made a stream of 100
 * commits a second beside searches merge all the time (each fold a new segment the searches decode
 * again, and a commit of its own).
 */
final class MergePace {

  static final long DELAY_MILLIS = 500;
  static final long MIN_DELAY_MILLIS = 20;
  /** Small segments wanted between two folds. */
  static final int PILE = 64;
  /** A pace older than this is forgotten: the stream stopped. */
  private static final long STALE_NANOS = 2_000_000_000L;

  /** When the last merge ended, and how fast small segments came before it. */
  private record Pace(long endedNanos, double smallPerMilli) {}

  private final Map<String, Pace> paces = new ConcurrentHashMap<>();
  private final java.util.function.LongSupplier clock;

  MergePace() {
    this(System::nanoTime);
  }

  /** With {@code clock} in place of {@link System#nanoTime} (tests). */
  MergePace(java.util.function.LongSupplier clock) {
    this.clock = clock;
  }

  /**
   * Records a merge of {@code table} that began at {@code startedNanos} (on the clock) with
   * {@code small} small segments.
   */
  void merged(String table, long small, long startedNanos) {
    Pace before = paces.get(table);
    long now = clock.getAsLong();
    double perMilli = 0;
    if (before != null && now - before.endedNanos() < STALE_NANOS) {
      perMilli = small / Math.max(1.0, (startedNanos - before.endedNanos()) / 1e6);
    }
    paces.put(table, new Pace(now, perMilli));
  }

  /** The pace's clock now: where a merge's start is taken for {@link #merged}. */
  long now() {
    return clock.getAsLong();
  }

  long delayMillis(String table) {
    Pace pace = paces.get(table);
    if (pace == null || pace.smallPerMilli() <= 0
        || clock.getAsLong() - pace.endedNanos() > STALE_NANOS) {
      return DELAY_MILLIS;
    }
    return Math.max(MIN_DELAY_MILLIS, Math.min(DELAY_MILLIS, (long) (PILE / pace.smallPerMilli())));
  }

}
