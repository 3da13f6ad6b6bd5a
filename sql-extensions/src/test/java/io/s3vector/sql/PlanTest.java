package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Golden plans: SQL in, the optimised plan as EXPLAIN prints it out. */
@Tag("storage-independent")
class PlanTest extends SqlTestBase {

  @BeforeEach
  void table() {
    tag("CREATE TABLE items (id bigserial PRIMARY KEY, category text, embedding vector(3))");
  }

  private String plan(String sql) {
    return String.join("\n", rows("EXPLAIN " + sql).stream().map(r -> r.get(0)).toList());
  }

  @Test
  void topKWithFilterAndProjection() {
    assertEquals(
        "LogicalProject($f0=[$0], $f1=[<->($2, CAST('[3,1,2]'):VECTOR)])\n"
            + "  ExactTopKScan(table=[items], columns=[[id, category, embedding]], vector=[embedding],"
            + " metric=[<->], query=[CAST('[3,1,2]'):VECTOR], filter=[=($1, 'a')], k=[5:BIGINT])",
        plan("SELECT id, embedding <-> '[3,1,2]' AS dist FROM items WHERE category = 'a'"
            + " ORDER BY embedding <-> '[3,1,2]' LIMIT 5"));
  }

  @Test
  void aggregateAndSort() {
    assertEquals(
        "LogicalSort(sort0=[$0], dir0=[ASC])\n"
            + "  LogicalProject($f0=[$0], $f1=[$1])\n"
            + "    LogicalAggregate(group=[{0}], count0=[count()])\n"
            + "      LogicalProject($g0=[$1])\n"
            + "        StoreScan(table=[items], columns=[[category]])",
        plan("SELECT category, count(*) FROM items GROUP BY category ORDER BY category"));
  }

  @Test
  void descendingSortIsNotATopK() {
    assertEquals(
        "LogicalProject($f0=[$0])\n"
            + "  LogicalSort(sort0=[$1], dir0=[DESC], fetch=[1:BIGINT])\n"
            + "    LogicalProject($f0=[$0], $f1=[<=>($2, ?0)])\n"
            + "      StoreScan(table=[items], columns=[[id, embedding]])",
        plan("SELECT id FROM items ORDER BY embedding <=> $1 DESC LIMIT 1"));
  }
}
