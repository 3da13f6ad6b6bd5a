package io.s3vector.storage.manifest;

/**
 * When a manifest version is written whole (a checkpoint) rather than as a delta. Every {@code
 * interval} versions at the most often, as the options say; past that, a checkpoint waits until
 * the deltas written since the last one add up to its own size, up to {@link #STRETCH} times the
 * interval. A checkpoint is the whole catalog: under a stream of small commits a table's segment
 * list and merge records made it 320 KB against deltas of 3 KB, and writing it every 32 commits
 * was a ninth of the server's CPU and two thirds of the bytes the manifest log grew by. Waiting
 * until the deltas match its size bounds what checkpoints cost to twice what the deltas do,
 * while a reader that knows nothing still reads one checkpoint and its deltas in one parallel
 * round (at most {@code STRETCH * interval} of them, as much JSON as the checkpoint).
 *
 * <p>What is counted is the JSON of each version, not the objects a version embeds (small
 * commits' and merges' packs): those are the table's rows, read by whoever needs them whichever
 * version holds them. Counting them, a merge's pack of a few hundred KB made every checkpoint
 * come at the plain interval: a 300 KB checkpoint (mostly merge records) every 32 commits under
 * a stream of single-row INSERTs, the largest single cost of the committer.
 *
 * <p>Only this server's versions are counted: after a checkpoint of another server, or when this
 * one has not written the deltas since its checkpoint, the plain interval applies. Not
 * thread-safe: used under the commit lock.
 */
final class CheckpointSpacing {
  /** How far past the interval a checkpoint may wait for the deltas to add up. */
  static final int STRETCH = 8;

  private final int interval;
  /** The checkpoint this server wrote last, its size, and the deltas it wrote after it. */
  private long checkpoint = -1;
  private long checkpointBytes;
  private long deltaBytes;

  CheckpointSpacing(int interval) {
    this.interval = interval;
  }

  /** Whether version {@code next}, following {@code prior}, is written whole. */
  boolean whole(Manifest prior, long next) {
    if (prior.version() == 0 || prior.checkpoint() == 0 || interval <= 1) {
      return true;
    }
    long since = next - prior.checkpoint();
    if (since < interval) {
      return false;
    }
    if (since >= (long) interval * STRETCH || prior.checkpoint() != checkpoint) {
      return true;
    }
    return deltaBytes >= checkpointBytes;
  }

  /** Records a version this server wrote, built on {@code prior}: {@code bytes} of JSON. */
  void wrote(Manifest prior, long version, boolean whole, long bytes) {
    if (whole) {
      checkpoint = version;
      checkpointBytes = bytes;
      deltaBytes = 0;
    } else if (prior.checkpoint() == checkpoint) {
      deltaBytes += bytes;
    }
  }
}
