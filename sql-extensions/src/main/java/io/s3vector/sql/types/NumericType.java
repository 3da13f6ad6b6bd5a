package io.s3vector.sql.types;

import java.math.BigDecimal;

/**
 * {@code numeric} as BigDecimal. Binary form as numeric_send: int16 ndigits, int16 weight (of the
 * first base-10000 digit), int16 sign (0 positive, 0x4000 negative, 0xC000 NaN), int16 dscale,
 * then the base-10000 digits, without leading or trailing zero digits.
 */
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
    BigDecimal d = (BigDecimal) value;
    int dscale = Math.max(d.scale(), 0);
    String plain = d.abs().setScale(dscale).toPlainString();
    int dot = plain.indexOf('.');
    String intPart = dot < 0 ? plain : plain.substring(0, dot);
    String fracPart = dot < 0 ? "" : plain.substring(dot + 1);
    // Align both parts to groups of four decimal digits around the point.
    intPart = "0".repeat((4 - intPart.length() % 4) % 4) + intPart;
    fracPart = fracPart + "0".repeat((4 - fracPart.length() % 4) % 4);
    String all = intPart + fracPart;
    int groups = all.length() / 4;
    short[] digits = new short[groups];
    for (int i = 0; i < groups; i++) {
      digits[i] = Short.parseShort(all.substring(4 * i, 4 * i + 4));
    }
    int weight = intPart.length() / 4 - 1;
    int first = 0;
    while (first < groups && digits[first] == 0) {
      first++;
      weight--;
    }
    int last = groups;
    while (last > first && digits[last - 1] == 0) {
      last--;
    }
    int n = last - first;
    if (n == 0) {
      weight = 0;
    }
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(8 + 2 * n);
    buf.putShort((short) n).putShort((short) weight)
        .putShort((short) (d.signum() < 0 ? 0x4000 : 0)).putShort((short) dscale);
    for (int i = first; i < last; i++) {
      buf.putShort(digits[i]);
    }
    return buf.array();
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
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
    if (bytes.length < 8) {
      throw new io.s3vector.sql.PgException(io.s3vector.sql.SqlState.INVALID_BINARY_REPRESENTATION,
          "insufficient data left in message");
    }
    int n = buf.getShort();
    int weight = buf.getShort();
    int sign = buf.getShort() & 0xFFFF;
    int dscale = buf.getShort();
    if (sign == 0xC000 || sign == 0xD000 || sign == 0xF000) {
      throw new io.s3vector.sql.PgException(io.s3vector.sql.SqlState.FEATURE_NOT_SUPPORTED,
          "numeric NaN and infinity are not supported");
    }
    if ((sign != 0 && sign != 0x4000) || n < 0 || bytes.length < 8 + 2 * n) {
      throw new io.s3vector.sql.PgException(io.s3vector.sql.SqlState.INVALID_BINARY_REPRESENTATION,
          "invalid sign in external \"numeric\" value");
    }
    java.math.BigInteger unscaled = java.math.BigInteger.ZERO;
    java.math.BigInteger base = java.math.BigInteger.valueOf(10000);
    for (int i = 0; i < n; i++) {
      int digit = buf.getShort();
      if (digit < 0 || digit > 9999) {
        throw new io.s3vector.sql.PgException(io.s3vector.sql.SqlState.INVALID_BINARY_REPRESENTATION,
            "invalid digit in external \"numeric\" value");
      }
      unscaled = unscaled.multiply(base).add(java.math.BigInteger.valueOf(digit));
    }
    // The digits read are worth 10000^(weight - n + 1) each.
    BigDecimal v = new BigDecimal(unscaled, -4 * (weight - n + 1));
    v = v.setScale(dscale, java.math.RoundingMode.HALF_UP);
    return sign == 0x4000 ? v.negate() : v;
  }
}
