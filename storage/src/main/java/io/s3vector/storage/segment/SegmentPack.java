package io.s3vector.storage.segment;

import io.s3vector.storage.StorageException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A small segment's files in one object, {@code <table>/_log/<segment>}: a commit of a few rows then
 * costs one object write instead of one per array and chunk (on a folder, one fsync instead of
 * a dozen; on S3, one PUT). Packed segments are named {@code p-<uuid>}; compaction folds them into
 * ordinary Zarr segments. Format: magic, count, then per file its UTF-8 name (relative to the
 * segment folder) and bytes, each behind a little-endian int32 length.
 */
public final class SegmentPack {

  /** The folder of a table's packs (beside the segment folders: writing one makes no folder). */
  public static final String FOLDER = "_log/";
  /** Segment ids of packed segments start with this (a UUID never does). */
  public static final String ID_PREFIX = "p-";
  private static final int MAGIC = 0x53335650; // "S3VP"

  private final byte[] bytes;
  /** File name → {offset, length} in {@link #bytes}. */
  private final Map<String, int[]> files;

  private SegmentPack(byte[] bytes, Map<String, int[]> files) {
    this.bytes = bytes;
    this.files = files;
  }

  /** The object key of a packed segment's pack. */
  public static String key(String tableDirectory, String segmentId) {
    return tableDirectory + "/" + FOLDER + segmentId;
  }

  /**
   * The segment a key under a table's folder (relative to it) belongs to: the pack's segment for
   * {@code _log/<id>}, the folder's for {@code <id>/...}; null for the table's own files (other
   * {@code _}-folders, {@code .zgroup}).
   */
  public static String segmentOf(String keyInTable) {
    if (keyInTable.startsWith(FOLDER)) {
      return keyInTable.substring(FOLDER.length());
    }
    int slash = keyInTable.indexOf('/');
    return slash > 0 && !keyInTable.startsWith("_") && !keyInTable.startsWith(".")
        ? keyInTable.substring(0, slash) : null;
  }

  public static boolean isPacked(String segmentId) {
    return segmentId.startsWith(ID_PREFIX);
  }

  /**
   * The pack's bytes, in one array of the exact size: a merge's pack runs to hundreds of KB, and
   * growing a stream and copying it out allocated it three times over (an array of 1 MB or more
   * is a "humongous" object that starts a collection of the whole heap).
   */
  public static byte[] encode(SortedMap<String, byte[]> files) {
    List<byte[]> names = new ArrayList<>(files.size());
    long size = 8;
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      byte[] name = file.getKey().getBytes(StandardCharsets.UTF_8);
      names.add(name);
      size += 4 + name.length + 4 + file.getValue().length;
    }
    ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(size)).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(MAGIC).putInt(files.size());
    int i = 0;
    for (byte[] content : files.values()) {
      byte[] name = names.get(i++);
      out.putInt(name.length).put(name).putInt(content.length).put(content);
    }
    return out.array();
  }

  public static SegmentPack decode(String key, byte[] bytes) {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      if (in.getInt() != MAGIC) {
        throw new StorageException("corrupt segment pack \"" + key + "\"");
      }
      int count = in.getInt();
      Map<String, int[]> files = new HashMap<>();
      for (int i = 0; i < count; i++) {
        byte[] name = new byte[in.getInt()];
        in.get(name);
        int length = in.getInt();
        files.put(new String(name, StandardCharsets.UTF_8), new int[] {in.position(), length});
        in.position(in.position() + length);
      }
      return new SegmentPack(bytes, files);
    } catch (RuntimeException e) {
      if (e instanceof StorageException s) {
        throw s;
      }
      throw new StorageException("corrupt segment pack \"" + key + "\": " + e, e);
    }
  }

  /** Whether the pack holds the file. */
  public boolean has(String name) {
    return files.containsKey(name);
  }

  /** The bytes {@code [offset, offset + length)} of a file ({@code length} -1: to its end). */
  public byte[] read(String name, long offset, int length) {
    int[] at = files.get(name);
    if (at == null) {
      throw new StorageException("segment pack has no file \"" + name + "\"");
    }
    int from = (int) Math.min(offset, at[1]);
    int count = length < 0 ? at[1] - from : Math.min(length, at[1] - from);
    return java.util.Arrays.copyOfRange(bytes, at[0] + from, at[0] + from + count);
  }

  public long byteSize() {
    return 64L + bytes.length + 64L * files.size();
  }
}
