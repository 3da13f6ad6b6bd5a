package io.s3vector.sql.types;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import java.nio.ByteBuffer;

/** {@code int2} (smallint): decimal text, 2-byte big-endian binary. */
public final class Int2Type extends PgType {
  public static final Int2Type INSTANCE = new Int2Type();

  private Int2Type() {
    super(TypeDescription.base(21, "int2", 2).byValue().category('N').array(1005).align('s')
        .display("smallint"));
  }

  @Override
  public String encodeText(Object value) {
    return value.toString();
  }

  @Override
  public byte[] encodeBinary(Object value) {
    return ByteBuffer.allocate(2).putShort(((Short) value)).array();
  }

  @Override
  public Object decodeText(String text) {
    String t = text.trim();
    try {
      return Short.parseShort(t.startsWith("+") ? t.substring(1) : t);
    } catch (NumberFormatException e) {
      if (!t.isEmpty() && t.chars().allMatch(c -> Character.isDigit(c) || c == '-' || c == '+')) {
        throw new PgException(
            SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
            "value \"" + text + "\" is out of range for type smallint");
      }
      throw BinaryInts.invalidText("smallint", text);
    }
  }

  @Override
  public Object decodeBinary(byte[] bytes) {
    return BinaryInts.expect(bytes, 2, "smallint").getShort();
  }
}
