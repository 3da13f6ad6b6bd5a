package io.s3vector.sql.session;

import io.s3vector.storage.table.IndexDefinition;
import io.s3vector.storage.table.Table;
import io.s3vector.storage.table.TableSchema;
import java.util.List;

/**
 * What a plan assumed about a table: its schema (column positions and types) and its HNSW indexes
 * (whether ORDER BY distance LIMIT k can use one). When either changes, the plan is made again.
 */
public record TableVersion(TableSchema schema, List<IndexDefinition> indexes) {

  public static TableVersion of(Table table) {
    return new TableVersion(table.schema(), table.snapshot().indexes());
  }
}
