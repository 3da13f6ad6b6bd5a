package io.s3vector.sql.types;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import java.nio.ByteBuffer;

/** {@code int8} (bigint): decimal text, 8-byte big-endian binary. */
public final class Int8Type extends PgType {
  public static final Int8Type INSTANCE = new Int8Type();

  private Int8Type() {
    super(TypeDescription.base(20, "int8", 8).byValue().category('N').array(1016).align('d')
        .display("bigint"));
  }

  @Override
  public String encodeText(Object value) {
    return value.toString();
  }

  @Override
  public byte[] encodeBinary(Object value) {
    return ByteBuffer.allocate(8).putLong(((Long) value)).array();
  }

  @Override
  public Object decodeText(String text) {
    String t = text.trim();
    try {
      return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
    } catch (NumberFormatException e) {
      if (!t.isEmpty() && t.chars().allMatch(c -> Character.isDigit(c) || c == '-' || c == '+')) {
        throw new PgException(
            SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
            "value \"" + text + "\" is out of range for type bigint");
      }
      throw BinaryInts.invalidText("bigint", text);
    }
  }

  @Override
  public Object decodeBinary(byte[] bytes) {
    return BinaryInts.expect(bytes, 8, "bigint").getLong();
  }
}
