package io.s3vector.sql.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Joins. The right input is read once into memory; each left row then meets its matches: through
 * a hash table on the equality keys when the condition has keys whose values compare equal
 * exactly when their Java values are equal, else by testing every right row. Unmatched rows of a
 * LEFT, RIGHT or FULL join come out with NULLs on the other side, as in PostgreSQL. A LATERAL
 * right side ({@link Correlate}) runs once per left row instead.
 */
final class JoinOperators {
  private JoinOperators() {}

  /** Key types whose equal values have equal Java values (not float, numeric, vectors, arrays). */
  private static final Set<SqlTypeName> HASHABLE = Set.of(SqlTypeName.BOOLEAN, SqlTypeName.SMALLINT,
      SqlTypeName.INTEGER, SqlTypeName.BIGINT, SqlTypeName.CHAR, SqlTypeName.VARCHAR);

  static Operator join(Join join, Operator left, Operator right) {
    int leftWidth = join.getLeft().getRowType().getFieldCount();
    int rightWidth = join.getRight().getRowType().getFieldCount();
    JoinRelType type = join.getJoinType();
    int[] variables = ids(join.getVariablesSet());
    io.s3vector.sql.plan.JoinKeys keys = io.s3vector.sql.plan.JoinKeys.of(join);
    int[] leftKeys = keys.leftKeys();
    int[] rightKeys = keys.rightKeys();
    boolean hashed = leftKeys.length > 0 && hashable(join, leftKeys, rightKeys);
    Expr test = RexCompiler.compile(hashed
        ? org.apache.calcite.rex.RexUtil.composeConjunction(join.getCluster().getRexBuilder(), keys.remaining())
        : join.getCondition());
    boolean always = test instanceof Expr.Const c && Boolean.TRUE.equals(c.value());
    return ctx -> {
      List<Object[]> rights = drain(right.open(ctx));
      Map<KeyOf, List<Integer>> table = hashed ? index(rights, rightKeys) : null;
      boolean[] rightMatched = type == JoinRelType.RIGHT || type == JoinRelType.FULL
          ? new boolean[rights.size()] : null;
      RowSource lefts = left.open(ctx);
      return new RowSource() {
        Object[] leftRow;
        List<Integer> candidates;
        int next;
        boolean leftMatched;
        int unmatchedRight = -1;

        @Override
        public Object[] next() {
          while (true) {
            if (unmatchedRight >= 0) {
              while (unmatchedRight < rights.size()) {
                int i = unmatchedRight++;
                if (!rightMatched[i]) {
                  return combine(null, rights.get(i), leftWidth, rightWidth);
                }
              }
              return null;
            }
            if (leftRow == null) {
              leftRow = lefts.next();
              if (leftRow == null) {
                if (rightMatched == null) {
                  return null;
                }
                unmatchedRight = 0;
                continue;
              }
              candidates = hashed ? table.get(KeyOf.of(leftRow, leftKeys)) : null;
              next = 0;
              leftMatched = false;
            }
            int count = hashed ? (candidates == null ? 0 : candidates.size()) : rights.size();
            while (next < count) {
              int i = hashed ? candidates.get(next++) : next++;
              Object[] row = combine(leftRow, rights.get(i), leftWidth, rightWidth);
              for (int v : variables) {
                ctx.bindCorrelation(v, row);
              }
              if (always || RexCompiler.isTrue(test, row, ctx)) {
                leftMatched = true;
                if (rightMatched != null) {
                  rightMatched[i] = true;
                }
                return row;
              }
            }
            Object[] finished = leftRow;
            leftRow = null;
            if (!leftMatched && (type == JoinRelType.LEFT || type == JoinRelType.FULL)) {
              return combine(finished, null, leftWidth, rightWidth);
            }
          }
        }
      };
    };
  }

  /** LATERAL: the right side runs once per left row, which its correlation variable reads. */
  static Operator correlate(Correlate correlate, Operator left, Operator right) {
    int leftWidth = correlate.getLeft().getRowType().getFieldCount();
    int rightWidth = correlate.getRight().getRowType().getFieldCount();
    int id = correlate.getCorrelationId().getId();
    boolean outer = correlate.getJoinType() == JoinRelType.LEFT;
    return ctx -> {
      RowSource lefts = left.open(ctx);
      return new RowSource() {
        Object[] leftRow;
        RowSource rights;
        boolean matched;

        @Override
        public Object[] next() {
          while (true) {
            if (rights == null) {
              leftRow = lefts.next();
              if (leftRow == null) {
                return null;
              }
              ctx.bindCorrelation(id, leftRow);
              rights = right.open(ctx);
              matched = false;
            }
            ctx.bindCorrelation(id, leftRow);
            Object[] r = rights.next();
            if (r != null) {
              matched = true;
              return combine(leftRow, r, leftWidth, rightWidth);
            }
            rights = null;
            if (outer && !matched) {
              return combine(leftRow, null, leftWidth, rightWidth);
            }
          }
        }
      };
    };
  }

  private static boolean hashable(Join join, int[] leftKeys, int[] rightKeys) {
    for (int k = 0; k < leftKeys.length; k++) {
      RelDataType l = join.getLeft().getRowType().getFieldList().get(leftKeys[k]).getType();
      RelDataType r = join.getRight().getRowType().getFieldList().get(rightKeys[k]).getType();
      if (l.getSqlTypeName() != r.getSqlTypeName() || !HASHABLE.contains(l.getSqlTypeName())) {
        return false;
      }
    }
    return true;
  }

  private static Map<KeyOf, List<Integer>> index(List<Object[]> rows, int[] keys) {
    Map<KeyOf, List<Integer>> table = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      KeyOf key = KeyOf.of(rows.get(i), keys);
      if (key != null) {
        table.computeIfAbsent(key, k -> new ArrayList<>(1)).add(i);
      }
    }
    return table;
  }

  /** Equality-key values of a row; null when one is NULL (NULL never equals anything). */
  private record KeyOf(Object[] values) {
    static KeyOf of(Object[] row, int[] keys) {
      Object[] values = new Object[keys.length];
      for (int i = 0; i < keys.length; i++) {
        values[i] = row[keys[i]];
        if (values[i] == null) {
          return null;
        }
      }
      return new KeyOf(values);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof KeyOf k && Arrays.equals(values, k.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }
  }

  static Object[] combine(Object[] left, Object[] right, int leftWidth, int rightWidth) {
    Object[] row = new Object[leftWidth + rightWidth];
    if (left != null) {
      System.arraycopy(left, 0, row, 0, leftWidth);
    }
    if (right != null) {
      System.arraycopy(right, 0, row, leftWidth, rightWidth);
    }
    return row;
  }

  static List<Object[]> drain(RowSource source) {
    List<Object[]> rows = new ArrayList<>();
    Object[] r;
    while ((r = source.next()) != null) {
      rows.add(r);
    }
    return rows;
  }

  static int[] ids(Set<CorrelationId> variables) {
    return variables.stream().mapToInt(CorrelationId::getId).toArray();
  }
}
