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
  /** Its {@code GENERATED ... AS IDENTITY}, or null. */
  public final Identity identity;
  /** Where an explicit {@code NULL} was written (it conflicts with an identity), or null. */
  public final SqlParserPos nullPos;

  /**
   * {@code GENERATED ALWAYS | BY DEFAULT AS IDENTITY} at {@code pos}; {@code repeated} is where a
   * second one was written (PostgreSQL refuses it), or null.
   */
  public record Identity(boolean always, SqlParserPos pos, SqlParserPos repeated) {
    public Identity repeatedAt(SqlParserPos at) {
      return repeated != null ? this : new Identity(always, pos, at);
    }
  }

  public SqlPgColumn(
      SqlParserPos pos,
      SqlIdentifier name,
      SqlDataTypeSpec type,
      boolean notNull,
      boolean primaryKey,
      SqlNode defaultValue,
      List<SqlPgConstraint> constraints,
      Identity identity,
      SqlParserPos nullPos) {
    super(pos);
    this.name = name;
    this.type = type;
    this.notNull = notNull;
    this.primaryKey = primaryKey;
    this.defaultValue = defaultValue;
    this.constraints = List.copyOf(constraints);
    this.identity = identity;
    this.nullPos = nullPos;
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
