package io.s3vector.sql.plan;

import io.s3vector.sql.PgException;
import io.s3vector.sql.bind.BoundConflict;
import io.s3vector.sql.exec.ExecContext;
import io.s3vector.sql.exec.Expr;
import io.s3vector.sql.exec.RexCompiler;
import io.s3vector.storage.keys.KeyIndex;
import io.s3vector.storage.keys.KeyIndexes;
import io.s3vector.storage.table.StagedWrite;
import io.s3vector.storage.table.Table;
import io.s3vector.storage.table.TableSchema;
import io.s3vector.storage.table.TableSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code INSERT ... ON CONFLICT}: each proposed row is looked up by its arbiter keys in the
 * statement's snapshot; a row without a conflict is inserted, a conflicting one is skipped (DO
 * NOTHING) or replaced by the existing row updated (DO UPDATE: the old version marked deleted, the
 * new one written). All of it goes into one {@link StagedWrite}; the commit's own unique checks
 * catch a row another writer inserted meanwhile, and the statement then runs again.
 */
final class ConflictInsert {
  private final TableSchema schema;
  private final List<TableSchema.UniqueKey> arbiters;
  private final Expr[] assignments;
  private final Expr condition;
  private final ConstraintChecks checks;

  ConflictInsert(TableSchema schema, BoundConflict bound, ConstraintChecks checks) {
    this.schema = schema;
    this.arbiters = bound.arbiters();
    if (bound.doNothing()) {
      assignments = null;
    } else {
      assignments = new Expr[bound.assignments().size()];
      for (int c = 0; c < assignments.length; c++) {
        var rex = bound.assignments().get(c);
        assignments[c] = rex == null ? null : RexCompiler.compileOverRow(rex);
      }
    }
    this.condition = bound.condition() == null ? null : RexCompiler.compileOverRow(bound.condition());
    this.checks = checks;
  }

  /** Whether the clause handles conflicts on this unique constraint. */
  boolean arbitrates(String constraint) {
    for (TableSchema.UniqueKey key : arbiters) {
      if (key.name().equals(constraint)) {
        return true;
      }
    }
    return false;
  }

  /** Stages the proposed rows (serial values filled); returns the rows inserted or updated. */
  List<Object[]> run(ExecContext ctx, StagedWrite write, List<Object[]> proposed) {
    Table table = ctx.table(schema.name());
    TableSnapshot snapshot = ctx.snapshot(schema.name());
    int width = schema.columns().size();
    List<TreeSet<Object[]>> inserted = new ArrayList<>();
    List<int[]> keyColumns = new ArrayList<>();
    for (TableSchema.UniqueKey key : arbiters) {
      inserted.add(KeyIndex.newKeySet());
      keyColumns.add(schema.indexesOf(key.columns()));
    }
    TreeSet<Long> updated = new TreeSet<>();
    List<Object[]> toInsert = new ArrayList<>();
    List<Object[]> affected = new ArrayList<>();
    List<Long> deleted = new ArrayList<>();
    List<Object[]> inserts = new ArrayList<>();
    List<Object[]> oldVersions = new ArrayList<>();
    List<Object[]> newVersions = new ArrayList<>();
    for (Object[] row : proposed) {
      long existing = -1;
      boolean ownConflict = false;
      for (int k = 0; k < arbiters.size() && existing < 0 && !ownConflict; k++) {
        Object[] key = KeyIndexes.key(row, keyColumns.get(k));
        ownConflict = arbiters.get(k).comparable(key) && inserted.get(k).contains(key);
        if (!ownConflict) {
          existing = snapshot.findKey(arbiters.get(k), key);
        }
      }
      if (existing < 0 && !ownConflict) {
        for (int k = 0; k < arbiters.size(); k++) {
          inserted.get(k).add(KeyIndexes.key(row, keyColumns.get(k)));
        }
        toInsert.add(row);
        inserts.add(row);
        affected.add(row);
        continue;
      }
      if (assignments == null) {
        continue; // DO NOTHING
      }
      if (ownConflict || updated.contains(existing)) {
        throw new PgException("21000", "ON CONFLICT DO UPDATE command cannot affect row a second time",
            null, "Ensure that no rows proposed for insertion within the same command have duplicate"
                + " constrained values.", 0, null);
      }
      Object[] old = snapshot.fetch(new long[] {existing}, schema.allColumns())[0];
      Object[] both = new Object[width * 2];
      System.arraycopy(old, 0, both, 0, width);
      System.arraycopy(row, 0, both, width, width);
      if (condition != null && !RexCompiler.isTrue(condition, both, ctx)) {
        continue;
      }
      Object[] next = old.clone();
      for (int c = 0; c < width; c++) {
        if (assignments[c] != null) {
          next[c] = assignments[c].eval(both, ctx);
        }
      }
      checks.checkUpdated(next, ctx);
      updated.add(existing);
      deleted.add(existing);
      oldVersions.add(old);
      newVersions.add(next);
      toInsert.add(next);
      affected.add(next);
    }
    // the other unique keys, checked now as PostgreSQL does (the commit checks them again)
    UniqueChecks.check(() -> snapshot, schema, toInsert, new java.util.HashSet<>(deleted));
    ForeignKeys.checkReferences(ctx, schema, inserts, null);
    ForeignKeys.checkReferences(ctx, schema, newVersions, oldVersions);
    long[] replaced = deleted.stream().mapToLong(Long::longValue).toArray();
    ReferentialActions.apply(ctx, write, schema, snapshot, replaced, oldVersions, newVersions);
    if (!deleted.isEmpty()) {
      write.delete(snapshot, replaced);
    }
    if (!toInsert.isEmpty()) {
      write.write(table, toInsert, snapshot); // checked above: the commit checks what came since
    }
    return affected;
  }
}
