package io.s3vector.sql.copy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

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
  private int fieldCount;
  private int[] offsets = new int[8];
  private int[] lengths = new int[8];

  private static final VarHandle SHORT =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

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

  /**
   * Finds the next complete tuple: true and its field count is {@link #fieldCount()}, field i is
   * {@link #buffer()}{@code [}{@link #offset(int) offset(i)}{@code , +}{@link #length(int)
   * length(i)}{@code )} (length -1 for NULL), valid until the next {@link #add}; false when more
   * data is needed or the data ended.
   */
  boolean next() {
    if (ended) {
      return false;
    }
    int p = start;
    int end = len;
    if (!headerRead) {
      if (end - p < SIGNATURE.length + 8) {
        return false;
      }
      for (byte s : SIGNATURE) {
        if (buf[p++] != s) {
          throw CopyFields.badBinary("COPY file signature not recognized");
        }
      }
      p += 4; // flags
      int extension = (int) INT.get(buf, p);
      p += 4;
      if (extension < 0) {
        throw CopyFields.badBinary("invalid COPY file header (wrong length)");
      }
      if (end - p < extension) {
        return false;
      }
      p += extension;
      headerRead = true;
      start = p;
    }
    if (end - p < 2) {
      return false;
    }
    int count = (short) SHORT.get(buf, p);
    p += 2;
    if (count == -1) {
      ended = true;
      start = p;
      return false;
    }
    if (count < 0) {
      fieldCount = count; // reported as a wrong field count
      start = p;
      return true;
    }
    if (offsets.length < count) {
      offsets = new int[count];
      lengths = new int[count];
    }
    for (int i = 0; i < count; i++) {
      if (end - p < 4) {
        return false;
      }
      int n = (int) INT.get(buf, p);
      p += 4;
      if (n == -1) {
        offsets[i] = p;
        lengths[i] = -1;
        continue;
      }
      if (n < 0) {
        throw CopyFields.badBinary("invalid field size");
      }
      if (end - p < n) {
        return false;
      }
      offsets[i] = p;
      lengths[i] = n;
      p += n;
    }
    fieldCount = count;
    start = p;
    return true;
  }

  byte[] buffer() {
    return buf;
  }

  int fieldCount() {
    return fieldCount;
  }

  int offset(int field) {
    return offsets[field];
  }

  /** The field's length in bytes, -1 for NULL. */
  int length(int field) {
    return lengths[field];
  }

  /** Whether unread bytes remain (a truncated tuple at CopyDone). */
  boolean hasPartialTuple() {
    return !ended && len > start;
  }
}
