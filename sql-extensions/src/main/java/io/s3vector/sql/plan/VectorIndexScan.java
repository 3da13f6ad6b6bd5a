package io.s3vector.sql.plan;

import io.s3vector.storage.table.IndexDefinition;
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
 * Approximate nearest-neighbour search through an HNSW index, as pgvector's index scan: the k
 * (+ offset) rows nearest to the query by the index's operator, nearest first, never rows whose
 * vector is NULL. The beam width is the session's {@code hnsw.ef_search} at execution. The WHERE
 * condition is applied during the search (storage widens the search until k rows qualify).
 * Outputs the table's rows.
 */
public final class VectorIndexScan extends AbstractRelNode {
  private final String table;
  private final RelDataType tableRowType;
  private final int[] columns;
  private final int vectorColumn;
  private final IndexDefinition index;
  private final RexNode query;
  private final RexNode filter;
  private final RexNode fetch;
  private final RexNode offset;
  private final int efSearch;

  /** @param efSearch hnsw.ef_search when planned (shown by EXPLAIN; execution reads it again) */
  public VectorIndexScan(RelOptCluster cluster, String table, RelDataType rowType, int[] columns,
      int vectorColumn, IndexDefinition index, RexNode query, RexNode filter, RexNode fetch,
      RexNode offset, int efSearch) {
    super(cluster, cluster.traitSetOf(Convention.NONE));
    this.table = table;
    this.tableRowType = rowType;
    this.columns = columns;
    this.vectorColumn = vectorColumn;
    this.index = index;
    this.query = query;
    this.filter = filter;
    this.fetch = fetch;
    this.offset = offset;
    this.efSearch = efSearch;
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

  public IndexDefinition index() {
    return index;
  }

  public RexNode query() {
    return query;
  }

  public RexNode filter() {
    return filter;
  }

  public RexNode fetch() {
    return fetch;
  }

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
        .item("index", index.name())
        .item("columns", StoreScan.columnNames(tableRowType, columns))
        .item("vector", index.column())
        .item("metric", index.metric().operator())
        .item("query", query)
        .itemIf("filter", filter, filter != null)
        .item("k", fetch)
        .itemIf("offset", offset, offset != null)
        .item("ef_search", efSearch);
  }
}
