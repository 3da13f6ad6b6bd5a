package io.s3vector.tests;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PostgreSQL v3 protocol client on a plain socket, byte by byte, for what pgjdbc hides: the
 * SSLRequest answer, the authentication request codes, ParameterStatus, binary result layouts and
 * malformed messages.
 */
final class RawPgConnection implements AutoCloseable {
  static final int SSL_REQUEST_CODE = 80877103;
  static final int PROTOCOL_3_0 = 196608;

  /** One backend message: its type byte and its body (without type and length). */
  record Message(char type, byte[] body) {
    /** CommandComplete's tag, ParameterStatus' "name=value", or the body as text. */
    String text() {
      return new String(body, 0, Math.max(0, body.length - 1), StandardCharsets.UTF_8);
    }

    /** An ErrorResponse or NoticeResponse's fields by code ('C' SQLSTATE, 'M' message, ...). */
    Map<Character, String> fields() {
      Map<Character, String> fields = new LinkedHashMap<>();
      int i = 0;
      while (i < body.length && body[i] != 0) {
        char code = (char) body[i++];
        int end = i;
        while (body[end] != 0) {
          end++;
        }
        fields.put(code, new String(body, i, end - i, StandardCharsets.UTF_8));
        i = end + 1;
      }
      return fields;
    }

    /** A DataRow's column values (null for SQL NULL). */
    List<byte[]> columns() {
      DataInputStreamView in = new DataInputStreamView(body);
      int n = in.int16();
      List<byte[]> values = new ArrayList<>(n);
      for (int c = 0; c < n; c++) {
        int len = in.int32();
        values.add(len < 0 ? null : in.bytes(len));
      }
      return values;
    }

    /** An AuthenticationXXX message's request code (0 = OK, 3 = cleartext, 5 = md5). */
    int authCode() {
      return new DataInputStreamView(body).int32();
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;

  RawPgConnection(String host, int port) throws IOException {
    socket = new Socket(host, port);
    socket.setSoTimeout(10_000);
    in = new DataInputStream(socket.getInputStream());
    out = new DataOutputStream(socket.getOutputStream());
  }

  /** Sends an SSLRequest and returns the single byte answered ('N' or 'S'). */
  char sslRequest() throws IOException {
    out.writeInt(8);
    out.writeInt(SSL_REQUEST_CODE);
    out.flush();
    return (char) in.readUnsignedByte();
  }

  /** Sends a StartupMessage for protocol 3.0 with these parameters. */
  void startup(Map<String, String> parameters) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    DataOutputStream b = new DataOutputStream(body);
    b.writeInt(PROTOCOL_3_0);
    for (Map.Entry<String, String> e : parameters.entrySet()) {
      cstring(b, e.getKey());
      cstring(b, e.getValue());
    }
    b.writeByte(0);
    out.writeInt(4 + body.size());
    body.writeTo(out);
    out.flush();
  }

  /** Startup as {@code user} with trust auth, then reads up to ReadyForQuery. */
  List<Message> startupTrusted(String user) throws IOException {
    startup(Map.of("user", user, "database", "postgres"));
    return readUntilReady();
  }

  /** PasswordMessage with the password as is (cleartext) . */
  void password(String password) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    cstring(new DataOutputStream(body), password);
    send('p', body.toByteArray());
  }

  /** PostgreSQL's md5 answer: "md5" + md5hex(md5hex(password + user) + salt). */
  static String md5Password(String user, String password, byte[] salt) {
    try {
      MessageDigest md = MessageDigest.getInstance("MD5");
      String inner = HexFormat.of().formatHex(md.digest((password + user).getBytes(StandardCharsets.UTF_8)));
      md.reset();
      md.update(inner.getBytes(StandardCharsets.UTF_8));
      md.update(salt);
      return "md5" + HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  void query(String sql) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    cstring(new DataOutputStream(body), sql);
    send('Q', body.toByteArray());
  }

  void parse(String name, String sql, int... paramTypes) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    DataOutputStream b = new DataOutputStream(body);
    cstring(b, name);
    cstring(b, sql);
    b.writeShort(paramTypes.length);
    for (int t : paramTypes) {
      b.writeInt(t);
    }
    send('P', body.toByteArray());
  }

  /** Bind with text parameters and one result format code for all columns. */
  void bind(String portal, String statement, int resultFormat, String... textParams)
      throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    DataOutputStream b = new DataOutputStream(body);
    cstring(b, portal);
    cstring(b, statement);
    b.writeShort(0);
    b.writeShort(textParams.length);
    for (String p : textParams) {
      if (p == null) {
        b.writeInt(-1);
      } else {
        byte[] bytes = p.getBytes(StandardCharsets.UTF_8);
        b.writeInt(bytes.length);
        b.write(bytes);
      }
    }
    b.writeShort(1);
    b.writeShort(resultFormat);
    send('B', body.toByteArray());
  }

  void describePortal(String portal) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    DataOutputStream b = new DataOutputStream(body);
    b.writeByte('P');
    cstring(b, portal);
    send('D', body.toByteArray());
  }

  void execute(String portal, int maxRows) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    DataOutputStream b = new DataOutputStream(body);
    cstring(b, portal);
    b.writeInt(maxRows);
    send('E', body.toByteArray());
  }

  void sync() throws IOException {
    send('S', new byte[0]);
  }

  void terminate() throws IOException {
    send('X', new byte[0]);
  }

  /** A regular message: type byte, int32 length (including itself), body. */
  void send(char type, byte[] body) throws IOException {
    out.writeByte(type);
    out.writeInt(4 + body.length);
    out.write(body);
    out.flush();
  }

  /** Bytes exactly as given, for malformed input. */
  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  Message read() throws IOException {
    char type = (char) in.readUnsignedByte();
    int length = in.readInt();
    if (length < 4 || length > (64 << 20)) {
      throw new IOException("bad message length " + length + " for type " + type);
    }
    byte[] body = new byte[length - 4];
    in.readFully(body);
    return new Message(type, body);
  }

  /** Messages up to and including ReadyForQuery ('Z'), or up to a FATAL error and close. */
  List<Message> readUntilReady() throws IOException {
    List<Message> messages = new ArrayList<>();
    while (true) {
      Message m = read();
      messages.add(m);
      if (m.type() == 'Z') {
        return messages;
      }
      if (m.type() == 'E' && "FATAL".equals(m.fields().get('S'))) {
        return messages;
      }
    }
  }

  /**
   * Whether the server closes the connection within the socket timeout, reading (and dropping)
   * whatever it still sends, e.g. a FATAL ErrorResponse.
   */
  boolean closedByServer() throws IOException {
    try {
      byte[] buf = new byte[8192];
      while (true) {
        if (in.read(buf) < 0) {
          return true;
        }
      }
    } catch (EOFException e) {
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset by peer
    }
  }

  /** Types of these messages as a string, e.g. "TDCZ". */
  static String types(List<Message> messages) {
    StringBuilder sb = new StringBuilder();
    for (Message m : messages) {
      sb.append(m.type());
    }
    return sb.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private static void cstring(DataOutputStream b, String s) throws IOException {
    b.write(s.getBytes(StandardCharsets.UTF_8));
    b.writeByte(0);
  }

  /** Big-endian reads over a byte array. */
  static final class DataInputStreamView {
    private final byte[] bytes;
    private int pos;

    DataInputStreamView(byte[] bytes) {
      this.bytes = bytes;
    }

    int int16() {
      int v = ((bytes[pos] & 0xff) << 8) | (bytes[pos + 1] & 0xff);
      pos += 2;
      return (short) v;
    }

    int int32() {
      int v = ((bytes[pos] & 0xff) << 24) | ((bytes[pos + 1] & 0xff) << 16)
          | ((bytes[pos + 2] & 0xff) << 8) | (bytes[pos + 3] & 0xff);
      pos += 4;
      return v;
    }

    byte[] bytes(int n) {
      byte[] b = java.util.Arrays.copyOfRange(bytes, pos, pos + n);
      pos += n;
      return b;
    }
  }
}
