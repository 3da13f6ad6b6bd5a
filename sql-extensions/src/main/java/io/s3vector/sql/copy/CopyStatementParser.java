package io.s3vector.sql.copy;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.lex.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL's COPY syntax, both forms: {@code COPY t [(cols)] FROM STDIN [WITH] (FORMAT csv,
 * HEADER, DELIMITER ',', NULL '', QUOTE '"', ESCAPE '"')} and the older {@code [WITH] [BINARY]
 * [DELIMITER [AS] 'c'] [NULL [AS] 's'] [CSV [HEADER] [QUOTE [AS] 'c'] [ESCAPE [AS] 'c']]}.
 */
public final class CopyStatementParser {
  /** The parsed statement: table, optional column list, options. */
  public record Parsed(String table, List<String> columns, CopyOptions options) {}

  private final String sql;
  private final List<Token> tokens;
  private int pos = 1;
  private CopyOptions.Format format = CopyOptions.Format.TEXT;
  private Character delimiter;
  private String nullString;
  private boolean header;
  private Character quote;
  private Character escape;

  private CopyStatementParser(String sql, List<Token> tokens) {
    this.sql = sql;
    this.tokens = tokens;
  }

  public static Parsed parse(String sql, List<Token> tokens) {
    return new CopyStatementParser(sql, tokens).parse();
  }

  private Parsed parse() {
    if (peek() != null && peek().isOp("(")) {
      throw unsupported("COPY (query) TO is not supported yet");
    }
    String table = name();
    while (acceptOp(".")) {
      table = name();
    }
    List<String> columns = null;
    if (acceptOp("(")) {
      columns = new ArrayList<>();
      do {
        columns.add(name());
      } while (acceptOp(","));
      expectOp(")");
    }
    if (acceptWord("to")) {
      throw unsupported("COPY TO is not supported yet");
    }
    expectWord("from");
    if (!acceptWord("stdin")) {
      throw unsupported("COPY FROM a file is not supported, use COPY FROM STDIN (psql's \\copy)");
    }
    acceptWord("with");
    if (acceptOp("(")) {
      do {
        option(name());
      } while (acceptOp(","));
      expectOp(")");
    } else {
      legacyOptions();
    }
    if (pos < tokens.size()) {
      throw syntaxError(tokens.get(pos));
    }
    if (format == CopyOptions.Format.BINARY && (delimiter != null || nullString != null)) {
      throw new PgException(SqlState.SYNTAX_ERROR, "cannot specify DELIMITER in BINARY mode");
    }
    if (header && format != CopyOptions.Format.CSV) {
      throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "COPY HEADER available only in CSV mode");
    }
    return new Parsed(table, columns,
        CopyOptions.of(format, delimiter, nullString, header, quote, escape));
  }

  private void option(String option) {
    switch (option) {
      case "format" -> {
        String f = name();
        format = switch (f) {
          case "text" -> CopyOptions.Format.TEXT;
          case "csv" -> CopyOptions.Format.CSV;
          case "binary" -> CopyOptions.Format.BINARY;
          default -> throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
              "COPY format \"" + f + "\" not recognized");
        };
      }
      case "header" -> header = peek() == null || peek().isOp(",") || peek().isOp(")") || bool();
      case "delimiter" -> delimiter = character("COPY delimiter");
      case "null" -> nullString = string();
      case "quote" -> quote = character("COPY quote");
      case "escape" -> escape = character("COPY escape");
      default -> throw new PgException(SqlState.SYNTAX_ERROR,
          "option \"" + option + "\" not recognized");
    }
  }

  private void legacyOptions() {
    while (pos < tokens.size()) {
      if (acceptWord("binary")) {
        format = CopyOptions.Format.BINARY;
      } else if (acceptWord("csv")) {
        format = CopyOptions.Format.CSV;
      } else if (acceptWord("header")) {
        header = true;
      } else if (acceptWord("delimiter")) {
        acceptWord("as");
        delimiter = character("COPY delimiter");
      } else if (acceptWord("null")) {
        acceptWord("as");
        nullString = string();
      } else if (acceptWord("quote")) {
        acceptWord("as");
        quote = character("COPY quote");
      } else if (acceptWord("escape")) {
        acceptWord("as");
        escape = character("COPY escape");
      } else {
        throw syntaxError(tokens.get(pos));
      }
    }
  }

  private boolean bool() {
    Token t = next();
    String v = t == null ? "" : t.text().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "true", "on", "1" -> true;
      case "false", "off", "0" -> false;
      default -> throw new PgException(SqlState.SYNTAX_ERROR, "header requires a Boolean value");
    };
  }

  private char character(String what) {
    String s = string();
    if (s.length() != 1) {
      throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, what + " must be a single one-byte character");
    }
    return s.charAt(0);
  }

  private String string() {
    Token t = next();
    if (t == null || t.kind() != Token.Kind.STRING) {
      throw syntaxError(t);
    }
    return t.text();
  }

  private String name() {
    Token t = next();
    if (t == null || !t.isName()) {
      throw syntaxError(t);
    }
    return t.text();
  }

  private Token peek() {
    return pos < tokens.size() ? tokens.get(pos) : null;
  }

  private Token next() {
    return pos < tokens.size() ? tokens.get(pos++) : null;
  }

  private boolean acceptOp(String op) {
    if (peek() != null && peek().isOp(op)) {
      pos++;
      return true;
    }
    return false;
  }

  private boolean acceptWord(String word) {
    if (peek() != null && peek().isWord(word)) {
      pos++;
      return true;
    }
    return false;
  }

  private void expectOp(String op) {
    if (!acceptOp(op)) {
      throw syntaxError(peek());
    }
  }

  private void expectWord(String word) {
    if (!acceptWord(word)) {
      throw syntaxError(peek());
    }
  }

  private PgException syntaxError(Token t) {
    if (t == null) {
      return new PgException(SqlState.SYNTAX_ERROR, "syntax error at end of input", null, null,
          sql.length() + 1, null);
    }
    return new PgException(SqlState.SYNTAX_ERROR,
        "syntax error at or near \"" + sql.substring(t.start(), t.end()) + "\"", null, null,
        t.start() + 1, null);
  }

  private static PgException unsupported(String message) {
    return new PgException(SqlState.FEATURE_NOT_SUPPORTED, message);
  }
}
