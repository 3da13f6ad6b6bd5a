package io.s3vector.sql.plan;

import io.s3vector.sql.Notice;
import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.lex.Token;
import io.s3vector.sql.lex.TokenCursor;
import io.s3vector.sql.session.PgSession;
import io.s3vector.sql.session.PlannedStatement;
import io.s3vector.storage.table.SecondaryIndex;
import io.s3vector.storage.table.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code CREATE INDEX [IF NOT EXISTS] [name] ON table [USING btree|hash|gin|gist|brin|spgist]
 * (column [opclass] [ASC|DESC] [NULLS FIRST|LAST], ...) [NULLS [NOT] DISTINCT] [WITH (...)]}: an
 * index kept for the catalogs only ({@link SecondaryIndex}). Frameworks create such indexes with
 * their tables (SQLAlchemy's {@code index=True}, LangChain's GIN index on metadata); they show in {@code \di},
 * {@code pg_indexes} and {@code pg_index}, and go with DROP INDEX, DROP TABLE and DROP COLUMN. What
 * would change behaviour is refused with 0A000: keys that are expressions, INCLUDE and WHERE
 * (partial indexes). A UNIQUE index (btree only, as in PostgreSQL) is enforced: it is created only
 * when no two live rows share its key (else 23505), and from then on checked as a UNIQUE
 * constraint is, with NULLs not distinct when it says so.
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
    TokenCursor c = new TokenCursor(sql, tokens);
    c.expectWord("create");
    boolean unique = c.acceptWord("unique");
    c.expectWord("index");
    boolean ifNotExists = c.ifNotExists();
    String name = c.peekWord("on") ? null : c.name().text();
    c.expectWord("on");
    c.acceptWord("only");
    List<String> table = new java.util.ArrayList<>(List.of(c.name().text()));
    if (c.acceptOp(".")) {
      table.add(c.name().text());
    }
    String method = "btree";
    if (c.acceptWord("using")) {
      method = c.name().text();
      if (!METHODS.contains(method)) {
        throw new PgException(SqlState.UNDEFINED_OBJECT, "access method \"" + method
            + "\" does not exist");
      }
    }
    if (unique && !method.equals("btree")) {
      throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "access method \"" + method
          + "\" does not support unique indexes");
    }
    c.expectOp("(");
    List<String> columns = new ArrayList<>();
    List<String> opclasses = new ArrayList<>();
    List<Integer> sortOptions = new ArrayList<>();
    do {
      if (c.peekOp("(") || !c.current().isName() || (c.peek(1) != null && c.peek(1).isOp("("))) {
        throw c.unsupportedHere("indexes on expressions are not supported yet");
      }
      columns.add(c.name().text());
      String opclass = null;
      if (c.current().isName() && !c.peekWord("asc") && !c.peekWord("desc")
          && !c.peekWord("nulls") && !c.peekWord("collate")) {
        opclass = c.name().text();
      }
      opclasses.add(opclass);
      boolean desc = false;
      if (c.peekWord("asc") || c.peekWord("desc")) {
        desc = c.name().text().equals("desc");
      }
      boolean nullsFirst = desc; // PostgreSQL's default: NULLS FIRST with DESC, LAST with ASC
      if (c.acceptWord("nulls")) {
        nullsFirst = c.name().text().equals("first");
      }
      sortOptions.add((desc ? SecondaryIndex.DESC : 0) | (nullsFirst ? SecondaryIndex.NULLS_FIRST : 0));
    } while (c.acceptOp(","));
    c.expectOp(")");
    boolean nullsNotDistinct = false;
    if (c.acceptWord("nulls")) {
      nullsNotDistinct = c.acceptWord("not");
      c.expectWord("distinct");
    }
    if (c.peekWord("include")) {
      throw c.unsupportedHere("CREATE INDEX ... INCLUDE is not supported yet");
    }
    if (c.acceptWord("with")) {
      c.skipParenthesized(); // storage parameters (fillfactor, fastupdate, ...): nothing to tune
    }
    if (c.peekWord("where")) {
      throw c.unsupportedHere("partial indexes (CREATE INDEX ... WHERE) are not supported yet");
    }
    c.acceptOp(";");
    c.expectEnd();
    return create(sql, table, name, new SecondaryIndex(name, method, columns, opclasses, unique,
        sortOptions, nullsNotDistinct), ifNotExists);
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
      SecondaryIndex named = new SecondaryIndex(name, index.method(), index.columns(),
          index.opclasses(), index.unique(), index.sortOptions(), index.nullsNotDistinct());
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
}
