package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SelectTest extends SqlTestBase {

  @BeforeEach
  void data() {
    script("CREATE TABLE items (id bigserial PRIMARY KEY, category text, price real, qty int,"
        + " embedding vector(2));"
        + "INSERT INTO items (category, price, qty, embedding) VALUES"
        + " ('a', 1.5, 10, '[1,0]'), ('b', 2.5, NULL, '[0,1]'), ('a', NULL, 5, '[1,1]'),"
        + " (NULL, 4, 1, NULL)");
  }

  @Test
  void noFrom() {
    assertEquals("1", value("SELECT 1"));
    // literals outside Latin-1 (Calcite's default charset refused them)
    assertEquals("€ 😀 日本", value("SELECT '€ 😀 日本'"));
    assertEquals("€x", value("SELECT '€' || 'x'::text"));
    assertEquals(CalciteSqlEngine.VERSION, value("SELECT version()"));
    assertEquals("postgres", value("SELECT current_database()"));
    assertEquals("public", value("SELECT current_schema()"));
    assertEquals("postgres", value("SELECT current_user"));
    assertEquals(CalciteSqlEngine.VERSION, value("select pg_catalog.version()"));
    assertEquals("160004", value("SELECT current_setting('server_version_num')"));
    assertEquals("40", value("SELECT current_setting('hnsw.ef_search')"));
    assertEquals(null, value("SELECT current_setting('my.nosuch', true)"));
    assertEquals("t", value("SELECT 'abc' ILIKE 'A%'"));
    assertEquals("3", value("SELECT 1 + 2"));
    assertEquals("2.5000000000000000", value("SELECT 5 / 2.0"));
    assertEquals("2", value("SELECT 5 / 2"));
    assertEquals("1", value("SELECT 5 % 2"));
    assertEquals("0.33333333333333333333", value("SELECT 1 / 3.0"));
    assertEquals("abc", value("SELECT 'ab' || 'c'"));
    assertEquals("t", value("SELECT 1 < 2 AND NOT false"));
    assertEquals("yes", value("SELECT CASE WHEN 1 > 2 THEN 'no' ELSE 'yes' END"));
    assertEquals("x", value("SELECT coalesce(NULL, 'x')"));
    assertEquals("0.1", value("SELECT 0.1::float8"));
    assertEquals("1e+100", value("SELECT 1e100::float8"));
    assertEquals("3", value("SELECT '3'::int"));
    assertEquals("t", value("SELECT 'abc' LIKE 'a%'"));
    assertEquals("t", value("SELECT 2 IN (1, 2, 3)"));
    assertEquals("t", value("SELECT 2 BETWEEN 1 AND 3"));
    assertEquals("-5", value("SELECT -5"));
    QueryResult.Rows r = (QueryResult.Rows) run("SELECT version(), 1 AS one, 'x'::text, count(*),"
        + " ARRAY[1,2]::real[]::vector, '[1]'::vector::real[], CASE WHEN true THEN 1 END, -1, 1::int::text");
    assertEquals(List.of("version", "one", "text", "count", "array", "float4", "case", "?column?", "text"),
        r.columns().stream().map(ResultColumn::name).toList());
  }

  @Test
  void createSchema() {
    assertEquals("CREATE SCHEMA", tag("CREATE SCHEMA IF NOT EXISTS public"));
    assertError("42P06", "schema \"public\" already exists", "CREATE SCHEMA public");
    assertEquals("CREATE SCHEMA", tag("CREATE SCHEMA other"));
    assertError("42P06", "schema \"other\" already exists", "CREATE SCHEMA other");
    // a table of the same name in each schema; unqualified names find public's first
    tag("CREATE TABLE other.items (x int)");
    tag("INSERT INTO other.items VALUES (5)");
    assertEquals(table("5"), rows("SELECT x FROM other.items"));
    assertEquals(table("4"), rows("SELECT count(*) FROM items"));
    tag("SET search_path TO other, public");
    assertEquals(table("5"), rows("SELECT x FROM items"));
    tag("RESET search_path");
    assertError("2BP01", "cannot drop schema other because other objects depend on it",
        "DROP SCHEMA other");
    assertEquals("DROP SCHEMA", tag("DROP SCHEMA other CASCADE"));
    assertError("42P01", "relation \"other.items\" does not exist", "SELECT * FROM other.items");
    assertError("3F000", "schema \"other\" does not exist", "CREATE TABLE other.t (x int)");
    assertEquals(table("4"), rows("SELECT count(*) FROM items"));
  }

  @Test
  void projectionsFiltersAndOrdering() {
    assertEquals(table("1|a", "3|a"), rows("SELECT id, category FROM items WHERE category = 'a' ORDER BY id"));
    assertEquals(table("4", "3", "2", "1"), rows("SELECT id FROM items ORDER BY id DESC"));
    // NULLS LAST for ASC, NULLS FIRST for DESC, as PostgreSQL.
    assertEquals(table("1", "2", "4", "3"), rows("SELECT id FROM items ORDER BY price"));
    assertEquals(table("3", "4", "2", "1"), rows("SELECT id FROM items ORDER BY price DESC"));
    assertEquals(table("3", "1", "2", "4"), rows("SELECT id FROM items ORDER BY price NULLS FIRST, id"));
    assertEquals(table("2|b", "1|a"), rows("SELECT id, category AS c FROM items WHERE id < 3 ORDER BY c DESC"));
    assertEquals(table("2", "3"), rows("SELECT id FROM items ORDER BY 1 LIMIT 2 OFFSET 1"));
    assertEquals(table("3"), rows("SELECT id FROM items ORDER BY qty + 1 LIMIT 1 OFFSET 1"));
    assertEquals(table("a", "b", "NULL"), rows("SELECT DISTINCT category FROM items ORDER BY category"));
    assertEquals(table("1|a|1.5|10|[1,0]"), rows("SELECT * FROM items i WHERE i.id = 1"));
    assertEquals(table("2"), rows("SELECT count(*) FROM items WHERE qty IS NULL OR price IS NULL"));
    assertEquals(4, rows("SELECT id FROM items LIMIT ALL").size());
    assertEquals(1, rows("SELECT id FROM items LIMIT 1").size());
  }

  @Test
  void aggregatesAndGrouping() {
    assertEquals(table("4|3|16|5.3333333333333333|1|10"),
        rows("SELECT count(*), count(price), sum(qty), avg(qty), min(qty), max(qty) FROM items"));
    assertEquals(table("a|2|15", "b|1|NULL", "NULL|1|1"),
        rows("SELECT category, count(*), sum(qty) FROM items GROUP BY category ORDER BY category"));
    assertEquals(table("a|2"), rows("SELECT category, count(*) AS n FROM items GROUP BY 1 HAVING count(*) > 1"));
    assertEquals(table("2"), rows("SELECT count(DISTINCT category) FROM items"));
    assertEquals(table("8"), rows("SELECT sum(price) FROM items"));
    QueryResult.Rows r = (QueryResult.Rows) run(
        "SELECT count(*), sum(qty), sum(id), avg(qty), avg(price), sum(price), max(category) FROM items");
    assertEquals(List.of("int8", "int8", "numeric", "numeric", "float8", "float4", "text"),
        r.columns().stream().map(c -> c.type().name()).toList());
  }

  @Test
  void errorsOfPostgres() {
    assertError("42P01", "relation \"nosuch\" does not exist", "SELECT * FROM nosuch");
    assertError("42703", "column \"nosuch\" does not exist", "SELECT nosuch FROM items");
    assertError("42703", "column i.nosuch does not exist", "SELECT i.nosuch FROM items i");
    assertError("42P01", "missing FROM-clause entry for table \"x\"", "SELECT x.id FROM items");
    assertError("42803", "column \"items.category\" must appear in the GROUP BY clause or be used in an aggregate function",
        "SELECT category, count(*) FROM items");
    assertError("42803", "aggregate functions are not allowed in WHERE", "SELECT id FROM items WHERE count(*) > 1");
    assertError("42804", "argument of WHERE must be type boolean, not type integer", "SELECT id FROM items WHERE qty");
    assertError("42883", "operator does not exist: vector <-> integer", "SELECT embedding <-> 1 FROM items");
    assertError("42883", "operator does not exist: text + integer", "SELECT category + 1 FROM items");
    assertError("42601", "syntax error at or near \"FROM\"", "SELECT id, FROM items");
    assertError("42601", "syntax error at end of input", "SELECT id FROM");
    assertError("22012", "division by zero", "SELECT 1 / 0");
    assertError("22003", "integer out of range", "SELECT 2147483647 + 1");
    assertError("22P02", "invalid input syntax for type integer: \"x\"", "SELECT 'x'::int");
    assertError("2201W", "LIMIT must not be negative", "SELECT id FROM items LIMIT $1", -1L);
    assertError("0A000", "MERGE is not supported yet", "MERGE INTO items USING items o ON true WHEN MATCHED THEN DELETE");
    PgException e = error("SELECT id, FROM items");
    assertEquals(12, e.position());
    e = error("SELECT nosuch FROM items");
    assertEquals(8, e.position());
    e = error("SELECT embedding <-> 1 FROM items");
    assertEquals(18, e.position());
    assertEquals(8, error("SELECT vector_dims(1)").position());
    assertEquals(15, error("SELECT * FROM nosuch").position());
    assertEquals("No operator matches the given name and argument types. You might need to add explicit type casts.", e.hint());
  }

  @Test
  void parametersTakeTheTypeTheirContextNeeds() {
    Statement st = session.prepare(
        "SELECT id, embedding <-> $1 AS d FROM items WHERE id <> $2 ORDER BY embedding <-> $1 LIMIT $3",
        new int[0]);
    assertEquals(List.of("vector", "int8", "int8"), st.parameterTypes().stream().map(t -> t.name()).toList());
    assertEquals(List.of("id", "d"), st.resultColumns().stream().map(ResultColumn::name).toList());
    for (int i = 0; i < 3; i++) {
      QueryResult.Rows r = (QueryResult.Rows) session.execute(st, new Object[] {new float[] {1, 0}, 1L, 2L});
      assertEquals(3L, r.cursor().next()[0]);
      assertEquals(2L, r.cursor().next()[0]);
      assertEquals(null, r.cursor().next());
    }
    Statement typed = session.prepare("SELECT $1::text || 'x', $2", new int[] {25, 23});
    assertEquals(List.of("text", "int4"), typed.parameterTypes().stream().map(t -> t.name()).toList());
    assertEquals(table("ax|7"), rowsOf(session.execute(typed, new Object[] {"a", 7})));
  }

  static List<List<String>> rowsOf(QueryResult result) {
    QueryResult.Rows rows = (QueryResult.Rows) result;
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
  void preparedStatementsArePlannedAgainAfterTheTableChanges() {
    Statement st = session.prepare("SELECT id, category FROM items ORDER BY id LIMIT 1", new int[0]);
    assertEquals(table("1|a"), rowsOf(session.execute(st, new Object[0])));
    script("DROP TABLE items; CREATE TABLE items (category text, note text, id bigint);"
        + "INSERT INTO items VALUES ('z', 'n', 5)");
    assertEquals(table("5|z"), rowsOf(session.execute(st, new Object[0])));
    assertEquals(table("5|z"), rowsOf(session.execute(st, new Object[0])));
    script("DROP TABLE items; CREATE TABLE items (id int, category int)");
    assertEquals("cached plan must not change result type",
        org.junit.jupiter.api.Assertions.assertThrows(PgException.class,
            () -> session.execute(st, new Object[0])).getMessage());
    tag("DROP TABLE items");
    assertEquals("relation \"items\" does not exist",
        org.junit.jupiter.api.Assertions.assertThrows(PgException.class,
            () -> session.execute(st, new Object[0])).getMessage());
  }

  @Test
  void subqueriesAndValuesInFrom() {
    assertEquals(table("[2,3.5,5]"),
        rows("SELECT avg(v) FROM (VALUES ('[1,2,3]'::vector), ('[3,5,7]'), (NULL)) t (v)"));
    assertEquals(table("[4,7,10]"), rows("SELECT sum(v) FROM (VALUES ('[1,2,3]'::vector), ('[3,5,7]')) t (v)"));
    assertEquals(table("NULL"), rows("SELECT avg(v) FROM (VALUES (NULL::vector)) t (v)"));
    assertEquals(table("1|a", "2|b"), rows("SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS x ORDER BY column1"));
    assertEquals(table("a|2"), rows(
        "SELECT c, n FROM (SELECT category AS c, count(*) AS n FROM items GROUP BY category) s WHERE n > 1"));
    assertEquals(table("3"), rows("SELECT max(id) FROM (SELECT id FROM items ORDER BY id LIMIT 3) AS firsts"));
  }
}
