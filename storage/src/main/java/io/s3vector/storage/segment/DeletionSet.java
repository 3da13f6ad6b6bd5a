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

  public static final DeletionSet EMPTY = new DeletionSet(new int[0]);
  private static final int MAGIC = 0x53334431; // "S3D1"
  private static final int BITMAP_MAGIC = 0x53334432; // "S3D2"
  public static final String FOLDER = "_deletes/";
  /**
   * Sets of up to this many positions are kept as a sorted array, larger ones as a bitmap: the
   * rows one statement deletes from a segment were a bitmap reaching up to the highest of them
   * (11 KB for one row near the end of a segment of 90,000), made, merged and counted whole at
   * every UPDATE.
   */
  static final int SPARSE_MAX = 256;

  /** Never changed once the set is made: unions and shifts make new ones. Exactly one is null. */
  private final int[] sparse;
  /** Shares blocks with the sets it was made from ({@link BlockBitmap}). */
  private final BlockBitmap bits;
  private final int size;

  private DeletionSet(BlockBitmap bits) {
    this(bits, bits.cardinality());
  }

  private DeletionSet(BlockBitmap bits, int size) {
    this.sparse = null;
    this.bits = bits;
    this.size = size;
  }

  /** Takes {@code sorted} (ascending, no repeats), which the caller drops. */
  private DeletionSet(int[] sorted) {
    this.sparse = sorted;
    this.bits = null;
    this.size = sorted.length;
  }

  /** The set of these positions (any order, repeats allowed). */
  public static DeletionSet of(int... positions) {
    for (int p : positions) {
      if (p < 0) {
        throw new IllegalArgumentException("negative row position " + p);
      }
    }
    if (positions.length <= SPARSE_MAX) {
      int[] sorted = positions.clone();
      java.util.Arrays.sort(sorted);
      int n = 0;
      for (int i = 0; i < sorted.length; i++) {
        if (n == 0 || sorted[n - 1] != sorted[i]) {
          sorted[n++] = sorted[i];
        }
      }
      return new DeletionSet(n == sorted.length ? sorted : java.util.Arrays.copyOf(sorted, n));
    }
    BitSet bits = new BitSet();
    for (int p : positions) {
      bits.set(p);
    }
    return of(bits);
  }

  /** A set of the bits' positions, which the caller drops; kept sparse when they are few. */
  private static DeletionSet of(BitSet bits) {
    int size = bits.cardinality();
    if (size > SPARSE_MAX) {
      return new DeletionSet(BlockBitmap.of(bits), size);
    }
    return new DeletionSet(bits.stream().toArray());
  }

  /**
   * The name of the set a delta called {@code name} adds to ({@code <base>.<id>}, see {@link
   * DeletionSets}), or null when {@code name} is a whole set's.
   */
  public static String baseOf(String name) {
    int dot = name.indexOf('.');
    return dot < 0 ? null : name.substring(0, dot);
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
    return sparse != null ? java.util.Arrays.binarySearch(sparse, position) >= 0 : bits.get(position);
  }

  /** The first position at or after {@code from}, or -1 (as {@link BitSet#nextSetBit}). */
  private int next(int from) {
    if (sparse == null) {
      return bits.nextSetBit(from);
    }
    int at = java.util.Arrays.binarySearch(sparse, from);
    if (at < 0) {
      at = -at - 1;
    }
    return at < sparse.length ? sparse[at] : -1;
  }

  /** Whether any of {@code others} is in this set. */
  public boolean intersects(DeletionSet others) {
    if (sparse == null && others.sparse == null) {
      return bits.intersects(others.bits);
    }
    DeletionSet few = sparse != null ? this : others;
    DeletionSet other = few == this ? others : this;
    for (int p : few.sparse) {
      if (other.contains(p)) {
        return true;
      }
    }
    return false;
  }

  /** This set and {@code more}. */
  public DeletionSet union(DeletionSet more) {
    if (more.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return more;
    }
    if (sparse != null && more.sparse != null && size + more.size <= SPARSE_MAX) {
      return new DeletionSet(mergeSorted(sparse, more.sparse));
    }
    // onto the bitmap of the larger one when both are: adding a few positions to a big set
    // copies the blocks they fall in, not the whole bitmap, nor passes over both and counts
    DeletionSet big = sparse == null && (more.sparse != null || size >= more.size) ? this : more;
    DeletionSet small = big == this ? more : this;
    if (big.sparse != null) {
      BitSet all = toBits(big.sparse);
      for (int p : small.sparse) {
        all.set(p);
      }
      return new DeletionSet(BlockBitmap.of(all));
    }
    if (small.sparse == null) {
      return new DeletionSet(big.bits.or(small.bits));
    }
    int added = big.size;
    for (int p : small.sparse) {
      if (!big.bits.get(p)) {
        added++;
      }
    }
    return added == big.size ? big : new DeletionSet(big.bits.with(small.sparse), added);
  }

  private static BitSet toBits(int[] sorted) {
    BitSet bits = new BitSet(sorted.length == 0 ? 0 : sorted[sorted.length - 1] + 1);
    for (int p : sorted) {
      bits.set(p);
    }
    return bits;
  }

  private static int[] mergeSorted(int[] a, int[] b) {
    int[] out = new int[a.length + b.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < a.length || j < b.length) {
      int next;
      if (j == b.length || (i < a.length && a[i] <= b[j])) {
        next = a[i++];
      } else {
        next = b[j++];
      }
      if (n == 0 || out[n - 1] != next) {
        out[n++] = next;
      }
    }
    return n == out.length ? out : java.util.Arrays.copyOf(out, n);
  }

  /** The positions of this set shifted by {@code offset} (a segment merged behind others). */
  public DeletionSet shifted(int offset) {
    if (sparse != null) {
      int[] moved = new int[sparse.length];
      for (int i = 0; i < moved.length; i++) {
        moved[i] = sparse[i] + offset;
      }
      return new DeletionSet(moved);
    }
    BitSet moved = new BitSet();
    for (int p = bits.nextSetBit(0); p >= 0; p = bits.nextSetBit(p + 1)) {
      moved.set(p + offset);
    }
    return new DeletionSet(BlockBitmap.of(moved), size);
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
    int next = purged.next(0);
    for (int p = next(0); p >= 0; p = next(p + 1)) {
      while (next >= 0 && next < p) {
        below++;
        next = purged.next(next + 1);
      }
      if (next != p) {
        out.set(p - below);
      }
    }
    return of(out);
  }

  /** The rows {@code [0, rows)} minus this set's: the live rows of a segment, in order. */
  public int[] complement(int rows) {
    int deleted = 0;
    for (int p = next(0); p >= 0 && p < rows; p = next(p + 1)) {
      deleted++;
    }
    int[] live = new int[rows - deleted];
    int n = 0;
    int skip = next(0);
    for (int p = 0; p < rows; p++) {
      if (p == skip) {
        skip = next(p + 1);
      } else {
        live[n++] = p;
      }
    }
    return live;
  }

  /** The positions, sorted (a copy). */
  public int[] positions() {
    if (sparse != null) {
      return sparse.clone();
    }
    int[] out = new int[size];
    for (int p = bits.nextSetBit(0), i = 0; p >= 0; p = bits.nextSetBit(p + 1)) {
      out[i++] = p;
    }
    return out;
  }

  /** The deleted rows of {@code [from, from + count)} as a mask indexed from {@code from}, or null when none is. */
  public boolean[] mask(int from, int count) {
    int first = next(from);
    if (first < 0 || first >= from + count) {
      return null;
    }
    boolean[] mask = new boolean[count];
    for (int p = first; p >= 0 && p < from + count; p = next(p + 1)) {
      mask[p - from] = true;
    }
    return mask;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof DeletionSet set) || set.size != size) {
      return false;
    }
    if (sparse == null && set.sparse == null) {
      return bits.equals(set.bits);
    }
    return java.util.Arrays.equals(positions(), set.positions());
  }

  @Override
  public int hashCode() {
    int h = size;
    for (int p = next(0), i = 0; p >= 0 && i < 16; p = next(p + 1), i++) {
      h = 31 * h + p;
    }
    return h;
  }

  /** The number of 64-bit words a bitmap of this set needs. */
  private int bitmapWords() {
    if (size == 0) {
      return 0;
    }
    int last = sparse != null ? sparse[size - 1] : bits.length() - 1;
    return last / 64 + 1;
  }

  /** Whether {@link #encode} writes a bitmap: whichever encoding is smaller. */
  private boolean encodesAsBitmap() {
    return 8L * bitmapWords() + 4 < 4L * size;
  }

  /** How many bytes {@link #encode} makes, without making them. */
  public int encodedBytes() {
    return encodesAsBitmap() ? 12 + 8 * bitmapWords() : 8 + 4 * size;
  }

  public byte[] encode() {
    // a few positions close together are a bitmap too
    if (encodesAsBitmap()) {
      long[] words = sparse == null ? bits.toLongArray() : toBits(sparse).toLongArray();
      ByteBuffer out = ByteBuffer.allocate(12 + 8 * words.length).order(ByteOrder.LITTLE_ENDIAN);
      out.putInt(BITMAP_MAGIC).putInt(size).putInt(words.length);
      out.asLongBuffer().put(words);
      return out.array();
    }
    ByteBuffer out = ByteBuffer.allocate(8 + 4 * size).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(MAGIC).putInt(size);
    for (int p = next(0); p >= 0; p = next(p + 1)) {
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
      DeletionSet set = new DeletionSet(BlockBitmap.ofWords(words));
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
    return 64 + (sparse != null ? 4L * sparse.length : bits.bytes());
  }
}
