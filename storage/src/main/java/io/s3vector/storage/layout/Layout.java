package io.s3vector.storage.layout;

import java.nio.charset.StandardCharsets;

/**
 * The keys of the storage layout (docs/architecture.md, "Storage layout"):
 *
 * <pre>
 * _manifest/v00000042.json              the catalog at version 42; the newest version wins
 * &lt;table&gt;/&lt;segment-uuid&gt;/.zgroup .zattrs   an immutable segment, one Zarr v2 group
 * &lt;table&gt;/&lt;segment-uuid&gt;/&lt;column&gt;/...    one Zarr array per column
 * &lt;table&gt;/&lt;segment-uuid&gt;/&lt;column&gt;.null/  a |b1 array marking NULL rows, when there are any
 * &lt;table&gt;/&lt;segment-uuid&gt;/hnsw_&lt;index&gt;/   the segment's graph of one HNSW index (HnswSegmentIndex)
 * </pre>
 *
 * Table and column names may be anything a quoted SQL identifier allows, so they are escaped into
 * one safe path component: lower-case letters, digits and '_' stay, every other byte of the UTF-8
 * form becomes {@code %XX}. Upper case is escaped too, so that two tables differing only in case
 * stay apart on case-insensitive file systems, and a table name may not start with '_', which is
 * reserved for the store's own folders ({@code _manifest}).
 */
public final class Layout {

  public static final String MANIFEST_PREFIX = "_manifest/";
  private static final String MANIFEST_SUFFIX = ".json";
  private static final String NULL_SUFFIX = ".null";
  private static final String INDEX_PREFIX = "hnsw_";
  private static final String IVF_PREFIX = "ivf_";

  private Layout() {}

  public static String manifestKey(long version) {
    return MANIFEST_PREFIX + "v" + zeroPadded(version, 8) + MANIFEST_SUFFIX;
  }

  /**
   * {@code String.format("%0<width>d", value)} for a value of at least zero, without the
   * formatter (every commit names its version, and the formatter was a few percent of the
   * committer's time).
   */
  public static String zeroPadded(long value, int width) {
    String digits = Long.toString(value);
    return digits.length() >= width || value < 0 ? digits : "0".repeat(width - digits.length()) + digits;
  }

  /** The version of a manifest key, or -1 when the key is not a manifest. */
  public static long manifestVersion(String key) {
    if (!key.startsWith(MANIFEST_PREFIX + "v") || !key.endsWith(MANIFEST_SUFFIX)) {
      return -1;
    }
    String digits =
        key.substring(MANIFEST_PREFIX.length() + 1, key.length() - MANIFEST_SUFFIX.length());
    if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Long.parseLong(digits);
  }

  /** The folder of a table's segments. */
  public static String tableDirectory(String table) {
    String escaped = escape(table);
    return escaped.startsWith("_") ? "%5F" + escaped.substring(1) : escaped;
  }

  /** The key prefix of one segment, ending in '/'. */
  public static String segmentPrefix(String tableDirectory, String segmentId) {
    return tableDirectory + "/" + segmentId + "/";
  }

  /** The name of a column's array inside its segment group. */
  public static String columnArray(String column) {
    return escape(column);
  }

  /** The name of the array that marks a column's NULL rows. */
  public static String nullArray(String column) {
    return escape(column) + NULL_SUFFIX;
  }

  /** The key prefix of a segment's graph of one index, ending in '/'. */
  public static String indexGroup(String tableDirectory, String segmentId, String index) {
    return segmentPrefix(tableDirectory, segmentId) + INDEX_PREFIX + escape(index) + "/";
  }

  /** The key prefix of a segment's IVF index of one index ({@code ivf_<index>/}), ending in '/'. */
  public static String ivfGroup(String tableDirectory, String segmentId, String index) {
    return segmentPrefix(tableDirectory, segmentId) + IVF_PREFIX + escape(index) + "/";
  }

  static String escape(String name) {
    if (name.isEmpty()) {
      return "%";
    }
    StringBuilder out = new StringBuilder(name.length());
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return out.toString();
  }
}
