package io.s3vector.sql.copy;

import java.util.Arrays;

/**
 * The bytes of one CopyData payload, reused from row to row so a copy of millions of rows does
 * not allocate a buffer per row. Big-endian integers, as the binary format wants.
 */
final class CopyOutBuffer {
  private byte[] bytes = new byte[256];
  private int length;

  void reset() {
    length = 0;
  }

  byte[] bytes() {
    return bytes;
  }

  int length() {
    return length;
  }

  void write(int b) {
    ensure(1);
    bytes[length++] = (byte) b;
  }

  void write(byte[] b) {
    write(b, 0, b.length);
  }

  void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, bytes, length, len);
    length += len;
  }

  void writeShort(int v) {
    ensure(2);
    bytes[length++] = (byte) (v >>> 8);
    bytes[length++] = (byte) v;
  }

  void writeInt(int v) {
    ensure(4);
    bytes[length++] = (byte) (v >>> 24);
    bytes[length++] = (byte) (v >>> 16);
    bytes[length++] = (byte) (v >>> 8);
    bytes[length++] = (byte) v;
  }

  private void ensure(int extra) {
    if (length + extra > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
    }
  }
}
