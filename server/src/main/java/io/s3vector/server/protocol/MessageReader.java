package io.s3vector.server.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads the fields of one frame's body with the bounds checks PostgreSQL's {@code pq_getmsg*}
 * makes: a body that is shorter than its fields claim is a protocol violation, never an
 * IndexOutOfBoundsException.
 */
final class MessageReader {
  private final ByteBuf body;

  MessageReader(ByteBuf body) {
    this.body = body;
  }

  private void need(int bytes) {
    if (bytes < 0 || body.readableBytes() < bytes) {
      throw new ProtocolViolation("insufficient data left in message");
    }
  }

  byte readByte() {
    need(1);
    return body.readByte();
  }

  short readShort() {
    need(2);
    return body.readShort();
  }

  int readInt() {
    need(4);
    return body.readInt();
  }

  /** A count that must be non-negative, e.g. the number of parameters. */
  int readCount16() {
    return readShort() & 0xffff;
  }

  byte[] readBytes(int length) {
    need(length);
    byte[] bytes = new byte[length];
    body.readBytes(bytes);
    return bytes;
  }

  /** A null-terminated UTF-8 string (PostgreSQL's {@code pq_getmsgstring}). */
  String readCString() {
    int end = body.indexOf(body.readerIndex(), body.writerIndex(), (byte) 0);
    if (end < 0) {
      throw new ProtocolViolation("invalid string in message");
    }
    String s = body.toString(body.readerIndex(), end - body.readerIndex(), StandardCharsets.UTF_8);
    body.readerIndex(end + 1);
    return s;
  }

  int remainingBytes() {
    return body.readableBytes();
  }

  /** PostgreSQL's {@code pq_getmsgend}: trailing bytes mean a malformed message. */
  void end() {
    if (body.isReadable()) {
      throw new ProtocolViolation("invalid message format");
    }
  }
}
