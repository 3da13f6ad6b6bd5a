package io.s3vector.sql.copy;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import java.util.ArrayList;
import java.util.List;

/** Splits one record into field values (null for NULL) as PostgreSQL's text and csv formats do. */
final class CopyFields {
  private CopyFields() {}

  /** Splits a text-format record at its unescaped delimiters (the String form of the fast path). */
  static List<String> text(String line, CopyOptions o) {
    List<String> fields = new ArrayList<>();
    int fieldStart = 0;
    int n = line.length();
    boolean escaped = false;
    for (int i = 0; i <= n; i++) {
      char c = i < n ? line.charAt(i) : o.delimiter();
      if (i == n || c == o.delimiter()) {
        String raw = line.substring(fieldStart, i);
        fields.add(raw.equals(o.nullString()) ? null : escaped ? unescape(raw) : raw);
        fieldStart = i + 1;
        escaped = false;
      } else if (c == '\\' && i + 1 < n) {
        escaped = true;
        i++;
      }
    }
    return fields;
  }

  /**
   * One field of the text format with its backslash escapes resolved (the caller has cut the
   * record at unescaped delimiters and checked the raw field against the NULL string).
   */
  static String unescape(String raw) {
    StringBuilder value = new StringBuilder(raw.length());
    int n = raw.length();
    for (int i = 0; i < n; i++) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < n) {
        char e = raw.charAt(++i);
        switch (e) {
          case 'b' -> value.append('\b');
          case 'f' -> value.append('\f');
          case 'n' -> value.append('\n');
          case 'r' -> value.append('\r');
          case 't' -> value.append('\t');
          case 'v' -> value.append('\u000b');
          case 'x' -> {
            int j = i + 1;
            while (j < n && j < i + 3 && Character.digit(raw.charAt(j), 16) >= 0) {
              j++;
            }
            if (j > i + 1) {
              value.append((char) Integer.parseInt(raw.substring(i + 1, j), 16));
              i = j - 1;
            } else {
              value.append('x');
            }
          }
          default -> {
            if (e >= '0' && e <= '7') {
              int j = i;
              while (j < n && j < i + 3 && raw.charAt(j) >= '0' && raw.charAt(j) <= '7') {
                j++;
              }
              value.append((char) Integer.parseInt(raw.substring(i, j), 8));
              i = j - 1;
            } else {
              value.append(e);
            }
          }
        }
      } else {
        value.append(c);
      }
    }
    return value.toString();
  }

  static List<String> csv(String line, CopyOptions o) {
    return csv(line, o, null, null);
  }

  /**
   * A csv record's fields; an unquoted field equal to the NULL string is null, but not in a
   * {@code forceNotNull} column (the string is the value), and in a {@code forceNull} column a
   * quoted one is null too (PostgreSQL's FORCE_NOT_NULL and FORCE_NULL); either may be null.
   */
  static List<String> csv(String line, CopyOptions o, boolean[] forceNotNull, boolean[] forceNull) {
    List<String> fields = new ArrayList<>();
    StringBuilder value = new StringBuilder();
    boolean quoted = false;
    boolean inQuotes = false;
    int n = line.length();
    for (int i = 0; i <= n; i++) {
      if (i == n) {
        if (inQuotes) {
          throw new PgException("22P04", "unterminated CSV quoted field");
        }
        fields.add(field(value.toString(), quoted, fields.size(), o, forceNotNull, forceNull));
        break;
      }
      char c = line.charAt(i);
      if (inQuotes) {
        if (c == o.escape() && i + 1 < n && line.charAt(i + 1) == o.quote()) {
          value.append(o.quote());
          i++;
        } else if (c == o.quote()) {
          inQuotes = false;
        } else {
          value.append(c);
        }
      } else if (c == o.quote()) {
        inQuotes = true;
        quoted = true;
      } else if (c == o.delimiter()) {
        fields.add(field(value.toString(), quoted, fields.size(), o, forceNotNull, forceNull));
        value.setLength(0);
        quoted = false;
      } else {
        value.append(c);
      }
    }
    return fields;
  }

  private static String field(String value, boolean quoted, int i, CopyOptions o,
      boolean[] forceNotNull, boolean[] forceNull) {
    if (!value.equals(o.nullString())) {
      return value;
    }
    if (forceNotNull != null && i < forceNotNull.length && forceNotNull[i]) {
      return value;
    }
    boolean forced = forceNull != null && i < forceNull.length && forceNull[i];
    return quoted && !forced ? value : null;
  }

  static PgException missingData(String column) {
    return new PgException("22P04", "missing data for column \"" + column + "\"");
  }

  static PgException extraData() {
    return new PgException("22P04", "extra data after last expected column");
  }

  static PgException badBinary(String message) {
    return new PgException(SqlState.INVALID_BINARY_REPRESENTATION, message);
  }
}
