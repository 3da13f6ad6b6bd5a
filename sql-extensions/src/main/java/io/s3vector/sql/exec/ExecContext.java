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

  /** The current outer rows of correlation variables, by {@code CorrelationId.getId()}. */
  private Object[][] correlations = new Object[4][];
  /** Results of uncorrelated subqueries and CTE scans: computed once per execution. */
  private final java.util.Map<Object, Object> once = new java.util.IdentityHashMap<>();

  /** Makes {@code row} the value of correlation variable {@code id} ({@code $cor<id>}). */
  public void bindCorrelation(int id, Object[] row) {
    if (id >= correlations.length) {
      correlations = java.util.Arrays.copyOf(correlations, Math.max(id + 1, correlations.length * 2));
    }
    correlations[id] = row;
  }

  /** The row correlation variable {@code id} currently stands for. */
  public Object[] correlation(int id) {
    Object[] row = id < correlations.length ? correlations[id] : null;
    if (row == null) {
      throw new PgException(SqlState.INTERNAL_ERROR, "correlation variable $cor" + id + " is not set");
    }
    return row;
  }

  private final java.util.Map<Object, java.util.List<Object[]>> workTables = new java.util.IdentityHashMap<>();

  /** Sets the rows a recursive WITH query's self-reference reads in the next step. */
  public void workTable(Object table, java.util.List<Object[]> rows) {
    workTables.put(table, rows);
  }

  public java.util.List<Object[]> workTable(Object table) {
    return workTables.getOrDefault(table, java.util.List.of());
  }

  /** A value computed once per execution under {@code key} (compared by identity). */
  @SuppressWarnings("unchecked")
  public <T> T once(Object key, java.util.function.Supplier<T> compute) {
    Object v = once.get(key);
    if (v == null && !once.containsKey(key)) {
      v = compute.get();
      once.put(key, v);
    }
    return (T) v;
  }

  public Object param(int index) {
    if (index >= params.length) {
      throw new PgException(SqlState.UNDEFINED_PARAMETER, "there is no parameter $" + (index + 1));
    }
    return params[index];
  }
}
