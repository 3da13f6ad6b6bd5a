package io.s3vector.sql.session;

import io.s3vector.sql.PgException;
import io.s3vector.sql.QueryResult;
import io.s3vector.sql.ResultColumn;
import io.s3vector.sql.RowCursor;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.lex.Token;
import io.s3vector.sql.types.PgTypes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The statements PostgreSQL handles outside its planner, recognised by their first keywords before
 * Calcite sees anything: SET, RESET, SHOW, transaction control, CREATE EXTENSION, DISCARD,
 * DEALLOCATE. Tags and errors are PostgreSQL's.
 */
final class UtilityStatements {
  private final String sql;
  private final List<Token> tokens;
  private final Settings settings;
  private int pos;

  private UtilityStatements(String sql, List<Token> tokens, Settings settings) {
    this.sql = sql;
    this.tokens = tokens;
    this.settings = settings;
  }

  /** The utility statement of {@code tokens}, or null when it is for the SQL planner. */
  static PlannedStatement recognise(String sql, List<Token> tokens, Settings settings) {
    return new UtilityStatements(sql, tokens, settings).statement();
  }

  private PlannedStatement statement() {
    Token first = tokens.get(0);
    if (first.kind() != Token.Kind.WORD) {
      return null;
    }
    pos = 1;
    switch (first.text()) {
      case "set":
        return set();
      case "reset":
        return reset();
      case "show":
        return show();
      case "begin":
        acceptWord("work", "transaction");
        return begin();
      case "start":
        expectWord("transaction");
        return begin();
      case "commit":
      case "end":
        acceptWord("work", "transaction");
        if (acceptWord("and")) {
          throw unsupported("COMMIT AND CHAIN is not supported");
        }
        return end(true);
      case "rollback":
      case "abort":
        acceptWord("work", "transaction");
        if (acceptWord("to")) {
          acceptWord("savepoint");
          return savepointCommand("ROLLBACK", settingName());
        }
        return end(false);
      case "savepoint":
        return savepointCommand("SAVEPOINT", settingName());
      case "release":
        acceptWord("savepoint");
        return savepointCommand("RELEASE", settingName());
      case "create":
        return peekWord("extension") ? createExtension() : peekWord("schema") ? createSchema() : null;
      case "discard":
        return discard();
      case "comment":
        return comment();
      case "vacuum":
      case "analyze":
      case "analyse":
        return vacuum(first.text().equals("vacuum"));
      case "deallocate":
        acceptWord("prepare");
        String what = acceptWord("all") ? "DEALLOCATE ALL" : "DEALLOCATE";
        return PlannedStatement.command(sql, what, s -> {});
      default:
        return null;
    }
  }

  private PlannedStatement set() {
    boolean local = false;
    if (acceptWord("session")) {
      if (acceptWord("characteristics")) {
        return PlannedStatement.command(sql, "SET", s -> {});
      }
    } else if (acceptWord("local")) {
      local = true;
    }
    if (acceptWord("transaction")) {
      return PlannedStatement.command(sql, "SET", s -> {});
    }
    String name;
    if (peekWord("time") && pos + 1 < tokens.size() && tokens.get(pos + 1).isWord("zone")) {
      pos += 2;
      name = "TimeZone";
    } else if (acceptWord("names")) {
      name = "client_encoding";
    } else {
      name = settingName();
      if (!acceptOp("=") && !acceptWord("to")) {
        throw syntaxErrorAtCurrent();
      }
    }
    String value = settingValue(name);
    boolean isLocal = local;
    return PlannedStatement.command(sql, "SET", s -> {
      if (isLocal && !s.block().inBlock()) {
        s.notice(io.s3vector.sql.Notice.warning(SqlState.NO_ACTIVE_SQL_TRANSACTION,
            "SET LOCAL can only be used in transaction blocks"));
      }
      s.settings().set(name, value, isLocal, s.block().inBlock());
    });
  }

  private PlannedStatement reset() {
    if (acceptWord("all")) {
      return PlannedStatement.command(sql, "RESET", s -> s.settings().resetAll());
    }
    String name;
    if (acceptWord("time")) {
      expectWord("zone");
      name = "TimeZone";
    } else {
      name = settingName();
    }
    expectEnd();
    return PlannedStatement.command(sql, "RESET", s -> s.settings().reset(name));
  }

  private PlannedStatement show() {
    if (acceptWord("all")) {
      expectEnd();
      return new ShowAll(sql);
    }
    String name;
    if (acceptWord("time")) {
      expectWord("zone");
      name = "TimeZone";
    } else if (acceptWord("transaction")) {
      expectWord("isolation");
      expectWord("level");
      name = "transaction_isolation";
    } else {
      name = settingName();
    }
    expectEnd();
    return new Show(sql, name, settings.canonicalName(name));
  }

  private PlannedStatement begin() {
    // Isolation levels and access modes are accepted: every read sees the newest committed data.
    return PlannedStatement.command(sql, tag(), PgSession::begin);
  }

  private String tag() {
    return tokens.get(0).isWord("start") ? "START TRANSACTION" : "BEGIN";
  }

  private PlannedStatement end(boolean commit) {
    expectEnd();
    return new PlannedStatement(sql) {
      @Override
      public boolean allowedInFailedBlock() {
        return true;
      }

      @Override
      public QueryResult execute(PgSession session, Object[] parameters) {
        return new QueryResult.Command(session.endTransaction(commit));
      }
    };
  }

  /** SAVEPOINT, RELEASE and ROLLBACK TO over the session's buffered rows. */
  private PlannedStatement savepointCommand(String tag, String name) {
    expectEnd();
    return new PlannedStatement(sql) {
      @Override
      public boolean allowedInFailedBlock() {
        return tag.equals("ROLLBACK");
      }

      @Override
      public QueryResult execute(PgSession session, Object[] parameters) {
        TransactionBlock block = session.block();
        if (!block.inBlock()) {
          throw new PgException(SqlState.NO_ACTIVE_SQL_TRANSACTION,
              (tag.equals("ROLLBACK") ? "ROLLBACK TO SAVEPOINT" : tag)
                  + " can only be used in transaction blocks");
        }
        boolean found = switch (tag) {
          case "SAVEPOINT" -> {
            block.savepoint(name);
            yield true;
          }
          case "RELEASE" -> block.release(name);
          default -> block.rollbackTo(name);
        };
        if (!found) {
          throw new PgException("3B001", "savepoint \"" + name + "\" does not exist");
        }
        return new QueryResult.Command(tag);
      }
    };
  }

  private PlannedStatement createExtension() {
    pos++; // extension
    boolean ifNotExists = false;
    if (acceptWord("if")) {
      expectWord("not");
      expectWord("exists");
      ifNotExists = true;
    }
    Token name = next();
    if (name == null || !name.isName()) {
      throw syntaxErrorAt(name);
    }
    if (!name.text().equals("vector")) {
      throw new PgException(
          SqlState.FEATURE_NOT_SUPPORTED,
          "extension \"" + name.text() + "\" is not available",
          null,
          "The extension must first be installed on the system where PostgreSQL is running.",
          name.start() + 1,
          null);
    }
    // WITH, SCHEMA s, VERSION v, CASCADE: vector support is built in, so all are accepted.
    boolean quiet = ifNotExists;
    return PlannedStatement.command(sql, "CREATE EXTENSION", s -> Extensions.create(s, "vector", quiet));
  }

  /**
   * {@code COMMENT ON TABLE t IS 'text' | NULL} and {@code COMMENT ON COLUMN t.c IS ...}: kept in
   * the table's schema (one manifest commit), read by pg_description, obj_description and
   * col_description. Other objects are 0A000.
   */
  private PlannedStatement comment() {
    expectWord("on");
    Token kind = next();
    if (kind == null || !(kind.isWord("table") || kind.isWord("column"))) {
      throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "COMMENT ON "
          + (kind == null ? "" : kind.text().toUpperCase(java.util.Locale.ROOT) + " ") + "is not supported yet",
          null, null, kind == null ? 0 : kind.start() + 1, null);
    }
    List<String> names = new java.util.ArrayList<>();
    do {
      Token name = next();
      if (name == null || !name.isName()) {
        throw syntaxErrorAt(name);
      }
      names.add(name.text());
    } while (acceptOp("."));
    expectWord("is");
    Token value = next();
    String text;
    if (value != null && value.isWord("null")) {
      text = null;
    } else if (value != null && value.kind() == Token.Kind.STRING) {
      text = value.text().isEmpty() ? null : value.text(); // '' removes, as in PostgreSQL
    } else {
      throw syntaxErrorAt(value);
    }
    if (pos < tokens.size() && !tokens.get(pos).isOp(";")) {
      throw syntaxErrorAtCurrent();
    }
    boolean column = kind.isWord("column");
    if (column && names.size() < 2) {
      throw new PgException(SqlState.SYNTAX_ERROR, "column name must be qualified");
    }
    int tablePart = column ? names.size() - 2 : names.size() - 1;
    String table = names.get(tablePart);
    String schema = tablePart > 0 ? names.get(tablePart - 1) : "public";
    String target = column ? names.get(names.size() - 1) : "";
    return PlannedStatement.command(sql, "COMMENT", s -> {
      if (!schema.equals("public") || s.database().table(table).isEmpty()) {
        throw new PgException(SqlState.UNDEFINED_TABLE, "relation \""
            + (tablePart > 0 ? schema + "." : "") + table + "\" does not exist");
      }
      s.database().alterTable(table, t -> {
        if (!target.isEmpty() && t.indexOf(target) < 0) {
          throw new PgException(SqlState.UNDEFINED_COLUMN,
              "column \"" + target + "\" of relation \"" + table + "\" does not exist");
        }
        return java.util.Objects.equals(t.comments().get(target), text) ? t : t.withComment(target, text);
      });
    });
  }

  /**
   * {@code CREATE SCHEMA [IF NOT EXISTS] name}: tables live in {@code public} only, so the schemas
   * that exist are the built-in ones; creating one of them again is PostgreSQL's 42P06 (a notice
   * with IF NOT EXISTS, which frameworks send for {@code public}), and a new schema is 0A000.
   */
  private PlannedStatement createSchema() {
    pos++; // schema
    boolean ifNotExists = false;
    if (acceptWord("if")) {
      expectWord("not");
      expectWord("exists");
      ifNotExists = true;
    }
    Token name = next();
    if (name == null || !name.isName()) {
      throw syntaxErrorAt(name);
    }
    String schema = name.text();
    if (!List.of("public", "pg_catalog", "information_schema").contains(schema)) {
      throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
          "CREATE SCHEMA is not supported yet: tables live in schema \"public\"", null, null,
          name.start() + 1, null);
    }
    if (!ifNotExists) {
      throw new PgException("42P06", "schema \"" + schema + "\" already exists");
    }
    return PlannedStatement.command(sql, "CREATE SCHEMA", s -> s.notice(io.s3vector.sql.Notice.notice(
        "42P06", "schema \"" + schema + "\" already exists, skipping")));
  }

  /**
   * {@code VACUUM [(options)] [FULL] [FREEZE] [VERBOSE] [ANALYZE] [table [(columns)] [, ...]]} and
   * {@code ANALYZE [VERBOSE] [table [, ...]]}. VACUUM rewrites the tables' recent small commits
   * (one object each until merges fold them) as plain Zarr segments, so zarr-python reads every
   * row; ANALYZE has no statistics to gather and only checks the tables exist.
   */
  private PlannedStatement vacuum(boolean vacuum) {
    if (acceptOp("(")) {
      while (pos < tokens.size() && !tokens.get(pos).isOp(")")) {
        pos++; // PostgreSQL's options change nothing here
      }
      if (!acceptOp(")")) {
        throw syntaxErrorAtCurrent();
      }
    }
    while (acceptWord("full", "freeze", "verbose", "analyze", "analyse")) {
      // accepted
    }
    List<String> tables = new java.util.ArrayList<>();
    while (pos < tokens.size() && !tokens.get(pos).isOp(";")) {
      Token t = next();
      if (t.isOp(",")) {
        continue;
      }
      if (!t.isName()) {
        throw syntaxErrorAt(t);
      }
      String name = t.text();
      if (acceptOp(".")) {
        Token table = next();
        if (table == null || !table.isName()) {
          throw syntaxErrorAtCurrent();
        }
        if (!name.equals("public")) {
          throw new PgException(SqlState.UNDEFINED_TABLE,
              "relation \"" + name + "." + table.text() + "\" does not exist");
        }
        name = table.text();
      }
      if (acceptOp("(")) {
        while (pos < tokens.size() && !tokens.get(pos).isOp(")")) {
          pos++;
        }
        acceptOp(")");
      }
      tables.add(name);
    }
    String tag = vacuum ? "VACUUM" : "ANALYZE";
    return PlannedStatement.command(sql, tag, s -> {
      if (vacuum && s.block().inBlock()) {
        throw new PgException(SqlState.ACTIVE_SQL_TRANSACTION,
            "VACUUM cannot run inside a transaction block");
      }
      for (String table : tables) {
        if (s.database().table(table).isEmpty()) {
          throw new PgException(SqlState.UNDEFINED_TABLE,
              "relation \"" + table + "\" does not exist");
        }
      }
      if (vacuum) {
        for (String table : tables.isEmpty() ? s.database().tableNames() : tables) {
          s.database().vacuum(table);
        }
      }
    });
  }

  private PlannedStatement discard() {
    String what;
    if (acceptWord("all")) {
      what = "DISCARD ALL";
    } else if (acceptWord("plans", "sequences", "temp", "temporary")) {
      what = "DISCARD " + tokens.get(pos - 1).text().toUpperCase(java.util.Locale.ROOT);
      if (what.equals("DISCARD TEMPORARY")) {
        what = "DISCARD TEMP";
      }
    } else {
      throw syntaxErrorAtCurrent();
    }
    expectEnd();
    String tag = what;
    return PlannedStatement.command(sql, tag, s -> {
      if (tag.equals("DISCARD ALL")) {
        if (s.block().inBlock()) {
          throw new PgException(
              SqlState.ACTIVE_SQL_TRANSACTION,
              "DISCARD ALL cannot run inside a transaction block");
        }
        s.settings().resetAll();
      }
    });
  }

  /** A parameter name: word(.word)*; quoted identifiers keep their case. */
  private String settingName() {
    Token t = next();
    if (t == null || !t.isName()) {
      throw syntaxErrorAt(t);
    }
    StringBuilder name = new StringBuilder(t.text());
    while (acceptOp(".")) {
      Token part = next();
      if (part == null || !part.isName()) {
        throw syntaxErrorAt(part);
      }
      name.append('.').append(part.text());
    }
    return name.toString();
  }

  /** The value list after {@code =}/TO as PostgreSQL would print it; null for DEFAULT. */
  private String settingValue(String name) {
    if (pos >= tokens.size()) {
      throw syntaxErrorAtCurrent();
    }
    if (tokens.size() == pos + 1 && (peekWord("default")
        || (name.equals("TimeZone") && peekWord("local")))) {
      return null;
    }
    List<String> items = new ArrayList<>();
    StringBuilder item = new StringBuilder();
    for (; pos < tokens.size(); pos++) {
      Token t = tokens.get(pos);
      if (t.isOp(",")) {
        items.add(item.toString());
        item.setLength(0);
        continue;
      }
      switch (t.kind()) {
        case STRING, WORD, NUMBER -> item.append(t.text());
        case IDENT -> item.append(t.text().matches("[a-z_][a-z0-9_$]*")
            ? t.text() : "\"" + t.text().replace("\"", "\"\"") + "\"");
        case OP -> {
          if (t.isOp("-") || t.isOp("+")) {
            item.append(t.text());
          } else {
            throw syntaxErrorAt(t);
          }
        }
        default -> throw syntaxErrorAt(t);
      }
    }
    items.add(item.toString());
    return String.join(", ", items);
  }

  private Token next() {
    return pos < tokens.size() ? tokens.get(pos++) : null;
  }

  private boolean peekWord(String word) {
    return pos < tokens.size() && tokens.get(pos).isWord(word);
  }

  private boolean acceptWord(String... words) {
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

  private boolean acceptOp(String op) {
    if (pos < tokens.size() && tokens.get(pos).isOp(op)) {
      pos++;
      return true;
    }
    return false;
  }

  private void expectWord(String word) {
    if (!acceptWord(word)) {
      throw syntaxErrorAtCurrent();
    }
  }

  private void expectEnd() {
    if (pos < tokens.size()) {
      throw syntaxErrorAtCurrent();
    }
  }

  private PgException syntaxErrorAtCurrent() {
    return syntaxErrorAt(pos < tokens.size() ? tokens.get(pos) : null);
  }

  private PgException syntaxErrorAt(Token t) {
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

  private static PgException unsupported(String message) {
    return new PgException(SqlState.FEATURE_NOT_SUPPORTED, message);
  }

  /** SHOW name: one text column named after the parameter. */
  private static final class Show extends PlannedStatement {
    private final String name;
    private final List<ResultColumn> columns;

    Show(String sql, String name, String label) {
      super(sql);
      this.name = name;
      this.columns = List.of(ResultColumn.of(label, PgTypes.TEXT));
    }

    @Override
    public List<ResultColumn> resultColumns() {
      return columns;
    }

    @Override
    public QueryResult execute(PgSession session, Object[] parameters) {
      List<Object[]> rows = new ArrayList<>();
      rows.add(new Object[] {session.settings().show(name)});
      return rows(columns, rows, "SHOW");
    }
  }

  private static final class ShowAll extends PlannedStatement {
    private static final List<ResultColumn> COLUMNS =
        List.of(
            ResultColumn.of("name", PgTypes.TEXT),
            ResultColumn.of("setting", PgTypes.TEXT),
            ResultColumn.of("description", PgTypes.TEXT));

    ShowAll(String sql) {
      super(sql);
    }

    @Override
    public List<ResultColumn> resultColumns() {
      return COLUMNS;
    }

    @Override
    public QueryResult execute(PgSession session, Object[] parameters) {
      List<Object[]> rows = new ArrayList<>(session.settings().all());
      return rows(COLUMNS, rows, "SHOW");
    }
  }

  static QueryResult rows(List<ResultColumn> columns, List<Object[]> rows, String tag) {
    Iterator<Object[]> it = rows.iterator();
    RowCursor cursor = () -> it.hasNext() ? it.next() : null;
    return new QueryResult.Rows(columns, cursor, tag);
  }
}
