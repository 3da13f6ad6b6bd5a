package io.s3vector.sql.plan;

import io.s3vector.storage.vector.DistanceMetric;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;

/**
 * Exact nearest-neighbour search without an index: streams the table's batches, applies the
 * filter, computes the distance from each row's vector to the query vector with the distance
 * kernels on the batch's flat float[], and keeps the best {@code offset + k} rows in a bounded
 * heap ordered by (distance, row number). Outputs those rows (table row type) in order, after
 * skipping {@code offset}; rows whose vector is NULL come last, as ORDER BY ... NULLS LAST.
 */
public final class ExactTopKScan extends NearestRowsScan {
  private final DistanceMetric metric;

  public ExactTopKScan(RelOptCluster cluster, String table, RelDataType rowType, int[] columns,
      int vectorColumn, DistanceMetric metric, RexNode query, RexNode filter, RexNode fetch,
      RexNode offset) {
    super(cluster, table, rowType, columns, vectorColumn, query, filter, fetch, offset);
    this.metric = metric;
  }

  @Override
  public DistanceMetric metric() {
    return metric;
  }
}
