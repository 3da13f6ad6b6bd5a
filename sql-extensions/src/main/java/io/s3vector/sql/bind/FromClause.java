package io.s3vector.sql.bind;

import io.s3vector.sql.plan.CatalogScan;
import io.s3vector.sql.plan.StoreScan;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalCorrelate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * A bound FROM clause: the tree of its relations and joins. The plan is built only after the rest
 * of the query is bound ({@link #build}), when each stored table knows which columns it must
 * decode.
 */
sealed interface FromClause {
  /** Where this subtree's columns start in the row of the whole FROM clause. */
  int start();

  int width();

  RelNode build(BindContext ctx);

  /** One relation. */
  record Leaf(FromItem item) implements FromClause {
    @Override
    public int start() {
      return item.offset;
    }

    @Override
    public int width() {
      return item.width();
    }

    @Override
    public RelNode build(BindContext ctx) {
      if (item.derived != null) {
        return item.derived;
      }
      if (item.catalogRows != null) {
        return new CatalogScan(ctx.cluster, item.table, item.rowType, item.catalogRows);
      }
      List<io.s3vector.storage.table.IndexDefinition> indexes = ctx.database().table(item.table)
          .map(t -> t.snapshot().indexes()).orElse(List.of());
      return new StoreScan(ctx.cluster, item.table, item.rowType, item.used.stream().toArray(), indexes);
    }
  }

  /**
   * Two subtrees side by side. {@code condition} (null: true) is over this subtree's row; a
   * subquery in it reads that row through {@code conditionScope}'s correlation variable. A
   * LATERAL right side reads the left row through {@code lateral}.
   */
  record Join(FromClause left, FromClause right, JoinRelType type, RexNode condition,
      Scope conditionScope, Scope lateral) implements FromClause {
    @Override
    public int start() {
      return left.start();
    }

    @Override
    public int width() {
      return left.width() + right.width();
    }

    @Override
    public RelNode build(BindContext ctx) {
      RelNode l = left.build(ctx);
      RelNode r = right.build(ctx);
      RexNode on = condition == null ? ctx.rex.makeLiteral(true) : condition;
      CorrelationId onVariable = conditionScope == null ? null : conditionScope.correlation();
      Set<CorrelationId> variables = onVariable == null ? Set.of() : Set.of(onVariable);
      CorrelationId lateralVariable = lateral == null ? null : lateral.correlation();
      if (lateralVariable != null) {
        RelNode correlate = LogicalCorrelate.create(l, r, List.of(), lateralVariable,
            ImmutableBitSet.range(left.width()), type);
        return condition == null ? correlate
            : LogicalFilter.create(correlate, on, com.google.common.collect.ImmutableSet.copyOf(variables));
      }
      return LogicalJoin.create(l, r, List.of(), on, variables, type);
    }
  }
}
