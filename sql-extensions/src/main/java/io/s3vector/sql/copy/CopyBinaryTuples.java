package io.s3vector.sql.copy;

import java.nio.ByteBuffer;

/**
 * Cuts COPY's binary format into tuples: the 11-byte signature, flags and header extension, then
 * per tuple an int16 field count and per field an int32 length (-1 for NULL) and the value's
 * binary form; a field count of -1 ends the data.
 */
final class CopyBinaryTuples {
  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

  private byte[] buf = new byte[1 << 16];
  private int start;
  private int len;
  private boolean headerRead;
  private boolean ended;

  void add(byte[] payload) {
    if (len + payload.length > buf.length) {
      int live = len - start;
      byte[] next = live + payload.length > buf.length
          ? new byte[Math.max(buf.length * 2, live + payload.length)] : buf;
      System.arraycopy(buf, start, next, 0, live);
      buf = next;
      len = live;
      start = 0;
    }
    System.arraycopy(payload, 0, buf, len, payload.length);
    len += payload.length;
  }

  boolean ended() {
    return ended;
  }

  /** The next tuple's field values (null for NULL), or null when more data is needed. */
  byte[][] next() {
    if (ended) {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(buf, start, len - start);
    if (!headerRead) {
      if (b.remaining() < SIGNATURE.length + 8) {
        return null;
      }
      for (byte s : SIGNATURE) {
        if (b.get() != s) {
          throw CopyFields.badBinary("COPY file signature not recognized");
        }
      }
      b.getInt(); // flags
      int extension = b.getInt();
      if (b.remaining() < extension) {
        return null;
      }
      b.position(b.position() + extension);
      headerRead = true;
      start = b.position();
    }
    if (b.remaining() < 2) {
      return null;
    }
    int count = b.getShort();
    if (count == -1) {
      ended = true;
      start = b.position();
      return null;
    }
    byte[][] fields = new byte[count][];
    for (int i = 0; i < count; i++) {
      if (b.remaining() < 4) {
        return null;
      }
      int n = b.getInt();
      if (n == -1) {
        continue;
      }
      if (n < 0) {
        throw CopyFields.badBinary("invalid field size");
      }
      if (b.remaining() < n) {
        return null;
      }
      fields[i] = new byte[n];
      b.get(fields[i]);
    }
    start = b.position();
    return fields;
  }

  /** Whether unread bytes remain (a truncated tuple at CopyDone). */
  boolean hasPartialTuple() {
    return !ended && len > start;
  }
}
