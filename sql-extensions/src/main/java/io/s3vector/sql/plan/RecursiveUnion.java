package io.s3vector.sql.plan;

import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.BiRel;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.type.RelDataType;

/**
 * {@code WITH RECURSIVE}: the seed's rows, then the recursive term's rows run again and again
 * over the rows of the step before ({@link WorkTableScan}s of {@code table}) until a step adds
 * none; UNION (not ALL) drops rows seen before, as PostgreSQL's RecursiveUnion does.
 */
public final class RecursiveUnion extends BiRel {
  private final Object table;
  private final boolean all;

  public RecursiveUnion(RelOptCluster cluster, RelNode seed, RelNode recursive, Object table, boolean all) {
    super(cluster, cluster.traitSetOf(Convention.NONE), seed, recursive);
    this.table = table;
    this.all = all;
  }

  public Object table() {
    return table;
  }

  public boolean all() {
    return all;
  }

  @Override
  protected RelDataType deriveRowType() {
    return left.getRowType();
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new RecursiveUnion(getCluster(), inputs.get(0), inputs.get(1), table, all);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("all", all);
  }
}
