package io.s3vector.sql.plan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.externalize.RelWriterImpl;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.util.Pair;

/**
 * A plan as EXPLAIN (FORMAT JSON) prints it, in PostgreSQL's shape: each node an object with its
 * "Node Type", its attributes (as the text form shows them) and its inputs under "Plans".
 */
final class PlanJson extends RelWriterImpl {
  private final ObjectNode node;

  private PlanJson(ObjectNode node) {
    super(new PrintWriter(new StringWriter()), SqlExplainLevel.EXPPLAN_ATTRIBUTES, false);
    this.node = node;
  }

  /** Fills {@code into} with {@code rel} and its inputs, and returns it. */
  static ObjectNode of(RelNode rel, ObjectNode into) {
    rel.explain(new PlanJson(into));
    return into;
  }

  @Override
  protected void explain_(RelNode rel, List<Pair<String, Object>> values) {
    node.put("Node Type", rel.getRelTypeName());
    for (Pair<String, Object> value : values) {
      if (!(value.right instanceof RelNode)) {
        node.put(value.left, String.valueOf(value.right));
      }
    }
    if (!rel.getInputs().isEmpty()) {
      ArrayNode plans = node.putArray("Plans");
      for (RelNode input : rel.getInputs()) {
        of(input, plans.addObject());
      }
    }
  }
}
