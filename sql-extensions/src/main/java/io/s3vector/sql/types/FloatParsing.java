package io.s3vector.sql.types;

import java.util.Locale;

/** float4in/float8in: decimal or scientific text, plus NaN and [+-]Infinity in any case. */
final class FloatParsing {
  private FloatParsing() {}

  static double parse(String text, String typeName) {
    String t = text.trim();
    String lower = t.toLowerCase(Locale.ROOT);
    switch (lower) {
      case "nan" -> {
        return Double.NaN;
      }
      case "infinity", "+infinity", "inf", "+inf" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-infinity", "-inf" -> {
        return Double.NEGATIVE_INFINITY;
      }
      default -> {}
    }
    if (t.isEmpty() || !t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
      throw BinaryInts.invalidText(typeName, text);
    }
    return Double.parseDouble(t);
  }
}
