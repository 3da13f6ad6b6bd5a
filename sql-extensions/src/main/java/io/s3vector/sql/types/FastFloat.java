package io.s3vector.sql.types;

/**
 * A fast path for reading decimal floats such as {@code 0.41008073} or {@code -1.5e-3}, the bulk
 * of vector input (COPY of millions of vectors): up to 18 significant digits and a decimal
 * exponent within ±22 give an exactly rounded double (Clinger's fast path), and that double rounds
 * to the correct float unless it lies exactly halfway between two floats. Anything else returns
 * NaN and the caller falls back to {@link Float#parseFloat}.
 */
final class FastFloat {
  private static final double[] POW10 = new double[23];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  private FastFloat() {}

  /** The float value of {@code s[start, end)}, or NaN when the fast path does not apply. */
  static float parse(CharSequence s, int start, int end) {
    int i = start;
    boolean negative = false;
    if (i < end && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    long mantissa = 0;
    int digits = 0;
    int exp10 = 0;
    boolean any = false;
    for (; i < end; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        break;
      }
      any = true;
      if (mantissa != 0 || c != '0') {
        if (++digits > 18) {
          return Float.NaN;
        }
        mantissa = mantissa * 10 + (c - '0');
      }
    }
    if (i < end && s.charAt(i) == '.') {
      i++;
      for (; i < end; i++) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
          break;
        }
        any = true;
        if (mantissa != 0 || c != '0') {
          if (++digits > 18) {
            return Float.NaN;
          }
          mantissa = mantissa * 10 + (c - '0');
        }
        exp10--;
      }
    }
    if (!any) {
      return Float.NaN;
    }
    if (i < end && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      boolean expNegative = false;
      if (i < end && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
        expNegative = s.charAt(i) == '-';
        i++;
      }
      int e = 0;
      int expDigits = 0;
      for (; i < end; i++) {
        char c = s.charAt(i);
        if (c < '0' || c > '9' || ++expDigits > 4) {
          return Float.NaN;
        }
        e = e * 10 + (c - '0');
      }
      if (expDigits == 0) {
        return Float.NaN;
      }
      exp10 += expNegative ? -e : e;
    }
    if (i != end) {
      return Float.NaN;
    }
    return fromDecimal(negative, mantissa, exp10);
  }

  /**
   * The float nearest {@code ±mantissa × 10^exp10} (as Float.parseFloat rounds it), or NaN when the
   * fast path cannot prove it exact: a mantissa of 2^53 or more, an exponent outside ±22, a result
   * that overflows or underflows, or a double that falls exactly halfway between two floats.
   */
  static float fromDecimal(boolean negative, long mantissa, int exp10) {
    if (mantissa == 0) {
      return negative ? -0.0f : 0.0f;
    }
    if (mantissa >= (1L << 53) || exp10 < -22 || exp10 > 22) {
      return Float.NaN;
    }
    // Both operands are exact doubles, so one IEEE operation gives the correctly rounded double.
    double d = exp10 < 0 ? mantissa / POW10[-exp10] : mantissa * POW10[exp10];
    float f = (float) d;
    if (Float.isInfinite(f) || Math.abs(d) < Float.MIN_NORMAL) {
      return Float.NaN; // overflow, or below the normal floats: the exact parser decides
    }
    // Every midpoint between two floats is a double, so no midpoint lies strictly between the
    // exact value and d: rounding d to float is right unless d is exactly such a midpoint. For a
    // d in the normal floats' range that is when the 29 bits of its significand below the
    // float's are 1000...0.
    if ((Double.doubleToRawLongBits(d) & 0x1FFF_FFFFL) == 0x1000_0000L) {
      return Float.NaN;
    }
    return negative ? -f : f;
  }
}
