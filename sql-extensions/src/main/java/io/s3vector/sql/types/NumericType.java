package io.s3vector.sql.types;

import java.math.BigDecimal;

/** {@code numeric}: text only (its binary base-10000 form is not implemented yet). */
public final class NumericType extends PgType {
  public static final NumericType INSTANCE = new NumericType();

  private NumericType() {
    super(1700, "numeric", -1);
  }

  @Override
  public String encodeText(Object value) {
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    return value.toString();
  }

  @Override
  public byte[] encodeBinary(Object value) {
    throw new UnsupportedOperationException("binary numeric");
  }

  @Override
  public Object decodeText(String text) {
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw BinaryInts.invalidText("numeric", text);
    }
  }

  @Override
  public Object decodeBinary(byte[] bytes) {
    throw new UnsupportedOperationException("binary numeric");
  }

  @Override
  public boolean supportsBinary() {
    return false;
  }
}
