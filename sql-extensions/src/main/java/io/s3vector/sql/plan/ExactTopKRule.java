package io.s3vector.sql.plan;

import io.s3vector.sql.bind.PgRelTypes;
import io.s3vector.sql.functions.Operators;
import io.s3vector.storage.table.IndexDefinition;
import io.s3vector.storage.vector.DistanceMetric;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

/**
 * {@code Sort(fetch = k, key = distance(vector column, constant or $n) ASC)} over a Project over
 * an optional Filter over a {@link StoreScan} becomes the Project over an {@link ExactTopKScan}:
 * a bounded heap instead of a full sort, and the projection evaluated only for the k winners.
 * When the table has an HNSW index on that column with the operator's opclass, the scan is a
 * {@link VectorIndexScan} instead (approximate, as pgvector's index scan), unless NULLS FIRST.
 * Later sort keys go into the scan, which orders the rows tied on the distance by them (and so
 * chooses among those tied at the k-th); OFFSET too (the scan keeps offset + k rows).
 */
public final class ExactTopKRule extends RelRule<RuleConfig> {

  public static final ExactTopKRule INSTANCE = new ExactTopKRule(RuleConfig.of("ExactTopKRule",
      b0 -> b0.operand(LogicalSort.class)
            .oneInput(b1 -> b1.operand(LogicalProject.class).anyInputs()),
      config -> new ExactTopKRule(config)));

  private ExactTopKRule(RuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalSort sort = call.rel(0);
    LogicalProject project = call.rel(1);
    if (sort.fetch == null || sort.getCollation().getFieldCollations().isEmpty()) {
      return;
    }
    RelFieldCollation key = sort.getCollation().getFieldCollations().get(0);
    if (key.direction != RelFieldCollation.Direction.ASCENDING) {
      return;
    }
    // ASC NULLS FIRST: NULL distances first; pgvector's index cannot give that order (PostgreSQL
    // then sorts a sequential scan), so only the exact scan takes it.
    boolean nullsFirst = key.nullDirection == RelFieldCollation.NullDirection.FIRST;
    if (!(project.getProjects().get(key.getFieldIndex()) instanceof RexCall distance)) {
      return;
    }
    DistanceMetric metric = Operators.metricOf(distance.getOperator());
    if (metric == null) {
      return;
    }
    RelNode input = project.getInput().stripped();
    RexNode condition = null;
    if (input instanceof Filter filter) {
      if (!filter.getVariablesSet().isEmpty()) {
        return; // a correlated subquery reads each row through the Filter: keep it
      }
      condition = filter.getCondition();
      input = filter.getInput().stripped();
    }
    if (!(input instanceof StoreScan scan)) {
      return;
    }
    RexNode a = distance.getOperands().get(0);
    RexNode b = distance.getOperands().get(1);
    RexInputRef column;
    RexNode query;
    if (a instanceof RexInputRef ref && isQuery(b)) {
      column = ref;
      query = b;
    } else if (b instanceof RexInputRef ref && isQuery(a)) {
      column = ref;
      query = a;
    } else {
      return;
    }
    if (!PgRelTypes.isVector(column.getType())) {
      return;
    }
    // ORDER BY distance, later keys: the keys as expressions over the table's row; the scan
    // orders the rows tied on the distance by them (and so chooses among those tied at the k-th).
    // A key equal to the distance is redundant (PostgreSQL drops it from the sort too).
    List<LaterKey> laterKeys = new ArrayList<>();
    List<RelFieldCollation> keys = sort.getCollation().getFieldCollations();
    for (RelFieldCollation later : keys.subList(1, keys.size())) {
      boolean descending = later.direction == RelFieldCollation.Direction.DESCENDING;
      if (!descending && later.direction != RelFieldCollation.Direction.ASCENDING) {
        return;
      }
      RexNode expr = project.getProjects().get(later.getFieldIndex());
      if (expr.equals(distance)) {
        continue;
      }
      boolean laterNullsFirst = later.nullDirection == RelFieldCollation.NullDirection.UNSPECIFIED
          ? descending : later.nullDirection == RelFieldCollation.NullDirection.FIRST;
      laterKeys.add(new LaterKey(expr, descending, laterNullsFirst));
    }
    String columnName = scan.getRowType().getFieldNames().get(column.getIndex());
    RelNode topK = null;
    // NULLS FIRST: no index gives that order, as in PostgreSQL. Later keys do take the index here
    // (its candidates ordered by the whole ORDER BY), where PostgreSQL would not: it orders by an
    // index only when every ORDER BY key is one of its ordering operators (indxpath.c,
    // match_pathkeys_to_index) and otherwise sorts a sequential scan, exactly. Requiring
    // laterKeys.isEmpty() here too would give PostgreSQL's plan (and its exact answer).
    for (IndexDefinition index : nullsFirst ? List.<IndexDefinition>of() : scan.indexes()) {
      if (index.column().equals(columnName) && index.metric() == metric) {
        topK = new VectorIndexScan(scan.getCluster(), scan.table(), scan.getRowType(),
            scan.columns(), column.getIndex(), index, query, condition, sort.fetch, sort.offset,
            laterKeys, efSearch(call));
        break;
      }
    }
    if (topK == null) {
      topK = new ExactTopKScan(scan.getCluster(), scan.table(), scan.getRowType(),
          scan.columns(), column.getIndex(), metric, query, condition, sort.fetch, sort.offset,
          laterKeys, nullsFirst);
    }
    call.transformTo(project.copy(project.getTraitSet(), topK, project.getProjects(),
        project.getRowType()));
  }

  /** The session's hnsw.ef_search, passed to the planner as its context. */
  private static int efSearch(RelOptRuleCall call) {
    io.s3vector.sql.session.Settings settings =
        call.getPlanner().getContext().unwrap(io.s3vector.sql.session.Settings.class);
    String value = settings == null ? null : settings.get(io.s3vector.sql.session.Settings.EF_SEARCH);
    return value == null ? 40 : Integer.parseInt(value);
  }

  /** A constant or a parameter, possibly cast: the same value for every row. */
  private static boolean isQuery(RexNode node) {
    if (node instanceof RexLiteral || node instanceof RexDynamicParam) {
      return true;
    }
    if (node instanceof org.apache.calcite.rex.RexSubQuery sub) {
      // (SELECT embedding FROM items WHERE id = 1): one value, unless it reads the outer row
      return sub.getKind() == org.apache.calcite.sql.SqlKind.SCALAR_QUERY
          && io.s3vector.sql.exec.SubqueryExprs.freeVariables(sub.rel).isEmpty();
    }
    if (node instanceof RexCall call && call.getOperator().isDeterministic()) {
      for (RexNode operand : call.getOperands()) {
        if (!isQuery(operand)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }
}
