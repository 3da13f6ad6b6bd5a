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
 * What both ways of answering {@code ORDER BY distance [, later keys] LIMIT k} share: the table and
 * the columns read, the vector column, the query vector (a constant or a parameter), the WHERE
 * condition, k, OFFSET and the later sort keys. Outputs the table's rows in the order of the
 * whole ORDER BY (nearest first; rows tied on the distance by the later keys, which also choose
 * among the rows tied at the k-th distance). {@link ExactTopKScan} scans, {@link VectorIndexScan}
 * walks an HNSW index.
 */
public abstract class NearestRowsScan extends AbstractRelNode {
  private final String table;
  private final RelDataType tableRowType;
  private final int[] columns;
  private final int vectorColumn;
  private final RexNode query;
  private final RexNode filter;
  private final RexNode fetch;
  private final RexNode offset;
  private final List<LaterKey> laterKeys;

  protected NearestRowsScan(RelOptCluster cluster, String table, RelDataType rowType, int[] columns,
      int vectorColumn, RexNode query, RexNode filter, RexNode fetch, RexNode offset,
      List<LaterKey> laterKeys) {
    super(cluster, cluster.traitSetOf(Convention.NONE));
    this.table = table;
    this.tableRowType = rowType;
    this.columns = columns;
    this.vectorColumn = vectorColumn;
    this.query = query;
    this.filter = filter;
    this.fetch = fetch;
    this.offset = offset;
    this.laterKeys = List.copyOf(laterKeys);
  }

  public String table() {
    return table;
  }

  /** The table columns read (positions in the table's row type). */
  public int[] columns() {
    return columns;
  }

  public int vectorColumn() {
    return vectorColumn;
  }

  /** The distance the rows are ordered by. */
  public abstract DistanceMetric metric();

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

  /** The ORDER BY keys after the distance, over the table's row (empty: none). */
  public List<LaterKey> laterKeys() {
    return laterKeys;
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
    RelWriter w = super.explainTerms(pw).item("table", table);
    explainSource(w);
    w.item("columns", StoreScan.columnNames(tableRowType, columns))
        .item("vector", tableRowType.getFieldNames().get(vectorColumn))
        .item("metric", metric().operator())
        .item("query", query)
        .itemIf("filter", filter, filter != null)
        .item("k", fetch)
        .itemIf("offset", offset, offset != null)
        .itemIf("then", laterKeys, !laterKeys.isEmpty());
    explainSearch(w);
    return w;
  }

  /** EXPLAIN items naming where the rows come from (e.g. the index), after the table. */
  protected void explainSource(RelWriter pw) {}

  /** EXPLAIN items of the search itself (e.g. ef_search), last. */
  protected void explainSearch(RelWriter pw) {}
}
