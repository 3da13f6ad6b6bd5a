package io.s3vector.storage.table;

import io.s3vector.storage.StorageException;

/**
 * How storage counts a serial or identity column's sequence: the manifest keeps a counter that
 * goes up by one per value handed out, whatever the options, so reserving values stays "move the
 * counter from c to c + n in one manifest commit" (two servers never get the same counters) and
 * blocks of counters stay ranges. This maps a counter to its value.
 *
 * <p>The counter is anchored at an {@code origin}, the value handed out first (START, or what
 * setval and RESTART WITH last set): counter {@code origin - 1} is "nothing handed out from the
 * origin yet" (PostgreSQL's {@code is_called} false), counter {@code origin - 1 + k} hands out
 * the k-th value from the origin, stepping by the increment and, with CYCLE, wrapping to the
 * minimum (maximum when counting down) past the end. For a sequence counting up by one without
 * CYCLE the counter is the value itself, whatever the origin: manifests written before sequences
 * had options read the same.
 */
public record SerialSequence(SerialOptions options, long origin) {

  /**
   * The most values counted from an origin (2^62): a CYCLE sequence "ends" after this many, and
   * so does a range longer than it, which no table reaches.
   */
  private static final long MOST = 1L << 62;

  /** Where a sequence stands as PostgreSQL shows it ({@code last_value}, {@code is_called}). */
  public record State(long lastValue, boolean called) {}

  /**
   * The sequence setval({@code value}, ...) and RESTART WITH leave: anchored at the value.
   *
   * @throws StorageException for a value at the very bottom of bigint (no counter below it)
   */
  public static SerialSequence from(SerialOptions options, long value) {
    if (value == Long.MIN_VALUE) {
      throw new StorageException("a sequence of a serial column cannot stand at " + value);
    }
    return new SerialSequence(options, value);
  }

  /** The counter of setval(value, called) on this sequence (anchored at that value). */
  public long counterOf(boolean called) {
    return called ? origin : before();
  }

  /** The counter while nothing was handed out from the origin. */
  public long before() {
    return origin - 1;
  }

  /** The counter of the last value before the sequence ends (without CYCLE: no value past it). */
  public long limit() {
    long n = options.cycle() ? MOST : firstPass();
    long limit = before() + n;
    return limit < before() ? Long.MAX_VALUE : limit; // saturated
  }

  /** The value counter {@code counter} ({@code before() < counter <= limit()}) hands out. */
  public long value(long counter) {
    long k = counter - before();
    long first = firstPass();
    if (k <= first) {
      return origin + (k - 1) * options.increment();
    }
    long j = Math.floorMod(k - first - 1, fullPass());
    return (options.increment() > 0 ? options.min() : options.max()) + j * options.increment();
  }

  /** The values of the {@code count} counters after {@code last}. */
  public long[] values(long last, int count) {
    long[] values = new long[count];
    for (int i = 0; i < count; i++) {
      values[i] = value(last + 1 + i);
    }
    return values;
  }

  /** Where the sequence stands at {@code counter}. */
  public State state(long counter) {
    return counter > before() ? new State(value(counter), true) : new State(origin, false);
  }

  /** The last value (first, counting down) of the sequence, which nextval's error names. */
  public long end() {
    return options.increment() > 0 ? options.max() : options.min();
  }

  /** The values from the origin to the end (at most {@link #MOST}). */
  private long firstPass() {
    return count(options.increment() > 0 ? options.max() - origin
        : origin - options.min());
  }

  /** The values of a pass from the minimum to the maximum (or back), once CYCLE wrapped. */
  private long fullPass() {
    return count(options.max() - options.min());
  }

  /** How many steps of the increment fit in {@code span} (unsigned), plus one, at most MOST. */
  private long count(long span) {
    long step = Math.abs(options.increment()); // Long.MIN_VALUE stays 2^63 read unsigned
    long steps = Long.divideUnsigned(span, step);
    return steps < 0 || steps >= MOST ? MOST : steps + 1;
  }
}
