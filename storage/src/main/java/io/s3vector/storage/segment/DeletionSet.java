package io.s3vector.storage.segment;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.layout.Layout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The deleted rows of one segment: positions in the segment, sorted, without repeats. Stored as an
 * immutable object {@code <segment>/_deletes/<uuid>} (a magic word, the count, then the positions
 * as little-endian int32), named by the manifest's {@link io.s3vector.storage.manifest.SegmentRef};
 * a later delete writes the union as a new object, so caches never hold a stale set.
 */
public final class DeletionSet {

  public static final DeletionSet EMPTY = new DeletionSet(new int[0]);
  private static final int MAGIC = 0x53334431; // "S3D1"
  public static final String FOLDER = "_deletes/";

  private final int[] positions;
  /** For the scans' per-row test; built once, at most rows/8 bytes. */
  private final BitSet bits;

  private DeletionSet(int[] sortedUnique) {
    this.positions = sortedUnique;
    this.bits = new BitSet();
    for (int p : sortedUnique) {
      bits.set(p);
    }
  }

  /** The set of these positions (any order, repeats allowed). */
  public static DeletionSet of(int... positions) {
    int[] sorted = positions.clone();
    Arrays.sort(sorted);
    int n = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (sorted[i] < 0) {
        throw new IllegalArgumentException("negative row position " + sorted[i]);
      }
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[n++] = sorted[i];
      }
    }
    return new DeletionSet(Arrays.copyOf(sorted, n));
  }

  /** The store key of the set called {@code name} of a segment. */
  public static String key(String tableDirectory, String segmentId, String name) {
    return Layout.segmentPrefix(tableDirectory, segmentId) + FOLDER + name;
  }

  public int size() {
    return positions.length;
  }

  public boolean isEmpty() {
    return positions.length == 0;
  }

  public boolean contains(int position) {
    return bits.get(position);
  }

  /** Whether any of {@code others} is in this set. */
  public boolean intersects(DeletionSet others) {
    return bits.intersects(others.bits);
  }

  /** This set and {@code more}. */
  public DeletionSet union(DeletionSet more) {
    if (more.isEmpty()) {
      return this;
    }
    int[] all = Arrays.copyOf(positions, positions.length + more.positions.length);
    System.arraycopy(more.positions, 0, all, positions.length, more.positions.length);
    return of(all);
  }

  /** The positions of this set shifted by {@code offset} (a segment merged behind others). */
  public DeletionSet shifted(int offset) {
    int[] moved = positions.clone();
    for (int i = 0; i < moved.length; i++) {
      moved[i] += offset;
    }
    return new DeletionSet(moved);
  }

  /** The positions, sorted (a copy). */
  public int[] positions() {
    return positions.clone();
  }

  /** The deleted rows of {@code [from, from + count)} as a mask indexed from {@code from}, or null when none is. */
  public boolean[] mask(int from, int count) {
    int first = bits.nextSetBit(from);
    if (first < 0 || first >= from + count) {
      return null;
    }
    boolean[] mask = new boolean[count];
    for (int p = first; p >= 0 && p < from + count; p = bits.nextSetBit(p + 1)) {
      mask[p - from] = true;
    }
    return mask;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DeletionSet set && Arrays.equals(positions, set.positions);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(positions);
  }

  public byte[] encode() {
    ByteBuffer out = ByteBuffer.allocate(8 + 4 * positions.length).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(MAGIC).putInt(positions.length);
    for (int p : positions) {
      out.putInt(p);
    }
    return out.array();
  }

  public static DeletionSet decode(String key, byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 8 || in.getInt() != MAGIC) {
      throw new StorageException("corrupt deletion set \"" + key + "\"");
    }
    int count = in.getInt();
    if (count < 0 || bytes.length != 8 + 4L * count) {
      throw new StorageException("corrupt deletion set \"" + key + "\": " + bytes.length + " bytes for "
          + count + " rows");
    }
    int[] positions = new int[count];
    for (int i = 0; i < count; i++) {
      positions[i] = in.getInt();
    }
    return of(positions);
  }

  /** Approximate heap bytes (for the cache's weigher). */
  public long bytes() {
    return 64 + 4L * positions.length + bits.size() / 8;
  }
}
