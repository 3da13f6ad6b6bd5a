package io.s3vector.storage.table;

import io.s3vector.storage.index.hnsw.HnswParams;
import io.s3vector.storage.vector.DistanceMetric;

/**
 * An HNSW index of a table, as {@code CREATE INDEX name ON table USING hnsw (column opclass) WITH
 * (m = .., ef_construction = ..)} declares it; kept in the manifest with its table. Index names
 * share the schema-wide namespace of relations, as in PostgreSQL.
 *
 * @param name the index name (case-folded by the SQL layer)
 * @param column the indexed vector column
 * @param metric the operator class's distance ({@link DistanceMetric#opclass()})
 * @param m pgvector's {@code m} (default 16)
 * @param efConstruction pgvector's {@code ef_construction} (default 64)
 */
public record IndexDefinition(
    String name, String column, DistanceMetric metric, int m, int efConstruction) {

  public IndexDefinition {
    if (name == null || name.isEmpty() || column == null || metric == null) {
      throw new IllegalArgumentException("an index needs a name, a column and an operator class");
    }
    params(m, efConstruction);
  }

  /** An index with pgvector's default m and ef_construction. */
  public static IndexDefinition of(String name, String column, DistanceMetric metric) {
    return new IndexDefinition(
        name, column, metric, HnswParams.DEFAULT_M, HnswParams.DEFAULT_EF_CONSTRUCTION);
  }

  public HnswParams params() {
    return params(m, efConstruction);
  }

  private static HnswParams params(int m, int efConstruction) {
    try {
      return new HnswParams(m, efConstruction);
    } catch (IllegalArgumentException e) {
      throw new io.s3vector.storage.StorageException(e.getMessage());
    }
  }
}
