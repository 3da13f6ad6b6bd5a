package io.s3vector.sql.parser;

import java.util.Arrays;
import java.util.List;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.parser.SqlParserPos;

/** PostgreSQL's CREATE TABLE with column constraints and a table PRIMARY KEY. */
public final class SqlPgCreateTable extends SqlCreate {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CREATE TABLE", SqlKind.CREATE_TABLE);

  public final SqlIdentifier name;
  /** {@link SqlPgColumn}s in declaration order. */
  public final SqlNodeList columns;
  /** The table's PRIMARY KEY (cols), or null. */
  public final SqlNodeList primaryKey;

  public SqlPgCreateTable(
      SqlParserPos pos,
      boolean ifNotExists,
      SqlIdentifier name,
      SqlNodeList columns,
      SqlNodeList primaryKey) {
    super(OPERATOR, pos, false, ifNotExists);
    this.name = name;
    this.columns = columns;
    this.primaryKey = primaryKey;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return Arrays.asList(name, columns, primaryKey);
  }
}
