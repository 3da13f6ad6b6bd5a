package io.s3vector.storage.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CheckpointSpacingTest {

  /** A version whose checkpoint is {@code checkpoint}. */
  private static Manifest at(long version, long checkpoint) {
    return new Manifest(Manifest.FORMAT, version, new TreeMap<>(), "c" + version,
        "c" + (version - 1), checkpoint, null);
  }

  /**
   * Writes versions 1..{@code last}, a checkpoint of {@code checkpointBytes} and deltas of
   * {@code deltaBytes}; returns the versions written whole.
   */
  private static List<Long> checkpoints(int interval, long checkpointBytes, long deltaBytes,
      long last) {
    CheckpointSpacing spacing = new CheckpointSpacing(interval);
    List<Long> whole = new ArrayList<>();
    Manifest prior = Manifest.empty();
    for (long v = 1; v <= last; v++) {
      boolean w = spacing.whole(prior, v);
      spacing.wrote(prior, v, w, w ? checkpointBytes : deltaBytes);
      if (w) {
        whole.add(v);
      }
      prior = at(v, w ? v : prior.checkpoint());
    }
    return whole;
  }

  @Test
  void deltasAsLargeAsTheCheckpointKeepThePlainInterval() {
    assertEquals(List.of(1L, 9L, 17L, 25L), checkpoints(8, 1_000, 1_000, 30));
  }

  @Test
  void aLargeCheckpointWaitsUntilTheDeltasAddUpToItsSize() {
    // 10 KB against deltas of 500 B: twenty deltas, then the next checkpoint
    assertEquals(List.of(1L, 22L, 43L), checkpoints(8, 10_000, 500, 50));
  }

  @Test
  void noCheckpointWaitsMoreThanStretchTimesTheInterval() {
    long limit = 8L * CheckpointSpacing.STRETCH;
    assertEquals(List.of(1L, 1 + limit, 1 + 2 * limit), checkpoints(8, 1_000_000, 10, 2 * limit + 5));
  }

  @Test
  void anIntervalOfOneWritesEveryVersionWhole() {
    assertEquals(List.of(1L, 2L, 3L, 4L), checkpoints(1, 1_000_000, 10, 4));
  }

  /** Deltas this server did not write since the checkpoint are not counted: the interval applies. */
  @Test
  void anotherServersCheckpointFallsBackToTheInterval() {
    CheckpointSpacing spacing = new CheckpointSpacing(8);
    spacing.wrote(Manifest.empty(), 1, true, 1_000_000);
    assertFalse(spacing.whole(at(8, 1), 9), "ours: waits for the deltas to add up");
    assertTrue(spacing.whole(at(8, 2), 10), "another server's checkpoint 2: the plain interval");
    assertFalse(spacing.whole(at(8, 2), 9), "but not before it");
  }
}
