package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** pgvector's behaviour through SQL; cases follow pgvector's test/expected/vector_type.out. */
class VectorSqlTest extends SqlTestBase {

  /** SQL → its single value as text, or "ERROR sqlstate: message". */
  static final String[][] CASES = {
      {"SELECT '[1,2,3]'::vector", "[1,2,3]"},
      {"SELECT '[-1,-2,-3]'::vector", "[-1,-2,-3]"},
      {"SELECT '[1.,2.,3.]'::vector", "[1,2,3]"},
      {"SELECT ' [ 1,  2 ,    3  ] '::vector", "[1,2,3]"},
      {"SELECT '[1.23456]'::vector", "[1.23456]"},
      {"SELECT '[1.5e38,-1.5e38]'::vector", "[1.5e+38,-1.5e+38]"},
      {"SELECT '[1.5e-38,-1.5e-38]'::vector", "[1.5e-38,-1.5e-38]"},
      {"SELECT '[1e-46,1]'::vector", "[0,1]"},
      {"SELECT '[-1e-46,1]'::vector", "[-0,1]"},
      {"SELECT '[1.5,2.25,3]'::vector", "[1.5,2.25,3]"},
      {"SELECT '[hello,1]'::vector", "ERROR 22P02: invalid input syntax for type vector: \"[hello,1]\""},
      {"SELECT '[NaN,1]'::vector", "ERROR 22000: NaN not allowed in vector"},
      {"SELECT '[Infinity,1]'::vector", "ERROR 22000: infinite value not allowed in vector"},
      {"SELECT '[4e38,1]'::vector", "ERROR 22003: \"4e38\" is out of range for type vector"},
      {"SELECT '[1,2,3]9'::vector", "ERROR 22P02: invalid input syntax for type vector: \"[1,2,3]9\""},
      {"SELECT '1,2,3'::vector", "ERROR 22P02: invalid input syntax for type vector: \"1,2,3\""},
      {"SELECT '[]'::vector", "ERROR 22000: vector must have at least 1 dimension"},
      {"SELECT '[1,]'::vector", "ERROR 22P02: invalid input syntax for type vector: \"[1,]\""},
      {"SELECT '[1,2,3]'::vector(3)", "[1,2,3]"},
      {"SELECT '[1,2,3]'::vector(2)", "ERROR 22000: expected 2 dimensions, not 3"},
      {"SELECT '[1,2,3]'::vector(0)", "ERROR 22023: dimensions for type vector must be at least 1"},
      {"SELECT '[1,2,3]'::vector(16001)", "ERROR 22023: dimensions for type vector cannot exceed 16000"},
      {"SELECT '[1,2,3]'::vector + '[4,5,6]'", "[5,7,9]"},
      {"SELECT '[3e38]'::vector + '[3e38]'", "ERROR 22003: value out of range: overflow"},
      {"SELECT '[1,2]'::vector + '[3]'", "ERROR 22000: different vector dimensions 2 and 1"},
      {"SELECT '[1,2,3]'::vector - '[4,5,6]'", "[-3,-3,-3]"},
      {"SELECT '[1,2,3]'::vector * '[4,5,6]'", "[4,10,18]"},
      {"SELECT '[1e-37]'::vector * '[1e-37]'", "ERROR 22003: value out of range: underflow"},
      {"SELECT '[1,2,3]'::vector || '[4,5]'", "[1,2,3,4,5]"},
      {"SELECT '[1,2,3]'::vector < '[1,2]'", "f"},
      {"SELECT '[1,2,3]'::vector <= '[1,2,3]'", "t"},
      {"SELECT '[1,2,3]'::vector = '[1,2]'", "f"},
      {"SELECT '[1,2,3]'::vector != '[1,2,3]'", "f"},
      {"SELECT '[1,2,3]'::vector > '[1,2]'", "t"},
      {"SELECT vector_cmp('[1,2]', '[2,3,4]')", "-1"},
      {"SELECT vector_cmp('[2,3]', '[1,2,3]')", "1"},
      {"SELECT vector_dims('[1,2,3]'::vector)", "3"},
      {"SELECT round(vector_norm('[1,1]')::numeric, 5)", "1.41421"},
      {"SELECT vector_norm('[3,4]')", "5"},
      {"SELECT vector_norm('[3e37,4e37]')::real", "5e+37"},
      {"SELECT l2_distance('[0,0]'::vector, '[3,4]')", "5"},
      {"SELECT l2_distance('[1,2]'::vector, '[3]')", "ERROR 22000: different vector dimensions 2 and 1"},
      {"SELECT l2_distance('[3e38]'::vector, '[-3e38]')", "Infinity"},
      {"SELECT l2_distance('[1,1,1,1,1,1,1,1,1]'::vector, '[1,1,1,1,1,1,1,4,5]')", "5"},
      {"SELECT '[0,0]'::vector <-> '[3,4]'", "5"},
      {"SELECT inner_product('[1,2]'::vector, '[3,4]')", "11"},
      {"SELECT inner_product('[3e38]'::vector, '[3e38]')", "Infinity"},
      {"SELECT '[1,2]'::vector <#> '[3,4]'", "-11"},
      {"SELECT cosine_distance('[1,2]'::vector, '[2,4]')", "0"},
      {"SELECT cosine_distance('[1,2]'::vector, '[0,0]')", "NaN"},
      {"SELECT cosine_distance('[1,0]'::vector, '[0,2]')", "1"},
      {"SELECT cosine_distance('[1,1]'::vector, '[-1,-1]')", "2"},
      {"SELECT '[1,2]'::vector <=> '[2,4]'", "0"},
      {"SELECT l1_distance('[0,0]'::vector, '[3,4]')", "7"},
      {"SELECT '[0,0]'::vector <+> '[3,4]'", "7"},
      {"SELECT l2_normalize('[3,4]'::vector)", "[0.6,0.8]"},
      {"SELECT l2_normalize('[0,0]'::vector)", "[0,0]"},
      {"SELECT subvector('[1,2,3,4,5]'::vector, 1, 3)", "[1,2,3]"},
      {"SELECT subvector('[1,2,3,4,5]'::vector, 3, 9)", "[3,4,5]"},
      {"SELECT subvector('[1,2,3,4,5]'::vector, 1, 0)", "ERROR 22000: vector must have at least 1 dimension"},
      {"SELECT '[1,2,3]'::vector::real[]", "{1,2,3}"},
      {"SELECT '{1,2,3}'::real[]::vector", "[1,2,3]"},
      {"SELECT ARRAY[1,2,3]::vector", "[1,2,3]"},
      {"SELECT ARRAY[1.5,2,3]::vector", "[1.5,2,3]"},
      {"SELECT ARRAY[1,2,3]::double precision[]::vector", "[1,2,3]"},
      {"SELECT ARRAY[1,2,3]::vector(2)", "ERROR 22000: expected 2 dimensions, not 3"},
      {"SELECT ARRAY[1,NULL,3]::vector", "ERROR 22004: array must not contain nulls"},
      {"SELECT '[1,2,3]'::vector::text", "[1,2,3]"},
      {"SELECT '[1,2]'::vector <-> 1", "ERROR 42883: operator does not exist: vector <-> integer"},
      {"SELECT 1 <-> '[1,2]'::vector", "ERROR 42883: operator does not exist: integer <-> vector"},
      {"SELECT vector_dims(1)", "ERROR 42883: function vector_dims(integer) does not exist"},
      {"SELECT nosuch(1, 'a')", "ERROR 42883: function nosuch(integer, unknown) does not exist"},
  };

  @Test
  void pgvectorCases() {
    for (String[] c : CASES) {
      String actual;
      try {
        actual = value(c[0]);
      } catch (PgException e) {
        actual = "ERROR " + e.sqlState() + ": " + e.getMessage();
      }
      assertEquals(c[1], actual, c[0]);
    }
  }

  @Test
  void resultTypesAndNames() {
    QueryResult.Rows r = (QueryResult.Rows) run(
        "SELECT '[1,2]'::vector, '[1,2]'::vector <-> '[2,3]', l2_distance('[1]', '[2]'),"
            + " vector_dims('[1]'), 1, 'x', 1.5, '[1,2]'::vector(2) AS v2");
    List<ResultColumn> cols = r.columns();
    assertEquals("vector", cols.get(0).name());
    assertEquals("vector", cols.get(0).type().name());
    assertEquals("?column?", cols.get(1).name());
    assertEquals("float8", cols.get(1).type().name());
    assertEquals("l2_distance", cols.get(2).name());
    assertEquals("int4", cols.get(3).type().name());
    assertEquals("int4", cols.get(4).type().name());
    assertEquals("text", cols.get(5).type().name());
    assertEquals("numeric", cols.get(6).type().name());
    assertEquals("v2", cols.get(7).name());
    assertEquals(2, cols.get(7).typmod());
  }

  @Test
  void vectorAggregates() {
    script("CREATE TABLE t (g int, v vector(3));"
        + "INSERT INTO t VALUES (1, '[1,2,3]'), (1, '[3,5,7]'), (1, NULL), (2, '[1,1,1]')");
    assertEquals(table("1|[2,3.5,5]|[4,7,10]|2|3", "2|[1,1,1]|[1,1,1]|1|1"),
        rows("SELECT g, avg(v), sum(v), count(v), count(*) FROM t GROUP BY g ORDER BY g"));
    assertEquals(table("NULL|NULL"), rows("SELECT avg(v), sum(v) FROM t WHERE g > 5"));
  }
}
