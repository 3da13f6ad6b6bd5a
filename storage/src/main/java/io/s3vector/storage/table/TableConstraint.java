package io.s3vector.storage.table;

import java.util.List;
import java.util.Objects;

/**
 * One table constraint as PostgreSQL's {@code pg_constraint} keeps it: a PRIMARY KEY, UNIQUE,
 * CHECK or FOREIGN KEY, with its name (given or chosen as PostgreSQL chooses it, e.g. {@code
 * items_pkey}, {@code items_email_key}, {@code items_price_check}, {@code
 * items_collection_id_fkey}). NOT NULL is not a constraint here (as in PostgreSQL 15): it is
 * {@link ColumnSpec#notNull()}.
 *
 * <p>Storage keeps the declarations; the SQL layer enforces CHECK (and NOT NULL). Who enforces
 * UNIQUE/PRIMARY KEY and FOREIGN KEY reads them from {@link TableSchema#constraints()}.
 *
 * @param name the constraint name, unique within the table
 * @param kind what it constrains
 * @param columns the constrained columns in key order (PRIMARY KEY, UNIQUE, the referencing
 *     columns of a FOREIGN KEY); for a CHECK the columns its expression reads, in table order
 * @param checkSql a CHECK's boolean expression as SQL text, as written between its parentheses;
 *     null for other kinds
 * @param refTable a FOREIGN KEY's referenced table; null for other kinds
 * @param refColumns a FOREIGN KEY's referenced columns (resolved: its primary key when the
 *     declaration named none), one per entry of {@code columns}; empty for other kinds
 * @param onDelete a FOREIGN KEY's ON DELETE action (NO_ACTION when not given); null for others
 * @param onUpdate a FOREIGN KEY's ON UPDATE action (NO_ACTION when not given); null for others
 * @param matchFull a FOREIGN KEY's MATCH FULL (false: MATCH SIMPLE, the default)
 * @param nullsNotDistinct a UNIQUE constraint's {@code NULLS NOT DISTINCT} (PostgreSQL 15): rows
 *     whose keys are equal but for NULLs in the same columns conflict; false for the others
 */
public record TableConstraint(
    String name,
    Kind kind,
    List<String> columns,
    String checkSql,
    String refTable,
    List<String> refColumns,
    Action onDelete,
    Action onUpdate,
    boolean matchFull,
    // written only when set: the manifest's schemas stay as they were for every other constraint
    @com.fasterxml.jackson.annotation.JsonInclude(
        com.fasterxml.jackson.annotation.JsonInclude.Include.NON_DEFAULT) boolean nullsNotDistinct) {

  /** The kinds, with PostgreSQL's {@code pg_constraint.contype} letters. */
  public enum Kind {
    PRIMARY_KEY('p'),
    UNIQUE('u'),
    CHECK('c'),
    FOREIGN_KEY('f');

    private final char contype;

    Kind(char contype) {
      this.contype = contype;
    }

    /** {@code pg_constraint.contype}. */
    public char contype() {
      return contype;
    }
  }

  /** A FOREIGN KEY's referential action, with {@code confdeltype}/{@code confupdtype} letters. */
  public enum Action {
    NO_ACTION('a', "NO ACTION"),
    RESTRICT('r', "RESTRICT"),
    CASCADE('c', "CASCADE"),
    SET_NULL('n', "SET NULL"),
    SET_DEFAULT('d', "SET DEFAULT");

    private final char code;
    private final String sql;

    Action(char code, String sql) {
      this.code = code;
      this.sql = sql;
    }

    public char code() {
      return code;
    }

    /** As written in SQL, e.g. "SET NULL". */
    public String sql() {
      return sql;
    }
  }

  public TableConstraint {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    columns = columns == null ? List.of() : List.copyOf(columns);
    refColumns = refColumns == null ? List.of() : List.copyOf(refColumns);
    if (kind == Kind.FOREIGN_KEY) {
      onDelete = onDelete == null ? Action.NO_ACTION : onDelete;
      onUpdate = onUpdate == null ? Action.NO_ACTION : onUpdate;
    }
  }

  public static TableConstraint primaryKey(String name, List<String> columns) {
    return new TableConstraint(name, Kind.PRIMARY_KEY, columns, null, null, null, null, null, false,
        false);
  }

  public static TableConstraint unique(String name, List<String> columns) {
    return unique(name, columns, false);
  }

  public static TableConstraint unique(String name, List<String> columns,
      boolean nullsNotDistinct) {
    return new TableConstraint(name, Kind.UNIQUE, columns, null, null, null, null, null, false,
        nullsNotDistinct);
  }

  public static TableConstraint check(String name, List<String> columns, String checkSql) {
    return new TableConstraint(name, Kind.CHECK, columns, checkSql, null, null, null, null, false,
        false);
  }

  public static TableConstraint foreignKey(String name, List<String> columns, String refTable,
      List<String> refColumns, Action onDelete, Action onUpdate, boolean matchFull) {
    return new TableConstraint(name, Kind.FOREIGN_KEY, columns, null, refTable, refColumns,
        onDelete, onUpdate, matchFull, false);
  }
}
