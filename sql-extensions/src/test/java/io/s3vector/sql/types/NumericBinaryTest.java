package io.s3vector.sql.types;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** numeric's binary form against PostgreSQL 15's numeric_send output, both ways. */
class NumericBinaryTest {
  private static void check(String value, String hex) {
    BigDecimal v = new BigDecimal(value);
    assertEquals(hex, HexFormat.of().formatHex(NumericType.INSTANCE.encodeBinary(v)), value);
    BigDecimal back = (BigDecimal) NumericType.INSTANCE.decodeBinary(HexFormat.of().parseHex(hex));
    assertEquals(v.scale() < 0 ? v.setScale(0) : v, back, value);
  }

  @Test
  void matchesNumericSend() {
    check("123.4500", "0002000000000004007b1194");
    check("0", "0000000000000000");
    check("0.00", "0000000000000002");
    check("-10000", "00010001400000000001");
    check("0.0001234", "0002ffff0000000700010924");
    check("12345678.9", "000300010000000104d2162e2328");
    check("1E+20", "00010005000000000001");
  }

  @Test
  void arraysOfNumericGoBinaryToo() {
    Object[] v = {new BigDecimal("1.5"), null};
    assertEquals(true, PgTypes.NUMERIC_ARRAY.supportsBinary());
    Object[] back = (Object[]) PgTypes.NUMERIC_ARRAY.decodeBinary(PgTypes.NUMERIC_ARRAY.encodeBinary(v));
    assertEquals(new BigDecimal("1.5"), back[0]);
    assertEquals(null, back[1]);
  }
}
