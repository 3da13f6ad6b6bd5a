package io.s3vector.sql.session;

import io.s3vector.sql.PgException;
import io.s3vector.sql.ResultColumn;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.Statement;
import io.s3vector.sql.types.PgType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A session's prepared statements by name: those of the protocol's Parse and those of SQL's
 * PREPARE share one namespace, as in PostgreSQL, so DEALLOCATE (psycopg 3 sends it for the
 * statements it prepared with Parse) and EXECUTE reach either kind. The unnamed statement ("")
 * is replaced by each Parse.
 */
public final class PreparedStatements {

  /**
   * A prepared statement.
   *
   * @param statement the planned statement, or null for an empty query string (Execute then
   *     answers EmptyQueryResponse, as PostgreSQL does)
   * @param fromSql whether PREPARE made it (else the protocol's Parse)
   */
  public record Named(String name, String sql, Statement statement, boolean fromSql) {

    public boolean isEmpty() {
      return statement == null;
    }

    public List<PgType> parameterTypes() {
      return statement == null ? List.of() : statement.parameterTypes();
    }

    public List<ResultColumn> resultColumns() {
      return statement == null ? List.of() : statement.resultColumns();
    }

    /** How errors and logs name it: PostgreSQL says "unnamed prepared statement" for "". */
    public static String describe(String name) {
      return name.isEmpty() ? "unnamed prepared statement" : "prepared statement \"" + name + "\"";
    }
  }

  private final Map<String, Named> byName = new HashMap<>();

  /** Adds a statement; a named one whose name is taken is PostgreSQL's 42P05. */
  public void add(Named statement) {
    if (!statement.name().isEmpty() && byName.containsKey(statement.name())) {
      throw alreadyExists(statement.name());
    }
    byName.put(statement.name(), statement);
  }

  /** Fails as {@link #add} would for this name. */
  public void checkFree(String name) {
    if (!name.isEmpty() && byName.containsKey(name)) {
      throw alreadyExists(name);
    }
  }

  /** The statement of that name, or null. */
  public Named get(String name) {
    return byName.get(name);
  }

  /** Removes the statement of that name; whether there was one. */
  public boolean remove(String name) {
    return byName.remove(name) != null;
  }

  /** DEALLOCATE ALL, DISCARD ALL, the end of the session. */
  public void clear() {
    byName.clear();
  }

  /** PostgreSQL's 26000 for a name no statement has. */
  public static PgException doesNotExist(String name) {
    return new PgException(SqlState.INVALID_SQL_STATEMENT_NAME,
        Named.describe(name) + " does not exist");
  }

  private static PgException alreadyExists(String name) {
    return new PgException(SqlState.DUPLICATE_PREPARED_STATEMENT,
        "prepared statement \"" + name + "\" already exists");
  }
}
