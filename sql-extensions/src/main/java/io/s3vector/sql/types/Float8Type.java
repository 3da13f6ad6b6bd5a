package io.s3vector.sql.types;

import java.nio.ByteBuffer;

/** {@code float8} (double precision): shortest round-trip text, IEEE 754 big-endian binary. */
public final class Float8Type extends PgType {
  public static final Float8Type INSTANCE = new Float8Type();

  private Float8Type() {
    super(TypeDescription.base(701, "float8", 8).byValue().category('N').preferred().array(1022)
        .align('d').display("double precision"));
  }

  @Override
  public String encodeText(Object value) {
    return FloatText.float8(((Number) value).doubleValue());
  }

  @Override
  public byte[] encodeBinary(Object value) {
    return ByteBuffer.allocate(8).putDouble(((Number) value).doubleValue()).array();
  }

  @Override
  public Object decodeText(String text) {
    return FloatParsing.parse(text, "double precision");
  }

  @Override
  public Object decodeBinary(byte[] bytes) {
    return BinaryInts.expect(bytes, 8, "double precision").getDouble();
  }
}
