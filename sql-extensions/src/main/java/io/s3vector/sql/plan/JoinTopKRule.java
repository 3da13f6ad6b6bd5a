package io.s3vector.sql.plan;

import com.google.common.collect.ImmutableList;
import io.s3vector.sql.bind.PgRelTypes;
import io.s3vector.sql.functions.Operators;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * A vector ORDER BY above a join: {@code Sort(fetch k, distance of a left column, later keys of
 * left columns) / Project / Join(left = [Filter] StoreScan, right)} first takes the left's k +
 * nearest rows that can join, then joins only those (with OFFSET the plan stays as it was). Exact for an equi-join: every left
 * row of a LEFT join appears in the result, and for an INNER join the left rows that appear are
 * exactly those whose keys are among the right side's ({@code (keys) IN (SELECT keys FROM
 * right)}, added to the left's filter); each such row gives at least one joined row, so the k
 * nearest joined rows come from the k + offset nearest such left rows. {@link ExactTopKRule} then
 * turns the left's new Sort into a top-k or index scan.
 */
public final class JoinTopKRule extends RelRule<RuleConfig> {

  public static final JoinTopKRule INSTANCE = new JoinTopKRule(RuleConfig.of("JoinTopKRule",
      b0 -> b0.operand(LogicalSort.class).oneInput(b1 -> b1.operand(LogicalProject.class)
            .oneInput(b2 -> b2.operand(LogicalJoin.class).anyInputs())),
      config -> new JoinTopKRule(config)));

  private JoinTopKRule(RuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalSort sort = call.rel(0);
    LogicalProject project = call.rel(1);
    LogicalJoin join = call.rel(2);
    if (sort.fetch == null || sort.offset != null || sort.getCollation().getFieldCollations().isEmpty()
        || (join.getJoinType() != JoinRelType.INNER && join.getJoinType() != JoinRelType.LEFT)
        || !join.getVariablesSet().isEmpty()) {
      return;
    }
    RelNode left = join.getLeft().stripped();
    RelNode scan = left instanceof Filter f ? f.getInput().stripped() : left;
    if (!(scan instanceof StoreScan)) {
      return;
    }
    int leftWidth = join.getLeft().getRowType().getFieldCount();
    // Every sort key must be computed from the left row alone; the first must be a distance.
    List<RexNode> keys = new ArrayList<>();
    for (RelFieldCollation c : sort.getCollation().getFieldCollations()) {
      RexNode key = project.getProjects().get(c.getFieldIndex());
      ImmutableBitSet refs = org.apache.calcite.plan.RelOptUtil.InputFinder.bits(key);
      if (!refs.isEmpty() && refs.nth(refs.cardinality() - 1) >= leftWidth) {
        return;
      }
      if (RexUtil.containsCorrelation(key) || containsSubQuery(key)) {
        return;
      }
      keys.add(key);
    }
    if (!(keys.get(0) instanceof RexCall distance) || Operators.metricOf(distance.getOperator()) == null
        || !PgRelTypes.isVector(distance.getOperands().get(0).getType())) {
      return;
    }
    JoinKeys info = JoinKeys.of(join);
    if (!info.isEqui()) {
      return;
    }
    RexBuilder rex = join.getCluster().getRexBuilder();
    RelNode newLeft = join.getLeft();
    if (join.getJoinType() == JoinRelType.INNER) {
      // keep the left rows that have a partner: (left keys) IN (SELECT right keys FROM right)
      List<RexNode> rightKeys = new ArrayList<>();
      List<String> names = new ArrayList<>();
      List<RexNode> leftKeys = new ArrayList<>();
      for (int i = 0; i < info.leftKeys().length; i++) {
        rightKeys.add(rex.makeInputRef(join.getRight(), info.rightKeys()[i]));
        names.add("$k" + i);
        leftKeys.add(rex.makeInputRef(join.getLeft(), info.leftKeys()[i]));
      }
      RelNode partners = LogicalProject.create(join.getRight(), List.of(), rightKeys, names, java.util.Set.of());
      RexNode semi = RexSubQuery.in(partners, ImmutableList.copyOf(leftKeys));
      if (left instanceof Filter f) {
        newLeft = LogicalFilter.create(f.getInput(),
            RexUtil.composeConjunction(rex, List.of(f.getCondition(), semi)));
      } else {
        newLeft = LogicalFilter.create(newLeft, semi);
      }
    }
    // left's fields plus the sort keys, the k + offset first rows, then left's fields again
    List<RexNode> exprs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < leftWidth; i++) {
      exprs.add(rex.makeInputRef(newLeft, i));
      names.add("$l" + i);
    }
    List<RelFieldCollation> collations = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      RelFieldCollation c = sort.getCollation().getFieldCollations().get(i);
      collations.add(c.withFieldIndex(exprs.size()));
      exprs.add(keys.get(i));
      names.add("$key" + i);
    }
    RelNode nearest = LogicalSort.create(
        LogicalProject.create(newLeft, List.of(), exprs, names, java.util.Set.of()),
        RelCollations.of(collations), null, sort.fetch);
    List<RexNode> back = new ArrayList<>();
    for (int i = 0; i < leftWidth; i++) {
      back.add(rex.makeInputRef(nearest, i));
    }
    RelNode leftRows = LogicalProject.create(nearest, List.of(), back,
        join.getLeft().getRowType().getFieldNames(), java.util.Set.of());
    RelNode newJoin = join.copy(join.getTraitSet(), join.getCondition(), leftRows, join.getRight(),
        join.getJoinType(), join.isSemiJoinDone());
    RelNode newProject = project.copy(project.getTraitSet(), newJoin, project.getProjects(), project.getRowType());
    call.transformTo(sort.copy(sort.getTraitSet(), newProject, sort.getCollation(), sort.offset, sort.fetch));
  }

  private static boolean containsSubQuery(RexNode e) {
    return RexUtil.SubQueryFinder.find(List.of(e)) != null;
  }
}
