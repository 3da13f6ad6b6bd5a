package io.s3vector.sql.bind;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;

/**
 * The names PostgreSQL gives constraints declared without one: {@code <table>_pkey}, {@code
 * <table>_<col>[_<col>...]_key}, {@code <table>_<col>_check} (or {@code <table>_check} when the
 * expression reads no column or several), {@code <table>_<col>[_<col>...]_fkey}; a name in use
 * takes a number after the label ({@code items_price_check1}); parts are shortened so the name
 * fits in 63 bytes, the longer part first (PostgreSQL's makeObjectName and ChooseConstraintName).
 */
public final class ConstraintNames {
  /** NAMEDATALEN - 1: the longest identifier in bytes. */
  static final int MAX_BYTES = 63;

  private ConstraintNames() {}

  /** The first free name of {@code name1[_name2]_label}, {@code ..._label1}, {@code ..._label2}... */
  public static String choose(String name1, String name2, String label, Predicate<String> taken) {
    String modLabel = label;
    for (int pass = 1; ; pass++) {
      String name = objectName(name1, name2, modLabel);
      if (!taken.test(name)) {
        return name;
      }
      modLabel = label + pass;
    }
  }

  /** The column names joined by "_", stopping once the result reaches 64 bytes (as PostgreSQL). */
  public static String columnsAddition(List<String> columns) {
    StringBuilder out = new StringBuilder();
    int bytes = 0;
    for (String c : columns) {
      if (bytes > 0) {
        out.append('_');
        bytes++;
      }
      String part = clip(c, MAX_BYTES);
      out.append(part);
      bytes += part.getBytes(StandardCharsets.UTF_8).length;
      if (bytes >= MAX_BYTES + 1) {
        break;
      }
    }
    return out.toString();
  }

  /** PostgreSQL's makeObjectName: {@code name1[_name2][_label]} in at most 63 bytes. */
  static String objectName(String name1, String name2, String label) {
    int name1Bytes = utf8(name1);
    int name2Bytes = name2 == null ? 0 : utf8(name2);
    int overhead = (name2 == null ? 0 : 1) + (label == null ? 0 : utf8(label) + 1);
    int available = MAX_BYTES - overhead;
    while (name1Bytes + name2Bytes > available) {
      if (name1Bytes > name2Bytes) {
        name1Bytes--;
      } else {
        name2Bytes--;
      }
    }
    StringBuilder out = new StringBuilder(clip(name1, name1Bytes));
    if (name2 != null) {
      out.append('_').append(clip(name2, name2Bytes));
    }
    if (label != null) {
      out.append('_').append(label);
    }
    return out.toString();
  }

  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** The longest prefix of whole characters within {@code maxBytes} bytes of UTF-8. */
  static String clip(String s, int maxBytes) {
    int bytes = 0;
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + n > maxBytes) {
        break;
      }
      bytes += n;
      i += Character.charCount(cp);
    }
    return s.substring(0, i);
  }
}
