package io.s3vector.sql.session;

import io.s3vector.sql.QueryResult;
import io.s3vector.sql.ResultColumn;
import io.s3vector.sql.Statement;
import io.s3vector.sql.types.PgType;
import java.util.List;

/**
 * A statement parsed and planned once by {@link PgSession#prepare}, executed any number of times.
 * Subclasses hold everything execution needs, so {@link #execute} never parses or plans.
 */
public abstract class PlannedStatement implements Statement {
  private final String sql;

  protected PlannedStatement(String sql) {
    this.sql = sql;
  }

  @Override
  public final String sql() {
    return sql;
  }

  @Override
  public List<PgType> parameterTypes() {
    return List.of();
  }

  @Override
  public List<ResultColumn> resultColumns() {
    return List.of();
  }

  /** Whether it may run in a failed transaction block (only COMMIT and ROLLBACK may). */
  public boolean allowedInFailedBlock() {
    return false;
  }

  public abstract QueryResult execute(PgSession session, Object[] parameters);

  /** A statement that only returns a fixed command tag and has a side effect on the session. */
  public static PlannedStatement command(String sql, String tag, java.util.function.Consumer<PgSession> action) {
    return new PlannedStatement(sql) {
      @Override
      public QueryResult execute(PgSession session, Object[] parameters) {
        action.accept(session);
        return new QueryResult.Command(tag);
      }
    };
  }
}
