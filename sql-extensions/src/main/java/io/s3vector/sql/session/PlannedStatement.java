package io.s3vector.sql.session;

import io.s3vector.sql.QueryResult;
import io.s3vector.sql.ResultColumn;
import io.s3vector.sql.Statement;
import io.s3vector.sql.types.PgType;
import io.s3vector.storage.table.Database;
import io.s3vector.storage.table.Table;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A statement parsed and planned once by {@link PgSession#prepare}, executed any number of times.
 * Subclasses hold everything execution needs, so {@link #execute} never parses or plans.
 */
public abstract class PlannedStatement implements Statement {
  private final String sql;
  /** The stored tables the plan was made for, by name. */
  private Map<String, TableVersion> dependencies = Map.of();
  private int[] paramTypeOids = new int[0];
  /** The plan made again after a table it depends on changed (DROP/CREATE). */
  private volatile PlannedStatement replacement;

  protected PlannedStatement(String sql) {
    this.sql = sql;
  }

  /** The search_path the names were looked up with (another one may find other tables). */
  private String searchPath;

  void planned(Map<String, TableVersion> dependencies, int[] paramTypeOids, String searchPath) {
    this.dependencies = dependencies;
    this.paramTypeOids = paramTypeOids;
    this.searchPath = searchPath;
  }

  int[] paramTypeOids() {
    return paramTypeOids;
  }

  /** The newest plan of this statement. */
  PlannedStatement current() {
    PlannedStatement p = this;
    while (p.replacement != null) {
      p = p.replacement;
    }
    return p;
  }

  void replaceWith(PlannedStatement newer) {
    current().replacement = newer;
  }

  /** Whether a table it was planned for is gone, or has another schema or other indexes now. */
  boolean isStale(Database database, String currentSearchPath) {
    if (searchPath != null && !searchPath.equals(currentSearchPath)) {
      return true;
    }
    for (Map.Entry<String, TableVersion> e : dependencies.entrySet()) {
      Optional<Table> table = database.table(e.getKey());
      if (table.isEmpty() || !TableVersion.of(table.get()).equals(e.getValue())) {
        return true;
      }
    }
    return false;
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
