package io.s3vector.sql.exec;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.session.PgSession;
import io.s3vector.storage.table.ReadView;
import io.s3vector.storage.table.Table;
import io.s3vector.storage.table.TableSnapshot;

/**
 * What one execution of a plan sees: the session (storage, transaction block), the $n values, and
 * one {@link ReadView} — every table it reads as of one manifest version (with the block's own
 * writes inside a transaction block), opened at its first read, which also counts what the reads
 * cost ({@code EXPLAIN (ANALYZE)}).
 */
public final class ExecContext {
  private final PgSession session;
  private final Object[] params;
  private ReadView view;

  public ExecContext(PgSession session, Object[] params) {
    this(session, params, null);
  }

  /** With the view to read through (null: one is opened at the first read). */
  public ExecContext(PgSession session, Object[] params, ReadView view) {
    this.session = session;
    this.params = params;
    this.view = view;
  }

  public PgSession session() {
    return session;
  }

  /** The table, to write to. */
  public Table table(String name) {
    return session.database().table(name).orElseThrow(() -> undefined(name));
  }

  /** The table's committed rows as this execution reads them (one manifest version for all). */
  public TableSnapshot snapshot(String name) {
    return view().snapshot(name).orElseThrow(() -> undefined(name));
  }

  /** The view this execution reads through, opened now if it has none yet. */
  public synchronized ReadView view() {
    if (view == null) {
      view = session.block().readView(session.database());
    }
    return view;
  }

  private static PgException undefined(String name) {
    return new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
  }

  /** The $n values. */
  public Object[] params() {
    return params;
  }

  public Object param(int index) {
    if (index >= params.length) {
      throw new PgException(SqlState.UNDEFINED_PARAMETER, "there is no parameter $" + (index + 1));
    }
    return params[index];
  }
}
