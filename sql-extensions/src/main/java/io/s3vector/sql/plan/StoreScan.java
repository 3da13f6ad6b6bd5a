package io.s3vector.sql.plan;

import io.s3vector.storage.table.IndexDefinition;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.type.RelDataType;

/**
 * A full scan of a storage table, in commit order, followed by the session's own uncommitted
 * rows. Only {@link #columns()} are decoded; the other fields of its rows are null.
 */
public final class StoreScan extends AbstractRelNode {
  private final String table;
  private final RelDataType tableRowType;
  private final int[] columns;
  private final List<IndexDefinition> indexes;

  public StoreScan(RelOptCluster cluster, String table, RelDataType rowType, int[] columns,
      List<IndexDefinition> indexes) {
    super(cluster, cluster.traitSetOf(Convention.NONE));
    this.table = table;
    this.tableRowType = rowType;
    this.columns = columns;
    this.indexes = indexes;
  }

  /** The table's HNSW indexes when the statement was planned. */
  public List<IndexDefinition> indexes() {
    return indexes;
  }

  public String table() {
    return table;
  }

  /** Positions of the columns to decode. */
  public int[] columns() {
    return columns;
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
    return super.explainTerms(pw).item("table", table).item("columns", columnNames(tableRowType, columns));
  }

  static List<String> columnNames(RelDataType rowType, int[] columns) {
    List<String> names = new ArrayList<>();
    for (int c : columns) {
      names.add(rowType.getFieldNames().get(c));
    }
    return names;
  }
}
