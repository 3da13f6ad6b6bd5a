package io.s3vector.storage.engine;

import io.s3vector.storage.table.SerialSequence;

/**
 * Counters of a serial column's sequence this server reserved in one manifest commit
 * ({@link StoreDatabase#reserveSerials}), {@code next} to {@code end}, and the sequence (options
 * and origin) that maps them to values: the block is handed out in order, and dropped once the
 * manifest's sequence is anywhere but at its end or was anchored anew.
 */
final class SerialBlock {
  final SerialSequence sequence;
  private long next;
  final long end;

  SerialBlock(SerialSequence sequence, long next, long end) {
    this.sequence = sequence;
    this.next = next;
    this.end = end;
  }

  /** The counters not handed out yet. */
  long remaining() {
    return end - next + 1;
  }

  /** The values of the next {@code count} counters (the caller checked they remain). */
  long[] take(int count) {
    long[] values = sequence.values(next - 1, count);
    next += count;
    return values;
  }

  /** The counter of the last value handed out of this block (one below it: none yet). */
  long handedTo() {
    return next - 1;
  }

  /** Where the sequence stands as this server hands the block out. */
  SerialSequence.State state() {
    return sequence.state(next - 1);
  }

  /**
   * This block continued by {@code after}, reserved right behind it under the same sequence: the
   * rest of this one is handed out first.
   */
  SerialBlock continuedBy(SerialBlock after) {
    if (remaining() > 0 && after.next == end + 1 && after.sequence.equals(sequence)) {
      return new SerialBlock(sequence, next, after.end);
    }
    return after;
  }
}
