package io.s3vector.sql.copy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Cuts the CopyData byte stream of the text and csv formats into records (lines), however the
 * client split it into messages. In csv a newline inside quotes belongs to the field. A '\n' byte
 * never occurs inside a multi-byte UTF-8 character, so records decode independently.
 */
final class CopyRecords {
  private final boolean csv;
  private final byte quote;
  private final byte escape;
  private byte[] buf = new byte[1 << 16];
  private int start;
  private int len;
  private int scan;
  private boolean inQuotes;

  CopyRecords(CopyOptions options) {
    this.csv = options.format() == CopyOptions.Format.CSV;
    this.quote = (byte) options.quote();
    this.escape = (byte) options.escape();
  }

  void add(byte[] payload) {
    if (start > 0 && start == len) {
      start = 0;
      len = 0;
      scan = 0;
    }
    if (len + payload.length > buf.length) {
      int live = len - start;
      byte[] next = live + payload.length > buf.length
          ? new byte[Math.max(buf.length * 2, live + payload.length)] : buf;
      System.arraycopy(buf, start, next, 0, live);
      buf = next;
      scan -= start;
      len = live;
      start = 0;
    }
    System.arraycopy(payload, 0, buf, len, payload.length);
    len += payload.length;
  }

  /** The next complete record without its line end, or null when more data is needed. */
  String next() {
    for (; scan < len; scan++) {
      byte b = buf[scan];
      if (csv) {
        if (inQuotes && b == escape && escape != quote && scan + 1 < len && buf[scan + 1] == quote) {
          scan++;
          continue;
        }
        if (b == quote) {
          inQuotes = !inQuotes;
          continue;
        }
      }
      if (b == '\n' && !inQuotes) {
        int end = scan > start && buf[scan - 1] == '\r' ? scan - 1 : scan;
        String record = new String(buf, start, end - start, StandardCharsets.UTF_8);
        scan++;
        start = scan;
        return record;
      }
    }
    return null;
  }

  /** At CopyDone: the last record if it had no line end, else null. */
  String rest() {
    if (start >= len) {
      return null;
    }
    int end = len > start && buf[len - 1] == '\r' ? len - 1 : len;
    String record = new String(Arrays.copyOfRange(buf, start, end), StandardCharsets.UTF_8);
    start = len;
    return record;
  }
}
