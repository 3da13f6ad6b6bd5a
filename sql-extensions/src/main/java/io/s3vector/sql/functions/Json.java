package io.s3vector.sql.functions;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON document parsed with the source span of every value: {@code json} keeps its text as
 * written (so {@code ->} on json returns the member's original text, as PostgreSQL does), and
 * {@code jsonb} is printed in PostgreSQL's normal form by {@link #jsonb()}: one space after ':'
 * and ',', duplicate keys collapsed (the last wins), keys ordered shorter first then bytewise,
 * numbers as numeric prints them.
 */
public final class Json {
  public enum Kind {
    OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL
  }

  final Kind kind;
  /** STRING: the unescaped value; NUMBER: the literal; BOOLEAN: "true"/"false". */
  final String scalar;
  /** OBJECT: member names in order, duplicates kept. */
  final List<String> keys;
  /** OBJECT: member values; ARRAY: elements. */
  final List<Json> items;
  /** The source text and this value's span in it (null for built values). */
  final String source;
  final int start;
  final int end;

  private Json(Kind kind, String scalar, List<String> keys, List<Json> items, String source, int start, int end) {
    this.kind = kind;
    this.scalar = scalar;
    this.keys = keys;
    this.items = items;
    this.source = source;
    this.start = start;
    this.end = end;
  }

  static Json string(String s) {
    return new Json(Kind.STRING, s, null, null, null, 0, 0);
  }

  static Json number(String literal) {
    return new Json(Kind.NUMBER, literal, null, null, null, 0, 0);
  }

  static Json bool(boolean b) {
    return new Json(Kind.BOOLEAN, b ? "true" : "false", null, null, null, 0, 0);
  }

  static final Json NULL = new Json(Kind.NULL, null, null, null, null, 0, 0);

  static Json array(List<Json> items) {
    return new Json(Kind.ARRAY, null, null, items, null, 0, 0);
  }

  static Json object(List<String> keys, List<Json> values) {
    return new Json(Kind.OBJECT, null, keys, values, null, 0, 0);
  }

  /** A value that prints as {@code text} in json output (a json argument kept as written). */
  static Json raw(String text) {
    Json parsed = parse(text);
    return new Json(parsed.kind, parsed.scalar, parsed.keys, parsed.items, text, 0, text.length());
  }

  public Kind kind() {
    return kind;
  }

  /** The member {@code key} of an object (the last one of that name), or null. */
  Json get(String key) {
    if (kind != Kind.OBJECT) {
      return null;
    }
    for (int i = keys.size() - 1; i >= 0; i--) {
      if (keys.get(i).equals(key)) {
        return items.get(i);
      }
    }
    return null;
  }

  /** Element {@code i} of an array (negative counts from the end), or null. */
  Json get(int i) {
    if (kind != Kind.ARRAY) {
      return null;
    }
    int at = i < 0 ? items.size() + i : i;
    return at >= 0 && at < items.size() ? items.get(at) : null;
  }

  /** PostgreSQL's jsonb_typeof/json_typeof name. */
  String typeName() {
    return switch (kind) {
      case OBJECT -> "object";
      case ARRAY -> "array";
      case STRING -> "string";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      case NULL -> "null";
    };
  }

  /** The json text: as written when parsed, else PostgreSQL's json output. */
  String json() {
    if (source != null) {
      return source.substring(start, end);
    }
    StringBuilder out = new StringBuilder();
    writeJson(out);
    return out.toString();
  }

  private void writeJson(StringBuilder out) {
    if (source != null) {
      out.append(source, start, end);
      return;
    }
    switch (kind) {
      case OBJECT -> {
        out.append('{');
        for (int i = 0; i < keys.size(); i++) {
          out.append(i > 0 ? ", " : "");
          quote(keys.get(i), out);
          out.append(" : ");
          items.get(i).writeJson(out);
        }
        out.append('}');
      }
      case ARRAY -> {
        out.append('[');
        for (int i = 0; i < items.size(); i++) {
          out.append(i > 0 ? ", " : "");
          items.get(i).writeJson(out);
        }
        out.append(']');
      }
      default -> writeScalar(out, false);
    }
  }

  /** The jsonb text (normal form). */
  String jsonb() {
    StringBuilder out = new StringBuilder();
    writeJsonb(out);
    return out.toString();
  }

  private void writeJsonb(StringBuilder out) {
    switch (kind) {
      case OBJECT -> {
        Map<String, Json> members = members();
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Json> e : members.entrySet()) {
          out.append(first ? "" : ", ");
          quote(e.getKey(), out);
          out.append(": ");
          e.getValue().writeJsonb(out);
          first = false;
        }
        out.append('}');
      }
      case ARRAY -> {
        out.append('[');
        for (int i = 0; i < items.size(); i++) {
          out.append(i > 0 ? ", " : "");
          items.get(i).writeJsonb(out);
        }
        out.append(']');
      }
      default -> writeScalar(out, true);
    }
  }

  /** An object's members as jsonb keeps them: last duplicate wins, jsonb's key order. */
  Map<String, Json> members() {
    Map<String, Json> last = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      last.put(keys.get(i), items.get(i));
    }
    List<String> sorted = new ArrayList<>(last.keySet());
    sorted.sort(Json::compareKeys);
    Map<String, Json> out = new LinkedHashMap<>();
    for (String k : sorted) {
      out.put(k, last.get(k));
    }
    return out;
  }

  static int compareKeys(String a, String b) {
    byte[] x = a.getBytes(StandardCharsets.UTF_8);
    byte[] y = b.getBytes(StandardCharsets.UTF_8);
    if (x.length != y.length) {
      return Integer.compare(x.length, y.length);
    }
    return Arrays.compareUnsigned(x, y);
  }

  private void writeScalar(StringBuilder out, boolean normalise) {
    switch (kind) {
      case STRING -> quote(scalar, out);
      case NUMBER -> out.append(normalise ? numeric().toPlainString() : scalar);
      case BOOLEAN -> out.append(scalar);
      default -> out.append("null");
    }
  }

  /** A NUMBER's value as PostgreSQL's numeric reads it (-0 is 0). */
  BigDecimal numeric() {
    BigDecimal b = new BigDecimal(scalar);
    if (b.scale() < 0) {
      b = b.setScale(0);
    }
    return b.signum() == 0 && b.scale() == 0 ? BigDecimal.ZERO : b;
  }

  /** The text {@code ->>} returns: a string's value, NULL for null, else the json text. */
  String text(boolean asJsonb) {
    return switch (kind) {
      case STRING -> scalar;
      case NULL -> null;
      default -> asJsonb ? jsonb() : json();
    };
  }

  /** PostgreSQL's escape_json. */
  static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** jsonb equality: same structure, numbers equal as numerics, objects by member set. */
  boolean sameAs(Json o) {
    if (kind != o.kind) {
      return false;
    }
    switch (kind) {
      case NUMBER -> {
        return numeric().compareTo(o.numeric()) == 0;
      }
      case STRING, BOOLEAN -> {
        return scalar.equals(o.scalar);
      }
      case NULL -> {
        return true;
      }
      case ARRAY -> {
        if (items.size() != o.items.size()) {
          return false;
        }
        for (int i = 0; i < items.size(); i++) {
          if (!items.get(i).sameAs(o.items.get(i))) {
            return false;
          }
        }
        return true;
      }
      default -> {
        Map<String, Json> a = members();
        Map<String, Json> b = o.members();
        if (!a.keySet().equals(b.keySet())) {
          return false;
        }
        for (Map.Entry<String, Json> e : a.entrySet()) {
          if (!e.getValue().sameAs(b.get(e.getKey()))) {
            return false;
          }
        }
        return true;
      }
    }
  }

  /** jsonb's {@code @>}: PostgreSQL's JsonbDeepContains. */
  boolean contains(Json o) {
    if (kind == Kind.ARRAY && o.kind != Kind.ARRAY && o.kind != Kind.OBJECT) {
      // A top-level array contains a scalar it has as an element.
      for (Json item : items) {
        if (item.kind != Kind.ARRAY && item.kind != Kind.OBJECT && item.sameAs(o)) {
          return true;
        }
      }
      return false;
    }
    if (kind != o.kind) {
      return false;
    }
    switch (kind) {
      case OBJECT -> {
        Map<String, Json> mine = members();
        for (Map.Entry<String, Json> e : o.members().entrySet()) {
          Json v = mine.get(e.getKey());
          if (v == null) {
            return false;
          }
          Json w = e.getValue();
          if (v.kind == Kind.OBJECT || v.kind == Kind.ARRAY) {
            if (v.kind != w.kind || !v.contains(w)) {
              return false;
            }
          } else if (!v.sameAs(w)) {
            return false;
          }
        }
        return true;
      }
      case ARRAY -> {
        for (Json w : o.items) {
          boolean found = false;
          for (Json v : items) {
            if (w.kind == Kind.OBJECT || w.kind == Kind.ARRAY
                ? v.kind == w.kind && v.contains(w) : v.sameAs(w)) {
              found = true;
              break;
            }
          }
          if (!found) {
            return false;
          }
        }
        return true;
      }
      default -> {
        return sameAs(o);
      }
    }
  }

  /** jsonb's {@code ?}: a key of an object, a string element of an array, or the string itself. */
  boolean hasKey(String key) {
    return switch (kind) {
      case OBJECT -> get(key) != null;
      case ARRAY -> items.stream().anyMatch(i -> i.kind == Kind.STRING && i.scalar.equals(key));
      case STRING -> scalar.equals(key);
      default -> false;
    };
  }

  /** Parses json text; errors as PostgreSQL's json parser reports them (22P02). */
  public static Json parse(String text) {
    Parser p = new Parser(text);
    p.space();
    Json v = p.value();
    p.space();
    if (p.pos < text.length()) {
      throw p.invalidToken();
    }
    return v;
  }

  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    void space() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
          break;
        }
        pos++;
      }
    }

    Json value() {
      if (pos >= s.length()) {
        throw error("The input string ended unexpectedly.");
      }
      int start = pos;
      char c = s.charAt(pos);
      switch (c) {
        case '{' -> {
          pos++;
          List<String> keys = new ArrayList<>();
          List<Json> values = new ArrayList<>();
          space();
          if (peek() == '}') {
            pos++;
            return new Json(Kind.OBJECT, null, keys, values, s, start, pos);
          }
          while (true) {
            space();
            if (peek() != '"') {
              throw pos >= s.length() ? error("The input string ended unexpectedly.")
                  : expected("Expected string, but found \"" + token() + "\".");
            }
            keys.add(string());
            space();
            if (peek() != ':') {
              throw pos >= s.length() ? error("The input string ended unexpectedly.")
                  : expected("Expected \":\", but found \"" + token() + "\".");
            }
            pos++;
            space();
            values.add(value());
            space();
            char n = peek();
            if (n == ',') {
              pos++;
            } else if (n == '}') {
              pos++;
              return new Json(Kind.OBJECT, null, keys, values, s, start, pos);
            } else {
              throw pos >= s.length() ? error("The input string ended unexpectedly.")
                  : expected("Expected \",\" or \"}\", but found \"" + token() + "\".");
            }
          }
        }
        case '[' -> {
          pos++;
          List<Json> items = new ArrayList<>();
          space();
          if (peek() == ']') {
            pos++;
            return new Json(Kind.ARRAY, null, null, items, s, start, pos);
          }
          while (true) {
            space();
            items.add(value());
            space();
            char n = peek();
            if (n == ',') {
              pos++;
            } else if (n == ']') {
              pos++;
              return new Json(Kind.ARRAY, null, null, items, s, start, pos);
            } else {
              throw pos >= s.length() ? error("The input string ended unexpectedly.")
                  : expected("Expected \",\" or \"]\", but found \"" + token() + "\".");
            }
          }
        }
        case '"' -> {
          String v = string();
          return new Json(Kind.STRING, v, null, null, s, start, pos);
        }
        default -> {
          String t = token();
          pos += t.length();
          if (t.equals("true") || t.equals("false")) {
            return new Json(Kind.BOOLEAN, t, null, null, s, start, pos);
          }
          if (t.equals("null")) {
            return new Json(Kind.NULL, null, null, null, s, start, pos);
          }
          if (t.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
            return new Json(Kind.NUMBER, t, null, null, s, start, pos);
          }
          pos = start;
          throw invalidToken();
        }
      }
    }

    private char peek() {
      return pos < s.length() ? s.charAt(pos) : '\0';
    }

    String string() {
      pos++;
      StringBuilder out = new StringBuilder();
      while (true) {
        if (pos >= s.length()) {
          throw error("The input string ended unexpectedly.");
        }
        char c = s.charAt(pos++);
        if (c == '"') {
          return out.toString();
        }
        if (c < 0x20) {
          throw error("Character with value 0x" + String.format("%02x", (int) c) + " must be escaped.");
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        if (pos >= s.length()) {
          throw error("The input string ended unexpectedly.");
        }
        char e = s.charAt(pos++);
        switch (e) {
          case '"', '\\', '/' -> out.append(e);
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            if (pos + 4 > s.length() || !s.substring(pos, pos + 4).matches("[0-9a-fA-F]{4}")) {
              throw error("\"\\u\" must be followed by four hexadecimal digits.");
            }
            int cp = Integer.parseInt(s.substring(pos, pos + 4), 16);
            if (cp == 0) {
              throw new PgException("22P05", "unsupported Unicode escape sequence", "\\u0000 cannot be converted to text.", null, 0, null);
            }
            out.append((char) cp);
            pos += 4;
          }
          default -> throw error("Escape sequence \"\\" + e + "\" is invalid.");
        }
      }
    }

    /** The token at pos as PostgreSQL's lexer delimits it, for messages. */
    String token() {
      if (pos >= s.length()) {
        return "";
      }
      char c = s.charAt(pos);
      if ("{}[],:\"".indexOf(c) >= 0) {
        return String.valueOf(c);
      }
      int e = pos;
      while (e < s.length() && " \t\n\r{}[],:\"".indexOf(s.charAt(e)) < 0) {
        e++;
      }
      return s.substring(pos, e);
    }

    PgException invalidToken() {
      return error("Token \"" + token() + "\" is invalid.");
    }

    PgException expected(String detail) {
      String t = token();
      boolean valid = t.length() == 1 && "{}[],:\"".indexOf(t.charAt(0)) >= 0
          || t.equals("true") || t.equals("false") || t.equals("null")
          || t.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
      return valid ? error(detail) : invalidToken();
    }

    PgException error(String detail) {
      return new PgException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type json",
          detail, null, 0, null);
    }
  }
}
