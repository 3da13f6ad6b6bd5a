package io.s3vector.sql.types;

/**
 * PostgreSQL's output of float4 and float8 (extra_float_digits = 1, the default since PG 12): the
 * shortest decimal that reads back to the same value, in fixed notation when the decimal exponent
 * is in [-4, precision) and in scientific notation ({@code 1e+06}, {@code 1.5e-05}) otherwise.
 * Java's {@code Float.toString}/{@code Double.toString} already produce the shortest digits (JDK
 * 19+); this class only re-lays them out the way PostgreSQL (and pgvector) print them.
 */
public final class FloatText {
  private static final int FLOAT4_FIXED_LIMIT = 6; // FLT_DIG
  private static final int FLOAT8_FIXED_LIMIT = 15; // DBL_DIG

  private FloatText() {}

  public static String float4(float v) {
    if (Float.isNaN(v)) {
      return "NaN";
    }
    if (Float.isInfinite(v)) {
      return v > 0 ? "Infinity" : "-Infinity";
    }
    return layout(Float.toString(v), FLOAT4_FIXED_LIMIT);
  }

  public static String float8(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "Infinity" : "-Infinity";
    }
    return layout(Double.toString(v), FLOAT8_FIXED_LIMIT);
  }

  /** Appends the float4 text of {@code v} (used by the vector output loop to avoid garbage). */
  public static void appendFloat4(StringBuilder out, float v) {
    out.append(float4(v));
  }

  /** Re-lays Java's shortest representation ("1.5E-5", "123.0", "-0.0") in PostgreSQL's style. */
  private static String layout(String java, int fixedLimit) {
    boolean negative = java.charAt(0) == '-';
    String s = negative ? java.substring(1) : java;
    int ePos = s.indexOf('E');
    String mantissa = ePos < 0 ? s : s.substring(0, ePos);
    int exp10 = ePos < 0 ? 0 : Integer.parseInt(s.substring(ePos + 1));
    int dot = mantissa.indexOf('.');
    String intPart = mantissa.substring(0, dot);
    String fracPart = mantissa.substring(dot + 1);
    // All significant digits and the position of the decimal point after the first of them.
    String digits = intPart + fracPart;
    int pointPos = intPart.length() + exp10;
    int firstNonZero = 0;
    while (firstNonZero < digits.length() - 1 && digits.charAt(firstNonZero) == '0') {
      firstNonZero++;
    }
    digits = digits.substring(firstNonZero);
    pointPos -= firstNonZero;
    int end = digits.length();
    while (end > 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    digits = digits.substring(0, end);
    StringBuilder out = new StringBuilder(24);
    if (negative) {
      out.append('-');
    }
    if (digits.equals("0")) {
      return out.append('0').toString();
    }
    int sciExp = pointPos - 1;
    if (sciExp < -4 || sciExp >= fixedLimit) {
      out.append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
      }
      out.append('e').append(sciExp < 0 ? '-' : '+');
      int abs = Math.abs(sciExp);
      if (abs < 10) {
        out.append('0');
      }
      return out.append(abs).toString();
    }
    if (pointPos <= 0) {
      out.append("0.");
      for (int i = 0; i < -pointPos; i++) {
        out.append('0');
      }
      return out.append(digits).toString();
    }
    if (pointPos >= digits.length()) {
      out.append(digits);
      for (int i = digits.length(); i < pointPos; i++) {
        out.append('0');
      }
      return out.toString();
    }
    return out.append(digits, 0, pointPos).append('.').append(digits, pointPos, digits.length())
        .toString();
  }
}
