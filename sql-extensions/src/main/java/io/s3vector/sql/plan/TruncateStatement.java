package io.s3vector.sql.plan;

import io.s3vector.sql.PgException;
import io.s3vector.sql.QueryResult;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.bind.BindContext;
import io.s3vector.sql.lex.Token;
import io.s3vector.sql.session.PgSession;
import io.s3vector.sql.session.PlannedStatement;
import io.s3vector.storage.table.StagedWrite;
import io.s3vector.storage.table.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code TRUNCATE [TABLE] [ONLY] name [*] [, ...] [RESTART | CONTINUE IDENTITY] [RESTRICT |
 * CASCADE]}: the tables keep only rows written after it, all in one commit (the block's, inside a
 * transaction block). Sequences continue, as by default in PostgreSQL; with RESTART IDENTITY the
 * tables' serial and identity sequences start again in the same commit (rows the block writes
 * after it are numbered from 1; a ROLLBACK leaves the sequences as they were). A table
 * referenced by a FOREIGN KEY of a table not truncated with it is an error, unless CASCADE adds
 * those tables ({@link ForeignKeys#truncateClosure}).
 */
public final class TruncateStatement extends PlannedStatement {
  private final List<String> tables;
  /** CASCADE: tables referencing the named ones are truncated too. */
  private final boolean cascade;
  /** RESTART IDENTITY: the tables' sequences start again. */
  private final boolean restartIdentity;

  private TruncateStatement(String sql, List<String> tables, boolean cascade,
      boolean restartIdentity) {
    super(sql);
    this.tables = tables;
    this.cascade = cascade;
    this.restartIdentity = restartIdentity;
  }

  public static TruncateStatement plan(String sql, List<Token> tokens, BindContext ctx) {
    int i = 1;
    if (i < tokens.size() && tokens.get(i).isWord("table")) {
      i++;
    }
    List<String> names = new ArrayList<>();
    while (i < tokens.size()) {
      Token t = tokens.get(i);
      if (t.isWord("only") || t.isOp(",") || t.isOp("*") || t.isOp(";")) {
        i++;
        continue;
      }
      if (t.isWord("restart") || t.isWord("continue") || t.isWord("restrict") || t.isWord("cascade")) {
        break;
      }
      if (!t.isName()) {
        throw new PgException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + t.text() + "\"",
            null, null, t.start() + 1, null);
      }
      List<String> parts = new java.util.ArrayList<>(List.of(t.text()));
      if (i + 2 < tokens.size() && tokens.get(i + 1).isOp(".")) {
        i += 2;
        parts.add(tokens.get(i).text());
      }
      io.s3vector.sql.session.SearchPath.requireSchemaOf(ctx.session, parts);
      String name = io.s3vector.sql.session.SearchPath.storageNameOf(ctx.session, parts)
          .orElseThrow(() -> new PgException(SqlState.UNDEFINED_TABLE,
              "relation \"" + String.join(".", parts) + "\" does not exist"));
      names.add(name);
      i++;
    }
    boolean cascade = false;
    boolean restart = false;
    for (; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      cascade |= t.isWord("cascade");
      restart |= t.isWord("restart");
      if (!(t.isWord("restart") || t.isWord("continue") || t.isWord("identity") || t.isWord("restrict")
          || t.isWord("cascade") || t.isOp(";"))) {
        throw new PgException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + t.text() + "\"",
            null, null, t.start() + 1, null);
      }
    }
    if (names.isEmpty()) {
      throw new PgException(SqlState.SYNTAX_ERROR, "syntax error at end of input");
    }
    return new TruncateStatement(sql, List.copyOf(names), cascade, restart);
  }

  @Override
  public QueryResult execute(PgSession session, Object[] parameters) {
    if (session.block().inBlock()) {
      truncate(session, session.block().write(session.database()));
    } else {
      OwnWrite.run(session, parameters, (ctx, write) -> {
        truncate(session, write);
        return null;
      }, e -> false); // TRUNCATE reads no rows: a conflict is not one to run again
    }
    return new QueryResult.Command("TRUNCATE TABLE");
  }

  private void truncate(PgSession session, StagedWrite write) {
    for (String name : ForeignKeys.truncateClosure(session, tables, cascade)) {
      Table table = session.database().table(name).orElseThrow(() ->
          new PgException(SqlState.UNDEFINED_TABLE, "relation \""
              + io.s3vector.sql.catalog.SchemaNames.tableOf(name) + "\" does not exist"));
      if (restartIdentity) {
        write.truncateRestartingIdentity(table);
      } else {
        write.truncate(table);
      }
    }
  }
}
