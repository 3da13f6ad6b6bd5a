package io.s3vector.sql.plan;

import io.s3vector.storage.table.IndexDefinition;
import io.s3vector.storage.vector.DistanceMetric;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;

/**
 * Approximate nearest-neighbour search through an HNSW index, as pgvector's index scan: the k
 * (+ offset) rows nearest to the query by the index's operator, nearest first, never rows whose
 * vector is NULL (a NULL query vector makes every distance NULL: then k rows as the exact scan
 * gives them). The beam width is the session's {@code hnsw.ef_search} at execution. The WHERE
 * condition is applied during the search (storage widens the search until k rows qualify).
 * Outputs the table's rows. With later sort keys, the rows the search found tied at the k-th
 * distance are chosen by them, and rows tied on a distance are ordered by them (as PostgreSQL's
 * incremental sort over pgvector's index scan); the search is widened until it has found every
 * row it can reach at the k-th distance.
 */
public final class VectorIndexScan extends NearestRowsScan {
  private final IndexDefinition index;
  private final int efSearch;

  /** @param efSearch hnsw.ef_search when planned (shown by EXPLAIN; execution reads it again) */
  public VectorIndexScan(RelOptCluster cluster, String table, RelDataType rowType, int[] columns,
      int vectorColumn, IndexDefinition index, RexNode query, RexNode filter, RexNode fetch,
      RexNode offset, List<LaterKey> laterKeys, int efSearch) {
    super(cluster, table, rowType, columns, vectorColumn, query, filter, fetch, offset, laterKeys);
    this.index = index;
    this.efSearch = efSearch;
  }

  public IndexDefinition index() {
    return index;
  }

  @Override
  public DistanceMetric metric() {
    return index.metric();
  }

  @Override
  protected void explainSource(RelWriter pw) {
    pw.item("index", index.name());
  }

  @Override
  protected void explainSearch(RelWriter pw) {
    pw.item("ef_search", efSearch);
  }
}
