package io.s3vector.storage.segment;

import java.util.function.IntFunction;

/** What a call allocates on the current thread, for tests that bound it. */
final class AllocatedBytes {

  /** The fewest bytes one call allocated, and what the last call returned. */
  record Least<T>(long bytes, T last) {}

  private AllocatedBytes() {}

  /**
   * Calls {@code call} with 0 to {@code runs - 1} and keeps the fewest bytes one call allocated:
   * the first calls also load and compile what they run.
   */
  static <T> Least<T> leastOf(int runs, IntFunction<T> call) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long least = Long.MAX_VALUE;
    T last = null;
    for (int i = 0; i < runs; i++) {
      long before = threads.getCurrentThreadAllocatedBytes();
      last = call.apply(i);
      least = Math.min(least, threads.getCurrentThreadAllocatedBytes() - before);
    }
    return new Least<>(least, last);
  }
}
