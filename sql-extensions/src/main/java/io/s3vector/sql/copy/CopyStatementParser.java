package io.s3vector.sql.copy;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.lex.Token;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * PostgreSQL's COPY syntax, both forms: {@code COPY t [(cols)] FROM STDIN [WITH] (FORMAT csv,
 * HEADER, DELIMITER ',', NULL '', QUOTE '"', ESCAPE '"')} and the older {@code [WITH] [BINARY]
 * [DELIMITER [AS] 'c'] [NULL [AS] 's'] [CSV [HEADER] [QUOTE [AS] 'c'] [ESCAPE [AS] 'c'] [FORCE
 * QUOTE cols | *]]}; and for output {@code COPY {t [(cols)] | (query)} TO STDOUT ...}. Server
 * files and programs are refused with PostgreSQL's error for a role without those privileges.
 */
public final class CopyStatementParser {
  /**
   * The parsed statement: a table with an optional column list, or for {@code COPY (query) TO}
   * the query's tokens (positions still within the COPY text, so errors point into it).
   */
  public record Parsed(List<String> table, List<String> columns, CopyOptions options, boolean to,
      List<Token> query) {}

  /** PostgreSQL's insufficient_privilege. */
  private static final String INSUFFICIENT_PRIVILEGE = "42501";

  private static final String HINT =
      "Anyone can COPY to stdout or from stdin. psql's \\copy command also works for anyone.";

  private final String sql;
  private final List<Token> tokens;
  private int pos = 1;
  private final CopyOptionsBuilder options = new CopyOptionsBuilder();
  /** Options of the parenthesised list seen so far (a second one is "redundant"). */
  private final Set<String> seen = new HashSet<>();

  private CopyStatementParser(String sql, List<Token> tokens) {
    this.sql = sql;
    this.tokens = tokens;
  }

  public static Parsed parse(String sql, List<Token> tokens) {
    return new CopyStatementParser(sql, tokens).parse();
  }

  private Parsed parse() {
    if (acceptWord("binary")) { // COPY BINARY t ..., PostgreSQL 7.3's syntax, still accepted
      options.format = CopyOptions.Format.BINARY;
    }
    List<String> table = null;
    List<String> columns = null;
    List<Token> query = null;
    boolean to;
    if (peek() != null && peek().isOp("(")) {
      query = query();
      if (!acceptWord("to")) {
        throw syntaxError(peek());
      }
      to = true;
    } else {
      table = new ArrayList<>(List.of(name()));
      while (acceptOp(".")) {
        table.add(name());
      }
      if (acceptOp("(")) {
        columns = new ArrayList<>();
        do {
          columns.add(name());
        } while (acceptOp(","));
        expectOp(")");
      }
      to = acceptWord("to");
      if (!to) {
        expectWord("from");
      }
    }
    boolean program = acceptWord("program");
    boolean file = program || (peek() != null && peek().kind() == Token.Kind.STRING);
    if (file) {
      string();
    } else if (!acceptWord("stdin") && !acceptWord("stdout")) {
      // PostgreSQL's grammar takes either word for either direction
      throw syntaxError(peek());
    }
    if (acceptWord("using")) {
      expectWord("delimiters");
      options.delimiter = string();
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
    if (program) {
      throw new PgException(INSUFFICIENT_PRIVILEGE, "must be superuser or have privileges"
          + " of the pg_execute_server_program role to COPY to or from an external program",
          null, HINT, 0, null);
    }
    if (file && to) {
      throw new PgException(INSUFFICIENT_PRIVILEGE, "must be superuser or have privileges"
          + " of the pg_write_server_files role to COPY to a file", null, HINT, 0, null);
    }
    if (file) {
      throw unsupported("COPY FROM a file is not supported, use COPY FROM STDIN (psql's \\copy)");
    }
    return new Parsed(table, columns, options.build(!to), to, query);
  }

  /** {@code ( query )}: the tokens between the parentheses, which must start a query. */
  private List<Token> query() {
    int open = pos++;
    int depth = 1;
    while (pos < tokens.size() && depth > 0) {
      Token t = tokens.get(pos++);
      depth += t.isOp("(") ? 1 : t.isOp(")") ? -1 : 0;
    }
    if (depth > 0) {
      throw syntaxError(null);
    }
    List<Token> query = tokens.subList(open + 1, pos - 1);
    Token first = query.isEmpty() ? tokens.get(pos - 1) : query.get(0);
    if (!(first.isOp("(") || first.isWord("select") || first.isWord("values")
        || first.isWord("with") || first.isWord("table") || first.isWord("insert")
        || first.isWord("update") || first.isWord("delete"))) {
      throw syntaxError(first);
    }
    return query;
  }

  /** One option of the parenthesised list: {@code name [value]}. */
  private void option(String option) {
    int at = tokens.get(pos - 1).start() + 1; // PostgreSQL points these errors at the option
    if (!seen.add(option)) {
      throw new PgException(SqlState.SYNTAX_ERROR, "conflicting or redundant options", null, null,
          at, null);
    }
    switch (option) {
      case "format" -> format(word(), at);
      case "header" -> header(atOptionEnd() ? "true" : word());
      case "delimiter" -> options.delimiter = string();
      case "null" -> options.nullString = string();
      case "quote" -> options.quote = string();
      case "escape" -> options.escape = string();
      case "freeze" -> bool(atOptionEnd() ? "true" : word(), option);
      case "force_quote" -> {
        if (acceptOp("*")) {
          options.forceQuoteAll = true;
        } else {
          options.forceQuote = columnList();
        }
      }
      case "force_not_null" -> options.forceNotNull = columnList();
      case "force_null" -> options.forceNull = columnList();
      default -> throw new PgException(SqlState.SYNTAX_ERROR,
          "option \"" + option + "\" not recognized", null, null, at, null);
    }
  }

  private void format(String f, int at) {
    options.format = switch (f.toLowerCase(Locale.ROOT)) {
      case "text" -> CopyOptions.Format.TEXT;
      case "csv" -> CopyOptions.Format.CSV;
      case "binary" -> CopyOptions.Format.BINARY;
      default -> throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
          "COPY format \"" + f + "\" not recognized", null, null, at, null);
    };
  }

  /** HEADER's value: a Boolean, or MATCH (PostgreSQL 15). */
  private void header(String value) {
    if (value.equalsIgnoreCase("match")) {
      options.header = true;
      options.headerMatch = true;
    } else {
      options.header = bool(value, "header");
    }
  }

  private boolean atOptionEnd() {
    return peek() == null || peek().isOp(",") || peek().isOp(")");
  }

  /** An option's value: a word, a string or a number, as text. */
  private String word() {
    Token t = next();
    if (t == null || !(t.isName() || t.kind() == Token.Kind.STRING
        || t.kind() == Token.Kind.NUMBER)) {
      throw syntaxError(t);
    }
    return t.text();
  }

  private List<String> columnList() {
    expectOp("(");
    List<String> names = new ArrayList<>();
    do {
      names.add(name());
    } while (acceptOp(","));
    expectOp(")");
    return names;
  }

  private void legacyOptions() {
    while (pos < tokens.size()) {
      if (acceptWord("binary")) {
        options.format = CopyOptions.Format.BINARY;
      } else if (acceptWord("csv")) {
        options.format = CopyOptions.Format.CSV;
      } else if (acceptWord("header")) {
        options.header = true;
      } else if (acceptWord("freeze")) {
        continue;
      } else if (acceptWord("delimiter")) {
        acceptWord("as");
        options.delimiter = string();
      } else if (acceptWord("null")) {
        acceptWord("as");
        options.nullString = string();
      } else if (acceptWord("quote")) {
        acceptWord("as");
        options.quote = string();
      } else if (acceptWord("escape")) {
        acceptWord("as");
        options.escape = string();
      } else if (acceptWord("force")) {
        if (acceptWord("not")) {
          expectWord("null");
          options.forceNotNull = new ArrayList<>();
          do {
            options.forceNotNull.add(name());
          } while (acceptOp(","));
        } else {
          expectWord("quote");
          if (acceptOp("*")) {
            options.forceQuoteAll = true;
          } else {
            options.forceQuote = new ArrayList<>();
            do {
              options.forceQuote.add(name());
            } while (acceptOp(","));
          }
        }
      } else {
        throw syntaxError(tokens.get(pos));
      }
    }
  }

  /** PostgreSQL's defGetBoolean: true/false/on/off/1/0, any case. */
  private static boolean bool(String value, String option) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "on", "1" -> true;
      case "false", "off", "0" -> false;
      default -> throw new PgException(SqlState.SYNTAX_ERROR, option + " requires a Boolean value");
    };
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
