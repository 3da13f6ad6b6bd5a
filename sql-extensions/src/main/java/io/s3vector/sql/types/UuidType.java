package io.s3vector.sql.types;

import java.nio.ByteBuffer;

/**
 * {@code uuid} (OID 2950): values are the canonical text, lower-case 8-4-4-4-12 hex digits, so
 * that text order is PostgreSQL's byte order and storage keeps them as a TEXT column. Input as
 * PostgreSQL's uuid_in: upper or lower case, optionally in braces, a hyphen allowed after any
 * group of four digits. Binary form: the 16 bytes.
 */
public final class UuidType extends PgType {
  public static final UuidType INSTANCE = new UuidType();
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private UuidType() {
    super(TypeDescription.base(2950, "uuid", 16).array(2951)
        .io("uuid_in", "uuid_out", "uuid_recv", "uuid_send").align('c'));
  }

  @Override
  public String encodeText(Object value) {
    return value.toString();
  }

  @Override
  public byte[] encodeBinary(Object value) {
    String s = value.toString();
    byte[] out = new byte[16];
    int j = 0;
    for (int i = 0; i < 16; i++) {
      if (s.charAt(j) == '-') {
        j++;
      }
      out[i] = (byte) (Character.digit(s.charAt(j), 16) << 4 | Character.digit(s.charAt(j + 1), 16));
      j += 2;
    }
    return out;
  }

  @Override
  public Object decodeText(String text) {
    return parse(text);
  }

  @Override
  public Object decodeBinary(byte[] bytes) {
    ByteBuffer b = BinaryInts.expect(bytes, 16, "uuid");
    byte[] raw = new byte[16];
    b.get(raw);
    return format(raw);
  }

  /** PostgreSQL's uuid_in: the canonical text, or 22P02. */
  public static String parse(String text) {
    byte[] raw = new byte[16];
    int p = 0;
    int n = text.length();
    boolean braces = n > 0 && text.charAt(0) == '{';
    if (braces) {
      p++;
    }
    for (int i = 0; i < 16; i++) {
      if (p + 1 >= n) {
        throw BinaryInts.invalidText("uuid", text);
      }
      int hi = hex(text.charAt(p));
      int lo = hex(text.charAt(p + 1));
      if (hi < 0 || lo < 0) {
        throw BinaryInts.invalidText("uuid", text);
      }
      raw[i] = (byte) (hi << 4 | lo);
      p += 2;
      if (p < n && text.charAt(p) == '-' && i % 2 == 1 && i < 15) {
        p++;
      }
    }
    if (braces) {
      if (p >= n || text.charAt(p) != '}') {
        throw BinaryInts.invalidText("uuid", text);
      }
      p++;
    }
    if (p != n) {
      throw BinaryInts.invalidText("uuid", text);
    }
    return format(raw);
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** uuid_out: 8-4-4-4-12 lower-case hex digits. */
  public static String format(byte[] raw) {
    StringBuilder out = new StringBuilder(36);
    for (int i = 0; i < 16; i++) {
      if (i == 4 || i == 6 || i == 8 || i == 10) {
        out.append('-');
      }
      out.append(HEX[(raw[i] >> 4) & 0xf]).append(HEX[raw[i] & 0xf]);
    }
    return out.toString();
  }
}
