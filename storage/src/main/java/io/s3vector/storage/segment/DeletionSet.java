package io.s3vector.storage.segment;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.layout.Layout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;

/**
 * The deleted rows of one segment: positions in the segment, without repeats. Stored as an
 * immutable object {@code <segment>/_deletes/<uuid>}, named by the manifest's {@link
 * io.s3vector.storage.manifest.SegmentRef}; a later delete writes the union as a new object, so
 * caches never hold a stale set. Two encodings, whichever is smaller: a magic word, the count,
 * then the positions as little-endian int32 ({@code S3D1}, for few deletions), or a magic word,
 * the count, the number of 64-bit words, then the bitmap's words ({@code S3D2}: a segment of 50,000
 * rows with 30,000 deleted is 6 KB instead of 120 KB, and every UPDATE of one of its rows
 * writes the set again).
 */
public final class DeletionSet {

  public static final DeletionSet EMPTY = new DeletionSet(new BitSet());
  private static final int MAGIC = 0x53334431; // "S3D1"
  private static final int BITMAP_MAGIC = 0x53334432; // "S3D2"
  public static final String FOLDER = "_deletes/";

  /** Never changed once the set is made: unions and shifts make new ones. */
  private final BitSet bits;
  private final int size;

  private DeletionSet(BitSet bits) {
    this.bits = bits;
    this.size = bits.cardinality();
  }

  /** The set of these positions (any order, repeats allowed). */
  public static DeletionSet of(int... positions) {
    BitSet bits = new BitSet();
    for (int p : positions) {
      if (p < 0) {
        throw new IllegalArgumentException("negative row position " + p);
      }
      bits.set(p);
    }
    return new DeletionSet(bits);
  }

  /** The store key of the set called {@code name} of a segment. */
  public static String key(String tableDirectory, String segmentId, String name) {
    return Layout.segmentPrefix(tableDirectory, segmentId) + FOLDER + name;
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
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
    if (isEmpty()) {
      return more;
    }
    BitSet all = (BitSet) bits.clone();
    all.or(more.bits);
    return new DeletionSet(all);
  }

  /** The positions of this set shifted by {@code offset} (a segment merged behind others). */
  public DeletionSet shifted(int offset) {
    BitSet moved = new BitSet();
    for (int p = bits.nextSetBit(0); p >= 0; p = bits.nextSetBit(p + 1)) {
      moved.set(p + offset);
    }
    return new DeletionSet(moved);
  }

  /**
   * Where these rows are once a merge has dropped the rows of {@code purged} from their segment:
   * a position p not purged moves down by the number of purged positions below it; a purged one
   * has no place left and is left out (callers that must not meet one check {@link #intersects}
   * first). One ordered walk over both sets.
   */
  public DeletionSet afterPurge(DeletionSet purged) {
    if (purged.isEmpty()) {
      return this;
    }
    BitSet out = new BitSet();
    int below = 0; // purged positions under p
    int next = purged.bits.nextSetBit(0);
    for (int p = bits.nextSetBit(0); p >= 0; p = bits.nextSetBit(p + 1)) {
      while (next >= 0 && next < p) {
        below++;
        next = purged.bits.nextSetBit(next + 1);
      }
      if (next != p) {
        out.set(p - below);
      }
    }
    return new DeletionSet(out);
  }

  /** The rows {@code [0, rows)} minus this set's: the live rows of a segment, in order. */
  public int[] complement(int rows) {
    int[] live = new int[rows - bits.get(0, rows).cardinality()];
    int n = 0;
    for (int p = bits.nextClearBit(0); p < rows; p = bits.nextClearBit(p + 1)) {
      live[n++] = p;
    }
    return live;
  }

  /** The positions, sorted (a copy). */
  public int[] positions() {
    return bits.stream().toArray();
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
    return other instanceof DeletionSet set && bits.equals(set.bits);
  }

  @Override
  public int hashCode() {
    return bits.hashCode();
  }

  public byte[] encode() {
    long[] words = bits.toLongArray();
    if (8L * words.length + 4 < 4L * size) {
      ByteBuffer out = ByteBuffer.allocate(12 + 8 * words.length).order(ByteOrder.LITTLE_ENDIAN);
      out.putInt(BITMAP_MAGIC).putInt(size).putInt(words.length);
      for (long word : words) {
        out.putLong(word);
      }
      return out.array();
    }
    ByteBuffer out = ByteBuffer.allocate(8 + 4 * size).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(MAGIC).putInt(size);
    for (int p = bits.nextSetBit(0); p >= 0; p = bits.nextSetBit(p + 1)) {
      out.putInt(p);
    }
    return out.array();
  }

  public static DeletionSet decode(String key, byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int magic = bytes.length < 8 ? 0 : in.getInt();
    if (magic != MAGIC && magic != BITMAP_MAGIC) {
      throw new StorageException("corrupt deletion set \"" + key + "\"");
    }
    int count = in.getInt();
    if (magic == BITMAP_MAGIC) {
      int n = bytes.length >= 12 ? in.getInt() : -1;
      if (n < 0 || bytes.length != 12 + 8L * n) {
        throw new StorageException("corrupt deletion set \"" + key + "\": " + bytes.length
            + " bytes for a bitmap of " + n + " words");
      }
      long[] words = new long[n];
      in.asLongBuffer().get(words);
      DeletionSet set = new DeletionSet(BitSet.valueOf(words));
      if (set.size() != count) {
        throw new StorageException("corrupt deletion set \"" + key + "\": " + set.size()
            + " rows in a bitmap of " + count);
      }
      return set;
    }
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
    return 64 + bits.size() / 8;
  }
}
