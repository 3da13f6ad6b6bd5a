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

/** {@code CREATE INDEX ... ON t USING hnsw (col opclass) WITH (m = 16, ef_construction = 64)}. */
public final class SqlPgCreateIndex extends SqlCreate {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CREATE INDEX", SqlKind.CREATE_INDEX);

  /** The index name, or null when PostgreSQL would choose one. */
  public final SqlIdentifier name;
  public final SqlIdentifier table;
  /** The access method ({@code hnsw}), or null for PostgreSQL's default (btree). */
  public final SqlIdentifier method;
  public final SqlIdentifier column;
  /** The operator class, or null. */
  public final SqlIdentifier opclass;
  /** WITH parameters as alternating name identifiers and literal values. */
  public final SqlNodeList params;

  public SqlPgCreateIndex(
      SqlParserPos pos,
      boolean ifNotExists,
      SqlIdentifier name,
      SqlIdentifier table,
      SqlIdentifier method,
      SqlIdentifier column,
      SqlIdentifier opclass,
      SqlNodeList params) {
    super(OPERATOR, pos, false, ifNotExists);
    this.name = name;
    this.table = table;
    this.method = method;
    this.column = column;
    this.opclass = opclass;
    this.params = params;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return Arrays.asList(name, table, method, column, opclass, params);
  }
}
