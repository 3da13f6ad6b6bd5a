package io.s3vector.sql.plan;

import io.s3vector.sql.Notice;
import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.bind.PgRelTypes;
import io.s3vector.sql.bind.TypeNames;
import io.s3vector.sql.exec.ExecContext;
import io.s3vector.sql.session.PgSession;
import io.s3vector.storage.keys.KeyIndex;
import io.s3vector.storage.keys.KeyIndexes;
import io.s3vector.storage.table.Database;
import io.s3vector.storage.table.Table;
import io.s3vector.storage.table.TableConstraint;
import io.s3vector.storage.table.TableSchema;
import io.s3vector.storage.table.TableSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * FOREIGN KEY enforcement, as PostgreSQL 15's RI triggers do it, in the SQL layer:
 *
 * <ul>
 *   <li>the referencing side ({@link #checkReferences}): every new row of INSERT, UPDATE, COPY
 *       and upserts whose key columns are all non-NULL (MATCH SIMPLE; under MATCH FULL a key
 *       mixing NULL and non-NULL fails) must find its key in the referenced table, looked up with
 *       {@link TableSnapshot#findKey} in the statement's view (so a parent written earlier in the
 *       same transaction counts); else 23503;
 *   <li>the referenced side ({@link ReferentialActions}): rows deleted, or whose referenced key
 *       an UPDATE changes, apply each referencing constraint's ON DELETE / ON UPDATE action;
 *   <li>TRUNCATE ({@link #truncateClosure}) and DROP TABLE ({@link #dropReferences}) of a referenced
 *       table.
 * </ul>
 *
 * <p>The checks read one snapshot; two sessions writing at once (a child inserted while its parent
 * is deleted) are not serialised against each other (docs/architecture.md, "Foreign keys").
 */
public final class ForeignKeys {
  private ForeignKeys() {}

  /** A FOREIGN KEY of {@code child} (the referencing table). */
  record Reference(TableSchema child, TableConstraint constraint) {}

  /** The FOREIGN KEYs of every table that reference {@code table}, in table-name order. */
  static List<Reference> referencing(Database database, String table) {
    List<Reference> out = new ArrayList<>();
    for (String name : database.tableNames()) {
      TableSchema schema = database.table(name).map(Table::schema).orElse(null);
      if (schema == null) {
        continue;
      }
      for (TableConstraint c : schema.constraints(TableConstraint.Kind.FOREIGN_KEY)) {
        if (c.refTable().equals(table)) {
          out.add(new Reference(schema, c));
        }
      }
    }
    return out;
  }

  /** Whether any FOREIGN KEY references {@code table}. */
  static boolean isReferenced(Database database, String table) {
    return !referencing(database, table).isEmpty();
  }

  /**
   * Checks the referencing side of new rows of {@code schema}'s table (every column, schema
   * order); throws PostgreSQL's 23503. {@code oldRows}, when given (UPDATE), holds each row's
   * previous version: a row whose key did not change is not checked, as PostgreSQL skips it. A
   * table that references itself also finds keys among {@code rows}.
   */
  public static void checkReferences(ExecContext ctx, TableSchema schema, List<Object[]> rows,
      List<Object[]> oldRows) {
    checkReferences(ctx, schema, rows, oldRows, null);
  }

  /**
   * What a statement changes in tables before it writes them: lookups of referenced keys then see
   * the statement's own new versions and not its removed rows (the checks of rows that
   * referential actions change run after the statement, as PostgreSQL's triggers do).
   */
  interface Overlay {
    /** Whether the statement deletes or replaces row {@code number} of the table. */
    boolean removed(String table, long number);

    /** The new versions the statement writes to the table. */
    List<Object[]> written(String table);
  }

  static void checkReferences(ExecContext ctx, TableSchema schema, List<Object[]> rows,
      List<Object[]> oldRows, Overlay overlay) {
    List<TableConstraint> fks = schema.constraints(TableConstraint.Kind.FOREIGN_KEY);
    if (fks.isEmpty() || rows.isEmpty()) {
      return;
    }
    Lookup[] lookups = new Lookup[fks.size()];
    for (int r = 0; r < rows.size(); r++) {
      Object[] row = rows.get(r);
      for (int f = 0; f < fks.size(); f++) {
        TableConstraint fk = fks.get(f);
        if (lookups[f] == null) {
          lookups[f] = new Lookup(ctx, schema, fk, rows, overlay);
        }
        Lookup lookup = lookups[f];
        Object[] key = KeyIndexes.key(row, lookup.columns);
        int nulls = nulls(key);
        if (nulls == key.length) {
          continue;
        }
        if (nulls > 0) {
          if (fk.matchFull()) {
            throw new PgException(SqlState.FOREIGN_KEY_VIOLATION, insertMessage(schema, fk),
                "MATCH FULL does not allow mixing of null and nonnull key values.", null, 0, null);
          }
          continue;
        }
        if (oldRows != null && KeyIndex.compare(key, KeyIndexes.key(oldRows.get(r), lookup.columns)) == 0) {
          continue;
        }
        if (!lookup.present(key)) {
          throw new PgException(SqlState.FOREIGN_KEY_VIOLATION, insertMessage(schema, fk),
              "Key (" + String.join(", ", fk.columns()) + ")=(" + keyText(schema, fk.columns(), key)
                  + ") is not present in table \"" + io.s3vector.sql.catalog.SchemaNames.tableOf(fk.refTable()) + "\".", null, 0, null);
        }
      }
    }
  }

  private static String insertMessage(TableSchema schema, TableConstraint fk) {
    return "insert or update on table \"" + io.s3vector.sql.catalog.SchemaNames.tableOf(schema.name()) + "\" violates foreign key constraint \""
        + fk.name() + "\"";
  }

  /** The parent lookups of one constraint for one statement: keys found are remembered. */
  private static final class Lookup {
    final int[] columns;
    private final TableSnapshot parent;
    private final TableSchema.UniqueKey parentKey;
    /** For each column of {@link #parentKey}, the position in the referencing key. */
    private final int[] order;
    private final TreeSet<Object[]> found = KeyIndex.newKeySet();
    /** A self-reference: the keys the statement's own rows hold. */
    private final TreeSet<Object[]> own;

    private final Overlay overlay;
    private final String table;

    Lookup(ExecContext ctx, TableSchema schema, TableConstraint fk, List<Object[]> rows,
        Overlay overlay) {
      this.overlay = overlay;
      this.table = fk.refTable();
      columns = schema.indexesOf(fk.columns());
      parent = ctx.snapshot(fk.refTable());
      parentKey = uniqueKey(parent.schema(), fk.refColumns());
      order = new int[parentKey.columns().size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = fk.refColumns().indexOf(parentKey.columns().get(i));
      }
      List<Object[]> written = overlay == null ? List.of() : overlay.written(fk.refTable());
      if (fk.refTable().equals(schema.name()) || !written.isEmpty()) {
        own = KeyIndex.newKeySet();
        int[] refPositions = parent.schema().indexesOf(fk.refColumns());
        if (fk.refTable().equals(schema.name())) {
          for (Object[] row : rows) {
            own.add(KeyIndexes.key(row, refPositions));
          }
        }
        for (Object[] row : written) {
          own.add(KeyIndexes.key(row, refPositions));
        }
      } else {
        own = null;
      }
    }

    boolean present(Object[] key) {
      if (found.contains(key) || (own != null && own.contains(key))) {
        return true;
      }
      Object[] ordered = new Object[order.length];
      for (int i = 0; i < order.length; i++) {
        ordered[i] = key[order[i]];
      }
      long number = parent.findKey(parentKey, ordered);
      if (number >= 0 && (overlay == null || !overlay.removed(table, number))) {
        found.add(key);
        return true;
      }
      return false;
    }
  }

  /** The unique key of {@code schema} made of exactly these columns (in any order). */
  static TableSchema.UniqueKey uniqueKey(TableSchema schema, List<String> columns) {
    Set<String> wanted = Set.copyOf(columns);
    for (TableSchema.UniqueKey key : schema.uniqueKeys()) {
      if (key.columns().size() == columns.size() && Set.copyOf(key.columns()).equals(wanted)) {
        return key;
      }
    }
    throw new PgException(SqlState.INTERNAL_ERROR, "there is no unique constraint matching given"
        + " keys for referenced table \"" + io.s3vector.sql.catalog.SchemaNames.tableOf(schema.name()) + "\"");
  }

  static int nulls(Object[] key) {
    int n = 0;
    for (Object v : key) {
      if (v == null) {
        n++;
      }
    }
    return n;
  }

  /** A key's values as PostgreSQL's DETAIL shows them: the columns' text forms, comma-separated. */
  static String keyText(TableSchema schema, List<String> columns, Object[] key) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < key.length; i++) {
      if (i > 0) {
        out.append(", ");
      }
      if (key[i] == null) {
        out.append("null");
      } else {
        var spec = schema.columns().get(schema.indexOf(columns.get(i)));
        out.append(PgRelTypes.pg(TypeNames.columnType(spec)).encodeText(key[i]));
      }
    }
    return out.toString();
  }

  /**
   * TRUNCATE's tables: those named, plus with CASCADE every table referencing one of them
   * (recursively; a NOTICE for each, as PostgreSQL's "truncate cascades to table"). Without
   * CASCADE, a table referenced from a table not truncated is PostgreSQL's 0A000.
   */
  public static List<String> truncateClosure(PgSession session, List<String> tables, boolean cascade) {
    Database database = session.database();
    LinkedHashSet<String> all = new LinkedHashSet<>(tables);
    List<String> queue = new ArrayList<>(tables);
    for (int i = 0; i < queue.size(); i++) {
      for (Reference ref : referencing(database, queue.get(i))) {
        String child = ref.child().name();
        if (all.contains(child)) {
          continue;
        }
        if (!cascade) {
          throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
              "cannot truncate a table referenced in a foreign key constraint",
              "Table \"" + io.s3vector.sql.catalog.SchemaNames.tableOf(child) + "\" references \"" + io.s3vector.sql.catalog.SchemaNames.tableOf(queue.get(i)) + "\".",
              "Truncate table \"" + io.s3vector.sql.catalog.SchemaNames.tableOf(child) + "\" at the same time, or use TRUNCATE ... CASCADE.", 0,
              null);
        }
        session.notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
            "truncate cascades to table \"" + io.s3vector.sql.catalog.SchemaNames.tableOf(child) + "\""));
        all.add(child);
        queue.add(child);
      }
    }
    return List.copyOf(all);
  }

  /**
   * Before DROP TABLE (or DROP SCHEMA) of {@code tables}: a table referenced from a table not
   * dropped with it is PostgreSQL's 2BP01; with CASCADE those FOREIGN KEYs are dropped from the
   * referencing tables' schemas (the tables stay), as PostgreSQL does. Returns what CASCADE
   * dropped, as its notice names them ("constraint x_fkey on table x").
   */
  public static List<String> dropReferences(Database database, List<String> tables,
      boolean cascade) {
    Set<String> dropped = Set.copyOf(tables);
    List<Reference> outside = new ArrayList<>();
    for (String table : tables) {
      List<String> dependents = new ArrayList<>();
      for (Reference ref : referencing(database, table)) {
        if (!dropped.contains(ref.child().name())) {
          outside.add(ref);
          dependents.add(describe(ref) + " depends on table "
              + io.s3vector.sql.catalog.SchemaNames.tableOf(table));
        }
      }
      if (!dependents.isEmpty() && !cascade) {
        throw new PgException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop table "
            + io.s3vector.sql.catalog.SchemaNames.tableOf(table)
            + " because other objects depend on it", String.join("\n", dependents),
            "Use DROP ... CASCADE to drop the dependent objects too.", 0, null);
      }
    }
    List<String> cascaded = new ArrayList<>();
    for (Reference ref : outside) {
      database.alterTable(ref.child().name(),
          child -> DropConstraintStatement.without(child, ref.constraint().name()));
      cascaded.add(describe(ref));
    }
    return cascaded;
  }

  /** A FOREIGN KEY as PostgreSQL's dependency messages name it. */
  private static String describe(Reference ref) {
    return "constraint " + ref.constraint().name() + " on table "
        + io.s3vector.sql.catalog.SchemaNames.tableOf(ref.child().name());
  }
}
