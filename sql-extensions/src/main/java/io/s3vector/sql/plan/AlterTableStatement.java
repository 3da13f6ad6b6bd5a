package io.s3vector.sql.plan;

import io.s3vector.sql.catalog.SchemaNames;
import io.s3vector.sql.Notice;
import io.s3vector.sql.PgException;
import io.s3vector.sql.QueryResult;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.bind.BindContext;
import io.s3vector.sql.bind.ConstraintNames;
import io.s3vector.sql.bind.InsertBinder;
import io.s3vector.sql.bind.TableDefinition;
import io.s3vector.sql.bind.PgRelTypes;
import io.s3vector.sql.bind.TypeNames;
import io.s3vector.sql.exec.ExecContext;
import io.s3vector.sql.exec.Executor;
import io.s3vector.sql.exec.Expr;
import io.s3vector.sql.lex.PgLexer;
import io.s3vector.sql.lex.Token;
import io.s3vector.sql.parser.SqlPgAlterTable;
import io.s3vector.sql.parser.SqlPgColumn;
import io.s3vector.sql.parser.SqlPgConstraint;
import io.s3vector.sql.session.PgSession;
import io.s3vector.sql.session.PlannedStatement;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.ColumnType;
import io.s3vector.storage.table.IndexDefinition;
import io.s3vector.storage.table.Table;
import io.s3vector.storage.table.TableConstraint;
import io.s3vector.storage.table.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import java.util.NoSuchElementException;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;

/**
 * {@code ALTER TABLE t ADD [COLUMN] [IF NOT EXISTS] c type [DEFAULT e] [NOT NULL]} and {@code
 * DROP [COLUMN] [IF EXISTS] c}, as PostgreSQL 11+ does them: nothing stored is rewritten. An added
 * column reads, in the rows already stored, the value its DEFAULT has at ALTER time (PostgreSQL's
 * {@code attmissingval}); a dropped one is no longer read (its values stay in older segments,
 * invisible, as PostgreSQL's dropped attributes stay in old tuples). All the actions commit as one
 * schema change.
 *
 * <p>What would need a rewrite or another object is refused with 0A000 naming it: a volatile
 * DEFAULT or a serial column on a table with rows, a vector DEFAULT, constraints in ADD COLUMN,
 * and dropping a column an index or constraint uses. ADD [CONSTRAINT name] UNIQUE or PRIMARY KEY
 * (columns) is checked against the live rows inside its commit (23505 {@code could not create
 * unique index} when two share the key), ADD FOREIGN KEY against the referenced table before it
 * (23503), ADD CHECK on the rows before it (23514), then enforced. Other actions (ALTER
 * COLUMN, RENAME, SET, OWNER beside other actions, ...) are refused by name before parsing ({@link
 * #refuseUnsupported}); OWNER TO alone never reaches here (the session's OwnerChange takes it).
 */
public final class AlterTableStatement extends PlannedStatement {
  /** An ADD COLUMN, bound: the column and its DEFAULT compiled (null without one). */
  private record Add(ColumnSpec column, Expr defaultValue, boolean volatileDefault, boolean ifNotExists) {}

  /** A DROP COLUMN. */
  private record Drop(String column, boolean ifExists) {}

  /** An ADD [CONSTRAINT name] UNIQUE (columns): name null for PostgreSQL's choice. */
  private record AddUnique(String name, List<String> columns, boolean nullsNotDistinct) {}

  /** An ADD [CONSTRAINT name] PRIMARY KEY (columns): name null for PostgreSQL's choice. */
  private record AddPrimaryKey(String name, List<String> columns) {}

  /** An ADD [CONSTRAINT name] CHECK (...): the constraint and its expression, compiled. */
  private record AddCheck(TableConstraint constraint, Expr test) {}

  /** An ADD [CONSTRAINT name] FOREIGN KEY, bound against the table's schema at planning. */
  private record AddForeignKey(TableConstraint constraint) {}

  /**
   * ALTER COLUMN: {@code defaultSql} is SET DEFAULT's expression as written; {@code newType} TYPE's
   * resolved type; else null.
   */
  private record AlterColumn(String column, SqlPgAlterTable.Change change, String defaultSql,
      io.s3vector.sql.bind.TypeNames.Resolved newType) {}

  /**
   * Functions not constant within a statement that PostgreSQL marks STABLE, not VOLATILE: a
   * DEFAULT of them is evaluated once by ADD COLUMN there too (e.g. {@code DEFAULT now()}).
   */
  private static final java.util.Set<String> STABLE =
      java.util.Set.of("now", "transaction_timestamp", "statement_timestamp", "current_timestamp");

  /** PostgreSQL's duplicate_column. */
  private static final String DUPLICATE_COLUMN = "42701";

  /** The table's storage name, and its own name (messages, generated constraint names). */
  private final String table;
  private final String shown;
  /** The name as written ({@code public.t}), as a missing table's error shows it. */
  private final String written;
  private final boolean ifExists;
  /** {@link Add} and {@link Drop} in the order written. */
  private final List<Object> actions;

  private AlterTableStatement(String sql, String table, String written, boolean ifExists,
      List<Object> actions) {
    super(sql);
    this.table = table;
    this.shown = SchemaNames.tableOf(table);
    this.written = written;
    this.ifExists = ifExists;
    this.actions = actions;
  }

  /**
   * Refuses, before parsing, the ALTER statements the grammar does not take, naming them:
   * {@code ALTER <object>} other than TABLE, and ALTER TABLE actions other than ADD/DROP
   * [COLUMN] (ADD CONSTRAINT is parsed, and refused when bound).
   */
  public static void refuseUnsupported(List<Token> tokens) {
    Token object = tokens.size() > 1 ? tokens.get(1) : null;
    if (object == null || !object.isWord("table")) {
      String what = object != null && object.isName() ? "ALTER " + upper(object) : "ALTER";
      throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, what + " is not supported yet");
    }
    int i = 2;
    if (i + 1 < tokens.size() && tokens.get(i).isWord("if") && tokens.get(i + 1).isWord("exists")) {
      i += 2;
    }
    if (i < tokens.size() && tokens.get(i).isWord("only")) {
      i++;
    }
    // the table name: name [. name]
    i++;
    while (i + 1 < tokens.size() && tokens.get(i).isOp(".")) {
      i += 2;
    }
    int depth = 0;
    boolean actionStart = true;
    for (; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.isOp("(")) {
        depth++;
      } else if (t.isOp(")")) {
        depth--;
      } else if (depth == 0 && t.isOp(",")) {
        actionStart = true;
        continue;
      } else if (actionStart) {
        actionStart = false;
        Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
        if (t.isWord("add") || t.isWord("drop")) {
          if (t.isWord("drop") && next != null && next.isWord("constraint")) {
            refuse("DROP CONSTRAINT", t);
          }
          continue;
        }
        if (t.isWord("alter")) {
          // ALTER [COLUMN] c SET | DROP NOT NULL | DEFAULT is parsed; TYPE and the rest are not
          int j = i + 1;
          if (j < tokens.size() && tokens.get(j).isWord("column")) {
            j++;
          }
          Token verb = j + 1 < tokens.size() ? tokens.get(j + 1) : null;
          Token what = j + 2 < tokens.size() ? tokens.get(j + 2) : null;
          boolean type = verb != null && (verb.isWord("type")
              || (verb.isWord("set") && what != null && what.isWord("data")));
          boolean parsed = type || (verb != null && what != null
              && (verb.isWord("set") || verb.isWord("drop"))
              && (what.isWord("not") || what.isWord("default")));
          if (!parsed) {
            refuse("ALTER COLUMN", t);
          }
          // ... TYPE t USING expr: the rows would be rewritten through expr
          for (int k = j + 1; type && k < tokens.size() && !tokens.get(k).isOp(","); k++) {
            if (tokens.get(k).isWord("using")) {
              refuse("ALTER COLUMN ... TYPE ... USING", tokens.get(k));
            }
          }
          continue;
        }
        if (t.isName()) {
          refuse(upper(t) + (next != null && next.isName() && !t.isWord("rename") ? " " + upper(next) : ""), t);
        }
      }
    }
  }

  private static void refuse(String action, Token at) {
    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
        "ALTER TABLE ... " + action + " is not supported yet", null, null, at.start() + 1, null);
  }

  private static String upper(Token t) {
    return t.text().toUpperCase(Locale.ROOT);
  }

  /** Binds the actions: column types and DEFAULTs now, the table's state at execution. */
  public static AlterTableStatement plan(String sql, SqlPgAlterTable alter, BindContext ctx) {
    List<String> names = alter.table.names;
    if (!alter.ifExists) {
      io.s3vector.sql.session.SearchPath.requireSchemaOf(ctx.session, names);
    }
    // the storage name of the table found, or (for IF EXISTS, and the error at execution) of the
    // one named
    String table = io.s3vector.sql.session.SearchPath.storageNameOf(ctx.session, names)
        .orElse(SchemaNames.storageName(names.size() > 1 ? names.get(names.size() - 2)
            : SchemaNames.PUBLIC, names.get(names.size() - 1)));
    List<Object> actions = new ArrayList<>();
    TableDefinition definitions = new TableDefinition(ctx, sql);
    for (SqlPgAlterTable.Action action : alter.actions) {
      switch (action) {
        case SqlPgAlterTable.AddConstraint c -> actions.add(addConstraint(c.constraint(), ctx,
            definitions, table, actions));
        case SqlPgAlterTable.DropColumn d -> actions.add(new Drop(d.name().getSimple(), d.ifExists()));
        case SqlPgAlterTable.AddColumn a -> actions.add(add(a, definitions, ctx, names.get(names.size() - 1)));
        case SqlPgAlterTable.AlterColumn a -> actions.add(alterColumn(a, definitions, ctx, table));
      }
    }
    return new AlterTableStatement(sql, table, String.join(".", names), alter.ifExists, actions);
  }

  /**
   * ADD CONSTRAINT: UNIQUE and PRIMARY KEY (checked against the rows when it commits), FOREIGN
   * KEY (checked against the referenced table before it commits) and CHECK (checked on the rows
   * before it commits).
   */
  private static Object addConstraint(SqlPgConstraint c, BindContext ctx, TableDefinition definitions,
      String table, List<Object> earlier) {
    if (c.kind == SqlPgConstraint.Kind.FOREIGN_KEY || c.kind == SqlPgConstraint.Kind.CHECK) {
      Table t = ctx.database().table(table).orElseThrow(() -> new PgException(SqlState.UNDEFINED_TABLE,
          "relation \"" + SchemaNames.tableOf(table) + "\" does not exist"));
      TableSchema schema = t.schema();
      java.util.Set<String> taken = new java.util.HashSet<>();
      schema.constraints().forEach(k -> taken.add(k.name()));
      schema.uniqueKeys().forEach(k -> taken.add(k.name()));
      for (Object action : earlier) {
        if (action instanceof AddForeignKey fk) {
          taken.add(fk.constraint().name());
        } else if (action instanceof AddCheck check) {
          taken.add(check.constraint().name());
        }
      }
      try {
        if (c.kind == SqlPgConstraint.Kind.CHECK) {
          TableConstraint check = definitions.check(c, schema, taken);
          RexNode test = TableDefinition.bindCheck(ctx, SchemaNames.tableOf(table),
              io.s3vector.sql.bind.QueryBinder.rowType(schema), c.check);
          return new AddCheck(check, Executor.compileAll(List.of(test))[0]);
        }
        return new AddForeignKey(definitions.foreignKey(c, schema, taken));
      } catch (PgException e) {
        // PostgreSQL reports these of ALTER TABLE without a position in the statement
        throw new PgException(e.sqlState(), e.getMessage(), e.detail(), e.hint(), 0, null);
      }
    }
    if (c.kind != SqlPgConstraint.Kind.UNIQUE && c.kind != SqlPgConstraint.Kind.PRIMARY_KEY) {
      throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED, "ALTER TABLE ... ADD CONSTRAINT ... "
          + c.kind.name().replace('_', ' ') + " is not supported yet", c);
    }
    boolean primary = c.kind == SqlPgConstraint.Kind.PRIMARY_KEY;
    List<String> columns = new ArrayList<>();
    for (SqlNode n : c.columns) {
      String column = ((SqlIdentifier) n).getSimple();
      if (columns.contains(column)) {
        throw ctx.error("42701", "column \"" + column + "\" appears twice in "
            + (primary ? "primary key" : "unique") + " constraint", c);
      }
      columns.add(column);
    }
    String name = c.name == null ? null : c.name.getSimple();
    return primary ? new AddPrimaryKey(name, columns)
        : new AddUnique(name, columns, ctx.nullsNotDistinct(c));
  }

  /** ALTER COLUMN: a SET DEFAULT expression is checked against the column's type now. */
  private static AlterColumn alterColumn(SqlPgAlterTable.AlterColumn a, TableDefinition definitions,
      BindContext ctx, String table) {
    String column = a.name().getSimple();
    String defaultSql = null;
    if (a.change() == SqlPgAlterTable.Change.SET_DEFAULT) {
      ColumnSpec spec = ctx.database().table(table).map(t -> {
        int at = t.schema().indexOf(column);
        return at < 0 ? null : t.schema().columns().get(at);
      }).orElse(null);
      try {
        defaultSql = spec == null ? definitions.originalText(a.value())
            : definitions.checkedDefault(a.value(), TypeNames.columnType(spec));
      } catch (PgException e) {
        // PostgreSQL reports these of ALTER TABLE without a position in the statement
        throw new PgException(e.sqlState(), e.getMessage(), e.detail(), e.hint(), 0, null);
      }
    }
    io.s3vector.sql.bind.TypeNames.Resolved newType = null;
    if (a.change() == SqlPgAlterTable.Change.TYPE) {
      newType = ctx.resolveType((org.apache.calcite.sql.SqlDataTypeSpec) a.value());
      if (newType.serial()) {
        throw new PgException(SqlState.UNDEFINED_OBJECT, "type \"" + a.value().toString()
            .toLowerCase(Locale.ROOT) + "\" does not exist");
      }
      TypeNames.storageType(newType.type(), newType.sqlType()); // 0A000 for types storage lacks
    }
    return new AlterColumn(column, a.change(), defaultSql, newType);
  }

  private static Add add(SqlPgAlterTable.AddColumn a, TableDefinition definitions, BindContext ctx,
      String tableName) {
    SqlPgColumn c = a.column();
    if (!c.constraints.isEmpty() || c.primaryKey) {
      throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED, "ALTER TABLE ... ADD COLUMN with a PRIMARY KEY,"
          + " UNIQUE, CHECK or REFERENCES constraint is not supported yet", c.constraints.isEmpty()
          ? c.name : c.constraints.get(0));
    }
    ColumnSpec column = definitions.column(c, tableName);
    if (column.defaultSql() == null || column.serial()) {
      return new Add(column, null, false, a.ifNotExists());
    }
    if (column.type() == ColumnType.VECTOR) {
      throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED,
          "ALTER TABLE ... ADD COLUMN of type vector with a DEFAULT is not supported yet", c.defaultValue);
    }
    RexNode value = new InsertBinder(ctx).defaultValue(column, TypeNames.columnType(column));
    boolean[] isVolatile = new boolean[1];
    value.accept(new RexVisitorImpl<Void>(true) {
      @Override
      public Void visitCall(RexCall call) {
        isVolatile[0] |= !call.getOperator().isDeterministic()
            && !STABLE.contains(call.getOperator().getName().toLowerCase(Locale.ROOT));
        return super.visitCall(call);
      }
    });
    return new Add(column, Executor.compileAll(List.of(value))[0], isVolatile[0], a.ifNotExists());
  }

  @Override
  public QueryResult execute(PgSession session, Object[] parameters) {
    Table t = session.database().table(table).orElse(null);
    if (t == null) {
      if (ifExists) {
        session.notice(Notice.notice(SqlState.UNDEFINED_TABLE,
            "relation \"" + shown + "\" does not exist, skipping"));
        return new QueryResult.Command("ALTER TABLE");
      }
      throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + written + "\" does not exist");
    }
    boolean hasRows = t.snapshot().rowCount() > 0;
    // the value each added column has in the rows stored now: its DEFAULT, evaluated once
    ExecContext exec = new ExecContext(session, parameters);
    List<Object> missing = new ArrayList<>();
    for (Object action : actions) {
      Object value = null;
      if (action instanceof Add add) {
        if (hasRows && add.volatileDefault()) {
          throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
              "ALTER TABLE ... ADD COLUMN with a volatile DEFAULT on a table with rows is not supported yet");
        }
        if (hasRows && add.column().serial()) {
          throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "ALTER TABLE ... ADD COLUMN of "
              + (add.column().identity() != null ? "an identity column" : "a serial type")
              + " on a table with rows is not supported yet");
        }
        value = add.defaultValue() == null ? null : add.defaultValue().eval(new Object[0], exec);
        if (hasRows && value == null && add.column().notNull() && !add.column().serial()) {
          missing.add(new PgException(SqlState.NOT_NULL_VIOLATION, "column \"" + add.column().name()
              + "\" of relation \"" + shown + "\" contains null values"));
          continue;
        }
      }
      missing.add(value);
    }
    for (Object action : actions) {
      if (action instanceof AddForeignKey fk) {
        checkExistingRows(t, fk.constraint(), exec);
      } else if (action instanceof AddCheck check) {
        checkExistingRows(t, check, exec);
      } else if (action instanceof AlterColumn alter
          && alter.change() == SqlPgAlterTable.Change.SET_NOT_NULL) {
        checkNoNulls(t, alter.column(), exec);
      } else if (action instanceof AlterColumn alter && alter.change() == SqlPgAlterTable.Change.TYPE) {
        checkValuesFit(t, alter, exec);
      }
    }
    List<IndexDefinition> indexes = t.snapshot().indexes();
    List<Notice> notices = new ArrayList<>();
    java.util.function.Predicate<String> relationTaken = name -> session.database()
        .table(SchemaNames.storageName(SchemaNames.schemaOf(table), name)).isPresent()
        || session.database().tableOfIndex(name).isPresent() || uniqueKeyNamed(session, name);
    try {
      session.database().alterTable(table, schema -> {
        notices.clear();
        return apply(schema, missing, indexes, notices, relationTaken);
      });
    } catch (NoSuchElementException e) {
      throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + shown + "\" does not exist");
    }
    notices.forEach(session::notice);
    return new QueryResult.Command("ALTER TABLE");
  }

  /**
   * Fails with PostgreSQL's 23503 when a live row of {@code t} has a key {@code fk} does not find
   * in the referenced table. Before the commit, like the checks of writes: a row written
   * meanwhile by another session is not seen (the known limitation of foreign keys here).
   */
  private static void checkExistingRows(Table t, TableConstraint fk, ExecContext exec) {
    TableSchema schema = t.schema();
    TableSchema onlyThis = new TableSchema(schema.name(), schema.columns(), schema.primaryKey(),
        List.of(fk), schema.comments(), schema.secondaryIndexes());
    java.util.TreeSet<Integer> read = new java.util.TreeSet<>();
    for (int p : schema.indexesOf(fk.columns())) {
      read.add(p);
    }
    if (fk.refTable().equals(schema.name())) {
      for (int p : schema.indexesOf(fk.refColumns())) {
        read.add(p); // a self-reference also finds keys among the rows checked
      }
    }
    int[] positions = read.stream().mapToInt(Integer::intValue).toArray();
    forEachBatchOfLiveRows(schema, positions, exec,
        rows -> ForeignKeys.checkReferences(exec, onlyThis, rows, null));
  }

  /**
   * The live rows of {@code schema}'s table in the statement's snapshot, a batch at a time, as
   * full rows (schema order) holding only the columns at {@code positions}.
   */
  private static void forEachBatchOfLiveRows(TableSchema schema, int[] positions, ExecContext exec,
      java.util.function.Consumer<List<Object[]>> action) {
    List<Object[]> rows = new ArrayList<>();
    java.util.Iterator<io.s3vector.storage.table.RowBatch> batches = exec.snapshot(schema.name()).scan(positions);
    while (batches.hasNext()) {
      io.s3vector.storage.table.RowBatch batch = batches.next();
      for (int r = 0; r < batch.rowCount(); r++) {
        if (batch.isDeleted(r)) {
          continue;
        }
        Object[] row = new Object[schema.columns().size()];
        for (int p : positions) {
          row[p] = batch.isNull(p, r) ? null : batch.value(p, r);
        }
        rows.add(row);
      }
      action.accept(rows);
      rows.clear();
    }
  }

  /**
   * The name of an added key's constraint (and index): {@code given}, or PostgreSQL's choice of
   * table, {@code addition} and {@code label}; a name another relation or constraint has is 42P07.
   */
  private String keyName(String given, String addition, String label,
      java.util.function.Predicate<String> relationTaken, List<TableConstraint> constraints) {
    java.util.function.Predicate<String> taken = n -> relationTaken.test(n)
        || constraints.stream().anyMatch(c -> c.name().equals(n));
    if (given == null) {
      return ConstraintNames.choose(shown, addition, label, taken);
    }
    if (taken.test(given)) {
      throw new PgException(SqlState.DUPLICATE_TABLE, "relation \"" + given + "\" already exists");
    }
    return given;
  }

  /** Fails with PostgreSQL's 23514 when a live row of {@code t} makes the CHECK false. */
  /** SET NOT NULL: PostgreSQL's 23502 when a live row holds NULL in the column. */
  private void checkNoNulls(Table t, String column, ExecContext exec) {
    TableSchema schema = t.schema();
    int at = schema.indexOf(column);
    if (at < 0) {
      return; // apply() reports the missing column
    }
    forEachBatchOfLiveRows(schema, new int[] {at}, exec, rows -> {
      for (Object[] row : rows) {
        if (row[at] == null) {
          throw new PgException(SqlState.NOT_NULL_VIOLATION, "column \"" + column
              + "\" of relation \"" + shown + "\" contains null values");
        }
      }
    });
  }

  /** TYPE: every live value of the column must be one of the new type (a varchar's length). */
  private void checkValuesFit(Table t, AlterColumn alter, ExecContext exec) {
    TableSchema schema = t.schema();
    int at = schema.indexOf(alter.column());
    if (at < 0) {
      return; // apply() reports the missing column
    }
    RelDataType to = alter.newType().type();
    forEachBatchOfLiveRows(schema, new int[] {at}, exec, rows -> {
      for (Object[] row : rows) {
        io.s3vector.sql.functions.Casts.checkAssignment(row[at], to);
      }
    });
  }

  private static void checkExistingRows(Table t, AddCheck check, ExecContext exec) {
    TableSchema schema = t.schema();
    forEachBatchOfLiveRows(schema, schema.indexesOf(check.constraint().columns()), exec, rows -> {
      for (Object[] row : rows) {
        if (Boolean.FALSE.equals(check.test().eval(row, exec))) {
          throw new PgException(SqlState.CHECK_VIOLATION, "check constraint \""
              + check.constraint().name() + "\" of relation \"" + SchemaNames.tableOf(schema.name())
              + "\" is violated by some row");
        }
      }
    });
  }

  /** Whether a unique key (a constraint's or a UNIQUE index's) of any table has this name. */
  private static boolean uniqueKeyNamed(PgSession session, String name) {
    for (String other : session.database().tableNames()) {
      var t = session.database().table(other);
      if (t.isPresent() && t.get().schema().uniqueKeys().stream().anyMatch(k -> k.name().equals(name))) {
        return true;
      }
    }
    return false;
  }

  /** The schema after every action, or {@code schema} itself when none changes anything. */
  private TableSchema apply(TableSchema schema, List<Object> missing, List<IndexDefinition> indexes,
      List<Notice> notices, java.util.function.Predicate<String> relationTaken) {
    List<ColumnSpec> columns = new ArrayList<>(schema.columns());
    List<TableConstraint> constraints = new ArrayList<>(schema.constraints());
    boolean changed = false;
    for (int i = 0; i < actions.size(); i++) {
      Object action = actions.get(i);
      if (action instanceof AddForeignKey || action instanceof AddCheck) {
        TableConstraint added = action instanceof AddForeignKey fk ? fk.constraint()
            : ((AddCheck) action).constraint();
        if (constraints.stream().anyMatch(c -> c.name().equals(added.name()))) {
          throw new PgException(SqlState.DUPLICATE_OBJECT, "constraint \"" + added.name()
              + "\" for relation \"" + shown + "\" already exists");
        }
        constraints.add(added);
        changed = true;
        continue;
      }
      if (action instanceof AddPrimaryKey key) {
        if (!schema.primaryKey().isEmpty() || constraints.stream()
            .anyMatch(c -> c.kind() == TableConstraint.Kind.PRIMARY_KEY)) {
          throw new PgException("42P16", "multiple primary keys for table \"" + shown
              + "\" are not allowed");
        }
        for (String column : key.columns()) {
          int at = indexOf(columns, column);
          if (at < 0) {
            throw new PgException(SqlState.UNDEFINED_COLUMN,
                "column \"" + column + "\" of relation \"" + shown + "\" does not exist");
          }
          ColumnSpec c = columns.get(at);
          columns.set(at, c.withNotNull(true));
        }
        String name = keyName(key.name(), null, "pkey", relationTaken, constraints);
        constraints.add(TableConstraint.primaryKey(name, key.columns()));
        changed = true;
        continue;
      }
      if (action instanceof AddUnique unique) {
        for (String column : unique.columns()) {
          if (indexOf(columns, column) < 0) {
            throw new PgException(SqlState.UNDEFINED_COLUMN,
                "column \"" + column + "\" named in key does not exist");
          }
        }
        String name = keyName(unique.name(), ConstraintNames.columnsAddition(unique.columns()), "key",
            relationTaken, constraints);
        constraints.add(TableConstraint.unique(name, unique.columns(), unique.nullsNotDistinct()));
        changed = true;
        continue;
      }
      if (action instanceof Add add) {
        String name = add.column().name();
        if (indexOf(columns, name) >= 0) {
          if (add.ifNotExists()) {
            notices.add(Notice.notice(DUPLICATE_COLUMN, "column \"" + name
                + "\" of relation \"" + shown + "\" already exists, skipping"));
            continue;
          }
          throw new PgException(DUPLICATE_COLUMN,
              "column \"" + name + "\" of relation \"" + shown + "\" already exists");
        }
        if (missing.get(i) instanceof PgException e) {
          throw e;
        }
        columns.add(add.column().added(missing.get(i)));
        changed = true;
      } else if (action instanceof AlterColumn alter) {
        int at = indexOf(columns, alter.column());
        if (at < 0) {
          throw new PgException(SqlState.UNDEFINED_COLUMN,
              "column \"" + alter.column() + "\" of relation \"" + shown + "\" does not exist");
        }
        ColumnSpec c = columns.get(at);
        boolean notNull = c.notNull();
        boolean serial = c.serial();
        String defaultSql = c.defaultSql();
        if (c.identity() != null && alter.change() != SqlPgAlterTable.Change.TYPE
            && alter.change() != SqlPgAlterTable.Change.SET_NOT_NULL) {
          // PostgreSQL's ATExecDropNotNull and ATExecColumnDefault
          throw new PgException(SqlState.SYNTAX_ERROR, "column \"" + c.name() + "\" of relation \""
              + shown + "\" is an identity column", null,
              alter.change() == SqlPgAlterTable.Change.DROP_DEFAULT
                  ? "Use ALTER TABLE ... ALTER COLUMN ... DROP IDENTITY instead." : null, 0, null);
        }
        switch (alter.change()) {
          case SET_NOT_NULL -> notNull = true;
          case DROP_NOT_NULL -> {
            if (schema.primaryKey().contains(c.name())) {
              throw new PgException("42P16", "column \"" + c.name() + "\" is in a primary key");
            }
            notNull = false;
          }
          case SET_DEFAULT -> {
            defaultSql = alter.defaultSql();
            serial = false; // the sequence's nextval() is no longer the default
          }
          case DROP_DEFAULT -> {
            defaultSql = null;
            serial = false;
          }
          case TYPE -> { }
        }
        String sqlType = c.sqlType();
        int dimension = c.dimension();
        if (alter.change() == SqlPgAlterTable.Change.TYPE) {
          checkStoredAlike(c, alter.newType());
          sqlType = alter.newType().sqlType();
          dimension = PgRelTypes.isVector(alter.newType().type())
              ? Math.max(PgRelTypes.typmod(alter.newType().type()), 0) : 0;
        }
        columns.set(at, new ColumnSpec(c.name(), c.type(), sqlType, dimension, notNull,
            serial, defaultSql, c.addedAs(), c.missing(), c.identity(), c.identityStart(),
            c.sequence()));
        changed = true;
      } else {
        Drop drop = (Drop) action;
        int at = indexOf(columns, drop.column());
        if (at < 0) {
          if (drop.ifExists()) {
            notices.add(Notice.notice(SqlState.UNDEFINED_COLUMN, "column \"" + drop.column()
                + "\" of relation \"" + shown + "\" does not exist, skipping"));
            continue;
          }
          throw new PgException(SqlState.UNDEFINED_COLUMN,
              "column \"" + drop.column() + "\" of relation \"" + shown + "\" does not exist");
        }
        refuseDroppingUsed(schema, drop.column(), indexes);
        columns.remove(at);
        if (columns.isEmpty()) {
          throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
              "ALTER TABLE ... DROP COLUMN of a table's last column is not supported yet");
        }
        changed = true;
      }
    }
    if (!changed) {
      return schema;
    }
    // comments stay with their table and remaining columns (a dropped column's goes with it)
    java.util.Map<String, String> comments = new java.util.TreeMap<>(schema.comments());
    comments.keySet().removeIf(c -> !c.isEmpty() && columns.stream().noneMatch(col -> col.name().equals(c)));
    TableSchema next = schema.withColumns(columns, comments);
    return constraints.equals(schema.constraints()) ? next
        : new TableSchema(next.name(), next.columns(), constraints.stream()
            .anyMatch(c -> c.kind() == TableConstraint.Kind.PRIMARY_KEY) ? List.of() : next.primaryKey(),
            constraints, next.comments(), next.secondaryIndexes()); // a PRIMARY KEY names its columns
  }

  /**
   * TYPE changes only what the column is called when the stored values stay as they are: text
   * and varchar of any length (the values are checked against a new length first), numeric to a
   * precision as large with the same scale or to unconstrained numeric, vector(n) to vector, the
   * same type spelled otherwise. Anything that would rewrite values (integer to bigint) is 0A000.
   */
  private static void checkStoredAlike(ColumnSpec c, io.s3vector.sql.bind.TypeNames.Resolved to) {
    RelDataType from = TypeNames.columnType(c);
    ColumnType storage = TypeNames.storageType(to.type(), to.sqlType());
    boolean same = storage == c.type() && PgRelTypes.pg(from) == PgRelTypes.pg(to.type());
    boolean textual = PgRelTypes.isText(from) && PgRelTypes.isText(to.type());
    boolean alike = textual
        || (same && storage == ColumnType.NUMERIC && (PgRelTypes.typmod(to.type()) < 0
            || (from.getScale() == to.type().getScale() && PgRelTypes.typmod(from) >= 0
                && to.type().getPrecision() >= from.getPrecision())))
        || (same && storage == ColumnType.VECTOR && (PgRelTypes.typmod(to.type()) < 0
            || PgRelTypes.typmod(to.type()) == PgRelTypes.typmod(from)))
        || (same && storage != ColumnType.NUMERIC && storage != ColumnType.VECTOR
            && PgRelTypes.typmod(to.type()) == PgRelTypes.typmod(from));
    if (!alike) {
      throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "ALTER TABLE ... ALTER COLUMN ... TYPE "
          + "from " + c.sqlType() + " to " + to.sqlType() + " is not supported yet: the stored "
          + "values would have to be rewritten");
    }
  }

  /** PostgreSQL would drop the index or constraint with the column: not done here yet. */
  private void refuseDroppingUsed(TableSchema schema, String column, List<IndexDefinition> indexes) {
    for (IndexDefinition index : indexes) {
      if (index.column().equals(column)) {
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "ALTER TABLE ... DROP COLUMN of a column"
            + " used by index \"" + index.name() + "\" is not supported yet");
      }
    }
    if (schema.primaryKey().contains(column)) {
      throw usedByConstraint(schema.name() + "_pkey", column);
    }
    for (TableConstraint c : schema.constraints()) {
      boolean uses = c.columns() != null && c.columns().contains(column);
      if (c.checkSql() != null) {
        for (Token t : PgLexer.tokenize(c.checkSql())) {
          uses |= t.isName() && t.text().equals(column);
        }
      }
      if (uses) {
        throw usedByConstraint(c.name(), column);
      }
    }
  }

  private static PgException usedByConstraint(String constraint, String column) {
    return new PgException(SqlState.FEATURE_NOT_SUPPORTED, "ALTER TABLE ... DROP COLUMN of column \""
        + column + "\", used by constraint \"" + constraint + "\", is not supported yet");
  }

  private static int indexOf(List<ColumnSpec> columns, String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
