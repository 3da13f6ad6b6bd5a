package io.s3vector.sql.plan;

import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.type.RelDataType;

/**
 * A recursive WITH query's reference to itself: the rows the previous step of its
 * {@link RecursiveUnion} produced (PostgreSQL's WorkTableScan). {@code table} identifies the
 * union it belongs to.
 */
public final class WorkTableScan extends AbstractRelNode {
  private final Object table;
  private final RelDataType type;

  public WorkTableScan(RelOptCluster cluster, Object table, RelDataType rowType) {
    super(cluster, cluster.traitSetOf(Convention.NONE));
    this.table = table;
    this.type = rowType;
  }

  public Object table() {
    return table;
  }

  @Override
  protected RelDataType deriveRowType() {
    return type;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return this;
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("worktable", System.identityHashCode(table));
  }
}
