package io.s3vector.sql.types;

import java.nio.ByteBuffer;

/** {@code float4} (real): shortest round-trip text, IEEE 754 big-endian binary. */
public final class Float4Type extends PgType {
  public static final Float4Type INSTANCE = new Float4Type();

  private Float4Type() {
    super(TypeDescription.base(700, "float4", 4).byValue().category('N').array(1021)
        .display("real"));
  }

  @Override
  public String encodeText(Object value) {
    return FloatText.float4(((Number) value).floatValue());
  }

  @Override
  public byte[] encodeBinary(Object value) {
    return ByteBuffer.allocate(4).putFloat(((Number) value).floatValue()).array();
  }

  @Override
  public Object decodeText(String text) {
    return (float) FloatParsing.parse(text, "real");
  }

  @Override
  public Object decodeBinary(byte[] bytes) {
    return BinaryInts.expect(bytes, 4, "real").getFloat();
  }
}
