package io.s3vector.sql.types;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;

/** pgvector's text form of {@code vector}: {@code [1,2.5,3]}, read and written as pgvector does. */
public final class VectorText {
  /** pgvector's VECTOR_MAX_DIM. */
  public static final int MAX_DIM = 16000;

  private VectorText() {}

  public static String format(float[] v) {
    StringBuilder out = new StringBuilder(v.length * 8 + 2);
    out.append('[');
    for (int i = 0; i < v.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(FloatText.float4(v[i]));
    }
    return out.append(']').toString();
  }

  /** Parses like pgvector's {@code vector_in}, with its errors and SQLSTATEs. */
  public static float[] parse(String lit) {
    // the common form in one pass over its bytes (the scan below looks at each element twice,
    // a tenth of a simple-query INSERT of a vector(128)); anything else is read below
    byte[] ascii = lit.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    float[] common = parseOrNull(ascii, 0, ascii.length, 0);
    if (common != null) {
      return common;
    }
    int n = lit.length();
    int pt = skipSpace(lit, 0);
    if (pt >= n || lit.charAt(pt) != '[') {
      throw new PgException(
          SqlState.INVALID_TEXT_REPRESENTATION,
          "invalid input syntax for type vector: \"" + lit + "\"",
          "Vector contents must start with \"[\".",
          null,
          0,
          null);
    }
    pt = skipSpace(lit, pt + 1);
    if (pt < n && lit.charAt(pt) == ']') {
      throw new PgException(SqlState.DATA_EXCEPTION, "vector must have at least 1 dimension");
    }
    float[] buf = new float[16];
    int dim = 0;
    for (; ; ) {
      if (dim == MAX_DIM) {
        throw new PgException(
            SqlState.PROGRAM_LIMIT_EXCEEDED,
            "vector cannot have more than " + MAX_DIM + " dimensions");
      }
      pt = skipSpace(lit, pt);
      int start = pt;
      int end = scanFloat(lit, pt);
      if (end == start) {
        throw invalid(lit);
      }
      float val = FastFloat.parse(lit, start, end);
      if (Float.isNaN(val)) {
        // Not the common decimal form (or NaN itself): Java's exact parser decides.
        String token = lit.substring(start, end);
        try {
          val = Float.parseFloat(token);
        } catch (NumberFormatException e) {
          throw invalid(lit);
        }
        if (Float.isInfinite(val) && !isInfinityWord(token)) {
          throw new PgException(
              SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
              "\"" + token + "\" is out of range for type vector");
        }
        checkElement(val);
      }
      if (dim == buf.length) {
        buf = java.util.Arrays.copyOf(buf, dim * 2);
      }
      buf[dim++] = val;
      pt = skipSpace(lit, end);
      if (pt < n && lit.charAt(pt) == ',') {
        pt++;
      } else if (pt < n && lit.charAt(pt) == ']') {
        pt++;
        break;
      } else {
        throw invalid(lit);
      }
    }
    pt = skipSpace(lit, pt);
    if (pt != n) {
      throw new PgException(
          SqlState.INVALID_TEXT_REPRESENTATION,
          "invalid input syntax for type vector: \"" + lit + "\"",
          "Junk after closing right brace.",
          null,
          0,
          null);
    }
    return java.util.Arrays.copyOf(buf, dim);
  }

  /**
   * The common form of pgvector's text, read straight from (ASCII) bytes with no String and no
   * per-element allocation: {@code [} decimals with an optional sign, point and exponent, {@code ,}
   * and {@code ]}, blanks allowed as {@link #parse(String)} allows them. Each element is exactly
   * what {@link Float#parseFloat} gives. Returns null for anything else (NaN, infinities, more than
   * 18 significant digits, a value that the fast path cannot round with certainty, and every
   * invalid input): the caller then decodes the text and calls {@link #parse(String)}, which
   * returns the value or throws pgvector's error.
   *
   * @param expectedDim the dimension of the column (a {@code vector(n)}), or 0 if unknown: the
   *     array returned is allocated once at that size
   */
  public static float[] parseOrNull(byte[] b, int from, int to, int expectedDim) {
    int p = skipSpace(b, from, to);
    if (p >= to || b[p] != '[') {
      return null;
    }
    p++;
    float[] v = new float[expectedDim > 0 ? Math.min(expectedDim, MAX_DIM) : 16];
    int dim = 0;
    for (; ; ) {
      p = skipSpace(b, p, to);
      if (p >= to) {
        return null;
      }
      boolean negative = false;
      byte c = b[p];
      if (c == '-') {
        negative = true;
        p++;
      } else if (c == '+') {
        p++;
      }
      // digits straight into the mantissa, leading zeros included (they add nothing to it);
      // more than 18 digits in all could overflow it: those go to the exact parser
      long mantissa = 0;
      int start = p;
      int d;
      while (p < to && (d = b[p] - '0') >= 0 && d <= 9) {
        mantissa = mantissa * 10 + d;
        p++;
      }
      int digits = p - start;
      int exp10 = 0;
      if (p < to && b[p] == '.') {
        int fraction = ++p;
        while (p < to && (d = b[p] - '0') >= 0 && d <= 9) {
          mantissa = mantissa * 10 + d;
          p++;
        }
        exp10 = fraction - p;
        digits -= exp10;
      }
      if (digits == 0 || digits > 18) {
        return null;
      }
      if (p < to && (b[p] == 'e' || b[p] == 'E')) {
        p++;
        boolean expNegative = false;
        if (p < to && (b[p] == '-' || b[p] == '+')) {
          expNegative = b[p] == '-';
          p++;
        }
        int e = 0;
        int expDigits = 0;
        while (p < to && (c = b[p]) >= '0' && c <= '9') {
          if (++expDigits > 4) {
            return null;
          }
          e = e * 10 + (c - '0');
          p++;
        }
        if (expDigits == 0) {
          return null;
        }
        exp10 += expNegative ? -e : e;
      }
      float f = FastFloat.fromDecimal(negative, mantissa, exp10);
      if (Float.isNaN(f) || dim == MAX_DIM) {
        return null;
      }
      if (dim == v.length) {
        v = java.util.Arrays.copyOf(v, Math.min(MAX_DIM, dim * 2));
      }
      v[dim++] = f;
      p = skipSpace(b, p, to);
      if (p >= to) {
        return null;
      }
      c = b[p++];
      if (c == ']') {
        break;
      }
      if (c != ',') {
        return null;
      }
    }
    if (skipSpace(b, p, to) != to) {
      return null;
    }
    return dim == v.length ? v : java.util.Arrays.copyOf(v, dim);
  }

  private static int skipSpace(byte[] b, int p, int to) {
    while (p < to) {
      byte c = b[p];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f') {
        p++;
      } else {
        break;
      }
    }
    return p;
  }

  /** pgvector's CheckElement: NaN and infinities are not allowed in a vector. */
  public static void checkElement(float val) {
    if (Float.isNaN(val)) {
      throw new PgException(SqlState.DATA_EXCEPTION, "NaN not allowed in vector");
    }
    if (Float.isInfinite(val)) {
      throw new PgException(SqlState.DATA_EXCEPTION, "infinite value not allowed in vector");
    }
  }

  /** pgvector's CheckDim. */
  public static void checkDim(int dim) {
    if (dim < 1) {
      throw new PgException(SqlState.DATA_EXCEPTION, "vector must have at least 1 dimension");
    }
    if (dim > MAX_DIM) {
      throw new PgException(
          SqlState.PROGRAM_LIMIT_EXCEEDED,
          "vector cannot have more than " + MAX_DIM + " dimensions");
    }
  }

  /** pgvector's CheckExpectedDim: a {@code vector(n)} column or cast takes only n dimensions. */
  public static void checkExpectedDim(int typmod, int dim) {
    if (typmod > 0 && typmod != dim) {
      throw new PgException(
          SqlState.DATA_EXCEPTION, "expected " + typmod + " dimensions, not " + dim);
    }
  }

  private static PgException invalid(String lit) {
    return new PgException(
        SqlState.INVALID_TEXT_REPRESENTATION,
        "invalid input syntax for type vector: \"" + lit + "\"");
  }

  private static boolean isInfinityWord(String token) {
    String t = token.startsWith("+") || token.startsWith("-") ? token.substring(1) : token;
    return t.equalsIgnoreCase("infinity") || t.equalsIgnoreCase("inf");
  }

  /** The end of the longest prefix strtof would accept (digits, sign, point, exponent, nan/inf). */
  private static int scanFloat(String s, int p) {
    int n = s.length();
    int i = p;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    char first = i < n ? Character.toLowerCase(s.charAt(i)) : 0;
    if (first == 'i' || first == 'n') {
      for (String word : new String[] {"infinity", "inf", "nan"}) {
        if (s.regionMatches(true, i, word, 0, word.length())) {
          return i + word.length();
        }
      }
    }
    int digitsStart = i;
    while (i < n && Character.isDigit(s.charAt(i))) {
      i++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && Character.isDigit(s.charAt(i))) {
        i++;
      }
    }
    if (i == digitsStart || (i == digitsStart + 1 && s.charAt(digitsStart) == '.')) {
      return p;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      int e = i + 1;
      if (e < n && (s.charAt(e) == '+' || s.charAt(e) == '-')) {
        e++;
      }
      int expDigits = e;
      while (e < n && Character.isDigit(s.charAt(e))) {
        e++;
      }
      if (e > expDigits) {
        i = e;
      }
    }
    return i;
  }

  private static int skipSpace(String s, int p) {
    while (p < s.length()) {
      char c = s.charAt(p);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000b' || c == '\f') {
        p++;
      } else {
        break;
      }
    }
    return p;
  }
}
