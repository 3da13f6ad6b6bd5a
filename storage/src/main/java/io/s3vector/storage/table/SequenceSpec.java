package io.s3vector.storage.table;

import java.util.Arrays;

/**
 * A sequence of its own (CREATE SEQUENCE): its options and where it stands, kept in the manifest
 * under its name beside the tables. A serial or identity column's sequence is not one of these:
 * it is kept with its table ({@link ColumnSpec#serial()}).
 *
 * <p>The state is PostgreSQL's: {@code last} is the value nextval returned last, or, while
 * {@code called} is false, the value the next nextval returns (after CREATE, setval(s, v, false)
 * and RESTART).
 *
 * @param id a UUID given at CREATE SEQUENCE (its OID is derived from it)
 * @param type {@code smallint}, {@code integer} or {@code bigint}
 * @param ownedTable the table whose drop drops this sequence too (OWNED BY), or null
 * @param ownedColumn that table's column, or null
 */
public record SequenceSpec(String id, String type, long start, long increment, long min, long max,
    long cache, boolean cycle, long last, boolean called, String ownedTable, String ownedColumn) {

  /** The values a reservation took (possibly fewer than asked: the sequence ended) and the state after them. */
  public record Reservation(long[] values, SequenceSpec after) {}

  /** This sequence where setval(s, last, called) leaves it. */
  public SequenceSpec withValue(long value, boolean isCalled) {
    return new SequenceSpec(id, type, start, increment, min, max, cache, cycle, value, isCalled,
        ownedTable, ownedColumn);
  }

  /** This sequence owned by that column (both null: by nothing). */
  public SequenceSpec ownedBy(String table, String column) {
    return new SequenceSpec(id, type, start, increment, min, max, cache, cycle, last, called,
        table, column);
  }

  /** Whether dropping or renaming {@code table} concerns this sequence. */
  public boolean isOwnedBy(String table) {
    return table.equals(ownedTable);
  }

  /**
   * Takes up to {@code count} values as nextval would return them one by one: stops early at the
   * end of a sequence that does not cycle (no values at all: nextval's error is the caller's).
   */
  public Reservation take(int count) {
    long[] values = new long[count];
    int n = 0;
    long value = last;
    boolean isCalled = called;
    while (n < count) {
      if (!isCalled) {
        isCalled = true;
      } else if (increment > 0 ? value > max - increment : value < min - increment) {
        if (!cycle) {
          break;
        }
        value = increment > 0 ? min : max;
      } else {
        value += increment;
      }
      values[n++] = value;
    }
    SequenceSpec after = n == 0 ? this : withValue(value, true);
    return new Reservation(n == count ? values : Arrays.copyOf(values, n), after);
  }
}
