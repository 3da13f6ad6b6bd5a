package io.s3vector.storage.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A table's next merge waits for about {@link MergePace#PILE} small segments, within bounds. */
class MergePaceTest {

  private long now;

  private static long millis(long m) {
    return m * 1_000_000;
  }

  @Test
  void theDelayFollowsHowFastSmallSegmentsCame() {
    MergePace pace = new MergePace(() -> now);
    assertEquals(MergePace.DELAY_MILLIS, pace.delayMillis("t")); // never merged
    pace.merged("t", 40, now);
    assertEquals(MergePace.DELAY_MILLIS, pace.delayMillis("t")); // no rate known yet

    now += millis(100); // 1,000 small segments came in 100 ms: 10 a millisecond
    pace.merged("t", 1_000, now);
    assertEquals(MergePace.MIN_DELAY_MILLIS, pace.delayMillis("t"));

    now += millis(64); // one a millisecond: 64 ms for the pile
    pace.merged("t", 64, now);
    assertEquals(64, pace.delayMillis("t"));

    now += millis(500); // 50 in half a second (100 commits a second): back to the half second
    pace.merged("t", 50, now);
    assertEquals(MergePace.DELAY_MILLIS, pace.delayMillis("t"));

    now += millis(100);
    pace.merged("t", 100, now);
    assertEquals(64, pace.delayMillis("t"));
    now += millis(3_000); // the stream stopped
    assertEquals(MergePace.DELAY_MILLIS, pace.delayMillis("t"));
    assertEquals(MergePace.DELAY_MILLIS, pace.delayMillis("other"));
  }
}
