package io.s3vector.sql.copy;

import java.nio.charset.StandardCharsets;

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
  private int recordStart;
  private int recordEnd;
  /** Newlines inside quotes met since the current record began (csv). */
  private int quotedNewlines;
  /** The lines the current record spans: 1, more when a quoted csv field holds newlines. */
  private int recordLines;

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

  /**
   * Finds the next complete record (without its line end): true and its bytes are {@link
   * #buffer()}{@code [}{@link #recordStart()}{@code , }{@link #recordEnd()}{@code )}, valid until
   * the next {@link #add}; false when more data is needed.
   */
  boolean next() {
    if (!csv) {
      scan = ByteScan.indexOf(buf, scan, len, (byte) '\n');
    }
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
      } else if (b != '\n') {
        continue;
      }
      if (b == '\n' && inQuotes) {
        quotedNewlines++;
      } else if (b == '\n') {
        endRecord();
        recordStart = start;
        recordEnd = scan > start && buf[scan - 1] == '\r' ? scan - 1 : scan;
        scan++;
        start = scan;
        return true;
      }
    }
    return false;
  }

  /** At CopyDone: true if a last record without a line end remains (then read as after next). */
  boolean rest() {
    if (start >= len) {
      return false;
    }
    endRecord();
    recordStart = start;
    recordEnd = len > start && buf[len - 1] == '\r' ? len - 1 : len;
    start = len;
    return true;
  }

  private void endRecord() {
    recordLines = 1 + quotedNewlines;
    quotedNewlines = 0;
  }

  /**
   * The lines the current record spans (PostgreSQL counts lines, not records, in COPY's
   * CONTEXT): 1, or more for the newlines inside a quoted csv field.
   */
  int lines() {
    return recordLines;
  }

  byte[] buffer() {
    return buf;
  }

  int recordStart() {
    return recordStart;
  }

  int recordEnd() {
    return recordEnd;
  }

  /** The current record as text. */
  String text() {
    return new String(buf, recordStart, recordEnd - recordStart, StandardCharsets.UTF_8);
  }
}
