package io.s3vector.sql.lex;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL's lexical rules, as much as we need before Calcite sees a statement: '...' strings
 * with '' escapes, E'...' strings with backslash escapes, $tag$dollar quotes$tag$, "identifiers",
 * -- and nested /* *&#47; comments, and $n placeholders. Comments are skipped.
 */
public final class PgLexer {
  /**
   * PostgreSQL operators Calcite's grammar does not know (regular expressions, json/jsonb,
   * arrays), longest first; {@link CalciteText} hands them to our grammar's generic operator.
   */
  public static final java.util.List<String> PG_ONLY_OPERATORS = java.util.List.of(
      "!~~*", "->>", "#>>", "!~~", "!~*", "~~*", "->", "#>", "#-", "@>", "<@", "?|", "?&", "@@",
      "@?", "!~", "~~", "~*", "&&", "~", "?");

  private final String sql;
  private int pos;

  private PgLexer(String sql) {
    this.sql = sql;
  }

  /** The tokens of {@code sql}; an unterminated quote or comment raises 42601. */
  public static List<Token> tokenize(String sql) {
    PgLexer lexer = new PgLexer(sql);
    List<Token> tokens = new ArrayList<>();
    Token t;
    while ((t = lexer.next()) != null) {
      tokens.add(t);
    }
    return tokens;
  }

  /**
   * Splits a simple-query string on top-level semicolons; statements that are empty (only
   * whitespace and comments) are dropped.
   */
  public static List<String> splitStatements(String sql) {
    if (sql.indexOf(';') < 0 && sql.indexOf("--") < 0 && sql.indexOf("/*") < 0) {
      // one statement and no comment: nothing to split (lexing a statement with a vector of a
      // thousand characters three times was a tenth of a simple-query INSERT's time); a quote
      // left open is reported when the statement is lexed for planning, at the same place
      String one = sql.trim();
      return one.isEmpty() ? List.of() : List.of(one);
    }
    String one = oneWithTrailingSemicolons(sql);
    if (one != null) {
      return List.of(one);
    }
    List<String> out = new ArrayList<>();
    PgLexer lexer = new PgLexer(sql);
    int stmtStart = 0;
    boolean hasToken = false;
    Token t;
    while ((t = lexer.next()) != null) {
      if (t.isOp(";")) {
        if (hasToken) {
          out.add(sql.substring(stmtStart, t.start()).trim());
        }
        stmtStart = t.end();
        hasToken = false;
      } else {
        hasToken = true;
      }
    }
    if (hasToken) {
      out.add(sql.substring(stmtStart).trim());
    }
    return out;
  }

  /**
   * The statement of {@code sql} when it is one followed only by semicolons (as pgbench and many
   * drivers send it) and that is certain without lexing: the semicolons are outside any quote
   * when the text has only single quotes, an even number of them, and nothing that changes how
   * they pair (backslashes, double quotes, dollar signs, comments). Null otherwise.
   */
  private static String oneWithTrailingSemicolons(String sql) {
    int end = sql.length();
    while (end > 0 && (sql.charAt(end - 1) == ';' || Character.isWhitespace(sql.charAt(end - 1)))) {
      end--;
    }
    int semicolon = sql.indexOf(';');
    if (end == 0 || semicolon < end || sql.indexOf("--") >= 0 || sql.indexOf("/*") >= 0
        || sql.indexOf('\\') >= 0 || sql.indexOf('"') >= 0 || sql.indexOf('$') >= 0) {
      return null;
    }
    int quotes = 0;
    for (int q = sql.indexOf('\''); q >= 0; q = sql.indexOf('\'', q + 1)) {
      quotes++;
    }
    return quotes % 2 == 0 ? sql.substring(0, end).trim() : null;
  }

  private Token next() {
    skipSpaceAndComments();
    int n = sql.length();
    if (pos >= n) {
      return null;
    }
    int start = pos;
    char c = sql.charAt(pos);
    if ((c == 'e' || c == 'E') && pos + 1 < n && sql.charAt(pos + 1) == '\'') {
      pos++;
      String v = readEscapeString();
      return new Token(Token.Kind.STRING, start, pos, v);
    }
    if (c == '\'') {
      String v = readQuoted('\'');
      return new Token(Token.Kind.STRING, start, pos, v);
    }
    if (c == '"') {
      String v = readQuoted('"');
      return new Token(Token.Kind.IDENT, start, pos, v);
    }
    if (c == '$') {
      if (pos + 1 < n && Character.isDigit(sql.charAt(pos + 1))) {
        pos++;
        while (pos < n && Character.isDigit(sql.charAt(pos))) {
          pos++;
        }
        return new Token(Token.Kind.PARAM, start, pos, sql.substring(start + 1, pos));
      }
      int tagEnd = pos + 1;
      while (tagEnd < n && sql.charAt(tagEnd) != '$' && isIdentPart(sql.charAt(tagEnd))) {
        tagEnd++;
      }
      if (tagEnd < n && sql.charAt(tagEnd) == '$') {
        String tag = sql.substring(pos, tagEnd + 1);
        int close = sql.indexOf(tag, tagEnd + 1);
        if (close < 0) {
          throw new PgException(
              SqlState.SYNTAX_ERROR,
              "unterminated dollar-quoted string at or near \"" + sql.substring(start) + "\"",
              null, null, start + 1, null);
        }
        pos = close + tag.length();
        return new Token(Token.Kind.STRING, start, pos, sql.substring(tagEnd + 1, close));
      }
    }
    if (isIdentStart(c)) {
      while (pos < n && isIdentPart(sql.charAt(pos))) {
        pos++;
      }
      return new Token(
          Token.Kind.WORD, start, pos, sql.substring(start, pos).toLowerCase(Locale.ROOT));
    }
    if (Character.isDigit(c) || (c == '.' && pos + 1 < n && Character.isDigit(sql.charAt(pos + 1)))) {
      while (pos < n && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '.'
          || ((sql.charAt(pos) == '+' || sql.charAt(pos) == '-')
              && (sql.charAt(pos - 1) == 'e' || sql.charAt(pos - 1) == 'E')))) {
        pos++;
      }
      return new Token(Token.Kind.NUMBER, start, pos, sql.substring(start, pos));
    }
    // Operators: a run of operator characters is one operator in PostgreSQL, but we only need
    // the multi-character ones the grammar knows; punctuation is always one character.
    String[] ops = {"<->", "<#>", "<=>", "<+>", "::", "<=", ">=", "<>", "!=", "||"};
    for (String op : PG_ONLY_OPERATORS) {
      if (sql.startsWith(op, pos)) {
        pos += op.length();
        return new Token(Token.Kind.OP, start, pos, op);
      }
    }
    for (String op : ops) {
      if (sql.startsWith(op, pos)) {
        pos += op.length();
        return new Token(Token.Kind.OP, start, pos, op);
      }
    }
    pos++;
    return new Token(Token.Kind.OP, start, pos, String.valueOf(c));
  }

  private void skipSpaceAndComments() {
    int n = sql.length();
    while (pos < n) {
      char c = sql.charAt(pos);
      if (Character.isWhitespace(c)) {
        pos++;
      } else if (c == '-' && pos + 1 < n && sql.charAt(pos + 1) == '-') {
        while (pos < n && sql.charAt(pos) != '\n') {
          pos++;
        }
      } else if (c == '/' && pos + 1 < n && sql.charAt(pos + 1) == '*') {
        int start = pos;
        int depth = 0;
        while (pos < n) {
          if (sql.startsWith("/*", pos)) {
            depth++;
            pos += 2;
          } else if (sql.startsWith("*/", pos)) {
            depth--;
            pos += 2;
            if (depth == 0) {
              break;
            }
          } else {
            pos++;
          }
        }
        if (depth != 0) {
          throw new PgException(
              SqlState.SYNTAX_ERROR, "unterminated /* comment at or near \""
                  + sql.substring(start) + "\"", null, null, start + 1, null);
        }
      } else {
        return;
      }
    }
  }

  /** Reads '...' or "..." with doubled-quote escapes; returns the value. */
  private String readQuoted(char quote) {
    int start = pos;
    int n = sql.length();
    int from = pos + 1;
    StringBuilder value = null; // only when a doubled quote is in it
    while (true) {
      // to the next quote at once: a vector literal runs to thousands of characters
      int close = sql.indexOf(quote, from);
      if (close < 0) {
        pos = n;
        throw new PgException(
            SqlState.SYNTAX_ERROR,
            (quote == '\'' ? "unterminated quoted string" : "unterminated quoted identifier")
                + " at or near \"" + sql.substring(start) + "\"",
            null, null, start + 1, null);
      }
      if (close + 1 < n && sql.charAt(close + 1) == quote) {
        if (value == null) {
          value = new StringBuilder();
        }
        value.append(sql, from, close + 1); // a doubled quote is one quote
        from = close + 2;
        continue;
      }
      pos = close + 1;
      if (value == null) {
        return sql.substring(from, close);
      }
      return value.append(sql, from, close).toString();
    }
  }

  /** Reads the quoted part of E'...' with backslash escapes; returns the value. */
  private String readEscapeString() {
    int start = pos - 1;
    StringBuilder value = new StringBuilder();
    pos++;
    int n = sql.length();
    while (true) {
      if (pos >= n) {
        throw new PgException(
            SqlState.SYNTAX_ERROR,
            "unterminated quoted string at or near \"" + sql.substring(start) + "\"",
            null, null, start + 1, null);
      }
      char c = sql.charAt(pos++);
      if (c == '\'') {
        if (pos < n && sql.charAt(pos) == '\'') {
          value.append('\'');
          pos++;
        } else {
          return value.toString();
        }
      } else if (c == '\\' && pos < n) {
        char e = sql.charAt(pos++);
        switch (e) {
          case 'n' -> value.append('\n');
          case 't' -> value.append('\t');
          case 'r' -> value.append('\r');
          case 'b' -> value.append('\b');
          case 'f' -> value.append('\f');
          default -> value.append(e);
        }
      } else {
        value.append(c);
      }
    }
  }

  private static boolean isIdentStart(char c) {
    return Character.isLetter(c) || c == '_' || c > 127;
  }

  private static boolean isIdentPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127;
  }
}
