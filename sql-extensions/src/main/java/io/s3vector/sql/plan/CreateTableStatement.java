package io.s3vector.sql.plan;

import io.s3vector.sql.PgException;
import io.s3vector.sql.QueryResult;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.session.PgSession;
import io.s3vector.sql.session.PlannedStatement;
import io.s3vector.storage.table.TableExistsException;
import io.s3vector.storage.table.TableSchema;

/** CREATE TABLE: the schema is checked at prepare time; storage creates it on execution. */
public final class CreateTableStatement extends PlannedStatement {
  private final TableSchema schema;
  private final boolean ifNotExists;

  public CreateTableStatement(String sql, TableSchema schema, boolean ifNotExists) {
    super(sql);
    this.schema = schema;
    this.ifNotExists = ifNotExists;
  }

  public TableSchema schema() {
    return schema;
  }

  @Override
  public QueryResult execute(PgSession session, Object[] parameters) {
    try {
      if (!session.database().createTable(schema, ifNotExists)) {
        session.notice(io.s3vector.sql.Notice.notice(SqlState.DUPLICATE_TABLE,
            "relation \"" + io.s3vector.sql.catalog.SchemaNames.tableOf(schema.name()) + "\" already exists, skipping"));
      }
    } catch (TableExistsException e) {
      throw new PgException(SqlState.DUPLICATE_TABLE,
          "relation \"" + io.s3vector.sql.catalog.SchemaNames.tableOf(schema.name()) + "\" already exists");
    }
    return new QueryResult.Command("CREATE TABLE");
  }
}
