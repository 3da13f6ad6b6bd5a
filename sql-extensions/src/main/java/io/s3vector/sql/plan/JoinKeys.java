package io.s3vector.sql.plan;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

/**
 * A join condition split into equality keys ({@code left column = right column}, both sides of
 * one type) and the rest. Calcite's {@code JoinInfo} cannot see them: our {@code =} is a
 * function of kind OTHER_FUNCTION (see {@code Operators.comparison}).
 *
 * @param leftKeys left input's columns
 * @param rightKeys right input's columns (0-based in the right input), pairwise equal to leftKeys
 * @param remaining the other conjuncts, over the joined row (empty: none)
 */
public record JoinKeys(int[] leftKeys, int[] rightKeys, List<RexNode> remaining) {

  public static JoinKeys of(Join join) {
    int leftWidth = join.getLeft().getRowType().getFieldCount();
    List<Integer> left = new ArrayList<>();
    List<Integer> right = new ArrayList<>();
    List<RexNode> remaining = new ArrayList<>();
    for (RexNode conjunct : RexUtil.flattenAnd(List.of(join.getCondition()))) {
      if (conjunct.isAlwaysTrue()) {
        continue;
      }
      if (io.s3vector.sql.functions.Operators.isEquality(conjunct)
          && conjunct instanceof RexCall call
          && call.getOperands().get(0) instanceof RexInputRef a
          && call.getOperands().get(1) instanceof RexInputRef b
          && a.getType().getSqlTypeName() == b.getType().getSqlTypeName()
          && (a.getIndex() < leftWidth) != (b.getIndex() < leftWidth)) {
        RexInputRef l = a.getIndex() < leftWidth ? a : b;
        RexInputRef r = a.getIndex() < leftWidth ? b : a;
        left.add(l.getIndex());
        right.add(r.getIndex() - leftWidth);
      } else {
        remaining.add(conjunct);
      }
    }
    return new JoinKeys(left.stream().mapToInt(Integer::intValue).toArray(),
        right.stream().mapToInt(Integer::intValue).toArray(), remaining);
  }

  public boolean isEqui() {
    return remaining.isEmpty() && leftKeys.length > 0;
  }
}
