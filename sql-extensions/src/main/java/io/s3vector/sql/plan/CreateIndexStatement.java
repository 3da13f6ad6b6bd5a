package io.s3vector.sql.plan;

import io.s3vector.sql.PgException;
import io.s3vector.sql.QueryResult;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.session.CommandProgress;
import io.s3vector.sql.session.PgSession;
import io.s3vector.sql.session.PlannedStatement;
import io.s3vector.storage.StorageException;
import io.s3vector.storage.table.IndexDefinition;
import io.s3vector.storage.table.IndexExistsException;
import io.s3vector.storage.table.Table;

/**
 * CREATE INDEX ... USING hnsw: checked at prepare time; storage builds the graphs, counting into
 * the session's entry of {@code pg_stat_progress_create_index} while it runs.
 */
public final class CreateIndexStatement extends PlannedStatement {
  private final String table;
  private final IndexDefinition index;
  private final boolean ifNotExists;
  /** CREATE INDEX CONCURRENTLY: the same build (it never blocks writers here), outside blocks only. */
  private final boolean concurrently;

  public CreateIndexStatement(String sql, String table, IndexDefinition index, boolean ifNotExists,
      boolean concurrently) {
    super(sql);
    this.table = table;
    this.index = index;
    this.ifNotExists = ifNotExists;
    this.concurrently = concurrently;
  }

  /** Whether the statement is {@code CREATE [UNIQUE] INDEX CONCURRENTLY ...}. */
  public static boolean isConcurrently(java.util.List<io.s3vector.sql.lex.Token> tokens) {
    return concurrentlyAt(tokens) >= 0;
  }

  /** The tokens without CONCURRENTLY, which our grammar does not take. */
  public static java.util.List<io.s3vector.sql.lex.Token> withoutConcurrently(
      java.util.List<io.s3vector.sql.lex.Token> tokens) {
    java.util.List<io.s3vector.sql.lex.Token> rest = new java.util.ArrayList<>(tokens);
    rest.remove(concurrentlyAt(tokens));
    return rest;
  }

  private static int concurrentlyAt(java.util.List<io.s3vector.sql.lex.Token> tokens) {
    int i = 1;
    if (tokens.size() > 2 && tokens.get(0).isWord("create") && tokens.get(i).isWord("unique")) {
      i++;
    }
    return tokens.size() > i + 1 && tokens.get(0).isWord("create") && tokens.get(i).isWord("index")
        && tokens.get(i + 1).isWord("concurrently") ? i + 1 : -1;
  }

  @Override
  public QueryResult execute(PgSession session, Object[] parameters) {
    if (concurrently && session.transactionStatus() != io.s3vector.sql.TransactionStatus.IDLE) {
      throw new PgException(SqlState.ACTIVE_SQL_TRANSACTION,
          "CREATE INDEX CONCURRENTLY cannot run inside a transaction block");
    }
    Table t = session.database().table(table).orElseThrow(() -> new PgException(
        SqlState.UNDEFINED_TABLE, "relation \"" + io.s3vector.sql.catalog.SchemaNames.tableOf(table)
            + "\" does not exist"));
    CommandProgress.CreateIndex progress = session.progress().startCreateIndex(session, table);
    try {
      if (!progress.build().during(() -> t.createIndex(index, ifNotExists))) {
        session.notice(io.s3vector.sql.Notice.notice(SqlState.DUPLICATE_TABLE,
            "relation \"" + index.name() + "\" already exists, skipping"));
      }
    } catch (IndexExistsException e) {
      throw new PgException(SqlState.DUPLICATE_TABLE, "relation \"" + index.name() + "\" already exists");
    } catch (StorageException e) {
      throw new PgException(SqlState.IO_ERROR, e.getMessage(), e);
    } finally {
      progress.end();
    }
    return new QueryResult.Command("CREATE INDEX");
  }
}
