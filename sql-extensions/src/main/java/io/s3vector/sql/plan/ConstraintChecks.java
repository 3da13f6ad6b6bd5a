package io.s3vector.sql.plan;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.bind.BindContext;
import io.s3vector.sql.bind.PgRelTypes;
import io.s3vector.sql.bind.TableDefinition;
import io.s3vector.sql.bind.TypeNames;
import io.s3vector.sql.exec.ExecContext;
import io.s3vector.sql.exec.Executor;
import io.s3vector.sql.exec.Expr;
import io.s3vector.sql.types.PgType;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.TableConstraint;
import io.s3vector.storage.table.TableSchema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlNode;

/**
 * The row checks of a table that the SQL layer enforces, as PostgreSQL's ExecConstraints does for
 * every new row of INSERT, COPY FROM and UPDATE: NOT NULL of each column in column order, then
 * each CHECK constraint in name order (a CHECK that is NULL passes). A failure is PostgreSQL's
 * 23502 or 23514 with {@code Failing row contains (...)}.
 *
 * <p>Bind once per statement ({@link #bind}); call {@link #check} with each final row (all columns
 * in schema order, DEFAULTs filled). A serial or identity column's NULL means "storage numbers
 * it" where the statement gave the column no value: it passes NOT NULL, and when a row fails (or
 * a CHECK reads a serial column) it takes its value from the sequence first, as PostgreSQL's
 * nextval has by then, so the DETAIL shows it. A NULL the statement gave such a column (INSERT's
 * value, COPY's field, any NULL after UPDATE) fails NOT NULL, as in PostgreSQL.
 *
 * <p>UNIQUE, PRIMARY KEY and FOREIGN KEY are not checked here.
 */
public final class ConstraintChecks {
  /** Longest value text in a DETAIL, in bytes, before "..." (ExecBuildSlotValueDescription). */
  private static final int MAX_FIELD_BYTES = 64;

  private record Check(String name, Expr expr, boolean readsSerial) {}

  private final TableSchema schema;
  private final PgType[] types;
  private final List<Check> checks;
  private final boolean hasNotNull;

  private ConstraintChecks(TableSchema schema, List<Check> checks) {
    this.schema = schema;
    List<ColumnSpec> columns = schema.columns();
    types = new PgType[columns.size()];
    boolean notNull = false;
    for (int i = 0; i < types.length; i++) {
      types[i] = PgRelTypes.pg(TypeNames.columnType(columns.get(i)));
      notNull |= columns.get(i).notNull();
    }
    this.checks = checks;
    this.hasNotNull = notNull;
  }

  /** The checks of a table, its CHECK expressions bound and compiled now. */
  public static ConstraintChecks bind(BindContext ctx, TableSchema schema) {
    List<TableConstraint> declared = new ArrayList<>(schema.constraints(TableConstraint.Kind.CHECK));
    declared.sort(Comparator.comparing(TableConstraint::name, ConstraintChecks::compareBytes));
    List<Check> checks = new ArrayList<>();
    if (!declared.isEmpty()) {
      RelDataTypeFactory.Builder b = PgRelTypes.FACTORY.builder();
      for (ColumnSpec c : schema.columns()) {
        b.add(c.name(), TypeNames.columnType(c));
      }
      RelDataType rowType = b.build();
      BindContext checkCtx = new BindContext(ctx.cluster, ctx.params, ctx.session, null);
      for (TableConstraint c : declared) {
        SqlNode expr = io.s3vector.sql.bind.InsertBinder.parseExpression(c.checkSql());
        RexNode bound = TableDefinition.bindCheck(checkCtx, schema.name(), rowType, expr);
        boolean readsSerial = false;
        for (String col : c.columns()) {
          int i = schema.indexOf(col);
          readsSerial |= i >= 0 && schema.columns().get(i).serial();
        }
        checks.add(new Check(c.name(), Executor.compileAll(List.of(bound))[0], readsSerial));
      }
    }
    return new ConstraintChecks(schema, checks);
  }

  /** Only NOT NULL (a schema whose CHECKs are not to be evaluated, or without any). */
  public static ConstraintChecks notNullOnly(TableSchema schema) {
    return new ConstraintChecks(schema, List.of());
  }

  public TableSchema schema() {
    return schema;
  }

  /** Whether {@link #check} can fail at all. */
  public boolean isEmpty() {
    return !hasNotNull && checks.isEmpty();
  }

  /**
   * Checks one new row (every column, schema order); throws PostgreSQL's 23502 or 23514. May fill
   * NULL serial values in place (see the class comment); {@code ctx} gives the table for that and
   * the session for evaluating CHECK expressions.
   */
  public void check(Object[] row, ExecContext ctx) {
    check(row, ctx, null);
  }

  /**
   * {@link #check} of a row of UPDATE (or ON CONFLICT's DO UPDATE): every column holds a value,
   * SET DEFAULT having taken a serial column's next value, so a NULL anywhere was given.
   */
  public void checkUpdated(Object[] row, ExecContext ctx) {
    check(row, ctx, ALL_GIVEN);
  }

  /** What {@link #checkUpdated} passes: given, whatever the column. */
  private static final boolean[] ALL_GIVEN = new boolean[0];

  /**
   * {@link #check} of a new row whose columns {@code given} were given by the statement (null:
   * none); a NULL in one of those fails even a serial column's NOT NULL.
   */
  public void check(Object[] row, ExecContext ctx, boolean[] given) {
    List<ColumnSpec> columns = schema.columns();
    if (hasNotNull) {
      for (int c = 0; c < row.length; c++) {
        ColumnSpec spec = columns.get(c);
        if (row[c] == null && spec.notNull() && (!spec.serial() || isGiven(given, c))) {
          fillSerials(row, ctx, given);
          throw new PgException(SqlState.NOT_NULL_VIOLATION,
              "null value in column \"" + spec.name() + "\" of relation \"" + io.s3vector.sql.catalog.SchemaNames.tableOf(schema.name())
                  + "\" violates not-null constraint",
              "Failing row contains " + describe(row) + ".", null, 0, null);
        }
      }
    }
    for (Check check : checks) {
      if (check.readsSerial()) {
        fillSerials(row, ctx, given);
      }
      Object result = check.expr().eval(row, ctx);
      if (Boolean.FALSE.equals(result)) {
        fillSerials(row, ctx, given);
        throw new PgException("23514",
            "new row for relation \"" + io.s3vector.sql.catalog.SchemaNames.tableOf(schema.name()) + "\" violates check constraint \""
                + check.name() + "\"",
            "Failing row contains " + describe(row) + ".", null, 0, null);
      }
    }
  }

  private static boolean isGiven(boolean[] given, int c) {
    return given == ALL_GIVEN || given != null && given[c];
  }

  /** Numbers the row's serial columns the statement gave no value (the others keep their NULL). */
  private void fillSerials(Object[] row, ExecContext ctx, boolean[] given) {
    if (given == ALL_GIVEN) {
      return;
    }
    for (int c = 0; c < row.length; c++) {
      if (row[c] == null && schema.columns().get(c).serial() && !isGiven(given, c)) {
        SerialValues.fill(ctx.table(schema.name()), schema, List.<Object[]>of(row), given, null);
        return;
      }
    }
  }

  /** PostgreSQL's row text of a DETAIL: {@code (1, null, abc)}, long values cut at 64 bytes. */
  public String describe(Object[] row) {
    StringBuilder out = new StringBuilder("(");
    for (int c = 0; c < row.length; c++) {
      if (c > 0) {
        out.append(", ");
      }
      if (row[c] == null) {
        out.append("null");
      } else {
        out.append(clip(types[c].encodeText(row[c])));
      }
    }
    return out.append(')').toString();
  }

  /** The text cut to whole characters within 64 bytes of UTF-8, then "...", when longer. */
  static String clip(String text) {
    return clip(text, MAX_FIELD_BYTES);
  }

  /** The text cut to whole characters within {@code maxBytes} of UTF-8, then "...", when longer. */
  public static String clip(String text, int maxBytes) {
    if (text.length() * 3 <= maxBytes || text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
      return text;
    }
    int bytes = 0;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + n > maxBytes) {
        break;
      }
      bytes += n;
      i += Character.charCount(cp);
    }
    return text.substring(0, i) + "...";
  }

  /** strcmp order: the names' UTF-8 bytes, unsigned. */
  private static int compareBytes(String a, String b) {
    return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
        b.getBytes(StandardCharsets.UTF_8));
  }
}
