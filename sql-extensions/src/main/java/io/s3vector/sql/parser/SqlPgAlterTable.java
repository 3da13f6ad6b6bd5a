package io.s3vector.sql.parser;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code ALTER TABLE [IF EXISTS] [ONLY] t action [, ...]} with the actions the grammar takes:
 * {@code ADD [COLUMN] [IF NOT EXISTS] column_definition}, {@code ADD table_constraint} (refused
 * when bound), {@code DROP [COLUMN] [IF EXISTS] column [RESTRICT | CASCADE]} and {@code ALTER
 * [COLUMN] column SET | DROP NOT NULL | SET DEFAULT expr | DROP DEFAULT}. The other
 * actions are refused by name before parsing ({@code plan.AlterTableStatement}).
 */
public final class SqlPgAlterTable extends SqlCall {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("ALTER TABLE", SqlKind.ALTER_TABLE);

  /** One action of the statement. */
  public sealed interface Action permits AddColumn, AddConstraint, DropColumn, AlterColumn {}

  /** What {@code ALTER [COLUMN] c ...} changes. */
  public enum Change { SET_NOT_NULL, DROP_NOT_NULL, SET_DEFAULT, DROP_DEFAULT, TYPE }

  /**
   * {@code ALTER [COLUMN] c SET | DROP NOT NULL} and {@code ALTER [COLUMN] c SET DEFAULT expr |
   * DROP DEFAULT} and {@code ALTER [COLUMN] c [SET DATA] TYPE type}; {@code value} is the SET
   * DEFAULT expression or the new type's {@code SqlDataTypeSpec}, else null.
   */
  public record AlterColumn(SqlIdentifier name, Change change, SqlNode value) implements Action {}

  /** {@code ADD [COLUMN] [IF NOT EXISTS] column_definition}. */
  public record AddColumn(SqlPgColumn column, boolean ifNotExists) implements Action {}

  /** {@code ADD [CONSTRAINT name] table_constraint}. */
  public record AddConstraint(SqlPgConstraint constraint) implements Action {}

  /** {@code DROP [COLUMN] [IF EXISTS] column [RESTRICT | CASCADE]}. */
  public record DropColumn(SqlIdentifier name, boolean ifExists, boolean cascade) implements Action {}

  public final boolean ifExists;
  public final SqlIdentifier table;
  public final List<Action> actions;

  public SqlPgAlterTable(SqlParserPos pos, boolean ifExists, SqlIdentifier table, List<Action> actions) {
    super(pos);
    this.ifExists = ifExists;
    this.table = table;
    this.actions = List.copyOf(actions);
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(table);
  }
}
