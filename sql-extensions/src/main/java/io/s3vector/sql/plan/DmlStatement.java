package io.s3vector.sql.plan;

import io.s3vector.sql.QueryResult;
import io.s3vector.sql.ResultColumn;
import io.s3vector.sql.bind.BoundDml;
import io.s3vector.sql.exec.ExecContext;
import io.s3vector.sql.exec.Executor;
import io.s3vector.sql.exec.Expr;
import io.s3vector.sql.exec.MatchingRows;
import io.s3vector.sql.exec.RexCompiler;
import io.s3vector.sql.session.PgSession;
import io.s3vector.sql.session.PlannedStatement;
import io.s3vector.sql.types.PgType;
import io.s3vector.storage.table.StagedWrite;
import io.s3vector.storage.table.Table;
import io.s3vector.storage.table.TableSchema;
import io.s3vector.storage.table.TableSnapshot;
import io.s3vector.storage.table.WriteConflictException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * UPDATE and DELETE. The rows the WHERE condition accepts are found in one snapshot; DELETE marks
 * them deleted, UPDATE marks them deleted and writes their new versions, both in one {@link
 * StagedWrite} and so in one commit: the block's write inside a transaction block, else a write of
 * its own. A statement outside a block whose commit conflicts with another writer's (the same row
 * updated or deleted meanwhile, or its segment merged) runs again on the newest version, as
 * PostgreSQL's READ COMMITTED re-checks an updated row; inside a block the conflict is an error
 * (40001) and the block must be rolled back.
 */
public final class DmlStatement extends PlannedStatement {
  private final TableSchema schema;
  private final Expr condition;
  /** Per column the new value, or null (kept); null for DELETE. */
  private final Expr[] assignments;
  /**
   * Per column: whether its SET value reads no row and nothing that changes between rows (only
   * constants and parameters through deterministic functions): evaluated once per execution,
   * before any row is looked for, so its errors come even when no row matches, as PostgreSQL's
   * constant folding raises them at planning (a simple query's constants are parameters here).
   */
  private final boolean[] rowFree;
  private final Expr[] returning;
  private final List<ResultColumn> returningColumns;
  private final List<PgType> parameterTypes;
  private final ConstraintChecks checks;
  /** The unique key WHERE fixes, or null; with the values' expressions. */
  private final io.s3vector.storage.table.TableSchema.UniqueKey lookupKey;
  private final Expr[] lookupValues;
  /** UPDATE ... FROM, DELETE ... USING: the rows of the target joined with that list, or null. */
  private final io.s3vector.sql.exec.Operator joined;
  /** Where a joined row carries the FROM (USING) list's columns RETURNING reads, or -1. */
  private final int carriedFrom;
  /** The key by which a joined row finds its target row (NOT NULL columns), or null. */
  private final io.s3vector.storage.table.TableSchema.UniqueKey identity;

  public DmlStatement(String sql, BoundDml bound, List<PgType> parameterTypes) {
    super(sql);
    this.schema = bound.schema();
    this.condition = bound.condition() == null ? null : RexCompiler.compileOverRow(bound.condition());
    if (bound.isUpdate()) {
      assignments = new Expr[bound.assignments().size()];
      rowFree = new boolean[assignments.length];
      for (int c = 0; c < assignments.length; c++) {
        var rex = bound.assignments().get(c);
        assignments[c] = rex == null ? null : RexCompiler.compileOverRow(rex);
        rowFree[c] = rex != null && RexCompiler.isRowFree(rex);
      }
    } else {
      assignments = null;
      rowFree = null;
    }
    this.returning = Executor.compileAll(bound.returning());
    this.returningColumns = bound.returningColumns();
    this.parameterTypes = parameterTypes;
    this.checks = bound.checks();
    this.lookupKey = bound.keyLookup() == null ? null : bound.keyLookup().key();
    this.lookupValues = bound.keyLookup() == null ? null
        : Executor.compileAll(bound.keyLookup().values());
    this.joined = bound.joined() == null ? null : Executor.compile(bound.joined().query());
    this.identity = bound.joined() == null ? null : bound.joined().identity();
    this.carriedFrom = bound.joined() == null ? -1 : bound.joined().carriedFrom();
  }

  /** The unique key WHERE fixes, by which rows are looked up instead of scanned; or null. */
  public io.s3vector.storage.table.TableSchema.UniqueKey lookupKey() {
    return lookupKey;
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

  private String tag() {
    return assignments != null ? "UPDATE" : "DELETE";
  }

  @Override
  public QueryResult execute(PgSession session, Object[] parameters) {
    if (session.block().inBlock()) {
      ExecContext ctx = new ExecContext(session, parameters);
      return result(run(ctx, session.block().write(session.database())), ctx);
    }
    return OwnWrite.run(session, parameters, (ctx, write) -> result(run(ctx, write), ctx),
        e -> e instanceof WriteConflictException);
  }

  private Object[] lookupKeyValues(ExecContext ctx) {
    Object[] values = new Object[lookupValues.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = lookupValues[i].eval(null, ctx);
    }
    return values;
  }

  /** Stages the statement's deletions and new rows; returns the rows RETURNING reads. */
  private List<Object[]> run(ExecContext ctx, StagedWrite write) {
    Object[] fixed = assignments == null ? null : new Object[assignments.length];
    for (int c = 0; fixed != null && c < fixed.length; c++) {
      if (rowFree[c]) {
        fixed[c] = assignments[c].eval(null, ctx);
      }
    }
    TableSnapshot snapshot = ctx.snapshot(schema.name());
    // the rows the assignments read: the old row, or for UPDATE ... FROM the joined row
    List<Object[]> sources = null;
    MatchingRows.Found found;
    if (joined != null) {
      java.util.Map<Long, Object[]> byRow = joinedRows(ctx, snapshot);
      long[] numbers = new long[byRow.size()];
      List<Object[]> rows = new ArrayList<>(byRow.size());
      sources = new ArrayList<>(byRow.values());
      int i = 0;
      for (var entry : byRow.entrySet()) {
        numbers[i++] = entry.getKey();
        rows.add(java.util.Arrays.copyOf(entry.getValue(), schema.columns().size()));
      }
      found = new MatchingRows.Found(numbers, rows);
    } else {
      found = lookupKey == null
          ? MatchingRows.find(snapshot, condition, ctx)
          : MatchingRows.findByKey(snapshot, lookupKey, lookupKeyValues(ctx), condition, ctx);
    }
    if (found.rows().isEmpty()) {
      return found.rows();
    }
    if (assignments == null) {
      ReferentialActions.apply(ctx, write, schema, snapshot, found.numbers(), found.rows(), null);
      write.delete(snapshot, found.numbers());
      return withCarried(found.rows(), sources);
    }
    List<Object[]> updated = new ArrayList<>(found.rows().size());
    for (int r = 0; r < found.rows().size(); r++) {
      Object[] old = found.rows().get(r);
      Object[] source = sources == null ? old : sources.get(r);
      Object[] row = old.clone();
      for (int c = 0; c < assignments.length; c++) {
        if (assignments[c] != null) {
          row[c] = rowFree[c] ? fixed[c] : assignments[c].eval(source, ctx);
        }
      }
      checks.checkUpdated(row, ctx);
      updated.add(row);
    }
    Table table = ctx.table(schema.name());
    UniqueChecks.checkUpdate(snapshot, schema, found.numbers(), found.rows(), updated);
    ForeignKeys.checkReferences(ctx, schema, updated, found.rows());
    ReferentialActions.apply(ctx, write, schema, snapshot, found.numbers(), found.rows(), updated);
    write.delete(snapshot, found.numbers());
    // checked against the snapshot: a changed key above, an unchanged one by the deletion of the
    // row that held it (a commit that deleted that row meanwhile makes this one fail); the commit
    // checks them against what was committed since only, not against every segment again
    write.write(table, updated, snapshot);
    return withCarried(updated, sources);
  }

  /**
   * The rows RETURNING reads: the target's, each followed by the FROM (USING) list's columns its
   * joined row carried, when RETURNING reads them.
   */
  private List<Object[]> withCarried(List<Object[]> rows, List<Object[]> sources) {
    if (carriedFrom < 0) {
      return rows;
    }
    int width = schema.columns().size();
    List<Object[]> out = new ArrayList<>(rows.size());
    for (int r = 0; r < rows.size(); r++) {
      Object[] source = sources.get(r);
      Object[] row = java.util.Arrays.copyOf(rows.get(r), width + source.length - carriedFrom);
      System.arraycopy(source, carriedFrom, row, width, source.length - carriedFrom);
      out.add(row);
    }
    return out;
  }

  /**
   * UPDATE ... FROM and DELETE ... USING: each target row the join matched (by row number, in the
   * order met) with its first joined row; PostgreSQL, too, updates a row once with one of its
   * matches (and deletes it once).
   */
  private java.util.Map<Long, Object[]> joinedRows(ExecContext ctx, TableSnapshot snapshot) {
    int[] key = schema.indexesOf(identity.columns());
    java.util.Map<Long, Object[]> byRow = new java.util.LinkedHashMap<>();
    io.s3vector.sql.exec.RowSource rows = joined.open(ctx);
    for (Object[] row = rows.next(); row != null; row = rows.next()) {
      Object[] values = new Object[key.length];
      for (int i = 0; i < key.length; i++) {
        values[i] = row[key[i]];
      }
      long number = snapshot.findKey(identity, values);
      if (number >= 0) {
        byRow.putIfAbsent(number, row);
      }
    }
    return byRow;
  }

  private QueryResult result(List<Object[]> rows, ExecContext ctx) {
    if (returningColumns.isEmpty()) {
      return new QueryResult.Command(tag() + " " + rows.size());
    }
    Iterator<Object[]> it = rows.iterator();
    return new QueryResult.Rows(returningColumns, () -> {
      if (!it.hasNext()) {
        return null;
      }
      Object[] row = it.next();
      Object[] out = new Object[returning.length];
      for (int i = 0; i < returning.length; i++) {
        out[i] = returning[i].eval(row, ctx);
      }
      return out;
    }, tag());
  }
}
