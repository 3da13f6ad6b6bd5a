package io.s3vector.sql.plan;

import io.s3vector.storage.vector.DistanceMetric;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;

/**
 * Exact nearest-neighbour search without an index: streams the table's batches, applies the
 * filter, computes the distance from each row's vector to the query vector with the distance
 * kernels on the batch's flat float[], and keeps the best {@code offset + k} rows in a bounded
 * heap ordered by (distance, later keys, row number); the later keys are evaluated only for rows
 * tied on the distance. Outputs those rows (table row type) in order, after skipping {@code
 * offset}; rows whose vector is NULL (a NULL distance) come last, as ORDER BY ... NULLS LAST, or
 * first with NULLS FIRST, ordered among themselves by the later keys.
 */
public final class ExactTopKScan extends NearestRowsScan {
  private final DistanceMetric metric;
  private final boolean nullsFirst;

  public ExactTopKScan(RelOptCluster cluster, String table, RelDataType rowType, int[] columns,
      int vectorColumn, DistanceMetric metric, RexNode query, RexNode filter, RexNode fetch,
      RexNode offset, List<LaterKey> laterKeys, boolean nullsFirst) {
    super(cluster, table, rowType, columns, vectorColumn, query, filter, fetch, offset, laterKeys);
    this.metric = metric;
    this.nullsFirst = nullsFirst;
  }

  /** ORDER BY distance NULLS FIRST: rows with a NULL vector before the others. */
  public boolean nullsFirst() {
    return nullsFirst;
  }

  @Override
  protected void explainSearch(org.apache.calcite.rel.RelWriter pw) {
    pw.itemIf("nulls", "FIRST", nullsFirst);
  }

  @Override
  public DistanceMetric metric() {
    return metric;
  }
}
