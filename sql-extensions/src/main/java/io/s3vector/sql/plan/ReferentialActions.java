package io.s3vector.sql.plan;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.bind.BindContext;
import io.s3vector.sql.bind.InsertBinder;
import io.s3vector.sql.bind.Parameters;
import io.s3vector.sql.bind.PgRelTypes;
import io.s3vector.sql.bind.TypeNames;
import io.s3vector.sql.exec.ExecContext;
import io.s3vector.sql.exec.RexCompiler;
import io.s3vector.storage.keys.KeyIndex;
import io.s3vector.storage.keys.KeyIndexes;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.Database;
import io.s3vector.storage.table.RowBatch;
import io.s3vector.storage.table.StagedWrite;
import io.s3vector.storage.table.TableConstraint;
import io.s3vector.storage.table.TableSchema;
import io.s3vector.storage.table.TableSnapshot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.rex.RexBuilder;

/**
 * The referenced side of FOREIGN KEYs for one UPDATE, DELETE or upsert: the rows it deletes, or
 * whose referenced key it changes, meet each referencing constraint's action, as PostgreSQL's RI
 * triggers apply them at the end of the statement:
 *
 * <ul>
 *   <li>NO ACTION / RESTRICT: a referencing row still there once every action ran is 23503
 *       ({@code Key (id)=(1) is still referenced from table "child".}); under NO ACTION an UPDATE
 *       that gives another row the old key satisfies it;
 *   <li>CASCADE: the referencing rows are deleted (ON DELETE) or get the new key (ON UPDATE);
 *   <li>SET NULL / SET DEFAULT: their key columns are set so, and the new versions are checked
 *       (NOT NULL, CHECK, and their own FOREIGN KEYs).
 * </ul>
 *
 * Changed referencing rows are changes of their own table, so actions recurse through further
 * FOREIGN KEYs. Everything is staged in the statement's {@link StagedWrite}. Referencing rows are
 * found by a scan of the referencing table's key columns (no index on them): the cost of a DELETE
 * of a referenced row is a read of those columns of every referencing table.
 */
final class ReferentialActions {
  /** The new version of a deleted row. */
  private static final Object[] DELETED = new Object[0];

  private final ExecContext ctx;
  private final Database database;
  private final Map<String, List<ForeignKeys.Reference>> referencing = new HashMap<>();
  /** Per table what the statement changes: row number → new version, or {@link #DELETED}. */
  private final Map<String, Changes> changes = new LinkedHashMap<>();
  private final ArrayDeque<Item> queue = new ArrayDeque<>();
  private final List<Pending> pending = new ArrayList<>();
  private BindContext bindContext;

  /** Rows of one table changed by the statement. */
  private static final class Changes {
    final TableSchema schema;
    final TableSnapshot snapshot;
    final Map<Long, Object[]> rows = new LinkedHashMap<>();
    /** The previous version of each row changed by an action (not deleted). */
    final Map<Long, Object[]> before = new HashMap<>();
    /** Rows the statement itself writes (its target's), not written here. */
    final java.util.Set<Long> own = new java.util.HashSet<>();

    Changes(TableSchema schema, TableSnapshot snapshot) {
      this.schema = schema;
      this.snapshot = snapshot;
    }
  }

  /** Rows of a table deleted ({@code newRows} null) or changed, whose referencing rows to visit. */
  private record Item(TableSchema table, List<Object[]> oldRows, List<Object[]> newRows) {}

  /** A NO ACTION or RESTRICT check, decided once every action ran. */
  private record Pending(TableSchema parent, TableConstraint fk, String child, long[] numbers,
      List<Object[]> childKeys, TreeSet<Object[]> keys, List<Object[]> keyOrder) {}

  private ReferentialActions(ExecContext ctx) {
    this.ctx = ctx;
    this.database = ctx.session().database();
  }

  /**
   * Applies the actions for rows {@code numbers} of {@code schema}'s table (read from {@code
   * snapshot}) that the statement deletes ({@code newRows} null) or replaces by {@code newRows}.
   * The statement stages its own rows' changes itself; the actions' changes to other rows are
   * staged here, in {@code write}.
   */
  static void apply(ExecContext ctx, StagedWrite write, TableSchema schema, TableSnapshot snapshot,
      long[] numbers, List<Object[]> oldRows, List<Object[]> newRows) {
    if (oldRows.isEmpty()) {
      return;
    }
    ReferentialActions actions = new ReferentialActions(ctx);
    if (actions.references(schema.name()).isEmpty()) {
      return;
    }
    Changes own = new Changes(schema, snapshot);
    actions.changes.put(schema.name(), own);
    for (int i = 0; i < numbers.length; i++) {
      own.rows.put(numbers[i], newRows == null ? DELETED : newRows.get(i));
      own.own.add(numbers[i]);
    }
    actions.queue.add(new Item(schema, oldRows, newRows));
    actions.run(write);
  }

  private List<ForeignKeys.Reference> references(String table) {
    return referencing.computeIfAbsent(table, t -> ForeignKeys.referencing(database, t));
  }

  private void run(StagedWrite write) {
    while (!queue.isEmpty()) {
      Item item = queue.poll();
      for (ForeignKeys.Reference ref : references(item.table().name())) {
        visit(item, ref);
      }
    }
    for (Pending p : pending) {
      check(p);
    }
    ForeignKeys.Overlay overlay = new ForeignKeys.Overlay() {
      @Override
      public boolean removed(String table, long number) {
        Changes c = changes.get(table);
        return c != null && c.rows.containsKey(number);
      }

      @Override
      public List<Object[]> written(String table) {
        Changes c = changes.get(table);
        if (c == null) {
          return List.of();
        }
        List<Object[]> out = new ArrayList<>();
        for (Object[] row : c.rows.values()) {
          if (row != DELETED) {
            out.add(row);
          }
        }
        return out;
      }
    };
    for (Changes c : changes.values()) {
      List<Long> removed = new ArrayList<>();
      List<Object[]> written = new ArrayList<>();
      List<Object[]> previous = new ArrayList<>();
      for (Map.Entry<Long, Object[]> e : c.rows.entrySet()) {
        if (c.own.contains(e.getKey())) {
          continue;
        }
        removed.add(e.getKey());
        if (e.getValue() != DELETED) {
          written.add(e.getValue());
          previous.add(c.before.get(e.getKey()));
        }
      }
      if (!written.isEmpty()) {
        ConstraintChecks checks = ConstraintChecks.bind(bindContext(), c.schema);
        for (Object[] row : written) {
          checks.check(row, ctx);
        }
        ForeignKeys.checkReferences(ctx, c.schema, written, previous, overlay);
      }
      if (!removed.isEmpty()) {
        write.delete(c.snapshot, removed.stream().mapToLong(Long::longValue).toArray());
      }
      if (!written.isEmpty()) {
        write.write(ctx.table(c.schema.name()), written);
      }
    }
  }

  private Changes changes(TableSchema schema) {
    return changes.computeIfAbsent(schema.name(),
        name -> new Changes(schema, ctx.snapshot(name)));
  }

  private void visit(Item item, ForeignKeys.Reference ref) {
    TableConstraint fk = ref.constraint();
    TableSchema parent = item.table();
    int[] refPositions = parent.indexesOf(fk.refColumns());
    boolean deleting = item.newRows() == null;
    TableConstraint.Action action = deleting ? fk.onDelete() : fk.onUpdate();
    TreeSet<Object[]> keys = KeyIndex.newKeySet();
    TreeMap<Object[], Object[]> newKeys = new TreeMap<>(KeyIndex::compare);
    List<Object[]> keyOrder = new ArrayList<>();
    for (int i = 0; i < item.oldRows().size(); i++) {
      Object[] old = KeyIndexes.key(item.oldRows().get(i), refPositions);
      if (ForeignKeys.nulls(old) > 0) {
        continue; // referenced by no row (MATCH SIMPLE and FULL alike)
      }
      if (!deleting) {
        Object[] next = KeyIndexes.key(item.newRows().get(i), refPositions);
        if (KeyIndex.compare(old, next) == 0 && ForeignKeys.nulls(next) == 0) {
          continue;
        }
        newKeys.put(old, next);
      }
      if (keys.add(old)) {
        keyOrder.add(old);
      }
    }
    if (!deleting && action == TableConstraint.Action.NO_ACTION) {
      for (Object[] row : item.newRows()) {
        keys.remove(KeyIndexes.key(row, refPositions)); // another row has the key now
      }
    }
    if (keys.isEmpty()) {
      return;
    }
    TableSchema child = ref.child();
    Changes childChanges = changes(child);
    int[] fkPositions = child.indexesOf(fk.columns());
    List<Long> numbers = new ArrayList<>();
    List<Object[]> childKeys = new ArrayList<>();
    Iterator<RowBatch> batches = childChanges.snapshot.scan(fkPositions);
    while (batches.hasNext()) {
      RowBatch batch = batches.next();
      for (int r = 0; r < batch.rowCount(); r++) {
        if (batch.isDeleted(r)) {
          continue;
        }
        Object[] key = new Object[fkPositions.length];
        boolean hasNull = false;
        for (int k = 0; k < key.length; k++) {
          key[k] = batch.isNull(fkPositions[k], r) ? null : batch.value(fkPositions[k], r);
          hasNull |= key[k] == null;
        }
        if (hasNull || !keys.contains(key)) {
          continue;
        }
        long number = batch.firstRowNumber() + r;
        if (childChanges.rows.get(number) == DELETED) {
          continue;
        }
        numbers.add(number);
        childKeys.add(key);
      }
    }
    if (numbers.isEmpty()) {
      return;
    }
    long[] found = numbers.stream().mapToLong(Long::longValue).toArray();
    switch (action) {
      case NO_ACTION, RESTRICT ->
          pending.add(new Pending(parent, fk, child.name(), found, childKeys, keys, keyOrder));
      case CASCADE -> {
        if (deleting) {
          cascadeDelete(child, childChanges, found);
        } else {
          setKeys(child, childChanges, found, childKeys, fkPositions, newKeys, null);
        }
      }
      case SET_NULL -> setKeys(child, childChanges, found, childKeys, fkPositions, null, null);
      case SET_DEFAULT -> {
        setKeys(child, childChanges, found, childKeys, fkPositions, null, defaults(child, fk));
        // a default equal to the removed key still references it (PostgreSQL's ri_set)
        pending.add(new Pending(parent, fk, child.name(), found, childKeys, keys, keyOrder));
      }
    }
  }

  private void cascadeDelete(TableSchema child, Changes childChanges, long[] found) {
    boolean referenced = !references(child.name()).isEmpty();
    List<Long> deleted = new ArrayList<>();
    for (long number : found) {
      if (childChanges.own.contains(number)) {
        continue; // the statement's own row (a table referencing itself)
      }
      childChanges.rows.put(number, DELETED);
      deleted.add(number);
    }
    if (referenced && !deleted.isEmpty()) {
      Object[][] rows = childChanges.snapshot.fetch(
          deleted.stream().mapToLong(Long::longValue).toArray(), child.allColumns());
      queue.add(new Item(child, List.of(rows), null));
    }
  }

  /**
   * Sets the key columns of the rows: to the parent's new key ({@code newKeys}, ON UPDATE
   * CASCADE), to {@code defaults} (SET DEFAULT) or to NULL.
   */
  private void setKeys(TableSchema child, Changes childChanges, long[] found, List<Object[]> childKeys,
      int[] fkPositions, TreeMap<Object[], Object[]> newKeys, Object[] defaults) {
    Object[][] fetched = childChanges.snapshot.fetch(found, child.allColumns());
    List<Object[]> olds = new ArrayList<>();
    List<Object[]> news = new ArrayList<>();
    for (int i = 0; i < found.length; i++) {
      if (childChanges.own.contains(found[i])) {
        continue;
      }
      Object[] base = childChanges.rows.getOrDefault(found[i], fetched[i]);
      Object[] next = base.clone();
      Object[] newKey = newKeys == null ? null : newKeys.get(childKeys.get(i));
      for (int k = 0; k < fkPositions.length; k++) {
        next[fkPositions[k]] = newKey != null ? newKey[k] : defaults != null ? defaults[k] : null;
      }
      childChanges.before.putIfAbsent(found[i], fetched[i]);
      childChanges.rows.put(found[i], next);
      olds.add(base);
      news.add(next);
    }
    if (!news.isEmpty()) {
      queue.add(new Item(child, olds, news));
    }
  }

  /** The DEFAULT values of the constraint's columns (NULL where a column has none). */
  private Object[] defaults(TableSchema child, TableConstraint fk) {
    Object[] values = new Object[fk.columns().size()];
    for (int k = 0; k < values.length; k++) {
      ColumnSpec spec = child.columns().get(child.indexOf(fk.columns().get(k)));
      if (spec.defaultSql() != null && !spec.serial()) {
        var rex = new InsertBinder(bindContext()).defaultValue(spec, TypeNames.columnType(spec));
        values[k] = RexCompiler.compile(rex).eval(null, ctx);
      }
    }
    return values;
  }

  private void check(Pending p) {
    Changes childChanges = changes.get(p.child());
    int[] fkPositions = childChanges.schema.indexesOf(p.fk().columns());
    TreeSet<Object[]> stillReferenced = KeyIndex.newKeySet();
    for (int i = 0; i < p.numbers().length; i++) {
      Object[] now = childChanges.rows.get(p.numbers()[i]);
      if (now == DELETED) {
        continue;
      }
      Object[] key = now == null ? p.childKeys().get(i) : KeyIndexes.key(now, fkPositions);
      if (ForeignKeys.nulls(key) == 0 && p.keys().contains(key)) {
        stillReferenced.add(key);
      }
    }
    for (Object[] key : p.keyOrder()) {
      if (stillReferenced.contains(key)) {
        throw new PgException(SqlState.FOREIGN_KEY_VIOLATION, "update or delete on table \""
            + io.s3vector.sql.catalog.SchemaNames.tableOf(p.parent().name()) + "\" violates foreign key constraint \"" + p.fk().name()
            + "\" on table \"" + io.s3vector.sql.catalog.SchemaNames.tableOf(p.child()) + "\"", "Key (" + String.join(", ", p.fk().refColumns())
            + ")=(" + ForeignKeys.keyText(p.parent(), p.fk().refColumns(), key)
            + ") is still referenced from table \"" + io.s3vector.sql.catalog.SchemaNames.tableOf(p.child()) + "\".", null, 0, null);
      }
    }
  }

  private BindContext bindContext() {
    if (bindContext == null) {
      RelOptCluster cluster = RelOptCluster.create(new HepPlanner(HepProgram.builder().build()),
          new RexBuilder(PgRelTypes.FACTORY));
      bindContext = new BindContext(cluster, new Parameters(new int[0]), ctx.session(), null);
    }
    return bindContext;
  }
}
