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

  public DropStatement(String sql, boolean table, boolean ifExists, List<String> names) {
    super(sql);
    this.table = table;
    this.ifExists = ifExists;
    this.names = names;
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
        session.database().tableOfIndex(name)
            .flatMap(t -> session.database().table(t))
            .ifPresent(t -> t.dropIndex(name));
      }
      return new QueryResult.Command("DROP INDEX");
    }
    for (String name : names) {
      if (session.database().table(name).isEmpty() && !ifExists) {
        throw new PgException(SqlState.UNDEFINED_TABLE, "table \"" + name + "\" does not exist");
      }
    }
    for (String name : names) {
      session.database().dropTable(name);
      session.block().forget(name);
    }
    return new QueryResult.Command("DROP TABLE");
  }
}
