package io.s3vector.storage.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The counter of a serial column's sequence mapped to the values PostgreSQL's nextval returns. */
class SerialSequenceTest {

  @Test
  void countingByOneTheCounterIsTheValueWhateverTheOrigin() {
    SerialOptions options = SerialOptions.defaults(ColumnType.INT4, 1);
    for (long origin : new long[] {1, 7, 1000}) {
      SerialSequence s = new SerialSequence(options, origin);
      assertEquals(origin - 1, s.before());
      assertEquals(origin, s.value(origin));
      assertEquals(origin + 41, s.value(origin + 41));
      assertEquals(Integer.MAX_VALUE, s.limit()); // manifests of old: the counter stops at the maximum
    }
  }

  @Test
  void stepsByTheIncrementFromTheOriginAndEndsAtTheMaximum() {
    SerialSequence s = new SerialSequence(new SerialOptions(10, 5, 1, 30, false, 1), 10);
    assertArrayEquals(new long[] {10, 15, 20, 25, 30}, s.values(s.before(), 5));
    assertEquals(s.before() + 5, s.limit());
    assertEquals(30, s.end());
    // setval(12): the next values step from 12, off START's grid
    SerialSequence set = SerialSequence.from(s.options(), 12);
    assertArrayEquals(new long[] {17, 22, 27}, set.values(set.counterOf(true), 3));
    assertEquals(set.counterOf(true) + 3, set.limit());
    assertEquals(new SerialSequence.State(12, true), set.state(set.counterOf(true)));
    assertEquals(new SerialSequence.State(12, false), set.state(set.counterOf(false)));
  }

  @Test
  void cycleWrapsToTheMinimumAndCountingDownToTheMaximum() {
    SerialSequence up = new SerialSequence(new SerialOptions(1, 3, 1, 10, true, 5), 1);
    assertArrayEquals(new long[] {1, 4, 7, 10, 1, 4, 7, 10, 1}, up.values(up.before(), 9));
    SerialSequence fromFive = SerialSequence.from(new SerialOptions(1, 3, 1, 10, true, 1), 5);
    assertArrayEquals(new long[] {5, 8, 1, 4}, fromFive.values(fromFive.before(), 4));
    SerialSequence down = new SerialSequence(new SerialOptions(0, -2, -5, 0, true, 1), 0);
    assertArrayEquals(new long[] {0, -2, -4, 0, -2}, down.values(down.before(), 5));
    assertEquals(Long.MAX_VALUE, SerialSequence.from(up.options(), Long.MAX_VALUE).limit());
  }

  @Test
  void countingDownEndsAtTheMinimum() {
    SerialOptions options = new SerialOptions(-1, -1, -5, -1, false, 1);
    SerialSequence s = new SerialSequence(options, -1);
    assertArrayEquals(new long[] {-1, -2, -3, -4, -5}, s.values(s.before(), 5));
    assertEquals(s.before() + 5, s.limit());
    assertEquals(-5, s.end());
  }

  @Test
  void theWholeRangeOfBigintCountsWithoutOverflow() {
    SerialOptions all = new SerialOptions(Long.MAX_VALUE, -1, Long.MIN_VALUE, Long.MAX_VALUE,
        false, 1);
    SerialSequence s = new SerialSequence(all, Long.MAX_VALUE);
    assertArrayEquals(new long[] {Long.MAX_VALUE, Long.MAX_VALUE - 1}, s.values(s.before(), 2));
    assertEquals(Long.MAX_VALUE, s.limit()); // 2^64 values: the counter saturates
    SerialOptions huge = new SerialOptions(Long.MIN_VALUE + 1, Long.MAX_VALUE, Long.MIN_VALUE + 1,
        Long.MAX_VALUE, false, 1);
    SerialSequence two = new SerialSequence(huge, Long.MIN_VALUE + 1);
    assertArrayEquals(new long[] {Long.MIN_VALUE + 1, 0, Long.MAX_VALUE},
        two.values(two.before(), 3));
    assertEquals(two.before() + 3, two.limit());
  }
}
