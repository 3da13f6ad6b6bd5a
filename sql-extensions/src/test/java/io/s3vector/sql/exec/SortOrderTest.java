package io.s3vector.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import io.s3vector.sql.bind.PgRelTypes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.junit.jupiter.api.Test;

/** The orders the executor sorts by: PostgreSQL's float8 order in the top-k heap, NULL defaults. */
class SortOrderTest {

  @Test
  void distancesOrderAsPostgresFloat8() {
    assertEquals(0, TopKHeap.compareDistance(-0.0, 0.0));
    assertEquals(0, TopKHeap.compareDistance(Double.NaN, Double.NaN));
    assertEquals(1, TopKHeap.compareDistance(Double.NaN, Double.POSITIVE_INFINITY));
    assertEquals(-1, TopKHeap.compareDistance(Double.POSITIVE_INFINITY, Double.NaN));
    assertEquals(-1, TopKHeap.compareDistance(-1.0, -0.0));
  }

  @Test
  void heapKeepsTheBestByDistanceThenRowNumber() {
    TopKHeap heap = new TopKHeap(2, null, null);
    assertTrue(heap.offer(-0.0, 5, new Object[] {"a"}));
    assertTrue(heap.offer(1.0, 1, new Object[] {"b"}));
    assertTrue(heap.mayAccept(0.0, 7));
    assertTrue(heap.offer(0.0, 7, new Object[] {"c"})); // -0 and 0 tie: row numbers decide
    assertFalse(heap.mayAccept(0.0, 8));
    assertTrue(heap.mayAccept(0.0, 6));
    assertFalse(heap.mayAccept(Double.NaN, 0));
    Object[][] rows = heap.drainSorted();
    assertEquals("a", rows[0][0]);
    assertEquals("c", rows[1][0]);
  }

  @Test
  void unspecifiedNullsSortAsLargerThanEveryValue() {
    RexBuilder rex = new RexBuilder(PgRelTypes.FACTORY);
    RelOptCluster cluster = RelOptCluster.create(new HepPlanner(HepProgram.builder().build()), rex);
    RelDataType type = PgRelTypes.FACTORY.builder().add("x", PgRelTypes.INT4).build();
    ImmutableList.Builder<ImmutableList<RexLiteral>> tuples = ImmutableList.builder();
    for (Integer v : new Integer[] {2, null, 1}) {
      tuples.add(ImmutableList.of(v == null ? rex.makeNullLiteral(PgRelTypes.INT4)
          : rex.makeExactLiteral(BigDecimal.valueOf(v), PgRelTypes.INT4)));
    }
    LogicalValues values = LogicalValues.create(cluster, type, tuples.build());
    assertEquals(Arrays.asList(1, 2, null), sorted(values, RelFieldCollation.Direction.ASCENDING));
    assertEquals(Arrays.asList(null, 2, 1), sorted(values, RelFieldCollation.Direction.DESCENDING));
  }

  private static List<Object> sorted(LogicalValues values, RelFieldCollation.Direction direction) {
    LogicalSort sort = LogicalSort.create(values, RelCollations.of(new RelFieldCollation(0, direction,
        RelFieldCollation.NullDirection.UNSPECIFIED)), null, null);
    RowSource rows = Executor.compile(sort).open(new ExecContext(null, new Object[0]));
    List<Object> out = new ArrayList<>();
    Object[] row;
    while ((row = rows.next()) != null) {
      out.add(row[0] == null ? null : ((Number) row[0]).intValue());
    }
    return out;
  }
}
