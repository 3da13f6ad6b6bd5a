package io.s3vector.server.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.s3vector.server.protocol.ClientMessage.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts the byte stream into frames and decodes each into a {@link ClientMessage}. Until the
 * StartupMessage, frames have no type byte (length, then a request code); afterwards every frame
 * is a type byte, a length that counts itself, and the body.
 *
 * <p>A frame that breaks the rules raises {@link ProtocolViolation}; from then on all input is
 * discarded, because after a bad length the stream cannot be resynchronised.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
  /** PostgreSQL's own cap for a startup packet ({@code MAX_STARTUP_PACKET_LENGTH}). */
  static final int MAX_STARTUP_PACKET_LENGTH = 10_000;

  /** The hard upper bound of the protocol: PostgreSQL refuses anything of 1 GiB or more. */
  static final int MAX_PROTOCOL_LENGTH = (1 << 30) - 1;

  static final int SSL_REQUEST_CODE = 80877103;
  static final int GSSENC_REQUEST_CODE = 80877104;
  static final int CANCEL_REQUEST_CODE = 80877102;

  private final int maxFrameLength;
  private boolean startupPhase = true;
  private boolean failed;

  /**
   * @param maxFrameLength the largest regular frame accepted (bytes, including the length field);
   *     bounds the memory one connection can make us hold
   */
  public FrameDecoder(int maxFrameLength) {
    this.maxFrameLength = Math.min(maxFrameLength, MAX_PROTOCOL_LENGTH);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    try {
      ClientMessage message = startupPhase ? decodeStartupFrame(in) : decodeRegularFrame(in);
      if (message != null) {
        out.add(message);
      }
    } catch (ProtocolViolation e) {
      failed = true;
      in.skipBytes(in.readableBytes());
      throw e;
    }
  }

  private ClientMessage decodeStartupFrame(ByteBuf in) {
    if (in.readableBytes() < 4) {
      return null;
    }
    int length = in.getInt(in.readerIndex());
    if (length < 8 || length > MAX_STARTUP_PACKET_LENGTH) {
      throw new ProtocolViolation("invalid length of startup packet");
    }
    if (in.readableBytes() < length) {
      return null;
    }
    in.skipBytes(4);
    ByteBuf body = in.readSlice(length - 4);
    MessageReader r = new MessageReader(body);
    int code = r.readInt();
    switch (code) {
      case SSL_REQUEST_CODE -> {
        r.end();
        return new ClientMessage.SslRequest();
      }
      case GSSENC_REQUEST_CODE -> {
        r.end();
        return new ClientMessage.GssEncRequest();
      }
      case CANCEL_REQUEST_CODE -> {
        int pid = r.readInt();
        int key = r.readInt();
        // protocol 3.2 allows longer secret keys; we only ever hand out 4-byte ones
        return new ClientMessage.CancelRequest(pid, key);
      }
      default -> {
        ClientMessage.Startup startup = decodeStartup(code, r);
        // The reply to a startup message depends on its version, but the framing switches now:
        // the next frame (e.g. a PasswordMessage) carries a type byte.
        startupPhase = false;
        return startup;
      }
    }
  }

  private static ClientMessage.Startup decodeStartup(int version, MessageReader r) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if ((version >>> 16) == 3) {
      // name/value pairs terminated by an empty name
      while (true) {
        String name = r.readCString();
        if (name.isEmpty()) {
          break;
        }
        parameters.put(name, r.readCString());
      }
      r.end();
    }
    return new ClientMessage.Startup(version, parameters);
  }

  private ClientMessage decodeRegularFrame(ByteBuf in) {
    if (in.readableBytes() < 5) {
      return null;
    }
    int start = in.readerIndex();
    byte type = in.getByte(start);
    int length = in.getInt(start + 1);
    if (length < 4) {
      throw new ProtocolViolation("invalid message length");
    }
    if (length > maxFrameLength) {
      throw new ProtocolViolation(
          "message of type '" + (char) type + "' is " + length + " bytes, more than the "
              + maxFrameLength + " allowed");
    }
    if (!isKnownType(type)) {
      // checked before the body arrives, so a garbage length cannot make us wait for gigabytes
      throw new ProtocolViolation("invalid frontend message type " + (type & 0xff));
    }
    if (in.readableBytes() < 1 + length) {
      return null;
    }
    in.skipBytes(5);
    MessageReader r = new MessageReader(in.readSlice(length - 4));
    return decodeBody(type, r);
  }

  private static boolean isKnownType(byte type) {
    return switch (type) {
      case 'p', 'Q', 'P', 'B', 'D', 'E', 'C', 'S', 'H', 'X', 'd', 'c', 'f', 'F' -> true;
      default -> false;
    };
  }

  private static ClientMessage decodeBody(byte type, MessageReader r) {
    ClientMessage m =
        switch (type) {
          case 'p' -> new ClientMessage.Password(r.readCString());
          case 'Q' -> new ClientMessage.Query(r.readCString());
          case 'P' -> decodeParse(r);
          case 'B' -> decodeBind(r);
          case 'D' -> new ClientMessage.Describe(readTarget(r), r.readCString());
          case 'E' -> new ClientMessage.Execute(r.readCString(), r.readInt());
          case 'C' -> new ClientMessage.Close(readTarget(r), r.readCString());
          case 'S' -> new ClientMessage.Sync();
          case 'H' -> new ClientMessage.Flush();
          case 'X' -> new ClientMessage.Terminate();
          case 'd' -> {
            byte[] data = r.readBytes(remaining(r));
            yield new ClientMessage.CopyData(data);
          }
          case 'c' -> new ClientMessage.CopyDone();
          case 'f' -> new ClientMessage.CopyFail(r.readCString());
          case 'F' -> {
            // the body is not worth decoding: we refuse the call either way
            r.readBytes(remaining(r));
            yield new ClientMessage.FunctionCall();
          }
          default -> throw new ProtocolViolation("invalid frontend message type " + (type & 0xff));
        };
    r.end();
    return m;
  }

  private static int remaining(MessageReader r) {
    return r.remainingBytes();
  }

  private static Target readTarget(MessageReader r) {
    byte t = r.readByte();
    return switch (t) {
      case 'S' -> Target.STATEMENT;
      case 'P' -> Target.PORTAL;
      default -> throw new ProtocolViolation("invalid DESCRIBE/CLOSE message subtype " + t);
    };
  }

  private static ClientMessage.Parse decodeParse(MessageReader r) {
    String name = r.readCString();
    String sql = r.readCString();
    int n = r.readCount16();
    int[] oids = new int[n];
    for (int i = 0; i < n; i++) {
      oids[i] = r.readInt();
    }
    return new ClientMessage.Parse(name, sql, oids);
  }

  private static ClientMessage.Bind decodeBind(MessageReader r) {
    String portal = r.readCString();
    String statement = r.readCString();
    short[] parameterFormats = readFormats(r);
    int n = r.readCount16();
    byte[][] values = new byte[n][];
    for (int i = 0; i < n; i++) {
      int len = r.readInt();
      if (len < -1) {
        throw new ProtocolViolation("invalid parameter length " + len);
      }
      values[i] = len == -1 ? null : r.readBytes(len);
    }
    short[] resultFormats = readFormats(r);
    return new ClientMessage.Bind(portal, statement, parameterFormats, values, resultFormats);
  }

  private static short[] readFormats(MessageReader r) {
    int n = r.readCount16();
    short[] formats = new short[n];
    for (int i = 0; i < n; i++) {
      formats[i] = r.readShort();
    }
    return formats;
  }
}
