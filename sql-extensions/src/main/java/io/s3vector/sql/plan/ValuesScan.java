package io.s3vector.sql.plan;

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
 * {@code VALUES (...), (...)} as a FROM item. Unlike Calcite's Values its cells may be any
 * constant expression, including casts of our types and parameters.
 */
public final class ValuesScan extends AbstractRelNode {
  private final RelDataType valuesRowType;
  private final List<List<RexNode>> tuples;

  public ValuesScan(RelOptCluster cluster, RelDataType rowType, List<List<RexNode>> tuples) {
    super(cluster, cluster.traitSetOf(Convention.NONE));
    this.valuesRowType = rowType;
    this.tuples = tuples;
  }

  public List<List<RexNode>> tuples() {
    return tuples;
  }

  @Override
  protected RelDataType deriveRowType() {
    return valuesRowType;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return this;
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("tuples", tuples);
  }
}
