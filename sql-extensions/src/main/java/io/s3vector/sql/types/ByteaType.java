package io.s3vector.sql.types;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;

/**
 * {@code bytea} (OID 17): values are {@code byte[]}. Text output in PostgreSQL's default hex form
 * ({@code \x0102ff}); input in hex form or the escape form ({@code a\000b}, {@code \\} for a
 * backslash), as byteain reads them. Binary form: the bytes themselves.
 */
public final class ByteaType extends PgType {
  public static final ByteaType INSTANCE = new ByteaType();
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private ByteaType() {
    super(TypeDescription.base(17, "bytea", -1).array(1001)
        .io("byteain", "byteaout", "bytearecv", "byteasend").storage('x'));
  }

  @Override
  public String encodeText(Object value) {
    return "\\x" + hex((byte[]) value);
  }

  @Override
  public byte[] encodeBinary(Object value) {
    return (byte[]) value;
  }

  @Override
  public Object decodeText(String text) {
    return parse(text);
  }

  @Override
  public Object decodeBinary(byte[] bytes) {
    return bytes.clone();
  }

  /** Lower-case hex digits of {@code bytes}, two per byte. */
  public static String hex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[bytes[i] & 0xf];
    }
    return new String(out);
  }

  /** The bytes of hex digits (whitespace between pairs allowed), or PostgreSQL's 22023. */
  public static byte[] fromHex(String s, int from) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length() / 2);
    int i = from;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        i++;
        continue;
      }
      int hi = Character.digit(c, 16);
      if (hi < 0) {
        throw invalidHexDigit(s, i);
      }
      if (i + 1 >= s.length()) {
        throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
            "invalid hexadecimal data: odd number of digits");
      }
      int lo = Character.digit(s.charAt(i + 1), 16);
      if (lo < 0) {
        throw invalidHexDigit(s, i + 1);
      }
      out.write(hi << 4 | lo);
      i += 2;
    }
    return out.toByteArray();
  }

  private static PgException invalidHexDigit(String s, int at) {
    return new PgException(SqlState.INVALID_PARAMETER_VALUE,
        "invalid hexadecimal digit: \"" + s.substring(at, s.offsetByCodePoints(at, 1)) + "\"");
  }

  /** PostgreSQL's byteain: the hex form after {@code \x}, else the escape form (UTF-8 bytes). */
  public static byte[] parse(String text) {
    if (text.startsWith("\\x")) {
      return fromHex(text, 2);
    }
    byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(utf8.length);
    for (int i = 0; i < utf8.length; i++) {
      byte b = utf8[i];
      if (b != '\\') {
        out.write(b);
      } else if (i + 1 < utf8.length && utf8[i + 1] == '\\') {
        out.write('\\');
        i++;
      } else if (i + 3 < utf8.length && utf8[i + 1] >= '0' && utf8[i + 1] <= '3'
          && octal(utf8[i + 2]) && octal(utf8[i + 3])) {
        out.write(((utf8[i + 1] - '0') << 6) | ((utf8[i + 2] - '0') << 3) | (utf8[i + 3] - '0'));
        i += 3;
      } else {
        throw new PgException(SqlState.INVALID_TEXT_REPRESENTATION,
            "invalid input syntax for type bytea");
      }
    }
    return out.toByteArray();
  }

  private static boolean octal(byte b) {
    return b >= '0' && b <= '7';
  }
}
