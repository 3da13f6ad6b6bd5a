package io.s3vector.sql.plan;

import io.s3vector.sql.QueryResult;
import io.s3vector.sql.ResultColumn;
import io.s3vector.sql.bind.BoundInsert;
import io.s3vector.sql.exec.ExecContext;
import io.s3vector.sql.exec.Executor;
import io.s3vector.sql.exec.Expr;
import io.s3vector.sql.exec.Operator;
import io.s3vector.sql.exec.RowSource;
import io.s3vector.sql.session.PgSession;
import io.s3vector.sql.session.PlannedStatement;
import io.s3vector.sql.types.PgType;
import io.s3vector.storage.table.StagedWrite;
import io.s3vector.storage.table.TableSchema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.calcite.rex.RexNode;

/**
 * INSERT: evaluates the rows, checks NOT NULL and CHECK constraints ({@link ConstraintChecks}),
 * then appends them to storage (or, in a transaction block, stages them in the block's write
 * until COMMIT). RETURNING is evaluated over the stored rows,
 * so serial values are returned: filled by storage's append, or inside a block taken from the
 * sequence at once ({@link SerialValues}), as PostgreSQL's nextval does.
 */
public final class InsertStatement extends PlannedStatement {
  private final TableSchema schema;
  private final List<Expr[]> valuesRows;
  private final Operator query;
  private final Expr[] queryColumns;
  private final Expr[] returning;
  private final List<ResultColumn> returningColumns;
  private final List<PgType> parameterTypes;
  private final ConstraintChecks checks;
  /** ON CONFLICT, or null. */
  private final ConflictInsert conflict;
  /** Per VALUES row (one for a query): the columns given a value ({@link BoundInsert#given}). */
  private final List<boolean[]> given;

  public InsertStatement(String sql, BoundInsert bound, List<PgType> parameterTypes) {
    super(sql);
    this.schema = bound.schema();
    if (bound.valuesRows() != null) {
      valuesRows = new ArrayList<>();
      for (List<RexNode> row : bound.valuesRows()) {
        valuesRows.add(Executor.compileAll(row));
      }
      query = null;
      queryColumns = null;
    } else {
      valuesRows = null;
      query = Executor.compile(bound.query());
      queryColumns = Executor.compileAll(bound.queryColumns());
    }
    this.returning = Executor.compileAll(bound.returning());
    this.returningColumns = bound.returningColumns();
    this.parameterTypes = parameterTypes;
    this.checks = bound.checks();
    this.given = bound.given();
    this.conflict = bound.conflict() == null ? null : new ConflictInsert(schema, bound.conflict(), checks);
  }

  @Override
  public List<PgType> parameterTypes() {
    return parameterTypes;
  }

  /** The table it writes (its storage name). */
  String target() {
    return schema.name();
  }

  @Override
  public List<ResultColumn> resultColumns() {
    return returningColumns;
  }

  @Override
  public QueryResult execute(PgSession session, Object[] parameters) {
    ExecContext ctx = new ExecContext(session, parameters);
    List<Object[]> rows = new ArrayList<>();
    if (valuesRows != null) {
      for (Expr[] exprs : valuesRows) {
        rows.add(evaluate(exprs, null, ctx));
      }
    } else {
      RowSource source = query.open(ctx);
      Object[] in;
      while ((in = source.next()) != null) {
        rows.add(evaluate(queryColumns, in, ctx));
      }
    }
    for (int r = 0; r < rows.size(); r++) {
      checks.check(rows.get(r), ctx, given.get(valuesRows == null ? 0 : r));
    }
    int[] lastNumbered = lastNumberedRows(rows);
    List<Object[]> stored;
    if (conflict != null) {
      stored = upsert(session, ctx, rows);
    } else if (session.block().inBlock()) {
      StagedWrite write = session.block().write(session.database());
      io.s3vector.storage.table.Table table = ctx.table(schema.name());
      // the snapshot checked against goes with the rows: the commit checks only what was
      // committed since (not every segment of the table again)
      io.s3vector.storage.table.TableSnapshot[] checked =
          new io.s3vector.storage.table.TableSnapshot[1];
      if (!rows.isEmpty()) {
        SerialValues.fill(table, schema, rows, write);
        // against what the block wrote out and what it still buffers, without writing it out
        UniqueChecks.check(
            () -> checked[0] = write.readViewWithoutBuffer().snapshot(schema.name()).orElseThrow(),
            schema, rows, java.util.Set.of(), (key, value) -> write.buffersKey(table, key, value));
        ForeignKeys.checkReferences(ctx, schema, rows, null);
      }
      write.write(table, rows, checked[0]);
      stored = rows;
    } else if (rows.isEmpty()) {
      stored = rows;
    } else {
      ForeignKeys.checkReferences(ctx, schema, rows, null);
      stored = ctx.table(schema.name()).append(rows);
    }
    if (lastNumbered != null) {
      // the values storage gave serial columns are nextval's, for currval() and lastval()
      recordSequences(session, ctx, conflict == null ? stored : rows, lastNumbered);
    }
    if (returningColumns.isEmpty()) {
      return new QueryResult.Command("INSERT 0 " + stored.size());
    }
    Iterator<Object[]> it = stored.iterator();
    return new QueryResult.Rows(returningColumns, () -> {
      if (!it.hasNext()) {
        return null;
      }
      return evaluate(returning, it.next(), ctx);
    }, "INSERT 0");
  }

  /**
   * INSERT ... ON CONFLICT: serial values are taken at once (the keys must be known to look them
   * up); outside a block the statement has its own write, run again when another writer's commit
   * conflicts with it.
   */
  private List<Object[]> upsert(PgSession session, ExecContext ctx, List<Object[]> rows) {
    if (rows.isEmpty()) {
      return rows;
    }
    if (session.block().inBlock()) {
      StagedWrite write = session.block().write(session.database());
      SerialValues.fill(ctx.table(schema.name()), schema, rows, write);
      return conflict.run(ctx, write, rows);
    }
    SerialValues.fill(ctx.table(schema.name()), schema, rows);
    // another writer's row took an arbiter key meanwhile: look again; other keys are errors
    return OwnWrite.run(session, ctx.params(), (fresh, write) -> conflict.run(fresh, write, rows),
        e -> e instanceof io.s3vector.storage.table.WriteConflictException
            || (e instanceof io.s3vector.storage.table.UniqueViolationException u
                && conflict.arbitrates(u.constraint())));
  }

  /**
   * Per column: the last row whose serial value storage is to number (a NULL there), else -1;
   * null when no row has one.
   */
  private int[] lastNumberedRows(List<Object[]> rows) {
    int[] last = null;
    List<io.s3vector.storage.table.ColumnSpec> columns = schema.columns();
    for (int c = 0; c < columns.size(); c++) {
      if (!columns.get(c).serial()) {
        continue;
      }
      for (int r = rows.size() - 1; r >= 0; r--) {
        if (rows.get(r)[c] == null) {
          if (last == null) {
            last = new int[columns.size()];
            java.util.Arrays.fill(last, -1);
          }
          last[c] = r;
          break;
        }
      }
    }
    return last;
  }

  private void recordSequences(PgSession session, ExecContext ctx, List<Object[]> filled,
      int[] lastNumbered) {
    io.s3vector.storage.table.Table table = ctx.table(schema.name());
    for (int c = 0; c < lastNumbered.length; c++) {
      if (lastNumbered[c] >= 0 && lastNumbered[c] < filled.size()
          && filled.get(lastNumbered[c])[c] instanceof Number value) {
        session.sequences().record(io.s3vector.sql.session.SessionSequences.key(table,
            schema.columns().get(c).name()), value.longValue());
      }
    }
  }

  private static Object[] evaluate(Expr[] exprs, Object[] in, ExecContext ctx) {
    Object[] row = new Object[exprs.length];
    for (int i = 0; i < exprs.length; i++) {
      row[i] = exprs[i].eval(in, ctx);
    }
    return row;
  }
}
