package io.s3vector.sql.plan;

import io.s3vector.sql.functions.SetFunction;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;

/**
 * Set-returning functions in a select list (PostgreSQL's ProjectSet): each input row followed by
 * one column per function call; the calls run in lockstep, the row repeats until the longest
 * is done, and a call that ran out gives NULL. An input row for which every call is empty
 * gives no row.
 */
public final class ProjectSet extends SingleRel {
  private final List<RexCall> calls;

  public ProjectSet(RelOptCluster cluster, RelNode input, List<RexCall> calls) {
    super(cluster, input.getTraitSet(), input);
    this.calls = List.copyOf(calls);
  }

  public List<RexCall> calls() {
    return calls;
  }

  public static SetFunction function(RexCall call) {
    return (SetFunction) call.getOperator();
  }

  @Override
  protected RelDataType deriveRowType() {
    RelDataTypeFactory.Builder b = getCluster().getTypeFactory().builder();
    b.addAll(input.getRowType().getFieldList());
    for (int i = 0; i < calls.size(); i++) {
      b.add("$srf" + i, calls.get(i).getType());
    }
    return b.uniquify().build();
  }

  @Override
  public RelNode copy(org.apache.calcite.plan.RelTraitSet traitSet, List<RelNode> inputs) {
    return new ProjectSet(getCluster(), inputs.get(0), calls);
  }

  @Override
  public RelNode accept(RexShuttle shuttle) {
    List<RexCall> visited = new java.util.ArrayList<>();
    for (RexCall c : calls) {
      visited.add((RexCall) c.accept(shuttle));
    }
    return visited.equals(calls) ? this : new ProjectSet(getCluster(), input, visited);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("calls", calls);
  }
}
