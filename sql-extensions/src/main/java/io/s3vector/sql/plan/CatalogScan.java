package io.s3vector.sql.plan;

import io.s3vector.sql.catalog.CatalogRows;
import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.type.RelDataType;

/** A scan of a virtual catalog table (pg_catalog, s3vector_stat_io). */
public final class CatalogScan extends AbstractRelNode {
  private final String table;
  private final RelDataType tableRowType;
  private final CatalogRows rows;

  public CatalogScan(RelOptCluster cluster, String table, RelDataType rowType, CatalogRows rows) {
    super(cluster, cluster.traitSetOf(Convention.NONE));
    this.table = table;
    this.tableRowType = rowType;
    this.rows = rows;
  }

  /** The table's rows, made when the scan runs. */
  public CatalogRows rows() {
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
