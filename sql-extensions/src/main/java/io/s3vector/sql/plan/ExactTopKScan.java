package io.s3vector.sql.plan;

import io.s3vector.storage.vector.DistanceMetric;
import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;

/**
 * Exact nearest-neighbour search without an index: streams the table's batches, applies the
 * filter, computes the distance from each row's vector to the query vector with the distance
 * kernels on the batch's flat float[], and keeps the best {@code offset + k} rows in a bounded
 * heap ordered by (distance, row number). Outputs those rows (table row type) in order, after
 * skipping {@code offset}; rows whose vector is NULL come last, as ORDER BY ... NULLS LAST.
 */
public final class ExactTopKScan extends AbstractRelNode {
  private final String table;
  private final RelDataType tableRowType;
  private final int[] columns;
  private final int vectorColumn;
  private final DistanceMetric metric;
  private final RexNode query;
  private final RexNode filter;
  private final RexNode fetch;
  private final RexNode offset;

  public ExactTopKScan(RelOptCluster cluster, String table, RelDataType rowType, int[] columns,
      int vectorColumn, DistanceMetric metric, RexNode query, RexNode filter, RexNode fetch,
      RexNode offset) {
    super(cluster, cluster.traitSetOf(Convention.NONE));
    this.table = table;
    this.tableRowType = rowType;
    this.columns = columns;
    this.vectorColumn = vectorColumn;
    this.metric = metric;
    this.query = query;
    this.filter = filter;
    this.fetch = fetch;
    this.offset = offset;
  }

  public String table() {
    return table;
  }

  public int[] columns() {
    return columns;
  }

  public int vectorColumn() {
    return vectorColumn;
  }

  public DistanceMetric metric() {
    return metric;
  }

  /** The query vector: a constant or a parameter. */
  public RexNode query() {
    return query;
  }

  /** The WHERE condition over the table's row, or null. */
  public RexNode filter() {
    return filter;
  }

  /** k: a literal or a parameter. */
  public RexNode fetch() {
    return fetch;
  }

  /** OFFSET, or null. */
  public RexNode offset() {
    return offset;
  }

  @Override
  protected RelDataType deriveRowType() {
    return tableRowType;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return this;
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .item("table", table)
        .item("columns", StoreScan.columnNames(tableRowType, columns))
        .item("vector", tableRowType.getFieldNames().get(vectorColumn))
        .item("metric", metric.operator())
        .item("query", query)
        .itemIf("filter", filter, filter != null)
        .item("k", fetch)
        .itemIf("offset", offset, offset != null);
  }
}
