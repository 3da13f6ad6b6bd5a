package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Window functions; expected rows and errors as PostgreSQL 15 returns them (each query was run
 * on PostgreSQL 15.20 + pgvector 0.8.6 over the same rows).
 */
@Tag("storage-independent")
class WindowFunctionsTest extends SqlTestBase {

  @BeforeEach
  void data() {
    script("CREATE TABLE sales (id int PRIMARY KEY, region text, amount int, price float8, embedding vector(2));"
        + "INSERT INTO sales VALUES (1, 'east', 10, 1.5, '[1,0]'), (2, 'east', 20, NULL, '[0,1]'),"
        + " (3, 'west', 20, 2.5, '[1,1]'), (4, 'west', NULL, 3, '[2,2]'), (5, 'east', 10, 0, '[0,0]'),"
        + " (6, NULL, 30, 1, '[3,0]'), (7, 'west', 20, 4, '[0,3]')");
  }

  @Test
  void rankingFunctions() {
    assertEquals(table("1|1|1|1|0|0.2857142857142857", "2|3|3|2|0.3333333333333333|0.7142857142857143", "3|4|3|2|0.3333333333333333|0.7142857142857143", "4|7|7|4|1|1", "5|2|1|1|0|0.2857142857142857", "6|6|6|3|0.8333333333333334|0.8571428571428571", "7|5|3|2|0.3333333333333333|0.7142857142857143"),
        rows("SELECT id, row_number() OVER (ORDER BY amount, id), rank() OVER (ORDER BY amount), dense_rank() OVER (ORDER BY amount), percent_rank() OVER (ORDER BY amount), cume_dist() OVER (ORDER BY amount) FROM sales ORDER BY id"));
    assertEquals(table("1|east|3|2|1", "2|east|2|1|2", "3|west|3|1|2", "4|west|2|3|1", "5|east|1|2|1", "6|NULL|1|1|1", "7|west|1|1|2"),
        rows("SELECT id, region, row_number() OVER (PARTITION BY region ORDER BY id DESC), rank() OVER (PARTITION BY region ORDER BY amount DESC NULLS LAST), dense_rank() OVER (PARTITION BY region ORDER BY amount NULLS FIRST) FROM sales ORDER BY id"));
  }

  @Test
  void aggregatesOverWindows() {
    assertEquals(table("1|10|20|2|6|13.3333333333333333|1.5|7", "2|20|80|5|4|13.3333333333333333|1.5|7", "3|20|80|5|4|20.0000000000000000|2.5|7", "4|NULL|110|7|0|20.0000000000000000|2.5|7", "5|10|20|2|6|13.3333333333333333|0|7", "6|30|110|6|1|30.0000000000000000|1|7", "7|20|80|5|4|20.0000000000000000|2.5|7"),
        rows("SELECT id, amount, sum(amount) OVER (ORDER BY amount), count(*) OVER (ORDER BY amount), count(amount) OVER (ORDER BY amount DESC), avg(amount) OVER (PARTITION BY region), min(price) OVER (PARTITION BY region ORDER BY id), max(id) OVER () FROM sales ORDER BY id"));
    assertEquals(table("1|1.5|1.5|40", "2|1.5|1.5|40", "3|2.5|2|40", "4|5.5|2.3333333333333335|40", "5|1.5|1.75|40", "6|1|1.6|30", "7|9.5|2|40"),
        rows("SELECT id, sum(price) OVER (PARTITION BY region ORDER BY id), avg(price) OVER (ORDER BY id), sum(amount) OVER (PARTITION BY region) FROM sales ORDER BY id"));
    assertEquals(table("east|[0.33333334,0.33333334]|[1,0]", "east|[0.33333334,0.33333334]|[1,1]", "west|[1,2]|[2,2]", "west|[1,2]|[4,4]", "east|[0.33333334,0.33333334]|[4,4]", "NULL|[3,0]|[7,4]", "west|[1,2]|[7,7]"),
        rows("SELECT region, avg(embedding) OVER (PARTITION BY region), sum(embedding) OVER (ORDER BY id) FROM sales ORDER BY id"));
    assertEquals(table("2|30", "2|30"),
        rows("SELECT count(*) OVER (), sum(amount) OVER () FROM sales WHERE id < 3"));
  }

  @Test
  void offsetFunctions() {
    assertEquals(table("1|NULL|20|0|east|0.5|2", "2|10|NULL|10|west|10|3", "3|20|10|0|west|20|4", "4|20|30|20|east|20|5", "5|NULL|20|20|NULL|NULL|6", "6|10|NULL|0|west|10|7", "7|30|NULL|NULL|none|30|NULL"),
        rows("SELECT id, lag(amount) OVER (ORDER BY id), lead(amount, 2) OVER (ORDER BY id), lag(amount, 1, 0) OVER (PARTITION BY region ORDER BY id), lead(region, 1, 'none') OVER (ORDER BY id), lag(amount, 1, 0.5) OVER (ORDER BY id), lag(id, -1) OVER (ORDER BY id) FROM sales ORDER BY id"));
    // ties inside a window's ORDER BY come in an unspecified order (PostgreSQL's sort is not
    // stable), so the windows that pick one row order by a unique key
    assertEquals(table("1|1|1|NULL|10|5|[0,3]", "2|1|2|5|20|5|[0,3]", "3|3|3|NULL|20|7|[0,3]",
            "4|3|4|7|NULL|7|[0,3]", "5|1|5|5|10|5|[0,3]", "6|6|6|NULL|30|6|[0,3]", "7|3|7|7|20|7|[0,3]"),
        rows("SELECT id, first_value(id) OVER w, last_value(id) OVER w, nth_value(id, 2) OVER w,"
            + " last_value(amount) OVER (PARTITION BY region ORDER BY amount),"
            + " last_value(id) OVER (PARTITION BY region ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING),"
            + " first_value(embedding) OVER (ORDER BY id DESC) FROM sales WINDOW w AS (PARTITION BY region ORDER BY amount, id) ORDER BY id"));
  }

  @Test
  void ntile() {
    assertEquals(table("1|1|1|1|1", "2|1|1|2|1", "3|1|1|3|2", "4|2|1|4|2", "5|2|2|5|3", "6|3|1|6|3", "7|3|2|7|4"),
        rows("SELECT id, ntile(3) OVER (ORDER BY id), ntile(2) OVER (PARTITION BY region ORDER BY id), ntile(10) OVER (ORDER BY id), ntile(4) OVER () FROM sales ORDER BY id"));
  }

  @Test
  void explicitFrames() {
    assertEquals(table("1|10|30|7|10|3|28|NULL", "2|30|50|6|30|4|22|NULL", "3|50|40|5|40|5|22|1", "4|40|30|4|20|6|4|2", "5|30|40|3|10|7|28|3", "6|40|60|2|40|NULL|10|4", "7|60|50|1|50|NULL|22|5"),
        rows("SELECT id, sum(amount) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), sum(amount) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING), count(*) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING), sum(amount) OVER (ORDER BY id ROWS 1 PRECEDING), first_value(id) OVER (ORDER BY id ROWS BETWEEN 2 FOLLOWING AND 3 FOLLOWING), sum(id) OVER (ORDER BY amount RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING), max(id) OVER (ORDER BY id ROWS BETWEEN 3 PRECEDING AND 2 PRECEDING) FROM sales ORDER BY id"));
    assertEquals(table("1|10|10|10", "2|30|20|20", "3|50|20|20", "4|50|NULL|NULL", "5|60|10|10", "6|90|30|30",
            "7|110|20|20"),
        rows("SELECT id, sum(amount) OVER (ORDER BY id ROWS UNBOUNDED PRECEDING), sum(amount) OVER (ORDER BY id ROWS CURRENT ROW),"
            + " sum(amount) OVER (ORDER BY id RANGE CURRENT ROW) FROM sales ORDER BY id"));
  }

  @Test
  void overGroupedQueries() {
    assertEquals(table("east|3|1|110|3", "west|3|1|110|2", "NULL|1|3|110|1"),
        rows("SELECT region, count(*), rank() OVER (ORDER BY count(*) DESC), sum(sum(amount)) OVER (), row_number() OVER (ORDER BY region DESC) FROM sales GROUP BY region ORDER BY region"));
    assertEquals(table("east|3", "west|3", "NULL|1"),
        rows("SELECT DISTINCT region, count(*) OVER (PARTITION BY region) FROM sales ORDER BY 1"));
  }

  @Test
  void inOrderByAndOverDistances() {
    assertEquals(table("7", "4", "3"),
        rows("SELECT id FROM sales ORDER BY row_number() OVER (ORDER BY price DESC NULLS LAST, id) LIMIT 3"));
    assertEquals(table("5|1", "1|2", "2|3", "3|4", "4|5", "6|6", "7|7"),
        rows("SELECT id, row_number() OVER (ORDER BY embedding <-> '[0,0]', id) AS rn FROM sales ORDER BY rn"));
  }

  @Test
  void namedWindows() {
    assertEquals(table("1|40|1|2", "2|40|2|3", "3|40|1|2", "4|40|2|3", "5|40|3|2", "6|30|1|1", "7|40|3|2"),
        rows("SELECT id, sum(amount) OVER w, row_number() OVER (w ORDER BY id), count(*) OVER v FROM sales WINDOW w AS (PARTITION BY region), v AS (w ORDER BY amount) ORDER BY id"));
  }

  @Test
  void windowsInExpressionsAndSubqueries() {
    assertEquals(table("2", "4", "6"),
        rows("SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY region ORDER BY amount DESC, id) AS rn FROM sales) s WHERE rn = 1 ORDER BY id"));
    assertEquals(table("1|NULL|9|rest", "2|10|18|rest", "3|0|18|rest", "4|NULL|NULL|top", "5|NULL|9|rest", "6|20|27|rest", "7|-10|18|rest"),
        rows("SELECT id, amount - lag(amount) OVER (ORDER BY id) AS diff, amount * 100 / sum(amount) OVER () AS pct, CASE WHEN rank() OVER (ORDER BY amount DESC) = 1 THEN 'top' ELSE 'rest' END FROM sales ORDER BY id"));
    assertEquals(table(),
        rows("SELECT row_number() OVER () FROM sales WHERE false"));
    assertEquals(table("1|3|1", "2|3|2", "3|3|3", "4|3|4", "5|3|5", "7|3|6"),
        rows("SELECT s.id, c.n, rank() OVER (ORDER BY c.n DESC, s.id) FROM sales s JOIN (SELECT region, count(*) AS n FROM sales GROUP BY region) c ON c.region = s.region ORDER BY s.id"));
    assertEquals(table("3|1", "2|2", "1|3"),
        rows("SELECT x, row_number() OVER (ORDER BY x DESC) FROM (VALUES (1), (3), (2)) v(x)"));
  }

  @Test
  void resultTypesAndNamesAsPostgres() {
    QueryResult.Rows r = (QueryResult.Rows) run("SELECT row_number() OVER (), rank() OVER (), dense_rank() OVER (),"
        + " percent_rank() OVER (), cume_dist() OVER (), ntile(2) OVER (), lag(amount) OVER (), lead(price) OVER (),"
        + " first_value(embedding) OVER (), lag(amount, 1, 0.5) OVER (), sum(amount) OVER (), avg(amount) OVER () AS a"
        + " FROM sales LIMIT 1");
    assertEquals(List.of("row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead",
        "first_value", "lag", "sum", "a"), r.columns().stream().map(ResultColumn::name).toList());
    assertEquals(List.of("int8", "int8", "int8", "float8", "float8", "int4", "int4", "float8", "vector", "numeric",
        "int8", "numeric"), r.columns().stream().map(c -> c.type().name()).toList());
    assertEquals(List.of(table("1|1|1|0|1|1|NULL|NULL|[1,0]|0.5|110|18.3333333333333333").get(0)), drain(r));
  }

  private static List<List<String>> drain(QueryResult.Rows rows) {
    List<List<String>> out = new java.util.ArrayList<>();
    Object[] row;
    while ((row = rows.cursor().next()) != null) {
      List<String> line = new java.util.ArrayList<>();
      for (int i = 0; i < row.length; i++) {
        line.add(row[i] == null ? null : rows.columns().get(i).type().encodeText(row[i]));
      }
      out.add(line);
    }
    return out;
  }

  @Test
  void parametersInWindowOrderAndFrame() {
    Statement st = session.prepare("SELECT id, row_number() OVER (ORDER BY embedding <-> $1, id) AS rn,"
        + " sum(amount) OVER (ORDER BY id ROWS $2 PRECEDING) FROM sales ORDER BY rn LIMIT 3", new int[0]);
    assertEquals(table("5|1|10", "1|2|10", "2|3|30"),
        drain((QueryResult.Rows) session.execute(st, new Object[] {new float[] {0, 0}, 1L})));
    assertEquals(table("6|1|30", "1|2|10", "3|3|20"),
        drain((QueryResult.Rows) session.execute(st, new Object[] {new float[] {3, 0}, 0L})));
  }

  @Test
  void windowsInCtesAndSubqueries() {
    assertEquals(table("1|1"), rows("SELECT row_number() OVER (), count(*) OVER ()"));
    // window function names are not reserved words, as in PostgreSQL
    assertEquals(table("1|1"), rows("SELECT 1 AS rank, 1 AS lag"));
    assertEquals(table("2|2", "3|2", "6|1", "7|2"), rows("WITH r AS (SELECT id, rank() OVER (ORDER BY amount DESC NULLS LAST)"
        + " AS rk FROM sales) SELECT id, rk FROM r WHERE rk <= 2 ORDER BY id"));
    assertEquals("7", value("SELECT (SELECT max(rn) FROM (SELECT row_number() OVER () AS rn FROM sales) x)"));
  }

  @Test
  void insertSelectAndSubqueriesInWindowArguments() {
    script("CREATE TABLE w2 (a int, b int)");
    assertEquals("INSERT 0 7", tag("INSERT INTO w2 SELECT id, row_number() OVER (ORDER BY id DESC) FROM sales"));
    assertEquals(table("1|7", "2|6", "3|5", "4|4", "5|3", "6|2", "7|1"), rows("SELECT * FROM w2 ORDER BY a"));
    // a subquery's aggregate does not make the outer query an aggregate
    assertEquals(table("1|1", "2|3", "3|6", "4|10", "5|15", "6|21", "7|28"), rows("SELECT s.id,"
        + " sum((SELECT count(*) FROM w2 WHERE w2.a <= s.id)) OVER (ORDER BY s.id) FROM sales s ORDER BY 1"));
    assertEquals(table("1|7", "2|7"), rows("SELECT id, (SELECT count(*) FROM w2) FROM sales ORDER BY 1 LIMIT 2"));
    assertError("42P20", "window functions are not allowed in RETURNING",
        "INSERT INTO w2 SELECT id, 1 FROM sales RETURNING a, rank() OVER ()");
    assertError("42P20", "window functions are not allowed in UPDATE", "UPDATE w2 SET a = row_number() OVER ()");
    assertError("42P20", "window functions are not allowed in VALUES", "INSERT INTO w2 VALUES (row_number() OVER (), 1)");
    assertError("42P20", "window functions are not allowed in JOIN conditions",
        "SELECT 1 FROM sales JOIN w2 ON row_number() OVER () = 1");
  }

  @Test
  void planIsOneWindowOverTheProjectedInputs() {
    String plan = String.join("\n", rows("EXPLAIN SELECT id, rank() OVER (PARTITION BY region ORDER BY amount),"
        + " sum(amount) OVER (PARTITION BY region ORDER BY amount), lag(id) OVER (ORDER BY id) FROM sales")
        .stream().map(r -> r.get(0)).toList());
    assertEquals(1, plan.split("LogicalWindow", -1).length - 1, plan);
    // rank and sum share a group: two groups in all
    assertEquals(2, plan.split("window\\(", -1).length - 1, plan);
  }

  @Test
  void rangeFramesWithOffsets() {
    // integer, float and numeric keys; ASC and DESC; NULL keys are their own peers' frame
    assertEquals(table("1|10|18|5|7|1|2", "2|20|18|4|2|3|NULL", "3|20|18|4|8|3|4", "4|NULL|4|1|7|1|4",
            "5|10|18|5|5|1|2", "6|30|6|1|12|6|NULL", "7|20|18|4|11|3|4"),
        rows("SELECT id, amount, sum(id) OVER (ORDER BY amount RANGE BETWEEN 5 PRECEDING AND 10 FOLLOWING),"
            + " count(*) OVER (ORDER BY amount DESC NULLS LAST RANGE BETWEEN 10 PRECEDING AND CURRENT ROW),"
            + " sum(id) OVER (ORDER BY price RANGE BETWEEN 1 PRECEDING AND 0.5 FOLLOWING),"
            + " count(*) OVER (ORDER BY amount NULLS FIRST RANGE BETWEEN UNBOUNDED PRECEDING AND 5 PRECEDING),"
            + " first_value(id) OVER (PARTITION BY region ORDER BY amount RANGE BETWEEN 10 FOLLOWING AND UNBOUNDED FOLLOWING)"
            + " FROM sales ORDER BY id"));
    assertEquals(table("1|6", "2|18", "3|18", "4|4", "5|6", "6|18", "7|18"), rows("SELECT id, sum(id) OVER"
        + " (ORDER BY amount::numeric RANGE BETWEEN 10 PRECEDING AND CURRENT ROW) FROM sales ORDER BY id"));
    assertError("0A000", "RANGE with offset PRECEDING/FOLLOWING is not supported for column type integer"
        + " and offset type numeric",
        "SELECT sum(id) OVER (ORDER BY amount RANGE BETWEEN 1.5 PRECEDING AND CURRENT ROW) FROM sales");
    assertError("22013", "invalid preceding or following size in window function",
        "SELECT sum(id) OVER (ORDER BY amount RANGE BETWEEN -1 PRECEDING AND CURRENT ROW) FROM sales");
    assertError("22013", "invalid preceding or following size in window function",
        "SELECT sum(id) OVER (ORDER BY price RANGE BETWEEN -1 PRECEDING AND CURRENT ROW) FROM sales");
    assertError("22004", "frame starting offset must not be null",
        "SELECT sum(id) OVER (ORDER BY amount RANGE BETWEEN NULL PRECEDING AND CURRENT ROW) FROM sales");
  }

  @Test
  void filterAndExclude() {
    assertEquals(table("1|0|40", "2|1|40", "3|2|NULL", "4|2|NULL", "5|2|40", "6|3|NULL", "7|4|NULL"),
        rows("SELECT id, count(*) FILTER (WHERE amount > 10) OVER (ORDER BY id),"
            + " sum(amount) FILTER (WHERE region = 'east') OVER (PARTITION BY region) FROM sales ORDER BY id"));
    assertEquals(List.of("count"), ((QueryResult.Rows) run("SELECT count(*) FILTER (WHERE amount > 10) OVER ()"
        + " FROM sales")).columns().stream().map(ResultColumn::name).toList());
    assertError("0A000", "FILTER is not implemented for non-aggregate window functions",
        "SELECT row_number() FILTER (WHERE id > 1) OVER () FROM sales");
    assertEquals(table("1|5|NULL|1|2|NULL|20|2", "2|8|6|8|3|5|10|3", "3|9|6|9|4|2|10|3", "4|6|24|28|5|6|10|3",
            "5|3|NULL|5|6|1|20|3", "6|11|18|24|7|7|10|3", "7|9|6|13|NULL|3|10|2"),
        rows("SELECT id, sum(id) OVER (ORDER BY amount, id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE CURRENT ROW),"
            + " sum(id) OVER (ORDER BY amount RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW EXCLUDE GROUP),"
            + " sum(id) OVER (ORDER BY amount RANGE UNBOUNDED PRECEDING EXCLUDE TIES),"
            + " first_value(id) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND 2 FOLLOWING EXCLUDE CURRENT ROW),"
            + " last_value(id) OVER (ORDER BY amount, id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW EXCLUDE CURRENT ROW),"
            + " nth_value(amount, 2) OVER (ORDER BY amount RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE GROUP),"
            + " count(*) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE NO OTHERS) FROM sales ORDER BY id"));
  }

  @Test
  void unsupportedFramesFailNamingThem() {
    assertError("0A000", "RANGE with offset PRECEDING/FOLLOWING is not supported for column type text",
        "SELECT sum(id) OVER (ORDER BY region RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM sales");
    assertEquals("42601", error("SELECT sum(amount) OVER (ORDER BY id GROUPS 1 PRECEDING) FROM sales").sqlState());
    // Calcite's null treatment and DISALLOW PARTIAL are not PostgreSQL's syntax
    assertError("42601", "syntax error at or near \"IGNORE\"",
        "SELECT lag(amount) IGNORE NULLS OVER (ORDER BY id) FROM sales");
    assertError("42601", "syntax error at or near \"DISALLOW\"",
        "SELECT count(*) OVER (ORDER BY id ROWS 2 PRECEDING DISALLOW PARTIAL) FROM sales");
  }

  @Test
  void errorsAsPostgres() {
    assertError("42P20", "window functions are not allowed in WHERE",
        "SELECT id FROM sales WHERE row_number() OVER () > 1");
    assertError("42P20", "window functions are not allowed in GROUP BY",
        "SELECT 1 FROM sales GROUP BY row_number() OVER ()");
    assertError("42P20", "window functions are not allowed in HAVING",
        "SELECT 1 FROM sales HAVING rank() OVER () > 1");
    assertError("42803", "aggregate function calls cannot contain window function calls",
        "SELECT sum(row_number() OVER ()) FROM sales");
    assertError("42P20", "window function calls cannot be nested",
        "SELECT sum(row_number() OVER ()) OVER () FROM sales");
    assertError("42P20", "window functions are not allowed in window definitions",
        "SELECT row_number() OVER (ORDER BY row_number() OVER ()) FROM sales");
    assertError("42809", "window function row_number requires an OVER clause",
        "SELECT row_number() FROM sales");
    assertError("42809", "OVER specified, but lower is not a window function nor an aggregate function",
        "SELECT lower(region) OVER () FROM sales");
    assertError("42704", "window \"w\" does not exist",
        "SELECT row_number() OVER w FROM sales");
    assertError("42P20", "window \"w\" is already defined",
        "SELECT 1 FROM sales WINDOW w AS (), w AS ()");
    assertError("42P20", "cannot copy window \"w\" because it has a frame clause",
        "SELECT row_number() OVER (w) FROM sales WINDOW w AS (ROWS UNBOUNDED PRECEDING)");
    assertError("42P20", "cannot override ORDER BY clause of window \"w\"",
        "SELECT row_number() OVER (w ORDER BY amount) FROM sales WINDOW w AS (ORDER BY id)");
    assertError("42P20", "cannot override PARTITION BY clause of window \"w\"",
        "SELECT row_number() OVER (w PARTITION BY amount) FROM sales WINDOW w AS (ORDER BY id)");
    assertError("0A000", "DISTINCT is not implemented for window functions",
        "SELECT count(DISTINCT amount) OVER () FROM sales");
    assertError("22014", "argument of ntile must be greater than zero",
        "SELECT ntile(0) OVER () FROM sales");
    assertError("22016", "argument of nth_value must be greater than zero",
        "SELECT nth_value(amount, 0) OVER () FROM sales");
    assertError("22013", "frame starting offset must not be negative",
        "SELECT sum(amount) OVER (ROWS -1 PRECEDING) FROM sales");
    assertError("22004", "frame ending offset must not be null",
        "SELECT sum(amount) OVER (ROWS BETWEEN CURRENT ROW AND NULL FOLLOWING) FROM sales");
    assertError("42P10", "argument of ROWS must not contain variables",
        "SELECT sum(amount) OVER (ROWS amount PRECEDING) FROM sales");
    assertError("42P20", "frame start cannot be UNBOUNDED FOLLOWING",
        "SELECT sum(amount) OVER (ROWS BETWEEN UNBOUNDED FOLLOWING AND CURRENT ROW) FROM sales");
    assertError("42P20", "frame end cannot be UNBOUNDED PRECEDING",
        "SELECT sum(amount) OVER (ROWS BETWEEN CURRENT ROW AND UNBOUNDED PRECEDING) FROM sales");
    assertError("42P20", "frame starting from current row cannot have preceding rows",
        "SELECT sum(amount) OVER (ROWS BETWEEN CURRENT ROW AND 1 PRECEDING) FROM sales");
    assertError("42P20", "frame starting from following row cannot have preceding rows",
        "SELECT sum(amount) OVER (ROWS BETWEEN 1 FOLLOWING AND CURRENT ROW) FROM sales");
    assertError("42P20", "frame starting from following row cannot end with current row",
        "SELECT sum(amount) OVER (ROWS 1 FOLLOWING) FROM sales");
    assertError("42P20", "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column",
        "SELECT sum(amount) OVER (RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM sales");
    assertError("42883", "function row_number(integer) does not exist",
        "SELECT row_number(1) OVER () FROM sales");
    assertError("42809", "WITHIN GROUP is required for ordered-set aggregate rank",
        "SELECT rank(amount) OVER () FROM sales");
    assertError("22P02", "invalid input syntax for type integer: \"x\"",
        "SELECT lag(amount, 1, 'x') OVER () FROM sales");
    assertError("42883", "function lag(integer, integer, text) does not exist",
        "SELECT lag(amount, 1, region) OVER () FROM sales");
    assertError("42883", "function ntile(text) does not exist",
        "SELECT ntile(region) OVER () FROM sales");
    assertError("42P20", "window functions are not allowed in HAVING",
        "SELECT id FROM sales GROUP BY id HAVING sum(amount) OVER () > 1");
    assertError("42703", "column \"nosuch\" does not exist",
        "SELECT row_number() OVER (PARTITION BY nosuch) FROM sales");
    assertError("42803", "column \"sales.amount\" must appear in the GROUP BY clause or be used in an aggregate function",
        "SELECT region, rank() OVER (ORDER BY amount) FROM sales GROUP BY region");
  }
}
