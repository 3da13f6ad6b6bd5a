package io.s3vector.sql.types;

import java.nio.ByteBuffer;

/** {@code oid}: an unsigned 32-bit number, held as a Long. */
public final class OidType extends PgType {
  public static final OidType INSTANCE = new OidType();

  private OidType() {
    super(TypeDescription.base(26, "oid", 4).byValue().category('N').preferred().array(1028));
  }

  @Override
  public String encodeText(Object value) {
    return Long.toString(((Number) value).longValue());
  }

  @Override
  public byte[] encodeBinary(Object value) {
    return ByteBuffer.allocate(4).putInt((int) ((Number) value).longValue()).array();
  }

  @Override
  public Object decodeText(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw BinaryInts.invalidText("oid", text);
    }
  }

  @Override
  public Object decodeBinary(byte[] bytes) {
    return Integer.toUnsignedLong(BinaryInts.expect(bytes, 4, "oid").getInt());
  }
}
