package io.s3vector.sql.session;

import io.s3vector.sql.PgException;
import io.s3vector.sql.QueryResult;
import io.s3vector.sql.ResultColumn;
import io.s3vector.sql.RowCursor;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.catalog.InstalledExtensions;
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
        return peekWord("extension") ? createExtension() : peekWord("schema") ? createSchema()
            : SequenceStatements.create(sql, tokens);
      case "drop":
        return peekWord("schema") ? dropSchema()
            : peekWord("sequence") ? SequenceStatements.drop(sql, tokens)
            : peekWord("extension") ? dropExtension() : null;
      case "discard":
        return discard();
      case "comment":
        return comment();
      case "vacuum":
      case "analyze":
      case "analyse":
        return vacuum(first.text().equals("vacuum"));
      case "deallocate":
        return deallocate();
      case "alter":
        return peekWord("sequence") ? SequenceStatements.alter(sql, tokens) : null;
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

  /** {@code IF NOT EXISTS}, if written next. */
  private boolean ifNotExists() {
    if (!acceptWord("if")) {
      return false;
    }
    expectWord("not");
    expectWord("exists");
    return true;
  }

  /** The next token, which must be a name. */
  private Token name() {
    Token name = next();
    if (name == null || !name.isName()) {
      throw syntaxErrorAt(name);
    }
    return name;
  }

  private PlannedStatement createExtension() {
    pos++; // extension
    boolean ifNotExists = ifNotExists();
    Token name = name();
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
   * {@code DROP EXTENSION [IF EXISTS] name [, ...] [CASCADE | RESTRICT]}, as pg_restore --clean
   * sends it after dropping the tables: vector, while no column has its types (it is built in, so
   * its types keep working; what changes is that CREATE EXTENSION runs again without "already
   * exists"). A column of its types is PostgreSQL's 2BP01, or with CASCADE 0A000 (the columns
   * would go). Other installed extensions (plpgsql) are not dropped here: 0A000.
   */
  private PlannedStatement dropExtension() {
    pos++; // extension
    boolean ifExists = false;
    if (acceptWord("if")) {
      expectWord("exists");
      ifExists = true;
    }
    List<String> names = new java.util.ArrayList<>();
    do {
      names.add(name().text());
    } while (acceptOp(","));
    boolean cascade = acceptWord("cascade");
    if (!cascade) {
      acceptWord("restrict");
    }
    expectEnd();
    boolean skipMissing = ifExists;
    return PlannedStatement.command(sql, "DROP EXTENSION", s -> {
      for (String name : names) {
        if (InstalledExtensions.named(name).isEmpty()) {
          if (!skipMissing) {
            throw new PgException(SqlState.UNDEFINED_OBJECT, "extension \"" + name + "\" does not exist");
          }
          s.notice(io.s3vector.sql.Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
              "extension \"" + name + "\" does not exist, skipping"));
        } else if (!name.equals("vector")) {
          throw unsupported("DROP EXTENSION " + name + " is not supported");
        }
      }
      if (names.contains("vector")) {
        Extensions.drop(s, cascade);
      }
    });
  }

  /**
   * {@code COMMENT ON TABLE t IS 'text' | NULL} and {@code COMMENT ON COLUMN t.c IS ...}: kept in
   * the table's schema (one manifest commit), read by pg_description, obj_description and
   * col_description. Extensions are {@link #commentOnExtension}; other objects are 0A000.
   */
  private PlannedStatement comment() {
    expectWord("on");
    if (acceptWord("extension")) {
      return commentOnExtension();
    }
    Token kind = next();
    if (kind == null || !(kind.isWord("table") || kind.isWord("column"))) {
      throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "COMMENT ON "
          + (kind == null ? "" : kind.text().toUpperCase(java.util.Locale.ROOT) + " ") + "is not supported yet",
          null, null, kind == null ? 0 : kind.start() + 1, null);
    }
    List<String> names = new java.util.ArrayList<>();
    do {
      names.add(name().text());
    } while (acceptOp("."));
    String text = commentText();
    boolean column = kind.isWord("column");
    if (column && names.size() < 2) {
      throw new PgException(SqlState.SYNTAX_ERROR, "column name must be qualified");
    }
    List<String> tableName = column ? names.subList(0, names.size() - 1) : names;
    String shown = tableName.get(tableName.size() - 1);
    String target = column ? names.get(names.size() - 1) : "";
    return PlannedStatement.command(sql, "COMMENT", s -> {
      SearchPath.requireSchemaOf(s, tableName);
      String table = SearchPath.storageNameOf(s, tableName).orElseThrow(() -> new PgException(
          SqlState.UNDEFINED_TABLE, "relation \"" + String.join(".", tableName) + "\" does not exist"));
      s.database().alterTable(table, t -> {
        if (!target.isEmpty() && t.indexOf(target) < 0) {
          throw new PgException(SqlState.UNDEFINED_COLUMN,
              "column \"" + target + "\" of relation \"" + shown + "\" does not exist");
        }
        return java.util.Objects.equals(t.comments().get(target), text) ? t : t.withComment(target, text);
      });
    });
  }

  /** {@code IS 'text' | NULL} ending a COMMENT: the text, null when the comment is removed. */
  private String commentText() {
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
    return text;
  }

  /**
   * {@code COMMENT ON EXTENSION name IS ...}, which pg_dump writes after CREATE EXTENSION: the
   * installed extensions' comments are fixed (not stored), so the statement is taken when it
   * sets the comment the extension has, and is 0A000 when it would change it.
   */
  private PlannedStatement commentOnExtension() {
    String name = name().text();
    String text = commentText();
    return PlannedStatement.command(sql, "COMMENT", s -> {
      InstalledExtensions.Extension extension = InstalledExtensions.named(name).orElseThrow(() ->
          new PgException(SqlState.UNDEFINED_OBJECT, "extension \"" + name + "\" does not exist"));
      if (!extension.comment().equals(text)) {
        throw unsupported("changing the comment of extension \"" + name
            + "\" is not supported yet: it stays \"" + extension.comment() + "\"");
      }
    });
  }

  /**
   * {@code CREATE SCHEMA [IF NOT EXISTS] name [AUTHORIZATION role]} and {@code CREATE SCHEMA
   * AUTHORIZATION role} (named after the role): one manifest commit. Schema elements (CREATE
   * TABLE ... inside the statement) are 0A000.
   */
  private PlannedStatement createSchema() {
    pos++; // schema
    boolean ifNotExists = ifNotExists();
    String schema = null;
    if (!peekWord("authorization")) {
      schema = name().text();
    }
    if (acceptWord("authorization")) {
      String role = name().text();
      schema = schema == null ? role : schema;
    }
    if (pos < tokens.size() && !tokens.get(pos).isOp(";")) {
      throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
          "CREATE SCHEMA with schema elements is not supported yet", null, null,
          tokens.get(pos).start() + 1, null);
    }
    String name = schema;
    if (name.startsWith("pg_")) {
      throw new PgException("42939", "unacceptable schema name \"" + name + "\"",
          "The prefix \"pg_\" is reserved for system schemas.", null, 0, null);
    }
    return PlannedStatement.command(sql, "CREATE SCHEMA", s -> {
      boolean created = !SearchPath.exists(s.database(), name) && s.database().createSchema(name);
      if (!created) {
        if (!ifNotExists) {
          throw new PgException("42P06", "schema \"" + name + "\" already exists");
        }
        s.notice(io.s3vector.sql.Notice.notice("42P06",
            "schema \"" + name + "\" already exists, skipping"));
      }
    });
  }

  /**
   * {@code DROP SCHEMA [IF EXISTS] name [, ...] [CASCADE | RESTRICT]}: a schema that has tables
   * is 2BP01 unless CASCADE, which drops them with it in the same commit. The built-in schemas
   * are not dropped.
   */
  private PlannedStatement dropSchema() {
    pos++; // schema
    boolean ifExists = false;
    if (acceptWord("if")) {
      expectWord("exists");
      ifExists = true;
    }
    List<String> names = new java.util.ArrayList<>();
    do {
      names.add(name().text());
    } while (acceptOp(","));
    boolean cascade = acceptWord("cascade");
    if (!cascade) {
      acceptWord("restrict");
    }
    expectEnd();
    boolean quiet = ifExists;
    return PlannedStatement.command(sql, "DROP SCHEMA", s -> {
      for (String name : names) {
        if (name.equals("public") || name.equals("pg_catalog") || name.equals("information_schema")
            || name.equals("pg_toast")) {
          throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
              "cannot drop schema " + name + " here: it is built in");
        }
        if (!s.database().schemaNames().contains(name) && !quiet) {
          throw new PgException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + name + "\" does not exist");
        }
      }
      for (String name : names) {
        if (!s.database().schemaNames().contains(name)) {
          s.notice(io.s3vector.sql.Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
              "schema \"" + name + "\" does not exist, skipping"));
          continue;
        }
        List<String> tables = new java.util.ArrayList<>();
        for (String table : s.database().tableNames()) {
          if (io.s3vector.sql.catalog.SchemaNames.inSchema(table, name)) {
            tables.add(table);
          }
        }
        List<String> lines = new java.util.ArrayList<>();
        for (String table : tables) {
          lines.add("table " + name + "." + io.s3vector.sql.catalog.SchemaNames.tableOf(table));
        }
        if (!tables.isEmpty() && !cascade) {
          List<String> details = new java.util.ArrayList<>();
          lines.forEach(l -> details.add(l + " depends on schema " + name));
          throw new PgException("2BP01", "cannot drop schema " + name
              + " because other objects depend on it", String.join("\n", details),
              "Use DROP ... CASCADE to drop the dependent objects too.", 0, null);
        }
        lines.addAll(io.s3vector.sql.plan.ForeignKeys.dropReferences(s.database(), tables, cascade));
        if (lines.size() == 1) {
          s.notice(io.s3vector.sql.Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
              "drop cascades to " + lines.get(0)));
        } else if (lines.size() > 1) {
          List<String> details = new java.util.ArrayList<>();
          lines.forEach(l -> details.add("drop cascades to " + l));
          s.notice(io.s3vector.sql.Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
              "drop cascades to " + lines.size() + " other objects", String.join("\n", details)));
        }
        s.database().dropSchema(name, table -> io.s3vector.sql.catalog.SchemaNames.inSchema(table, name))
            .ifPresent(dropped -> dropped.forEach(t -> s.block().forget(t)));
      }
    });
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
    List<List<String>> tables = new java.util.ArrayList<>();
    while (pos < tokens.size() && !tokens.get(pos).isOp(";")) {
      Token t = next();
      if (t.isOp(",")) {
        continue;
      }
      if (!t.isName()) {
        throw syntaxErrorAt(t);
      }
      List<String> name = new java.util.ArrayList<>(List.of(t.text()));
      if (acceptOp(".")) {
        Token table = next();
        if (table == null || !table.isName()) {
          throw syntaxErrorAtCurrent();
        }
        name.add(table.text());
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
      List<String> stored = new java.util.ArrayList<>();
      for (List<String> table : tables) {
        stored.add(SearchPath.storageNameOf(s, table).orElseThrow(() -> new PgException(
            SqlState.UNDEFINED_TABLE, "relation \"" + String.join(".", table) + "\" does not exist")));
      }
      if (vacuum) {
        for (String table : tables.isEmpty() ? s.database().tableNames() : stored) {
          s.database().vacuum(table);
        }
      }
    });
  }

  /** {@code DEALLOCATE [PREPARE] name | ALL}: a statement of PREPARE or of the protocol's Parse. */
  private PlannedStatement deallocate() {
    acceptWord("prepare");
    if (acceptWord("all")) {
      expectEnd();
      return PlannedStatement.command(sql, "DEALLOCATE ALL", s -> s.preparedStatements().clear());
    }
    String name = settingName();
    expectEnd();
    return PlannedStatement.command(sql, "DEALLOCATE", s -> {
      if (!s.preparedStatements().remove(name)) {
        throw PreparedStatements.doesNotExist(name);
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
        s.preparedStatements().clear();
      }
      if (tag.equals("DISCARD ALL") || tag.equals("DISCARD SEQUENCES")) {
        s.sequences().clear();
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
