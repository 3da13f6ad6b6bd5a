package io.s3vector.sql.plan;

import io.s3vector.sql.Notice;
import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.lex.Token;
import io.s3vector.sql.session.PgSession;
import io.s3vector.sql.session.PlannedStatement;
import io.s3vector.storage.table.SecondaryIndex;
import io.s3vector.storage.table.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code CREATE INDEX [IF NOT EXISTS] [name] ON table [USING btree|hash|gin|gist|brin|spgist]
 * (column [opclass] [ASC|DESC] [NULLS FIRST|LAST], ...) [WITH (...)]}: an index kept for the
 * catalogs only ({@link SecondaryIndex}). Frameworks create such indexes with their tables
 * (SQLAlchemy's {@code index=True}, LangChain's GIN index on metadata); they show in {@code \di},
 * {@code pg_indexes} and {@code pg_index}, and go with DROP INDEX, DROP TABLE and DROP COLUMN. What
 * would change behaviour is refused with 0A000: keys that are expressions, INCLUDE and WHERE
 * (partial indexes). A UNIQUE index (btree only, as in PostgreSQL) is enforced: it is created only
 * when no two live rows share its key (else 23505), and from then on checked as a UNIQUE
 * constraint is.
 */
public final class SecondaryIndexStatement {

  /** Access methods of PostgreSQL whose indexes are kept for the catalogs only. */
  private static final Set<String> METHODS = Set.of("btree", "hash", "gin", "gist", "brin", "spgist");

  private SecondaryIndexStatement() {}

  /** Whether {@code tokens} create an index of another access method than pgvector's. */
  public static boolean isSecondary(List<Token> tokens) {
    if (tokens.size() < 3 || !tokens.get(0).isWord("create")) {
      return false;
    }
    int i = tokens.get(1).isWord("unique") ? 2 : 1;
    if (!tokens.get(i).isWord("index")) {
      return false;
    }
    for (int t = i + 1; t < tokens.size(); t++) {
      Token token = tokens.get(t);
      if (token.isOp("(")) {
        return true; // the key list, with no USING before it: btree
      }
      if (token.isWord("using") && t + 1 < tokens.size()) {
        String method = tokens.get(t + 1).text();
        return !method.equals("hnsw") && !method.equals("ivfflat");
      }
    }
    return false;
  }

  /** The statement (tokens without CONCURRENTLY). */
  public static PlannedStatement plan(String sql, List<Token> tokens) {
    Cursor c = new Cursor(sql, tokens);
    c.expect("create");
    boolean unique = c.peek("unique");
    if (unique) {
      c.expect("unique");
    }
    c.expect("index");
    boolean ifNotExists = false;
    if (c.peek("if")) {
      c.expect("if");
      c.expect("not");
      c.expect("exists");
      ifNotExists = true;
    }
    String name = c.peek("on") ? null : c.name();
    c.expect("on");
    if (c.peek("only")) {
      c.expect("only");
    }
    List<String> table = new java.util.ArrayList<>(List.of(c.name()));
    if (c.peekOp(".")) {
      c.op(".");
      table.add(c.name());
    }
    String method = "btree";
    if (c.peek("using")) {
      c.expect("using");
      method = c.name();
      if (!METHODS.contains(method)) {
        throw new PgException(SqlState.UNDEFINED_OBJECT, "access method \"" + method
            + "\" does not exist");
      }
    }
    if (unique && !method.equals("btree")) {
      throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "access method \"" + method
          + "\" does not support unique indexes");
    }
    c.op("(");
    List<String> columns = new ArrayList<>();
    List<String> opclasses = new ArrayList<>();
    List<Integer> sortOptions = new ArrayList<>();
    do {
      if (c.peekOp("(") || !c.current().isName() || c.isFunctionCall()) {
        throw c.unsupported("indexes on expressions are not supported yet");
      }
      columns.add(c.name());
      String opclass = null;
      if (c.current().isName() && !c.peek("asc") && !c.peek("desc") && !c.peek("nulls")
          && !c.peek("collate")) {
        opclass = c.name();
      }
      opclasses.add(opclass);
      boolean desc = false;
      if (c.peek("asc") || c.peek("desc")) {
        desc = c.name().equals("desc");
      }
      boolean nullsFirst = desc; // PostgreSQL's default: NULLS FIRST with DESC, LAST with ASC
      if (c.peek("nulls")) {
        c.name();
        nullsFirst = c.name().equals("first");
      }
      sortOptions.add((desc ? SecondaryIndex.DESC : 0) | (nullsFirst ? SecondaryIndex.NULLS_FIRST : 0));
    } while (c.comma());
    c.op(")");
    if (c.peek("include")) {
      throw c.unsupported("CREATE INDEX ... INCLUDE is not supported yet");
    }
    if (c.peek("with")) {
      c.skipParenthesized(); // storage parameters (fillfactor, fastupdate, ...): nothing to tune
    }
    if (c.peek("where")) {
      throw c.unsupported("partial indexes (CREATE INDEX ... WHERE) are not supported yet");
    }
    c.end();
    return create(sql, table, name, new SecondaryIndex(name, method, columns, opclasses, unique,
        sortOptions), ifNotExists);
  }

  private static PlannedStatement create(String sql, List<String> tableName, String givenName,
      SecondaryIndex index, boolean ifNotExists) {
    return PlannedStatement.command(sql, "CREATE INDEX", session -> {
      var database = session.database();
      io.s3vector.sql.session.SearchPath.requireSchemaOf(session, tableName);
      String table = io.s3vector.sql.session.SearchPath.storageNameOf(session, tableName)
          .orElseThrow(() -> new PgException(SqlState.UNDEFINED_TABLE,
              "relation \"" + String.join(".", tableName) + "\" does not exist"));
      TableSchema schema = database.table(table).orElseThrow().schema();
      for (int k = 0; k < index.columns().size(); k++) {
        String column = index.columns().get(k);
        int c = schema.indexOf(column);
        if (c < 0) {
          throw new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" does not exist");
        }
        if (schema.columns().get(c).type() == io.s3vector.storage.table.ColumnType.VECTOR
            && index.opclasses().get(k) == null) {
          throw new PgException(SqlState.UNDEFINED_OBJECT, "data type vector has no default operator"
              + " class for access method \"" + index.method() + "\"", null,
              "You must specify an operator class for the index or define a default operator class"
              + " for the data type.", -1, null);
        }
      }
      String name = givenName != null ? givenName : defaultName(session, table, index.columns());
      if (taken(session, name)) {
        if (!ifNotExists) {
          throw new PgException(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
        }
        session.notice(Notice.notice(SqlState.DUPLICATE_TABLE,
            "relation \"" + name + "\" already exists, skipping"));
        return;
      }
      SecondaryIndex named = new SecondaryIndex(name, index.method(), index.columns(), index.opclasses(),
          index.unique(), index.sortOptions());
      database.alterTable(table, s -> s.withSecondaryIndex(name, named));
    });
  }

  /** PostgreSQL's choice: table_col1_col2_idx, then ..._idx1, 2, ... when taken. */
  private static String defaultName(PgSession session, String table, List<String> columns) {
    String base = io.s3vector.sql.catalog.SchemaNames.tableOf(table) + "_" + String.join("_", columns)
        + "_idx";
    String name = base;
    for (int i = 1; taken(session, name); i++) {
      name = base + i;
    }
    return name;
  }

  private static boolean taken(PgSession session, String name) {
    if (session.database().table(name).isPresent() || session.database().tableOfIndex(name).isPresent()) {
      return true;
    }
    for (String table : session.database().tableNames()) {
      var t = session.database().table(table);
      if (t.isPresent() && t.get().schema().uniqueKeys().stream().anyMatch(k -> k.name().equals(name))) {
        return true;
      }
    }
    return false;
  }

  /** Drops the secondary index {@code name} of {@code table}; false when it has none of that name. */
  public static boolean drop(PgSession session, String table, String name) {
    var t = session.database().table(table);
    if (t.isEmpty() || t.get().schema().secondaryIndex(name) == null) {
      return false;
    }
    session.database().alterTable(table, s -> s.withSecondaryIndex(name, null));
    return true;
  }

  /** Walks the statement's tokens. */
  private static final class Cursor {
    private final String sql;
    private final List<Token> tokens;
    private int at;

    Cursor(String sql, List<Token> tokens) {
      this.sql = sql;
      this.tokens = tokens;
    }

    Token current() {
      if (at >= tokens.size()) {
        throw new PgException(SqlState.SYNTAX_ERROR, "syntax error at end of input", null, null,
            sql.length() + 1, null);
      }
      return tokens.get(at);
    }

    boolean peek(String word) {
      return at < tokens.size() && tokens.get(at).isWord(word);
    }

    boolean peekOp(String op) {
      return at < tokens.size() && tokens.get(at).isOp(op);
    }

    boolean isFunctionCall() {
      return at + 1 < tokens.size() && tokens.get(at + 1).isOp("(");
    }

    void expect(String word) {
      if (!peek(word)) {
        throw syntaxError();
      }
      at++;
    }

    void op(String op) {
      if (!peekOp(op)) {
        throw syntaxError();
      }
      at++;
    }

    boolean comma() {
      if (peekOp(",")) {
        at++;
        return true;
      }
      return false;
    }

    String name() {
      Token t = current();
      if (!t.isName()) {
        throw syntaxError();
      }
      at++;
      return t.text();
    }

    void skipParenthesized() {
      at++; // WITH
      int depth = 0;
      do {
        Token t = current();
        depth += t.isOp("(") ? 1 : t.isOp(")") ? -1 : 0;
        at++;
      } while (depth > 0);
    }

    void end() {
      if (peekOp(";")) {
        at++;
      }
      if (at < tokens.size()) {
        throw syntaxError();
      }
    }

    PgException unsupported(String message) {
      return new PgException(SqlState.FEATURE_NOT_SUPPORTED, message, null, null,
          current().start() + 1, null);
    }

    PgException syntaxError() {
      if (at >= tokens.size()) {
        return new PgException(SqlState.SYNTAX_ERROR, "syntax error at end of input", null, null,
            sql.length() + 1, null);
      }
      Token t = tokens.get(at);
      return new PgException(SqlState.SYNTAX_ERROR,
          "syntax error at or near \"" + sql.substring(t.start(), t.end()) + "\"", null, null,
          t.start() + 1, null);
    }
  }
}
