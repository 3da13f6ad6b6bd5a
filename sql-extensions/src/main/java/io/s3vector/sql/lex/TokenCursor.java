package io.s3vector.sql.lex;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import java.util.ArrayList;
import java.util.List;

/**
 * A cursor over a statement's tokens for the statements read without Calcite's parser (utility
 * statements, sequences, secondary indexes): accepts and expects words, names and numbers, and
 * makes PostgreSQL's syntax errors, which point at the token where reading stopped (or at the end
 * of the input).
 */
public final class TokenCursor {
  private final String sql;
  private final List<Token> tokens;
  private int pos;

  public TokenCursor(String sql, List<Token> tokens) {
    this.sql = sql;
    this.tokens = tokens;
  }

  public void skip(int count) {
    pos += count;
  }

  public boolean atEnd() {
    return pos >= tokens.size();
  }

  /** The current token, or null at the end. */
  public Token peek() {
    return peek(0);
  }

  /** The token {@code ahead} after the current one, or null past the end. */
  public Token peek(int ahead) {
    return pos + ahead < tokens.size() ? tokens.get(pos + ahead) : null;
  }

  /** The current token; a syntax error at the end of the input. */
  public Token current() {
    if (pos >= tokens.size()) {
      throw syntaxErrorAt(null);
    }
    return tokens.get(pos);
  }

  public boolean peekOp(String op) {
    return pos < tokens.size() && tokens.get(pos).isOp(op);
  }

  public void expectOp(String op) {
    if (!acceptOp(op)) {
      throw syntaxErrorAtCurrent();
    }
  }

  /** Skips the parenthesized group that starts at the current token, nested ones included. */
  public void skipParenthesized() {
    int depth = 0;
    do {
      Token t = current();
      depth += t.isOp("(") ? 1 : t.isOp(")") ? -1 : 0;
      pos++;
    } while (depth > 0);
  }

  /** PostgreSQL's 0A000 pointing at the current token. */
  public PgException unsupportedHere(String message) {
    return new PgException(SqlState.FEATURE_NOT_SUPPORTED, message, null, null,
        current().start() + 1, null);
  }

  /** The token before the current one. */
  public Token previous() {
    return tokens.get(pos - 1);
  }

  /** How many tokens are left. */
  public int remaining() {
    return tokens.size() - pos;
  }

  /** The next token, which must be a name. */
  public Token name() {
    Token name = next();
    if (name == null || !name.isName()) {
      throw syntaxErrorAt(name);
    }
    return name;
  }

  public Token next() {
    return pos < tokens.size() ? tokens.get(pos++) : null;
  }

  public boolean peekWord(String word) {
    return pos < tokens.size() && tokens.get(pos).isWord(word);
  }

  public boolean peekNumber() {
    return pos < tokens.size() && (tokens.get(pos).kind() == Token.Kind.NUMBER
        || tokens.get(pos).isOp("-") || tokens.get(pos).isOp("+"));
  }

  public boolean acceptWord(String... words) {
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

  public boolean acceptOp(String op) {
    if (pos < tokens.size() && tokens.get(pos).isOp(op)) {
      pos++;
      return true;
    }
    return false;
  }

  public void expectWord(String word) {
    if (!acceptWord(word)) {
      throw syntaxErrorAtCurrent();
    }
  }

  public void expectEnd() {
    if (pos < tokens.size()) {
      throw syntaxErrorAtCurrent();
    }
  }

  /** {@code IF NOT EXISTS}, if written next. */
  public boolean ifNotExists() {
    if (!acceptWord("if")) {
      return false;
    }
    expectWord("not");
    expectWord("exists");
    return true;
  }

  /** {@code IF EXISTS}, if written next. */
  public boolean ifExists() {
    if (!acceptWord("if")) {
      return false;
    }
    expectWord("exists");
    return true;
  }

  /** A name of one or more dot-separated parts. */
  public List<String> qualifiedName() {
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

  /** A type name of one word, optionally qualified by pg_catalog (as the last part). */
  public String typeName() {
    List<String> name = qualifiedName();
    return name.get(name.size() - 1);
  }

  /** An integer constant with an optional sign; 22003 past bigint. */
  public long signedNumber() {
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
  public String rest() {
    return pos < tokens.size() ? sql.substring(tokens.get(pos).start(),
        tokens.get(tokens.size() - 1).end()) : "";
  }

  public PgException syntaxErrorAtCurrent() {
    return syntaxErrorAt(pos < tokens.size() ? tokens.get(pos) : null);
  }

  public PgException syntaxErrorAt(Token t) {
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
