package io.s3vector.sql.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.sql.PgException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorText#parseOrNull}, COPY's byte-level vector parser: every element it returns is
 * bit for bit {@link Float#parseFloat}'s, and whatever it declines {@link VectorText#parse(String)}
 * decides (the value, or pgvector's error).
 */
class VectorTextBytesTest {

  /** The COPY path: the fast parser, else the String parser. */
  private static float[] decode(String lit) {
    byte[] b = ("xx" + lit + "yy").getBytes(StandardCharsets.UTF_8); // an offset into a buffer
    float[] v = VectorText.parseOrNull(b, 2, b.length - 2, 0);
    return v != null ? v : VectorText.parse(lit);
  }

  private static float[] fast(String lit, int expectedDim) {
    byte[] b = lit.getBytes(StandardCharsets.UTF_8);
    return VectorText.parseOrNull(b, 0, b.length, expectedDim);
  }

  private static void assertExact(String token) {
    float expected = Float.parseFloat(token);
    float[] got = fast("[" + token + "]", 1);
    if (got != null) {
      assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(got[0]), token);
    }
    if (Float.isFinite(expected)) {
      float[] either = decode("[" + token + "]");
      assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(either[0]), token);
    }
  }

  @Test
  void shortestFloatTextIsAlwaysTheFastPathAndExact() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      float f = switch (i % 4) {
        case 0 -> (float) random.nextDouble(-1, 1);
        case 1 -> (float) (random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(-6, 7)));
        case 2 -> (float) random.nextInt(-100_000, 100_000);
        default -> (float) (random.nextDouble() * 1e-4);
      };
      String token = Float.toString(f);
      float[] got = fast("[" + token + "]", 1);
      assertNotNull(got, token);
      assertEquals(Float.floatToRawIntBits(f), Float.floatToRawIntBits(got[0]), token);
    }
  }

  @Test
  void randomDecimalsAgreeWithParseFloat() {
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 300_000; i++) {
      String token = switch (i % 6) {
        case 0 -> Float.toString(Float.intBitsToFloat(random.nextInt()));
        case 1 -> Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(-40, 40)));
        case 2 -> String.format(Locale.ROOT, "%." + random.nextInt(0, 20) + "e", random.nextGaussian());
        case 3 -> randomDigits(random, random.nextInt(1, 25)) + "." + randomDigits(random, random.nextInt(0, 25));
        case 4 -> (random.nextBoolean() ? "-" : "+") + randomDigits(random, random.nextInt(1, 12))
            + "e" + random.nextInt(-60, 60);
        default -> Long.toString(random.nextLong() >> random.nextInt(0, 63));
      };
      assertExact(token);
    }
  }

  private static String randomDigits(SplittableRandom random, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append((char) ('0' + random.nextInt(10)));
    }
    return sb.toString();
  }

  @Test
  void decimalsNearMidpointsBetweenFloatsAgreeWithParseFloat() {
    SplittableRandom random = new SplittableRandom(13);
    for (int i = 0; i < 100_000; i++) {
      float f = Float.intBitsToFloat(random.nextInt(0x0080_0000, 0x7f00_0000)); // normal, positive
      BigDecimal mid = new BigDecimal((double) f).add(new BigDecimal((double) Math.nextUp(f)))
          .divide(BigDecimal.valueOf(2));
      int digits = random.nextInt(7, 19);
      for (RoundingMode mode : new RoundingMode[] {RoundingMode.DOWN, RoundingMode.UP, RoundingMode.HALF_EVEN}) {
        assertExact(mid.round(new MathContext(digits, mode)).toString());
      }
    }
  }

  @Test
  void edgeCases() {
    for (String token : List.of("0", "-0", "+0", "-0.0", "0e99", "1", "+1", "-1", ".5", "-.5e-2", "1.",
        "1.e3", "1e5", "1E-5", "1e+5", "0000001.5", "0.00000000000000000000000001",
        "16777216", "16777217", "16777219", "33554434", "33554435", "0.1", "0.2", "0.3",
        "3.4028235e38", "3.4028234e38", "3.40282356e38", "1.17549435e-38", "1.1754942e-38",
        "1.4e-45", "7e-46", "1e-45", "9999999999999999999", "999999999999999999",
        "123456789012345678", "1234567890123456789", "9007199254740993", "1e22", "1e-22",
        "1e23", "1e-23", "4.7019774e-38", "8.589973e9", "0.99999994", "0.99999997",
        "1.00000006", "2.5e-45", "3.5e-45", "1e10000", "1e-10000")) {
      assertExact(token);
    }
    // exact midpoints between two floats go to the exact parser
    assertTrue(Float.isNaN(FastFloat.fromDecimal(false, 16777217, 0)));
    assertEquals(-0.0f, FastFloat.fromDecimal(true, 0, 5));
  }

  @Test
  void blanksAndDimensions() {
    float[] v = fast(" \t[ 1 ,\n2.5,-3 ]\r\n ", 3);
    assertEquals("[1,2.5,-3]", VectorText.format(v));
    // the expected dimension is only a hint for the allocation
    assertEquals(5, fast("[1,2,3,4,5]", 2).length);
    assertEquals(2, fast("[1,2]", 8).length);
    assertEquals(40, fast("[" + "1,".repeat(39) + "1]", 0).length);
  }

  @Test
  void declinedInputsAreDecidedByTheStringParser() {
    List<String> errors = new ArrayList<>();
    for (String lit : List.of("", " ", "[", "[]", "[ ]", "[1,]", "[,1]", "[1 2]", "[1]x", "1,2",
        "(1,2)", "[1,2", "[1e]", "[1e+]", "[--1]", "[+-1]", "[.]", "[-]", "[1..2]", "[0x10]",
        "[nan]", "[NaN]", "[inf]", "[-Infinity]", "[1e39]", "[-3.5e38]", "[1,2]]", "[１]")) {
      assertNull(fast(lit, 0), lit);
      PgException e = assertThrows(PgException.class, () -> VectorText.parse(lit), lit);
      errors.add(e.sqlState());
    }
    assertTrue(errors.stream().allMatch(s -> s.equals("22P02") || s.equals("22000") || s.equals("22003")),
        errors.toString());
    // declined but valid: the String parser gives the value
    assertEquals("[0]", VectorText.format(decode("[1e-50]")));
    assertEquals("[1.6777216e+07]", VectorText.format(decode("[16777217]")));
    assertEquals("[1]", VectorText.format(decode("[1.000000000000000000000000001]")));
  }

  @Test
  void tooManyDimensionsIsTheStringParsersError() {
    String lit = "[" + "1,".repeat(VectorText.MAX_DIM) + "1]";
    assertNull(fast(lit, 0));
    PgException e = assertThrows(PgException.class, () -> VectorText.parse(lit));
    assertEquals("54000", e.sqlState());
    assertEquals(VectorText.MAX_DIM, fast("[" + "1,".repeat(VectorText.MAX_DIM - 1) + "1]", 0).length);
  }

  @Test
  void binaryDecodesInPlace() {
    byte[] b = {9, 9, 0, 2, 0, 0, 0x3f, (byte) 0x80, 0, 0, (byte) 0xc0, 0x20, 0, 0, 9};
    float[] v = VectorType.decodeBinary(b, 2, 12);
    assertEquals("[1,-2.5]", VectorText.format(v));
    assertThrows(PgException.class, () -> VectorType.decodeBinary(b, 2, 11));
    byte[] nan = {0, 1, 0, 0, 0x7f, (byte) 0xc0, 0, 0};
    assertEquals("NaN not allowed in vector",
        assertThrows(PgException.class, () -> VectorType.decodeBinary(nan, 0, 8)).getMessage());
  }
}
