package io.s3vector.sql.types;

import java.math.BigDecimal;

/** {@code numeric}: text only (its binary base-10000 form is not implemented yet). */
public final class NumericType extends PgType {
  public static final NumericType INSTANCE = new NumericType();

  private NumericType() {
    super(TypeDescription.base(1700, "numeric", -1).category('N').array(1231)
        .io("numeric_in", "numeric_out", "numeric_recv", "numeric_send")
        .typmod("numerictypmodin", "numerictypmodout").storage('m'));
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
