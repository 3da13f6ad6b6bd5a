package io.s3vector.sql.types;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import java.nio.ByteBuffer;

/** {@code int4} (integer): decimal text, 4-byte big-endian binary. */
public final class Int4Type extends PgType {
  public static final Int4Type INSTANCE = new Int4Type();

  private Int4Type() {
    super(TypeDescription.base(23, "int4", 4).byValue().category('N').array(1007)
        .display("integer"));
  }

  @Override
  public String encodeText(Object value) {
    return value.toString();
  }

  @Override
  public byte[] encodeBinary(Object value) {
    return ByteBuffer.allocate(4).putInt(((Integer) value)).array();
  }

  @Override
  public Object decodeText(String text) {
    String t = text.trim();
    try {
      return Integer.parseInt(t.startsWith("+") ? t.substring(1) : t);
    } catch (NumberFormatException e) {
      if (!t.isEmpty() && t.chars().allMatch(c -> Character.isDigit(c) || c == '-' || c == '+')) {
        throw new PgException(
            SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
            "value \"" + text + "\" is out of range for type integer");
      }
      throw BinaryInts.invalidText("integer", text);
    }
  }

  @Override
  public Object decodeBinary(byte[] bytes) {
    return BinaryInts.expect(bytes, 4, "integer").getInt();
  }
}
