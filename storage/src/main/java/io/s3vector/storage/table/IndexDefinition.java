package io.s3vector.storage.table;

import io.s3vector.storage.index.hnsw.HnswParams;
import io.s3vector.storage.vector.DistanceMetric;
import java.util.List;

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
 * @param options the WITH options as written, as PostgreSQL's {@code pg_class.reloptions} keeps
 *     them ({@code ["m=16"]}; empty without WITH); null for an index kept before they were (its
 *     parameters that differ from the defaults are shown then)
 * @param method the access method it was declared with: null for {@code hnsw}, {@code "ivfflat"}
 *     for pgvector's IVFFlat, which is built and searched as an HNSW graph of pgvector's default
 *     parameters here (so a database with IVFFlat indexes restores; its lists are kept as written)
 */
public record IndexDefinition(
    String name, String column, DistanceMetric metric, int m, int efConstruction,
    List<String> options,
    @com.fasterxml.jackson.annotation.JsonInclude(
        com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String method) {

  /** pgvector's IVFFlat, declared so and built as HNSW ({@link #method}). */
  public static final String IVFFLAT = "ivfflat";

  public IndexDefinition {
    if (name == null || name.isEmpty() || column == null || metric == null) {
      throw new IllegalArgumentException("an index needs a name, a column and an operator class");
    }
    params(m, efConstruction);
    options = options == null ? null : List.copyOf(options);
  }

  /** An HNSW index with its WITH options as written. */
  public IndexDefinition(String name, String column, DistanceMetric metric, int m, int efConstruction,
      List<String> options) {
    this(name, column, metric, m, efConstruction, options, null);
  }

  /** An index whose WITH options are not known (shown as its non-default parameters). */
  public IndexDefinition(String name, String column, DistanceMetric metric, int m, int efConstruction) {
    this(name, column, metric, m, efConstruction, null, null);
  }

  /** Whether it was declared {@code USING ivfflat}. */
  public boolean ivfflat() {
    return IVFFLAT.equals(method);
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
