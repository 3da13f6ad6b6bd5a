package io.s3vector.sql.plan;

import io.s3vector.sql.Notice;
import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.catalog.SchemaNames;
import io.s3vector.sql.lex.Token;
import io.s3vector.sql.session.PgSession;
import io.s3vector.sql.session.PlannedStatement;
import io.s3vector.storage.table.TableConstraint;
import io.s3vector.storage.table.TableSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * {@code ALTER TABLE [IF EXISTS] [ONLY] t DROP CONSTRAINT [IF EXISTS] c [RESTRICT | CASCADE]} as
 * the only action (how pg_restore --clean, Django and Alembic send it): the constraint leaves the
 * table's schema in one commit, so a UNIQUE or PRIMARY KEY stops being enforced and a CHECK or
 * FOREIGN KEY stops being checked. A key a FOREIGN KEY references is PostgreSQL's 2BP01 unless
 * CASCADE, which drops those FOREIGN KEYs first. The columns of a dropped PRIMARY KEY stay NOT
 * NULL, as in PostgreSQL.
 */
final class DropConstraintStatement {
  private DropConstraintStatement() {}

  /** The statement, or null when the tokens are another ALTER TABLE. */
  static PlannedStatement recognise(String sql, List<Token> tokens) {
    AlterTableHead head = AlterTableHead.of(tokens);
    if (head == null) {
      return null;
    }
    int i = head.next();
    if (!word(tokens, i, "drop") || !word(tokens, i + 1, "constraint")) {
      return null;
    }
    i += 2;
    boolean ifExists = word(tokens, i, "if") && word(tokens, i + 1, "exists");
    i += ifExists ? 2 : 0;
    if (i >= tokens.size() || !tokens.get(i).isName()) {
      return null;
    }
    String constraint = tokens.get(i++).text();
    boolean cascade = word(tokens, i, "cascade");
    if (cascade || word(tokens, i, "restrict")) {
      i++;
    }
    if (i != tokens.size()) {
      return null; // more actions: AlterTableStatement says which it does not take
    }
    return PlannedStatement.command(sql, "ALTER TABLE",
        s -> head.find(s).ifPresent(table -> drop(s, table, head.shown(), constraint, ifExists,
            cascade)));
  }

  private static void drop(PgSession s, String table, String shown, String constraint,
      boolean ifExists, boolean cascade) {
    TableSchema schema = s.database().table(table).orElseThrow().schema();
    TableConstraint dropped = schema.constraint(constraint);
    if (dropped == null) {
      String message = "constraint \"" + constraint + "\" of relation \"" + shown + "\" does not exist";
      if (ifExists) {
        s.notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION, message + ", skipping"));
        return;
      }
      throw new PgException(SqlState.UNDEFINED_OBJECT, message);
    }
    List<ForeignKeys.Reference> dependents = new ArrayList<>();
    if (dropped.kind() == TableConstraint.Kind.PRIMARY_KEY
        || dropped.kind() == TableConstraint.Kind.UNIQUE) {
      for (ForeignKeys.Reference ref : ForeignKeys.referencing(s.database(), table)) {
        if (new HashSet<>(ref.constraint().refColumns()).equals(new HashSet<>(dropped.columns()))) {
          dependents.add(ref);
        }
      }
    }
    List<String> lines = new ArrayList<>();
    for (ForeignKeys.Reference ref : dependents) {
      lines.add("constraint " + ref.constraint().name() + " on table "
          + SchemaNames.tableOf(ref.child().name()));
    }
    if (!dependents.isEmpty() && !cascade) {
      List<String> details = new ArrayList<>();
      lines.forEach(l -> details.add(l + " depends on index " + constraint));
      throw new PgException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop constraint "
          + constraint + " on table " + shown + " because other objects depend on it",
          String.join("\n", details), "Use DROP ... CASCADE to drop the dependent objects too.",
          0, null);
    }
    Notice cascaded = Notice.dropCascades(lines);
    if (cascaded != null) {
      s.notice(cascaded);
    }
    for (ForeignKeys.Reference ref : dependents) {
      if (!ref.child().name().equals(table)) {
        s.database().alterTable(ref.child().name(), child -> without(child, ref.constraint().name()));
      }
    }
    List<String> fromOwnTable = new ArrayList<>(List.of(constraint));
    for (ForeignKeys.Reference ref : dependents) {
      if (ref.child().name().equals(table)) {
        fromOwnTable.add(ref.constraint().name()); // a table that references itself
      }
    }
    s.database().alterTable(table, current -> {
      TableSchema out = current;
      for (String name : fromOwnTable) {
        out = without(out, name);
      }
      return out;
    });
  }

  /** {@code schema} without the constraint {@code name} (the same object when it has none). */
  static TableSchema without(TableSchema schema, String name) {
    TableConstraint gone = schema.constraint(name);
    if (gone == null) {
      return schema;
    }
    List<TableConstraint> kept = new ArrayList<>(schema.constraints());
    kept.remove(gone);
    boolean primary = gone.kind() == TableConstraint.Kind.PRIMARY_KEY;
    List<io.s3vector.storage.table.ColumnSpec> columns = new ArrayList<>();
    for (io.s3vector.storage.table.ColumnSpec c : schema.columns()) {
      // a primary key's columns were NOT NULL by it; they stay so, as in PostgreSQL
      columns.add(primary && gone.columns().contains(c.name()) ? c.withNotNull(true) : c);
    }
    return new TableSchema(schema.name(), columns, primary ? List.of() : schema.primaryKey(), kept,
        schema.comments(), schema.secondaryIndexes());
  }

  private static boolean word(List<Token> tokens, int i, String word) {
    return AlterTableHead.word(tokens, i, word);
  }
}
