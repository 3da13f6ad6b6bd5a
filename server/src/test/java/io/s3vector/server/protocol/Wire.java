package io.s3vector.server.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Frontend frames built byte by byte, and backend messages read back, for protocol tests. */
public final class Wire {
  private Wire() {}

  /** One backend message: its type byte and its body. */
  public record Msg(char type, byte[] body) {
    public ByteBuf buf() {
      return Unpooled.wrappedBuffer(body);
    }

    /** The fields of an ErrorResponse, code → value. */
    public Map<Character, String> errorFields() {
      ByteBuf b = buf();
      var fields = new java.util.LinkedHashMap<Character, String>();
      while (true) {
        byte code = b.readByte();
        if (code == 0) {
          return fields;
        }
        fields.put((char) code, cstring(b));
      }
    }

    /** The text of a CommandComplete, or the first cstring of any message. */
    public String text() {
      return cstring(buf());
    }
  }

  public static String cstring(ByteBuf b) {
    int end = b.indexOf(b.readerIndex(), b.writerIndex(), (byte) 0);
    String s = b.toString(b.readerIndex(), end - b.readerIndex(), StandardCharsets.UTF_8);
    b.readerIndex(end + 1);
    return s;
  }

  public static ByteBuf startup(int version, Map<String, String> params) {
    ByteBuf body = Unpooled.buffer();
    body.writeInt(version);
    params.forEach(
        (k, v) -> {
          writeCString(body, k);
          writeCString(body, v);
        });
    body.writeByte(0);
    return untyped(body);
  }

  public static ByteBuf startup(String user) {
    return startup(3 << 16, Map.of("user", user, "database", "db"));
  }

  public static ByteBuf requestCode(int code) {
    ByteBuf body = Unpooled.buffer();
    body.writeInt(code);
    return untyped(body);
  }

  public static ByteBuf cancel(int pid, int key) {
    ByteBuf body = Unpooled.buffer();
    body.writeInt(80877102).writeInt(pid).writeInt(key);
    return untyped(body);
  }

  private static ByteBuf untyped(ByteBuf body) {
    ByteBuf out = Unpooled.buffer();
    out.writeInt(body.readableBytes() + 4).writeBytes(body);
    return out;
  }

  public static ByteBuf typed(char type, ByteBuf body) {
    ByteBuf out = Unpooled.buffer();
    out.writeByte(type).writeInt(body.readableBytes() + 4).writeBytes(body);
    return out;
  }

  public static ByteBuf query(String sql) {
    return typed('Q', cstrings(sql));
  }

  public static ByteBuf password(String password) {
    return typed('p', cstrings(password));
  }

  public static ByteBuf parse(String name, String sql, int... oids) {
    ByteBuf body = cstrings(name, sql);
    body.writeShort(oids.length);
    for (int oid : oids) {
      body.writeInt(oid);
    }
    return typed('P', body);
  }

  /** Bind with text parameters (null = SQL NULL) and the given result format codes. */
  public static ByteBuf bind(String portal, String statement, String[] params, short... resultFormats) {
    ByteBuf body = cstrings(portal, statement);
    body.writeShort(0);
    body.writeShort(params.length);
    for (String p : params) {
      if (p == null) {
        body.writeInt(-1);
      } else {
        byte[] bytes = p.getBytes(StandardCharsets.UTF_8);
        body.writeInt(bytes.length).writeBytes(bytes);
      }
    }
    body.writeShort(resultFormats.length);
    for (short f : resultFormats) {
      body.writeShort(f);
    }
    return typed('B', body);
  }

  public static ByteBuf describe(char target, String name) {
    ByteBuf body = Unpooled.buffer();
    body.writeByte(target);
    writeCString(body, name);
    return typed('D', body);
  }

  public static ByteBuf close(char target, String name) {
    ByteBuf body = Unpooled.buffer();
    body.writeByte(target);
    writeCString(body, name);
    return typed('C', body);
  }

  public static ByteBuf execute(String portal, int maxRows) {
    ByteBuf body = cstrings(portal);
    body.writeInt(maxRows);
    return typed('E', body);
  }

  public static ByteBuf sync() {
    return typed('S', Unpooled.buffer());
  }

  public static ByteBuf flush() {
    return typed('H', Unpooled.buffer());
  }

  public static ByteBuf copyData(String data) {
    return typed('d', Unpooled.wrappedBuffer(data.getBytes(StandardCharsets.UTF_8)));
  }

  public static ByteBuf copyDone() {
    return typed('c', Unpooled.buffer());
  }

  public static ByteBuf copyFail(String reason) {
    return typed('f', cstrings(reason));
  }

  public static ByteBuf terminate() {
    return typed('X', Unpooled.buffer());
  }

  public static ByteBuf cstrings(String... strings) {
    ByteBuf b = Unpooled.buffer();
    for (String s : strings) {
      writeCString(b, s);
    }
    return b;
  }

  public static void writeCString(ByteBuf b, String s) {
    b.writeBytes(s.getBytes(StandardCharsets.UTF_8)).writeByte(0);
  }

  /**
   * All backend messages written so far. A lone 'N' (the answer to SSLRequest) comes back as a
   * message of type 'N' with an empty body.
   */
  public static List<Msg> read(EmbeddedChannel channel) {
    ByteBuf all = Unpooled.buffer();
    for (Object o; (o = channel.readOutbound()) != null; ) {
      ByteBuf b = (ByteBuf) o;
      all.writeBytes(b);
      b.release();
    }
    List<Msg> out = new ArrayList<>();
    while (all.isReadable()) {
      char type = (char) all.readByte();
      if (type == 'N' && all.readableBytes() < 4) {
        out.add(new Msg('N', new byte[0]));
        continue;
      }
      int len = all.readInt();
      byte[] body = new byte[len - 4];
      all.readBytes(body);
      out.add(new Msg(type, body));
    }
    return out;
  }

  /** The type bytes of the messages, as a string, e.g. "1t2TDCZ". */
  public static String types(List<Msg> messages) {
    StringBuilder sb = new StringBuilder();
    for (Msg m : messages) {
      sb.append(m.type());
    }
    return sb.toString();
  }
}
