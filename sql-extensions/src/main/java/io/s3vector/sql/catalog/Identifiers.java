package io.s3vector.sql.catalog;

import java.util.Set;

/** PostgreSQL's quote_ident: an identifier in double quotes unless it reads back unchanged. */
public final class Identifiers {
  /** PostgreSQL's reserved key words (and the type/function names it also quotes). */
  private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any",
      "array", "as", "asc", "asymmetric", "authorization", "binary", "both", "case", "cast",
      "check", "collate", "collation", "column", "concurrently", "constraint", "create", "cross",
      "current_catalog", "current_date", "current_role", "current_schema", "current_time",
      "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
      "else", "end", "except", "false", "fetch", "for", "foreign", "freeze", "from", "full",
      "grant", "group", "having", "ilike", "in", "initially", "inner", "intersect", "into", "is",
      "isnull", "join", "lateral", "leading", "left", "like", "limit", "localtime",
      "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or",
      "order", "outer", "overlaps", "placing", "primary", "references", "returning", "right",
      "select", "session_user", "similar", "some", "symmetric", "system_user", "table",
      "tablesample", "then", "to", "trailing", "true", "union", "unique", "user", "using",
      "variadic", "verbose", "when", "where", "window", "with");

  private Identifiers() {}

  /**
   * The name always in double quotes: for SQL text the server writes for its own parser, whose
   * reserved words are not PostgreSQL's (a name {@link #quote} leaves bare may not parse there).
   */
  public static String quoteAlways(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /**
   * A name's parts as regclass text that {@link #parse} reads back to the same parts (each part
   * quoted: a part written quoted keeps its case).
   */
  public static String qualified(java.util.List<String> parts) {
    StringBuilder out = new StringBuilder();
    for (String part : parts) {
      out.append(out.isEmpty() ? "" : ".").append(quoteAlways(part));
    }
    return out.toString();
  }

  public static String quote(String name) {
    boolean plain = !name.isEmpty()
        && (Character.isLowerCase(name.charAt(0)) || name.charAt(0) == '_')
        && !RESERVED.contains(name);
    for (int i = 0; plain && i < name.length(); i++) {
      char ch = name.charAt(i);
      plain = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
    }
    return plain ? name : '"' + name.replace("\"", "\"\"") + '"';
  }

  /**
   * Splits a possibly qualified, possibly quoted name as the reg* input functions read it
   * ({@code public."My Table"} → [public, My Table]); unquoted parts are folded to lower case.
   */
  public static java.util.List<String> parse(String text) {
    return split(text, '.');
  }

  /**
   * Names separated by {@code separator} ({@code .} in a qualified name, {@code ,} in a
   * search_path): double-quoted parts as written, others folded to lower case and stripped of
   * whitespace.
   */
  public static java.util.List<String> split(String text, char separator) {
    java.util.List<String> parts = new java.util.ArrayList<>();
    StringBuilder part = new StringBuilder();
    boolean quoted = false;
    String s = text.trim();
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
          part.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          part.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == separator) {
        parts.add(part.toString());
        part.setLength(0);
      } else if (!Character.isWhitespace(ch)) {
        part.append(Character.toLowerCase(ch));
      }
    }
    parts.add(part.toString());
    return parts;
  }
}
