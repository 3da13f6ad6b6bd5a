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

/** PostgreSQL's CREATE TABLE with column and table constraints. */
public final class SqlPgCreateTable extends SqlCreate {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CREATE TABLE", SqlKind.CREATE_TABLE);

  public final SqlIdentifier name;
  /** {@link SqlPgColumn}s in declaration order. */
  public final SqlNodeList columns;
  /** The table's PRIMARY KEY (cols), or null. */
  public final SqlNodeList primaryKey;
  /** Table constraints ({@link SqlPgConstraint}) in declaration order, the PRIMARY KEY among them. */
  public final SqlNodeList constraints;

  public SqlPgCreateTable(
      SqlParserPos pos,
      boolean ifNotExists,
      SqlIdentifier name,
      SqlNodeList columns,
      SqlNodeList constraints) {
    super(OPERATOR, pos, false, ifNotExists);
    this.name = name;
    this.columns = columns;
    this.constraints = constraints;
    SqlNodeList pk = null;
    for (SqlNode c : constraints) {
      if (pk == null && ((SqlPgConstraint) c).kind == SqlPgConstraint.Kind.PRIMARY_KEY) {
        pk = ((SqlPgConstraint) c).columns;
      }
    }
    this.primaryKey = pk;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return Arrays.asList(name, columns, constraints);
  }
}
