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

  public CreateIndexStatement(String sql, String table, IndexDefinition index, boolean ifNotExists) {
    super(sql);
    this.table = table;
    this.index = index;
    this.ifNotExists = ifNotExists;
  }

  @Override
  public QueryResult execute(PgSession session, Object[] parameters) {
    Table t = session.database().table(table).orElseThrow(() -> new PgException(
        SqlState.UNDEFINED_TABLE, "relation \"" + table + "\" does not exist"));
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
