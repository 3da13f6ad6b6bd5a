package io.s3vector.sql.plan;

import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.type.RelDataType;

/** A scan of an in-memory pg_catalog table. */
public final class CatalogScan extends AbstractRelNode {
  private final String table;
  private final RelDataType tableRowType;
  private final List<Object[]> rows;

  public CatalogScan(RelOptCluster cluster, String table, RelDataType rowType, List<Object[]> rows) {
    super(cluster, cluster.traitSetOf(Convention.NONE));
    this.table = table;
    this.tableRowType = rowType;
    this.rows = rows;
  }

  public List<Object[]> rows() {
    return rows;
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
    return super.explainTerms(pw).item("table", "pg_catalog." + table);
  }
}
