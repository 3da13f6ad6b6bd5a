package io.s3vector.sql.session;

import io.s3vector.sql.PgException;
import io.s3vector.sql.QueryResult;
import io.s3vector.sql.ResultColumn;
import io.s3vector.sql.RowCursor;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.catalog.InstalledExtensions;
import io.s3vector.sql.lex.Token;
import io.s3vector.sql.lex.TokenCursor;
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
  private final TokenCursor in;

  private UtilityStatements(String sql, List<Token> tokens, Settings settings) {
    this.sql = sql;
    this.tokens = tokens;
    this.settings = settings;
    this.in = new TokenCursor(sql, tokens);
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
    in.skip(1);
    switch (first.text()) {
      case "set":
        return set();
      case "reset":
        return reset();
      case "show":
        return show();
      case "begin":
        in.acceptWord("work", "transaction");
        return begin();
      case "start":
        in.expectWord("transaction");
        return begin();
      case "commit":
      case "end":
        in.acceptWord("work", "transaction");
        if (in.acceptWord("and")) {
          throw unsupported("COMMIT AND CHAIN is not supported");
        }
        return end(true);
      case "rollback":
      case "abort":
        in.acceptWord("work", "transaction");
        if (in.acceptWord("to")) {
          in.acceptWord("savepoint");
          return savepointCommand("ROLLBACK", settingName());
        }
        return end(false);
      case "savepoint":
        return savepointCommand("SAVEPOINT", settingName());
      case "release":
        in.acceptWord("savepoint");
        return savepointCommand("RELEASE", settingName());
      case "create":
        return in.peekWord("extension") ? createExtension() : in.peekWord("schema") ? createSchema()
            : SequenceStatements.create(sql, tokens);
      case "drop":
        return in.peekWord("schema") ? dropSchema()
            : in.peekWord("sequence") ? SequenceStatements.drop(sql, tokens)
            : in.peekWord("extension") ? dropExtension() : null;
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
        return in.peekWord("sequence") ? SequenceStatements.alter(sql, tokens) : null;
      default:
        return null;
    }
  }

  private PlannedStatement set() {
    boolean local = false;
    if (in.acceptWord("session")) {
      if (in.acceptWord("characteristics")) {
        return PlannedStatement.command(sql, "SET", s -> {});
      }
    } else if (in.acceptWord("local")) {
      local = true;
    }
    if (in.acceptWord("transaction")) {
      return PlannedStatement.command(sql, "SET", s -> {});
    }
    String name;
    if (in.peekWord("time") && in.peek(1) != null && in.peek(1).isWord("zone")) {
      in.skip(2);
      name = "TimeZone";
    } else if (in.acceptWord("names")) {
      name = "client_encoding";
    } else {
      name = settingName();
      if (!in.acceptOp("=") && !in.acceptWord("to")) {
        throw in.syntaxErrorAtCurrent();
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
    if (in.acceptWord("all")) {
      return PlannedStatement.command(sql, "RESET", s -> s.settings().resetAll());
    }
    String name;
    if (in.acceptWord("time")) {
      in.expectWord("zone");
      name = "TimeZone";
    } else {
      name = settingName();
    }
    in.expectEnd();
    return PlannedStatement.command(sql, "RESET", s -> s.settings().reset(name));
  }

  private PlannedStatement show() {
    if (in.acceptWord("all")) {
      in.expectEnd();
      return new ShowAll(sql);
    }
    String name;
    if (in.acceptWord("time")) {
      in.expectWord("zone");
      name = "TimeZone";
    } else if (in.acceptWord("transaction")) {
      in.expectWord("isolation");
      in.expectWord("level");
      name = "transaction_isolation";
    } else {
      name = settingName();
    }
    in.expectEnd();
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
    in.expectEnd();
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
    in.expectEnd();
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
    in.skip(1); // extension
    boolean ifNotExists = in.ifNotExists();
    Token name = in.name();
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

  /** What DROP SCHEMA and DROP EXTENSION name: IF EXISTS, the names, CASCADE. */
  private record DropList(boolean ifExists, List<String> names, boolean cascade) {}

  /** {@code [IF EXISTS] name [, ...] [CASCADE | RESTRICT]} after DROP's object word, to the end. */
  private DropList dropList() {
    in.skip(1); // SCHEMA, EXTENSION
    boolean ifExists = false;
    if (in.acceptWord("if")) {
      in.expectWord("exists");
      ifExists = true;
    }
    List<String> names = new java.util.ArrayList<>();
    do {
      names.add(in.name().text());
    } while (in.acceptOp(","));
    boolean cascade = in.acceptWord("cascade");
    if (!cascade) {
      in.acceptWord("restrict");
    }
    in.expectEnd();
    return new DropList(ifExists, names, cascade);
  }

  /**
   * {@code DROP EXTENSION [IF EXISTS] name [, ...] [CASCADE | RESTRICT]}, as pg_restore --clean
   * sends it after dropping the tables: vector, while no column has its types (it is built in, so
   * its types keep working; what changes is that CREATE EXTENSION runs again without "already
   * exists"). A column of its types is PostgreSQL's 2BP01, or with CASCADE 0A000 (the columns
   * would go). Other installed extensions (plpgsql) are not dropped here: 0A000.
   */
  private PlannedStatement dropExtension() {
    DropList drop = dropList();
    return PlannedStatement.command(sql, "DROP EXTENSION", s -> {
      for (String name : drop.names()) {
        if (InstalledExtensions.named(name).isEmpty()) {
          if (!drop.ifExists()) {
            throw new PgException(SqlState.UNDEFINED_OBJECT, "extension \"" + name + "\" does not exist");
          }
          s.notice(io.s3vector.sql.Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
              "extension \"" + name + "\" does not exist, skipping"));
        } else if (!name.equals("vector")) {
          throw unsupported("DROP EXTENSION " + name + " is not supported");
        }
      }
      if (drop.names().contains("vector")) {
        Extensions.drop(s, drop.cascade());
      }
    });
  }

  /**
   * {@code COMMENT ON TABLE t IS 'text' | NULL} and {@code COMMENT ON COLUMN t.c IS ...}: kept in
   * the table's schema (one manifest commit), read by pg_description, obj_description and
   * col_description. Extensions are {@link #commentOnExtension}; other objects are 0A000.
   */
  private PlannedStatement comment() {
    in.expectWord("on");
    if (in.acceptWord("extension")) {
      return commentOnExtension();
    }
    Token kind = in.next();
    if (kind == null || !(kind.isWord("table") || kind.isWord("column"))) {
      throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "COMMENT ON "
          + (kind == null ? "" : kind.text().toUpperCase(java.util.Locale.ROOT) + " ") + "is not supported yet",
          null, null, kind == null ? 0 : kind.start() + 1, null);
    }
    List<String> names = new java.util.ArrayList<>();
    do {
      names.add(in.name().text());
    } while (in.acceptOp("."));
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
    in.expectWord("is");
    Token value = in.next();
    String text;
    if (value != null && value.isWord("null")) {
      text = null;
    } else if (value != null && value.kind() == Token.Kind.STRING) {
      text = value.text().isEmpty() ? null : value.text(); // '' removes, as in PostgreSQL
    } else {
      throw in.syntaxErrorAt(value);
    }
    if (!in.atEnd() && !in.peek().isOp(";")) {
      throw in.syntaxErrorAtCurrent();
    }
    return text;
  }

  /**
   * {@code COMMENT ON EXTENSION name IS ...}, which pg_dump writes after CREATE EXTENSION: the
   * installed extensions' comments are fixed (not stored), so the statement is taken when it
   * sets the comment the extension has, and is 0A000 when it would change it.
   */
  private PlannedStatement commentOnExtension() {
    String name = in.name().text();
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
    in.skip(1); // schema
    boolean ifNotExists = in.ifNotExists();
    String schema = null;
    if (!in.peekWord("authorization")) {
      schema = in.name().text();
    }
    if (in.acceptWord("authorization")) {
      String role = in.name().text();
      schema = schema == null ? role : schema;
    }
    if (!in.atEnd() && !in.peek().isOp(";")) {
      throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
          "CREATE SCHEMA with schema elements is not supported yet", null, null,
          in.peek().start() + 1, null);
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
    DropList drop = dropList();
    List<String> names = drop.names();
    boolean cascade = drop.cascade();
    boolean quiet = drop.ifExists();
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
        s.database().sequences().forEach((sequence, spec) -> {
          // one OWNED BY a column goes with its table, as PostgreSQL does not list it
          if (io.s3vector.sql.catalog.SchemaNames.inSchema(sequence, name) && spec.ownedTable() == null) {
            lines.add("sequence " + name + "." + io.s3vector.sql.catalog.SchemaNames.tableOf(sequence));
          }
        });
        if (!lines.isEmpty() && !cascade) {
          List<String> details = new java.util.ArrayList<>();
          lines.forEach(l -> details.add(l + " depends on schema " + name));
          throw new PgException("2BP01", "cannot drop schema " + name
              + " because other objects depend on it", String.join("\n", details),
              "Use DROP ... CASCADE to drop the dependent objects too.", 0, null);
        }
        lines.addAll(io.s3vector.sql.plan.ForeignKeys.dropReferences(s.database(), tables, cascade));
        io.s3vector.sql.Notice cascaded = io.s3vector.sql.Notice.dropCascades(lines);
        if (cascaded != null) {
          s.notice(cascaded);
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
    if (in.acceptOp("(")) {
      while (!in.atEnd() && !in.peek().isOp(")")) {
        in.skip(1); // PostgreSQL's options change nothing here
      }
      if (!in.acceptOp(")")) {
        throw in.syntaxErrorAtCurrent();
      }
    }
    while (in.acceptWord("full", "freeze", "verbose", "analyze", "analyse")) {
      // accepted
    }
    List<List<String>> tables = new java.util.ArrayList<>();
    while (!in.atEnd() && !in.peek().isOp(";")) {
      Token t = in.next();
      if (t.isOp(",")) {
        continue;
      }
      if (!t.isName()) {
        throw in.syntaxErrorAt(t);
      }
      List<String> name = new java.util.ArrayList<>(List.of(t.text()));
      if (in.acceptOp(".")) {
        Token table = in.next();
        if (table == null || !table.isName()) {
          throw in.syntaxErrorAtCurrent();
        }
        name.add(table.text());
      }
      if (in.acceptOp("(")) {
        while (!in.atEnd() && !in.peek().isOp(")")) {
          in.skip(1);
        }
        in.acceptOp(")");
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
    in.acceptWord("prepare");
    if (in.acceptWord("all")) {
      in.expectEnd();
      return PlannedStatement.command(sql, "DEALLOCATE ALL", s -> s.preparedStatements().clear());
    }
    String name = settingName();
    in.expectEnd();
    return PlannedStatement.command(sql, "DEALLOCATE", s -> {
      if (!s.preparedStatements().remove(name)) {
        throw PreparedStatements.doesNotExist(name);
      }
    });
  }

  private PlannedStatement discard() {
    String what;
    if (in.acceptWord("all")) {
      what = "DISCARD ALL";
    } else if (in.acceptWord("plans", "sequences", "temp", "temporary")) {
      what = "DISCARD " + in.previous().text().toUpperCase(java.util.Locale.ROOT);
      if (what.equals("DISCARD TEMPORARY")) {
        what = "DISCARD TEMP";
      }
    } else {
      throw in.syntaxErrorAtCurrent();
    }
    in.expectEnd();
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
    Token t = in.next();
    if (t == null || !t.isName()) {
      throw in.syntaxErrorAt(t);
    }
    StringBuilder name = new StringBuilder(t.text());
    while (in.acceptOp(".")) {
      Token part = in.next();
      if (part == null || !part.isName()) {
        throw in.syntaxErrorAt(part);
      }
      name.append('.').append(part.text());
    }
    return name.toString();
  }

  /** The value list after {@code =}/TO as PostgreSQL would print it; null for DEFAULT. */
  private String settingValue(String name) {
    if (in.atEnd()) {
      throw in.syntaxErrorAtCurrent();
    }
    if (in.remaining() == 1 && (in.peekWord("default")
        || (name.equals("TimeZone") && in.peekWord("local")))) {
      return null;
    }
    List<String> items = new ArrayList<>();
    StringBuilder item = new StringBuilder();
    for (; !in.atEnd(); in.skip(1)) {
      Token t = in.peek();
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
            throw in.syntaxErrorAt(t);
          }
        }
        default -> throw in.syntaxErrorAt(t);
      }
    }
    items.add(item.toString());
    return String.join(", ", items);
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
