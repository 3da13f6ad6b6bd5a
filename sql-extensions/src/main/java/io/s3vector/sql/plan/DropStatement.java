package io.s3vector.sql.plan;

import io.s3vector.sql.PgException;
import io.s3vector.sql.QueryResult;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.session.PgSession;
import io.s3vector.sql.session.PlannedStatement;
import java.util.List;

/** DROP TABLE / DROP INDEX [IF EXISTS] name, ...: every name is checked before any is dropped. */
public final class DropStatement extends PlannedStatement {
  private final boolean table;
  private final boolean ifExists;
  private final List<String> names;

  private final boolean cascade;

  public DropStatement(String sql, boolean table, boolean ifExists, List<String> names,
      boolean cascade) {
    super(sql);
    this.table = table;
    this.ifExists = ifExists;
    this.names = names;
    this.cascade = cascade;
  }

  @Override
  public QueryResult execute(PgSession session, Object[] parameters) {
    if (!table) {
      for (String name : names) {
        if (session.database().tableOfIndex(name).isEmpty() && !ifExists) {
          throw new PgException(SqlState.UNDEFINED_OBJECT, "index \"" + name + "\" does not exist");
        }
      }
      for (String name : names) {
        java.util.Optional<io.s3vector.storage.table.Table> t = session.database().tableOfIndex(name)
            .flatMap(n -> session.database().table(n));
        if (t.isPresent()) {
          if (!SecondaryIndexStatement.drop(session, t.get().schema().name(), name)) {
            t.get().dropIndex(name);
          }
        } else {
          session.notice(io.s3vector.sql.Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
              "index \"" + name + "\" does not exist, skipping"));
        }
      }
      return new QueryResult.Command("DROP INDEX");
    }
    for (String name : names) {
      if (session.database().table(name).isEmpty() && !ifExists) {
        throw new PgException(SqlState.UNDEFINED_TABLE, "table \"" + name + "\" does not exist");
      }
    }
    ForeignKeys.checkDrop(session.database(), names, cascade);
    for (String name : names) {
      if (!session.database().dropTable(name)) {
        session.notice(io.s3vector.sql.Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
            "table \"" + name + "\" does not exist, skipping"));
      }
      session.block().forget(name);
    }
    return new QueryResult.Command("DROP TABLE");
  }
}
