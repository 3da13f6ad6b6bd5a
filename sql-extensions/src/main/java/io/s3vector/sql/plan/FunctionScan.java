package io.s3vector.sql.plan;

import io.s3vector.sql.functions.SetFunction;
import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;

/**
 * A set-returning function in FROM ({@code generate_series(1, 10)}, {@code unnest($1)}):
 * its rows, plus their 1-based number {@code WITH ORDINALITY}. Its arguments may read an
 * earlier FROM item's row (functions in FROM are implicitly LATERAL).
 */
public final class FunctionScan extends AbstractRelNode {
  private final SetFunction function;
  private final List<RexNode> args;
  private final boolean ordinality;
  private final RelDataType type;

  public FunctionScan(RelOptCluster cluster, SetFunction function, List<RexNode> args,
      boolean ordinality, RelDataType rowType) {
    super(cluster, cluster.traitSetOf(Convention.NONE));
    this.function = function;
    this.args = List.copyOf(args);
    this.ordinality = ordinality;
    this.type = rowType;
  }

  public SetFunction function() {
    return function;
  }

  public List<RexNode> args() {
    return args;
  }

  public boolean ordinality() {
    return ordinality;
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
  public RelNode accept(RexShuttle shuttle) {
    List<RexNode> visited = shuttle.apply(args);
    return visited.equals(args) ? this : new FunctionScan(getCluster(), function, visited, ordinality, type);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("function", function.getName()).item("args", args)
        .itemIf("ordinality", true, ordinality);
  }
}
