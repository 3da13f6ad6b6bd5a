package io.s3vector.sql.parser;

import java.util.Arrays;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * One column definition of CREATE TABLE: name, type, NOT NULL, DEFAULT and its other column
 * constraints ({@code primaryKey} is true when one of them is PRIMARY KEY).
 */
public final class SqlPgColumn extends SqlCall {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("COLUMN_DECL", SqlKind.COLUMN_DECL);

  public final SqlIdentifier name;
  public final SqlDataTypeSpec type;
  public final boolean notNull;
  public final boolean primaryKey;
  /** The DEFAULT expression, or null. */
  public final SqlNode defaultValue;
  /** Its PRIMARY KEY, UNIQUE, CHECK and REFERENCES constraints, in the order written. */
  public final List<SqlPgConstraint> constraints;

  public SqlPgColumn(
      SqlParserPos pos,
      SqlIdentifier name,
      SqlDataTypeSpec type,
      boolean notNull,
      boolean primaryKey,
      SqlNode defaultValue,
      List<SqlPgConstraint> constraints) {
    super(pos);
    this.name = name;
    this.type = type;
    this.notNull = notNull;
    this.primaryKey = primaryKey;
    this.defaultValue = defaultValue;
    this.constraints = List.copyOf(constraints);
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return Arrays.asList(name, type, defaultValue);
  }
}
