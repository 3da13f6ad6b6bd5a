package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Joins, subqueries, WITH and set operations; expected rows as PostgreSQL 15 returns them. */
@Tag("storage-independent")
class JoinsAndSubqueriesTest extends SqlTestBase {

  @BeforeEach
  void data() {
    script("CREATE TABLE collections (id int PRIMARY KEY, name text);"
        + "CREATE TABLE docs (id int PRIMARY KEY, collection_id int, title text, embedding vector(2));"
        + "INSERT INTO collections VALUES (1, 'news'), (2, 'blogs'), (3, 'empty');"
        + "INSERT INTO docs VALUES (10, 1, 'a', '[1,0]'), (11, 1, 'b', '[0,1]'), (12, 2, 'c', '[1,1]'),"
        + " (13, NULL, 'orphan', '[2,2]')");
  }

  @Test
  void innerJoins() {
    assertEquals(table("10|news", "11|news", "12|blogs"), rows(
        "SELECT d.id, c.name FROM docs d JOIN collections c ON c.id = d.collection_id ORDER BY d.id"));
    assertEquals(table("10|news", "11|news", "12|blogs"), rows(
        "SELECT d.id, c.name FROM docs d, collections c WHERE c.id = d.collection_id ORDER BY 1"));
    assertEquals(table("12"), rows("SELECT docs.id FROM docs INNER JOIN collections"
        + " ON collections.id = docs.collection_id AND collections.name = 'blogs'"));
    assertEquals("12", value("SELECT count(*) FROM docs CROSS JOIN collections"));
    // a non-equality condition (nested loop)
    assertEquals(table("1|2", "1|3", "2|3"),
        rows("SELECT a.id, b.id FROM collections a JOIN collections b ON a.id < b.id ORDER BY 1, 2"));
  }

  @Test
  void outerJoins() {
    assertEquals(table("news|2", "blogs|1", "empty|0"), rows("SELECT c.name, count(d.id) FROM collections c"
        + " LEFT JOIN docs d ON d.collection_id = c.id GROUP BY c.name, c.id ORDER BY c.id"));
    assertEquals(table("10|news", "11|news", "12|blogs", "13|NULL"), rows(
        "SELECT d.id, c.name FROM collections c RIGHT JOIN docs d ON d.collection_id = c.id ORDER BY d.id"));
    assertEquals(table("10|1", "11|1", "12|2", "13|NULL", "NULL|3"), rows("SELECT d.id, c.id FROM docs d"
        + " FULL JOIN collections c ON d.collection_id = c.id ORDER BY d.id, c.id"));
    assertEquals(table("3"), rows("SELECT c.id FROM collections c LEFT JOIN docs d"
        + " ON d.collection_id = c.id WHERE d.id IS NULL"));
  }

  @Test
  void usingAndNatural() {
    script("CREATE TABLE tags (collection_id int, tag text);"
        + "INSERT INTO tags VALUES (1, 'x'), (2, 'y'), (5, 'z')");
    assertEquals(table("1|10|a|[1,0]|x", "1|11|b|[0,1]|x", "2|12|c|[1,1]|y"),
        rows("SELECT * FROM docs JOIN tags USING (collection_id) ORDER BY id"));
    assertEquals(table("1|x", "2|y", "5|z"),
        rows("SELECT collection_id, tag FROM docs RIGHT JOIN tags USING (collection_id)"
            + " GROUP BY collection_id, tag ORDER BY 1"));
    assertEquals("3", value("SELECT count(*) FROM docs NATURAL JOIN tags"));
  }

  @Test
  void namesAndTheirErrors() {
    assertError("42702", "column reference \"id\" is ambiguous",
        "SELECT id FROM docs JOIN collections ON true");
    assertError("42P01", "missing FROM-clause entry for table \"x\"", "SELECT x.id FROM docs");
    assertError("42712", "table name \"docs\" specified more than once", "SELECT 1 FROM docs, docs");
    assertEquals("4", value("SELECT count(*) FROM docs a JOIN docs b ON a.id = b.id"));
    assertEquals(table("10|a|10"), rows("SELECT d.id, d.title, x.n FROM docs d"
        + " JOIN (SELECT 10 AS n) x ON x.n = d.id"));
    assertEquals(table("1|news|10|1|a|[1,0]"),
        rows("SELECT c.*, d.* FROM collections c JOIN docs d ON d.collection_id = c.id WHERE d.id = 10"));
  }

  @Test
  void scalarAndExistsSubqueries() {
    assertEquals("news", value("SELECT (SELECT name FROM collections WHERE id = 1)"));
    assertEquals(table("10|news", "11|news", "12|blogs", "13|NULL"), rows("SELECT d.id,"
        + " (SELECT c.name FROM collections c WHERE c.id = d.collection_id) FROM docs d ORDER BY d.id"));
    assertEquals(table("1", "2"), rows("SELECT id FROM collections c"
        + " WHERE EXISTS (SELECT 1 FROM docs d WHERE d.collection_id = c.id) ORDER BY id"));
    assertEquals(table("3"), rows("SELECT id FROM collections c"
        + " WHERE NOT EXISTS (SELECT 1 FROM docs d WHERE d.collection_id = c.id)"));
    assertError("21000", "more than one row returned by a subquery used as an expression",
        "SELECT (SELECT id FROM docs)");
    assertError("42601", "subquery must return only one column", "SELECT (SELECT id, title FROM docs)");
    assertEquals(null, value("SELECT (SELECT id FROM docs WHERE id = 99)"));
  }

  @Test
  void inAndQuantifiedSubqueries() {
    assertEquals(table("10", "11"), rows("SELECT id FROM docs WHERE collection_id IN"
        + " (SELECT id FROM collections WHERE name = 'news') ORDER BY id"));
    // NOT IN over a set with NULL is never true
    assertEquals(table(), rows("SELECT id FROM collections WHERE id NOT IN (SELECT collection_id FROM docs)"));
    assertEquals(table("3"), rows("SELECT id FROM collections WHERE id NOT IN"
        + " (SELECT collection_id FROM docs WHERE collection_id IS NOT NULL)"));
    assertEquals(table("13"), rows("SELECT id FROM docs WHERE id > ALL (SELECT id FROM docs WHERE id < 13)"));
    assertEquals(table("11", "12", "13"),
        rows("SELECT id FROM docs WHERE id > ANY (SELECT id FROM docs) ORDER BY 1"));
    // int against bigint: compared as bigint
    assertEquals("t", value("SELECT 1 IN (SELECT 1::bigint)"));
  }

  @Test
  void vectorQueryBySubquery() {
    // pgvector's README: the neighbours of a stored row
    assertEquals(table("10", "12", "11"), rows("SELECT id FROM docs"
        + " ORDER BY embedding <-> (SELECT embedding FROM docs WHERE id = 10), id LIMIT 3"));
    assertEquals(table("12", "11"), rows("WITH q AS (SELECT embedding FROM docs WHERE id = 10)"
        + " SELECT d.id FROM docs d WHERE d.id NOT IN (10, 13)"
        + " ORDER BY d.embedding <=> (SELECT embedding FROM q) LIMIT 2"));
  }

  @Test
  void vectorSearchInsideSubqueries() {
    assertEquals(table("10|a", "12|c"), rows("SELECT id, title FROM docs WHERE id IN"
        + " (SELECT id FROM docs ORDER BY embedding <-> '[1,0]' LIMIT 2) ORDER BY id"));
    // the nearest document of each collection (a correlated top-k)
    assertEquals(table("1|10", "2|12", "3|NULL"), rows("SELECT c.id, (SELECT d.id FROM docs d"
        + " WHERE d.collection_id = c.id ORDER BY d.embedding <-> '[1,0]' LIMIT 1) FROM collections c ORDER BY 1"));
    assertEquals(table("1|11", "2|12"), rows("SELECT c.id, n.id FROM collections c JOIN LATERAL"
        + " (SELECT d.id FROM docs d WHERE d.collection_id = c.id ORDER BY d.embedding <-> '[0,1]' LIMIT 1) n"
        + " ON true ORDER BY 1"));
    String plan = String.join("\n", rows("EXPLAIN SELECT id FROM docs"
        + " ORDER BY embedding <-> (SELECT embedding FROM docs WHERE id = 10) LIMIT 2").stream()
        .map(r -> r.get(0)).toList());
    org.junit.jupiter.api.Assertions.assertTrue(plan.contains("Top"), plan);
  }

  @Test
  void vectorOrderAboveAJoin() {
    // INNER: the orphan (no collection) is nearest to [2,2] but cannot join; the answer skips it
    String inner = "SELECT d.id, c.name FROM docs d JOIN collections c ON c.id = d.collection_id"
        + " ORDER BY d.embedding <-> '[2,2]', d.id LIMIT 2";
    assertEquals(table("12|blogs", "10|news"), rows(inner));
    String plan = String.join("\n", rows("EXPLAIN " + inner).stream().map(r -> r.get(0)).toList());
    org.junit.jupiter.api.Assertions.assertTrue(plan.indexOf("TopK") > plan.indexOf("Join"), plan);
    // LEFT: every left row counts, the orphan first
    assertEquals(table("13|NULL", "12|blogs"), rows("SELECT d.id, c.name FROM docs d LEFT JOIN collections c"
        + " ON c.id = d.collection_id ORDER BY d.embedding <-> '[2,2]' LIMIT 2"));
    // a left row with two partners gives two rows
    script("INSERT INTO collections VALUES (4, 'news2')");
    assertEquals(table("10|1", "10|4"), rows("SELECT d.id, c.id FROM docs d JOIN collections c"
        + " ON c.name LIKE 'news%' AND d.collection_id = 1 ORDER BY d.embedding <-> '[1,0]', c.id LIMIT 2"));
    // a key from the right side keeps the plain plan, with the same answer as PostgreSQL
    assertEquals(table("10|news", "11|news"), rows("SELECT d.id, c.name FROM docs d JOIN collections c"
        + " ON c.id = d.collection_id ORDER BY c.name DESC, d.embedding <-> '[1,0]' LIMIT 2"));
  }

  @Test
  void subqueriesInWrites() {
    assertEquals("DELETE 2", tag("DELETE FROM docs d WHERE EXISTS"
        + " (SELECT 1 FROM collections c WHERE c.id = d.collection_id AND c.name = 'news')"));
    assertEquals("UPDATE 1", tag("UPDATE docs SET title = (SELECT name FROM collections c"
        + " WHERE c.id = docs.collection_id) WHERE collection_id IS NOT NULL"));
    assertEquals(table("12|blogs", "13|orphan"), rows("SELECT id, title FROM docs ORDER BY id"));
    assertEquals("DELETE 1", tag("DELETE FROM collections WHERE id NOT IN"
        + " (SELECT collection_id FROM docs WHERE collection_id IS NOT NULL) AND id = 3"));
  }

  @Test
  void withQueries() {
    assertEquals(table("news|2", "blogs|1"), rows("WITH counts AS (SELECT collection_id, count(*) AS n"
        + " FROM docs GROUP BY collection_id) SELECT c.name, counts.n FROM counts"
        + " JOIN collections c ON c.id = counts.collection_id ORDER BY n DESC"));
    assertEquals(table("1", "2", "3", "4", "5"), rows("WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL"
        + " SELECT n + 1 FROM t WHERE n < 5) SELECT n FROM t"));
    assertEquals("15", value("WITH RECURSIVE t(n) AS (VALUES (1) UNION ALL"
        + " SELECT n + 1 FROM t WHERE n < 5) SELECT sum(n) FROM t"));
    // UNION (not ALL) stops when a step adds nothing new
    assertEquals("2", value("WITH RECURSIVE t(n) AS (SELECT 1 UNION SELECT 3 - n FROM t)"
        + " SELECT count(*) FROM t"));
    assertEquals(table("b"), rows("WITH a AS (SELECT 'a' AS x), b AS (SELECT 'b' AS x FROM a) SELECT * FROM b"));
  }

  @Test
  void setOperations() {
    assertEquals(table("1", "2", "3", "10", "11", "12", "13"),
        rows("SELECT id FROM collections UNION SELECT id FROM docs ORDER BY 1"));
    assertEquals("7", value("SELECT count(*) FROM (SELECT id FROM collections UNION ALL SELECT id FROM docs) x"));
    assertEquals(table("1", "2"),
        rows("SELECT id FROM collections INTERSECT SELECT collection_id FROM docs ORDER BY id"));
    assertEquals(table("3"), rows("SELECT id FROM collections EXCEPT SELECT collection_id FROM docs"));
    assertEquals(table("1", "1"), rows("SELECT 1 UNION ALL SELECT 1"));
    assertEquals(table("1"), rows("SELECT 1 UNION SELECT 1"));
    assertEquals(table("1.5", "2"), rows("SELECT 1.5 AS x UNION SELECT 2 ORDER BY x"));
    assertError("42601", "each UNION query must have the same number of columns", "SELECT 1 UNION SELECT 1, 2");
    assertError("42804", "UNION types integer and text cannot be matched", "SELECT 1 UNION SELECT title FROM docs");
    assertEquals(table("2|b", "1|a"), rows("VALUES (1, 'a'), (2, 'b') ORDER BY 1 DESC"));
  }

  @Test
  void lateral() {
    assertEquals(table("1|11", "2|12"), rows("SELECT c.id, x.id FROM collections c, LATERAL"
        + " (SELECT d.id FROM docs d WHERE d.collection_id = c.id ORDER BY d.id DESC LIMIT 1) x ORDER BY 1"));
    assertEquals(table("1|11", "2|12", "3|NULL"), rows("SELECT c.id, x.id FROM collections c LEFT JOIN LATERAL"
        + " (SELECT max(d.id) AS id FROM docs d WHERE d.collection_id = c.id) x ON true ORDER BY 1"));
  }

  @Test
  void setReturningFunctions() {
    assertEquals(table("1", "2", "3"), rows("SELECT * FROM generate_series(1, 3)"));
    assertEquals(table("5", "3", "1"), rows("SELECT i FROM generate_series(5, 1, -2) AS g(i)"));
    assertEquals(table("1", "2"), rows("SELECT g FROM generate_series(1, 2) g"));
    assertEquals(table("1", "2", "3"), rows("SELECT generate_series(1, 3)"));
    assertEquals(table("1|a", "2|a"), rows("SELECT generate_series(1, 2), 'a'"));
    // lockstep, the shorter one padded with NULL
    assertEquals(table("1|1", "2|2", "NULL|3"), rows("SELECT generate_series(1, 2), generate_series(1, 3)"));
    assertEquals(table("11", "12", "13"), rows("SELECT generate_series(1, 3) + 10"));
    assertEquals(table("0.5", "1.5", "2.5"), rows("SELECT * FROM generate_series(0.5, 2.5, 1)"));
    assertEquals(table("x|1", "y|2"), rows("SELECT * FROM unnest(ARRAY['x', 'y']) WITH ORDINALITY AS t(v, n)"));
    assertEquals(table("1|a", "2|b", "NULL|c"), rows("SELECT * FROM unnest(ARRAY[1, 2], ARRAY['a', 'b', 'c'])"));
    assertEquals(table("1", "2"), rows("SELECT unnest(ARRAY[1, 2])"));
    assertEquals(table("1", "2", "3"), rows("SELECT generate_subscripts(ARRAY['a', 'b', 'c'], 1)"));
    // a function reading an earlier FROM item (implicitly LATERAL)
    assertEquals(table("1|1", "2|1", "2|2"), rows("SELECT c.id, g FROM collections c,"
        + " generate_series(1, c.id) g WHERE c.id <= 2 ORDER BY 1, 2"));
    script("CREATE TABLE nums (n int)");
    assertEquals("INSERT 0 3", tag("INSERT INTO nums SELECT g FROM generate_series(1, 3) g"));
    assertError("0A000", "set-returning functions are not allowed in WHERE",
        "SELECT 1 FROM docs WHERE generate_series(1, 2) > 1");
    assertError("22023", "step size cannot equal zero", "SELECT * FROM generate_series(1, 2, 0)");
  }

  @Test
  void recordFieldSelection() {
    // pgjdbc's getPrimaryKeys/getIndexInfo shape
    assertEquals(table("7|1", "9|2"), rows("SELECT (information_schema._pg_expandarray(ARRAY[7, 9])).x,"
        + " (information_schema._pg_expandarray(ARRAY[7, 9])).n"));
    assertEquals(table("9|2"), rows("SELECT r.k, r.n FROM (SELECT (_pg_expandarray(ARRAY[7, 9])).x AS k,"
        + " _pg_expandarray(ARRAY[7, 9]) AS keys, (_pg_expandarray(ARRAY[7, 9])).n AS n) r WHERE r.k = (r.keys).x AND r.n = 2"));
    assertEquals(table("(7,1)", "(9,2)"), rows("SELECT information_schema._pg_expandarray(ARRAY[7, 9])"));
    // pgjdbc's getIndexInfo: a record column of a derived table, and KEYS as its name
    assertEquals(table("9|2"), rows("SELECT (i.keys).x, (i.keys).n FROM (SELECT"
        + " information_schema._pg_expandarray(ARRAY[7, 9]) AS keys) i WHERE (i.keys).n = 2"));
    assertError("42809", "column notation .x applied to type integer, which is not a composite type",
        "SELECT (1).x");
  }

  @Test
  void pgjdbcGetIndexInfoQuery() {
    // the shape of pgjdbc 42.7's getIndexInfo (server 9.6 and later)
    script("CREATE INDEX ON docs USING hnsw (embedding vector_l2_ops)");
    String inner = "SELECT current_database() AS TABLE_CAT, n.nspname AS TABLE_SCHEM, ct.relname AS TABLE_NAME,"
        + " NOT i.indisunique AS NON_UNIQUE, NULL AS INDEX_QUALIFIER, ci.relname AS INDEX_NAME,"
        + " CASE i.indisclustered WHEN true THEN 1 ELSE CASE am.amname WHEN 'hash' THEN 2 ELSE 3 END END AS TYPE,"
        + " (information_schema._pg_expandarray(i.indkey)).n AS ORDINAL_POSITION, ci.reltuples AS CARDINALITY,"
        + " ci.relpages AS PAGES, pg_catalog.pg_get_expr(i.indpred, i.indrelid) AS FILTER_CONDITION,"
        + " ci.oid AS CI_OID, i.indoption AS I_INDOPTION, am.amname AS AM_NAME"
        + " FROM pg_catalog.pg_class ct JOIN pg_catalog.pg_namespace n ON (ct.relnamespace = n.oid)"
        + " JOIN pg_catalog.pg_index i ON (ct.oid = i.indrelid) JOIN pg_catalog.pg_class ci ON (ci.oid = i.indexrelid)"
        + " JOIN pg_catalog.pg_am am ON (ci.relam = am.oid) WHERE true AND ct.relname = 'docs'";
    assertEquals(table("f|4|docs_pkey|3|1|id|A", "t|4|docs_embedding_idx|3|1|embedding|NULL"), rows(
        "SELECT tmp.NON_UNIQUE AS \"NON_UNIQUE\", tmp.CARDINALITY AS \"CARDINALITY\", tmp.INDEX_NAME AS \"INDEX_NAME\", tmp.TYPE AS \"TYPE\","
        + " tmp.ORDINAL_POSITION AS \"ORDINAL_POSITION\","
        + " trim(both '\"' from pg_catalog.pg_get_indexdef(tmp.CI_OID, tmp.ORDINAL_POSITION, false)) AS \"COLUMN_NAME\","
        + " CASE tmp.AM_NAME WHEN 'btree' THEN CASE tmp.I_INDOPTION[tmp.ORDINAL_POSITION - 1] & 1::smallint"
        + " WHEN 1 THEN 'D' ELSE 'A' END ELSE NULL END AS \"ASC_OR_DESC\""
        + " FROM (" + inner + ") AS tmp ORDER BY \"NON_UNIQUE\", \"TYPE\", \"INDEX_NAME\", \"ORDINAL_POSITION\""));
  }

  @Test
  void functionsWithOrdinality() {
    assertEquals(table("5|1", "6|2"), rows("SELECT * FROM generate_series(5, 6) WITH ORDINALITY AS g(v, n)"));
    // psql 15's \d footers on a table with foreign keys
    script("CREATE TABLE chunks (id int PRIMARY KEY, doc_id int REFERENCES docs (id))");
    assertEquals(table("chunks_doc_id_fkey"), rows("SELECT conname FROM pg_catalog.pg_constraint c"
        + " WHERE confrelid IN (SELECT pg_catalog.pg_partition_ancestors('docs')"
        + " UNION ALL VALUES ('docs'::pg_catalog.regclass)) AND contype = 'f' AND conparentid = 0"));
    // not a partition: no ancestors, as PostgreSQL 15 answers
    assertEquals(table(), rows("SELECT a.relid, a.depth FROM"
        + " pg_catalog.pg_partition_ancestors('docs') WITH ORDINALITY AS a(relid, depth)"));
  }

  @Test
  void jsonSetReturningFunctions() {
    assertEquals(table("1", "{\"a\": 2}"), rows("SELECT jsonb_array_elements('[1, {\"a\": 2}]'::jsonb)"));
    assertEquals(table("x", "NULL"), rows("SELECT * FROM jsonb_array_elements_text('[\"x\", null]')"));
    assertEquals(table("a|1", "b|[2]"), rows("SELECT key, value FROM jsonb_each('{\"b\": [2], \"a\": 1}')"));
    assertEquals(table("a|x"), rows("SELECT * FROM json_each_text('{\"a\": \"x\"}')"));
    assertEquals(table("a", "b"), rows("SELECT jsonb_object_keys('{\"b\": 1, \"a\": 2}')"));
    assertError("22023", "cannot extract elements from an object",
        "SELECT jsonb_array_elements('{\"a\": 1}'::jsonb)");
    assertError("22023", "cannot call jsonb_each on a non-object", "SELECT * FROM jsonb_each('[1]')");
    // a call as the first argument of a function in FROM
    assertEquals(table("a|1"), rows("SELECT * FROM jsonb_each(jsonb_build_object('a', 1))"));
    assertEquals(table("t|10"), rows("SELECT * FROM docs d, jsonb_each_text(jsonb_build_object('t', d.id)) e"
        + " WHERE d.id = 10").stream().map(r -> r.subList(4, 6)).toList());
    // one row per key of each row's metadata (implicitly LATERAL)
    script("CREATE TABLE meta (id int, m jsonb); INSERT INTO meta VALUES (1, '{\"a\": 1, \"b\": 2}'), (2, '{}')");
    assertEquals(table("1|a", "1|b"), rows("SELECT meta.id, k FROM meta, jsonb_object_keys(meta.m) k ORDER BY 1, 2"));
  }

  @Test
  void castsCalledAsFunctions() {
    assertEquals("0.29289322", value("SELECT round(cast(float8(embedding <=> '[1,1]') as numeric), 8)"
        + " FROM docs WHERE id = 10"));
    assertEquals("12", value("SELECT int4('12')"));
  }

  @Test
  void insertSelectFromGenerateSeries() {
    // the first line of many pgvector tutorials
    script("CREATE TABLE items (id bigserial PRIMARY KEY, embedding vector(3))");
    assertEquals("INSERT 0 5", tag("INSERT INTO items (embedding)"
        + " SELECT ARRAY[i, i + 1, i + 2]::real[]::vector FROM generate_series(1, 5) i"));
    assertEquals(table("1|[1,2,3]", "2|[2,3,4]"), rows("SELECT id, embedding FROM items ORDER BY id LIMIT 2"));
  }
}
