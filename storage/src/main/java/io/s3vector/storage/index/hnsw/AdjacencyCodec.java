package io.s3vector.storage.index.hnsw;

import java.util.Arrays;

/**
 * Every neighbour list of a graph as one byte stream: the stored form of the links ({@link
 * HnswSegmentIndex}, format 2). For each node in the graph (level ≥ 0), in node order, and for
 * each of its layers from 0 up: the list's length, then its ids ascending, the first as it is and
 * each next one as the gap from the one before, all as unsigned LEB128 varints.
 *
 * <p>Why: the in-memory layout has a fixed stride of {@code m0 + 1} ints per node, 132 bytes at m
 * 16, whatever the node's degree; gaps between sorted ids of a million-node graph take two or
 * three bytes. At 1M × 128 that is about half the bytes, and it is what keeps the stored index
 * under a third of the raw vectors. Absent nodes (level -1) cost nothing; the levels array tells
 * the decoder which nodes to expect and how many layers each has.
 *
 * <p>The lists must be ascending ({@link HnswGraph#canonicalise}); a decoded graph's unused
 * slots are zero, as in a canonical graph, so a round trip gives back equal arrays.
 */
final class AdjacencyCodec {

  private AdjacencyCodec() {}

  /** The stream of {@code graph}'s lists (ascending, as {@link HnswGraph#canonicalise} leaves them). */
  static byte[] encode(HnswGraph graph) {
    Output out = new Output(graph.size * 24);
    for (int node = 0; node < graph.size; node++) {
      for (int layer = 0; layer <= graph.levels[node]; layer++) {
        out.list(graph.neighboursArray(layer), graph.neighboursOffset(node, layer));
      }
    }
    return out.bytes();
  }

  /**
   * Decodes {@code bytes} into a graph's arrays: {@code layer0} ({@code n * (m0 + 1)}) and {@code
   * upper} (sized from {@code upperOffsets}, which {@link HnswGraph#upperOffsets} gives from the
   * levels).
   *
   * @throws IllegalArgumentException when the stream does not match the levels
   */
  static void decode(byte[] bytes, byte[] levels, HnswParams params, int[] layer0, int[] upper,
      int[] upperOffsets) {
    Input in = new Input(bytes);
    int stride0 = params.m0() + 1;
    int strideUp = params.m() + 1;
    for (int node = 0; node < levels.length; node++) {
      int level = levels[node];
      if (level < 0) {
        continue;
      }
      in.list(layer0, node * stride0, params.m0(), levels.length);
      for (int layer = 1; layer <= level; layer++) {
        in.list(upper, upperOffsets[node] + (layer - 1) * strideUp, params.m(), levels.length);
      }
    }
    if (in.at != bytes.length) {
      throw new IllegalArgumentException("adjacency stream has " + (bytes.length - in.at)
          + " bytes past its last list");
    }
  }

  /** A growing byte buffer that writes varints. */
  private static final class Output {
    private byte[] buffer;
    private int length;

    Output(int capacity) {
      buffer = new byte[Math.max(64, capacity)];
    }

    /** The list at {@code lists[at]}: its count, then its ascending ids as gaps. */
    void list(int[] lists, int at) {
      int count = lists[at];
      varint(count);
      int previous = 0;
      for (int i = 1; i <= count; i++) {
        int id = lists[at + i];
        varint(i == 1 ? id : id - previous);
        previous = id;
      }
    }

    private void varint(int value) {
      if (length + 5 > buffer.length) {
        buffer = Arrays.copyOf(buffer, buffer.length + (buffer.length >> 1) + 5);
      }
      while ((value & ~0x7F) != 0) {
        buffer[length++] = (byte) ((value & 0x7F) | 0x80);
        value >>>= 7;
      }
      buffer[length++] = (byte) value;
    }

    byte[] bytes() {
      return Arrays.copyOf(buffer, length);
    }
  }

  /** Reads varints from a stream, checking every value against the graph's bounds. */
  private static final class Input {
    private final byte[] bytes;
    int at;

    Input(byte[] bytes) {
      this.bytes = bytes;
    }

    void list(int[] lists, int to, int maxCount, int nodes) {
      int count = varint();
      if (count < 0 || count > maxCount) {
        throw new IllegalArgumentException("adjacency list of " + count + " links (at most "
            + maxCount + ")");
      }
      lists[to] = count;
      int id = 0;
      for (int i = 1; i <= count; i++) {
        int gap = varint();
        id = i == 1 ? gap : id + gap;
        if (id < 0 || id >= nodes || (i > 1 && gap <= 0)) {
          throw new IllegalArgumentException("adjacency list names node " + id + " of " + nodes);
        }
        lists[to + i] = id;
      }
    }

    private int varint() {
      int value = 0;
      for (int shift = 0; shift < 35; shift += 7) {
        if (at >= bytes.length) {
          throw new IllegalArgumentException("adjacency stream ends inside a list");
        }
        byte b = bytes[at++];
        value |= (b & 0x7F) << shift;
        if (b >= 0) {
          return value;
        }
      }
      throw new IllegalArgumentException("adjacency stream has a varint over 5 bytes");
    }
  }
}
