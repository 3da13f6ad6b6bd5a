package io.s3vector.sql.functions;

import io.s3vector.sql.PgException;
import java.time.Duration;

/**
 * {@code pg_sleep(seconds)} as PostgreSQL runs it: at least the time asked, fractions of a
 * millisecond included (PostgreSQL waits until a deadline, rounding each wait up to whole
 * milliseconds); nothing for zero, a negative number, NaN or NULL; a cancel ends it with 57014.
 */
final class PgSleep {

  /** Waits longer than this in one piece are cut, as PostgreSQL cuts them to ten minutes. */
  private static final long LONGEST_WAIT_NANOS = Duration.ofMinutes(10).toNanos();

  private PgSleep() {}

  static void sleep(Double seconds) {
    if (seconds == null || !(seconds > 0)) {
      return;
    }
    long start = System.nanoTime();
    // past ~292 years a deadline would overflow: such a sleep is endless, waking every ten minutes
    boolean endless = seconds >= Long.MAX_VALUE / 1e9 / 2;
    long total = endless ? 0 : (long) Math.ceil(seconds * 1e9);
    try {
      while (true) {
        long left = endless ? LONGEST_WAIT_NANOS : total - (System.nanoTime() - start);
        if (left <= 0) {
          return;
        }
        Thread.sleep(Duration.ofNanos(Math.min(left, LONGEST_WAIT_NANOS)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PgException("57014", "canceling statement due to user request");
    }
  }
}
