package io.s3vector.sql.exec;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.session.PgSession;
import io.s3vector.storage.table.Table;
import java.util.List;

/** What one execution of a plan sees: the session (storage, pending rows) and $n values. */
public record ExecContext(PgSession session, Object[] params) {

  public Table table(String name) {
    return session.database().table(name).orElseThrow(
        () -> new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist"));
  }

  /** The session's uncommitted rows of a table, read after the committed ones. */
  public List<Object[]> pendingRows(String table) {
    return session.block().pendingRows(table);
  }

  public Object param(int index) {
    if (index >= params.length) {
      throw new PgException(SqlState.UNDEFINED_PARAMETER, "there is no parameter $" + (index + 1));
    }
    return params[index];
  }
}
