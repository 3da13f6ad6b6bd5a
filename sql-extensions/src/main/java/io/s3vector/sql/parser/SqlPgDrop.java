package io.s3vector.sql.parser;

import java.util.List;
import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code DROP TABLE|INDEX [IF EXISTS] name [, ...]}. */
public final class SqlPgDrop extends SqlDrop {
  public static final SqlOperator TABLE = new SqlSpecialOperator("DROP TABLE", SqlKind.DROP_TABLE);
  public static final SqlOperator INDEX = new SqlSpecialOperator("DROP INDEX", SqlKind.DROP_INDEX);

  public final SqlNodeList names;

  public SqlPgDrop(SqlParserPos pos, SqlOperator operator, boolean ifExists, SqlNodeList names) {
    super(operator, pos, ifExists);
    this.names = names;
  }

  public boolean isTable() {
    return getOperator() == TABLE;
  }

  public boolean ifExists() {
    return ifExists;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(names);
  }
}
