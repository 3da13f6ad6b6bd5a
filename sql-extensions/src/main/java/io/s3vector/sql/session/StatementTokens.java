package io.s3vector.sql.session;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.lex.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * A cursor over a statement's tokens for the statements read without Calcite's parser: accepts
 * and expects words, names and numbers, and makes PostgreSQL's syntax errors, which point at the
 * token where reading stopped (or at the end of the input).
 */
final class StatementTokens {
  private final String sql;
  private final List<Token> tokens;
  private int pos;

  StatementTokens(String sql, List<Token> tokens) {
    this.sql = sql;
    this.tokens = tokens;
  }

  void skip(int count) {
    pos += count;
  }

  boolean atEnd() {
    return pos >= tokens.size();
  }

  /** The current token, or null at the end. */
  Token peek() {
    return peek(0);
  }

  /** The token {@code ahead} after the current one, or null past the end. */
  Token peek(int ahead) {
    return pos + ahead < tokens.size() ? tokens.get(pos + ahead) : null;
  }

  /** The token before the current one. */
  Token previous() {
    return tokens.get(pos - 1);
  }

  /** How many tokens are left. */
  int remaining() {
    return tokens.size() - pos;
  }

  /** The next token, which must be a name. */
  Token name() {
    Token name = next();
    if (name == null || !name.isName()) {
      throw syntaxErrorAt(name);
    }
    return name;
  }

  Token next() {
    return pos < tokens.size() ? tokens.get(pos++) : null;
  }

  boolean peekWord(String word) {
    return pos < tokens.size() && tokens.get(pos).isWord(word);
  }

  boolean peekNumber() {
    return pos < tokens.size() && (tokens.get(pos).kind() == Token.Kind.NUMBER
        || tokens.get(pos).isOp("-") || tokens.get(pos).isOp("+"));
  }

  boolean acceptWord(String... words) {
    if (pos < tokens.size()) {
      for (String w : words) {
        if (tokens.get(pos).isWord(w)) {
          pos++;
          return true;
        }
      }
    }
    return false;
  }

  boolean acceptOp(String op) {
    if (pos < tokens.size() && tokens.get(pos).isOp(op)) {
      pos++;
      return true;
    }
    return false;
  }

  void expectWord(String word) {
    if (!acceptWord(word)) {
      throw syntaxErrorAtCurrent();
    }
  }

  void expectEnd() {
    if (pos < tokens.size()) {
      throw syntaxErrorAtCurrent();
    }
  }

  /** {@code IF NOT EXISTS}, if written next. */
  boolean ifNotExists() {
    if (!acceptWord("if")) {
      return false;
    }
    expectWord("not");
    expectWord("exists");
    return true;
  }

  /** {@code IF EXISTS}, if written next. */
  boolean ifExists() {
    if (!acceptWord("if")) {
      return false;
    }
    expectWord("exists");
    return true;
  }

  /** A name of one or more dot-separated parts. */
  List<String> qualifiedName() {
    List<String> parts = new ArrayList<>();
    do {
      Token t = next();
      if (t == null || !t.isName()) {
        throw syntaxErrorAt(t);
      }
      parts.add(t.text());
    } while (acceptOp("."));
    return parts;
  }

  /** A role as OWNER TO names it (CURRENT_USER and the like are words). */
  Token roleName() {
    Token t = next();
    if (t == null || !t.isName()) {
      throw syntaxErrorAt(t);
    }
    return t;
  }

  /** A type name of one word, optionally qualified by pg_catalog (as the last part). */
  String typeName() {
    List<String> name = qualifiedName();
    return name.get(name.size() - 1);
  }

  /** An integer constant with an optional sign; 22003 past bigint. */
  long signedNumber() {
    boolean negative = acceptOp("-");
    if (!negative) {
      acceptOp("+");
    }
    Token t = next();
    if (t == null || t.kind() != Token.Kind.NUMBER) {
      throw syntaxErrorAt(t);
    }
    String digits = (negative ? "-" : "") + t.text();
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      if (t.text().chars().allMatch(Character::isDigit)) {
        throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
            "value \"" + digits + "\" is out of range for type bigint");
      }
      throw syntaxErrorAt(t);
    }
  }

  /** The text from the current token to the end, as written. */
  String rest() {
    return pos < tokens.size() ? sql.substring(tokens.get(pos).start(),
        tokens.get(tokens.size() - 1).end()) : "";
  }

  PgException syntaxErrorAtCurrent() {
    return syntaxErrorAt(pos < tokens.size() ? tokens.get(pos) : null);
  }

  PgException syntaxErrorAt(Token t) {
    if (t == null) {
      return new PgException(
          SqlState.SYNTAX_ERROR, "syntax error at end of input", null, null, sql.length() + 1,
          null);
    }
    return new PgException(
        SqlState.SYNTAX_ERROR,
        "syntax error at or near \"" + sql.substring(t.start(), t.end()) + "\"",
        null, null, t.start() + 1, null);
  }
}
