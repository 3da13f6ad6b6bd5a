package io.s3vector.sql.parser;

import java.util.Arrays;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * One constraint of CREATE TABLE, as a column constraint ({@code columns} null: the column it is
 * declared on) or a table constraint: {@code [CONSTRAINT name] PRIMARY KEY | UNIQUE | CHECK (expr)
 * | [FOREIGN KEY (cols)] REFERENCES t [(cols)] [MATCH ...] [ON DELETE action] [ON UPDATE action]}.
 */
public final class SqlPgConstraint extends SqlCall {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CONSTRAINT", SqlKind.OTHER_DDL);

  public enum Kind { PRIMARY_KEY, UNIQUE, CHECK, FOREIGN_KEY }

  /** The name after CONSTRAINT, or null. */
  public final SqlIdentifier name;
  public final Kind kind;
  /** The key or referencing columns of a table constraint; null for a column constraint. */
  public final SqlNodeList columns;
  /** A CHECK's expression, else null. */
  public final SqlNode check;
  public final SqlIdentifier refTable;
  /** The referenced columns, or null when not given (the referenced table's primary key). */
  public final SqlNodeList refColumns;
  /** "NO ACTION", "RESTRICT", "CASCADE", "SET NULL", "SET DEFAULT", or null when not given. */
  public final String onDelete;
  public final String onUpdate;
  /** "FULL", "SIMPLE", "PARTIAL", or null. */
  public final String match;

  public SqlPgConstraint(SqlParserPos pos, SqlIdentifier name, Kind kind, SqlNodeList columns,
      SqlNode check, SqlIdentifier refTable, SqlNodeList refColumns, String onDelete,
      String onUpdate, String match) {
    super(pos);
    this.name = name;
    this.kind = kind;
    this.columns = columns;
    this.check = check;
    this.refTable = refTable;
    this.refColumns = refColumns;
    this.onDelete = onDelete;
    this.onUpdate = onUpdate;
    this.match = match;
  }

  /** The same constraint with a name (CONSTRAINT name before it). */
  public SqlPgConstraint named(SqlIdentifier newName) {
    return new SqlPgConstraint(getParserPosition(), newName, kind, columns, check, refTable,
        refColumns, onDelete, onUpdate, match);
  }

  /** The same constraint with its referential actions and match type. */
  public SqlPgConstraint withReferences(SqlIdentifier table, SqlNodeList cols, String[] actions) {
    return new SqlPgConstraint(getParserPosition(), name, kind, columns, check, table, cols,
        actions[0], actions[1], actions[2]);
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return Arrays.asList(name, columns, check, refTable, refColumns);
  }
}
