package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.sql.types.PgTypes;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Operators and functions beyond arithmetic, each checked against what PostgreSQL 15 answers
 * (values, result types, NULL behaviour, error texts and SQLSTATEs).
 */
@Tag("storage-independent")
class ExpressionsTest extends SqlTestBase {

  @Test
  void arrayLiteralsPrintAsPostgreSql() {
    assertEquals("{1,2,3}", value("SELECT ARRAY[1, 2, 3]"));
    assertEquals("{x,\"y z\",NULL,\"\",\"NULL\",\"a\\\"b\"}",
        value("SELECT ARRAY['x', 'y z', NULL, '', 'NULL', 'a\"b']"));
    assertEquals("{1,2}", value("SELECT '{1,2}'::int[]"));
    assertEquals("{a,\"b,c\",NULL}", value("SELECT '{a,\"b,c\",NULL}'::text[]"));
    assertEquals("{}", value("SELECT ARRAY[]::bigint[]"));
    assertEquals("{1,2}", value("SELECT '[1:2]={1,2}'::int[]"));
    assertEquals("{t,f}", value("SELECT ARRAY[true, false]"));
    assertEquals("{1.5,2.0}", value("SELECT ARRAY[1.5, 2.0]"));
    assertEquals("{1,2}", value("SELECT ARRAY[1, 2]::text"));
  }

  @Test
  void arrayTypesCarryPostgreSqlOids() {
    QueryResult.Rows r = (QueryResult.Rows) run(
        "SELECT ARRAY[1], ARRAY[1::bigint], ARRAY['a'], ARRAY[1.5], ARRAY[true], ARRAY[1::smallint],"
            + " ARRAY[1.5::float8], '{}'::jsonb[]");
    assertEquals(List.of(1007, 1016, 1009, 1231, 1000, 1005, 1022, 3807),
        r.columns().stream().map(c -> c.type().oid()).toList());
  }

  @Test
  void arrayWireFormats() {
    var int4s = PgTypes.INT4_ARRAY;
    Object[] v = {1, null, 3};
    byte[] binary = int4s.encodeBinary(v);
    // ndim 1, has nulls, element oid 23, length 3, lower bound 1, then elements.
    assertEquals(20 + 8 + 4 + 8, binary.length);
    assertArrayEquals(v, (Object[]) int4s.decodeBinary(binary));
    assertArrayEquals(new Object[] {"a b", null, "c\"d"},
        (Object[]) PgTypes.TEXT_ARRAY.decodeText("{\"a b\",NULL,\"c\\\"d\"}"));
    assertArrayEquals(new Object[0], (Object[]) int4s.decodeBinary(int4s.encodeBinary(new Object[0])));
  }

  @Test
  void malformedArrays() {
    assertError("22P02", "malformed array literal: \"{1,2\"", "SELECT '{1,2'::int[]");
    assertEquals("Unexpected end of input.", error("SELECT '{1,2'::int[]").detail());
    assertError("22P02", "invalid input syntax for type integer: \"x\"", "SELECT '{1,x}'::int[]");
    assertError("0A000", "multidimensional arrays are not supported", "SELECT '{{1,2},{3,4}}'::int[]");
    assertError("42P18", "cannot determine type of empty array", "SELECT ARRAY[]");
    assertError("22P02", "invalid input syntax for type integer: \"a\"", "SELECT ARRAY[1, 'a']");
  }

  @Test
  void subscriptsAreOneBasedAndNullOutside() {
    assertEquals("20", value("SELECT (ARRAY[10, 20, 30])[2]"));
    assertEquals(null, value("SELECT (ARRAY[10, 20])[5]"));
    assertEquals(null, value("SELECT ('{a,b}'::text[])[0]"));
    assertEquals("2", value("SELECT (ARRAY[1, 2])[1.5]"));
    assertEquals("2", value("SELECT (ARRAY[1, 2])['2']"));
    assertError("42804", "cannot subscript type integer because it does not support subscripting",
        "SELECT (1)[1]");
    assertEquals(table("1|[2]|2|NULL"), rows("SELECT ('{\"a\": 1}'::jsonb)['a'],"
        + " ('{\"a\": {\"b\": [2]}}'::jsonb)['a']['b'], ('[1, 2]'::jsonb)[1], ('{}'::jsonb)['x']"));
  }

  @Test
  void anyAndAllWithThreeValuedLogic() {
    assertEquals(table("t|f|NULL|t|t|f"), rows("SELECT 2 = ANY (ARRAY[1, 2]), 5 = ANY ('{1,2}'),"
        + " 3 = ANY (ARRAY[1, NULL]), 3 <> ALL (ARRAY[1, 2]), 1 > ALL ('{}'::int[]),"
        + " NULL::int = ANY ('{}'::int[])"));
    assertEquals("t", value("SELECT 2 = ANY (ARRAY[1.5, 2.0])"));
    assertEquals("t", value("SELECT 'b' = SOME (ARRAY['a', 'b'])"));
    assertError("42809", "op ANY/ALL (array) requires array on right side", "SELECT 1 = ANY (1)");
    assertEquals(10, error("SELECT 1 = ANY (1)").position());
    assertError("22P02", "invalid input syntax for type integer: \"abc\"",
        "SELECT 'abc' = ANY (ARRAY[1, 2])");
  }

  @Test
  void anyWithAnArrayParameterInfersTheArrayType() {
    Statement st = session.prepare("SELECT 2 = ANY ($1), 'x' <> ALL ($2)", new int[0]);
    assertEquals(List.of("_int4", "_text"), st.parameterTypes().stream().map(t -> t.name()).toList());
    assertEquals(table("t|f"), rows("SELECT 2 = ANY ($1), 'x' <> ALL ($2)",
        new Object[] {1, 2}, new Object[] {"x", "y"}));
    script("CREATE TABLE t (id bigint, name text); INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    Statement byIds = session.prepare("SELECT name FROM t WHERE id = ANY ($1) ORDER BY id", new int[0]);
    assertEquals("_int8", byIds.parameterTypes().get(0).name());
    assertEquals(table("a", "c"), rows("SELECT name FROM t WHERE id = ANY ($1) ORDER BY id",
        (Object) new Object[] {1L, 3L}));
    assertEquals(table("b"), rows("SELECT name FROM t WHERE name <> ALL ($1::text[]) ORDER BY id",
        (Object) new Object[] {"a", "c"}));
  }

  @Test
  void arrayFunctionsAndOperators() {
    assertEquals(table("3|NULL|2|2"), rows("SELECT array_length(ARRAY[1, 2, 3], 1),"
        + " array_length('{}'::int[], 1), cardinality(ARRAY['a', 'b']), array_upper(ARRAY[1, 2], 1)"));
    assertEquals(table("a-c|a-*-c|{a,b,\"\",c}|{a,b,NULL,c}"), rows(
        "SELECT array_to_string(ARRAY['a', NULL, 'c'], '-'), array_to_string(ARRAY['a', NULL, 'c'], '-', '*'),"
            + " string_to_array('a,b,,c', ','), string_to_array('a,b,,c', ',', '')"));
    assertEquals(table("{1,2,3}|{1,2,3}|{0,1}|{a,b}|2|{2}"), rows("SELECT ARRAY[1, 2] || ARRAY[3],"
        + " ARRAY[1, 2] || 3, 0 || ARRAY[1], array_append(ARRAY['a'], 'b'),"
        + " array_position(ARRAY['x', 'y'], 'y'), array_remove(ARRAY[1, 2, 1], 1)"));
    assertEquals(table("t|t|t|t|t|f"), rows("SELECT ARRAY[1, 2] = ARRAY[1, 2], ARRAY[1, 2] < ARRAY[1, 3],"
        + " ARRAY[1, 2] @> ARRAY[2], ARRAY[1] <@ ARRAY[1, 2], ARRAY[1, 2] && ARRAY[2, 3],"
        + " ARRAY[1, NULL] @> ARRAY[NULL]::int[]"));
  }

  @Test
  void likeAndSimilarTo() {
    assertEquals(table("t|f|t|t"), rows("SELECT 'a_c' LIKE 'a\\_c', 'abc' LIKE 'a\\_c',"
        + " 'a%c' LIKE 'a!%c' ESCAPE '!', 'a_c' LIKE 'a_c' ESCAPE ''"));
    assertEquals(table("t|t|f|f"), rows("SELECT 'ABC' ILIKE 'a%', 'abc' ~~ 'a%', 'abc' !~~ 'a%', 'abc' NOT LIKE 'a%'"));
    assertError("22025", "invalid escape string", "SELECT 'a' LIKE 'a' ESCAPE 'xy'");
    assertEquals("Escape string must be empty or one character.",
        error("SELECT 'a' LIKE 'a' ESCAPE 'xy'").hint());
    assertError("42883", "operator does not exist: integer ~~ unknown", "SELECT 1 LIKE 'a'");
    assertEquals(table("t|t|f|t"), rows("SELECT 'abc' SIMILAR TO '(a|x)bc', 'a.c' SIMILAR TO 'a.c',"
        + " 'abc' SIMILAR TO 'a.c', 'abc' NOT SIMILAR TO 'b%'"));
  }

  @Test
  void regularExpressions() {
    assertEquals(table("t|t|f|t|t|t"), rows("SELECT 'Abc' ~* '^a', 'abc' ~ '^(abc)$', 'abc' !~* 'B',"
        + " 'foo bar' ~ '\\mbar', 'x1' ~ '[[:digit:]]', 'x' !~ 'y'"));
    assertEquals("t", value("SELECT 'abc' OPERATOR(pg_catalog.~) '^(abc)$' COLLATE pg_catalog.default"));
    assertEquals("t", value("SELECT 'abc' COLLATE \"C\" < 'abd'"));
    assertError("0A000", "collation \"en_US\" is not supported (only \"C\" and \"default\" are)",
        "SELECT 'a' COLLATE \"en_US\"");
    PgException e = error("SELECT 1 ~ 'a'");
    assertEquals("operator does not exist: integer ~ unknown", e.getMessage());
    assertEquals("42883", e.sqlState());
    assertEquals(10, e.position());
    assertEquals("No operator matches the given name and argument types. You might need to add explicit type casts.",
        e.hint());
    assertError("2201B", "invalid regular expression: parentheses () not balanced", "SELECT 'a' ~ '('");
    assertEquals(table("fooXarYXazY|Hexlo|abc|{bar,beque}|NULL"), rows(
        "SELECT regexp_replace('foobarbaz', 'b(..)', 'X\\1Y', 'g'), regexp_replace('Hello', 'L', 'x', 'i'),"
            + " regexp_replace('abc', 'z', 'x'), regexp_match('foobarbequebaz', '(bar)(beque)'),"
            + " regexp_match('abc', 'x')"));
    assertError("22023", "invalid regular expression option: \"z\"", "SELECT regexp_replace('a', 'a', 'b', 'z')");
  }

  @Test
  void conditionals() {
    assertEquals(table("3|x|NULL|a|5|1.5|b|NULL"), rows("SELECT coalesce(NULL, NULL, 3),"
        + " coalesce(NULL::text, 'x'), nullif(2, 2), nullif('a', 'b'), greatest(1, 5, 3),"
        + " least(3, 1.5, 2), greatest('a', NULL, 'b'), least(NULL::int, NULL)"));
    assertEquals(table("two|NULL"), rows("SELECT CASE 2 WHEN 1 THEN 'one' WHEN 2 THEN 'two' END,"
        + " CASE WHEN NULL THEN 1 END"));
    assertError("22P02", "invalid input syntax for type integer: \"a\"", "SELECT coalesce(1, 'a')");
  }

  @Test
  void isDistinctFrom() {
    assertEquals(table("f|t|t|f|t|f"), rows("SELECT NULL IS DISTINCT FROM NULL, 1 IS DISTINCT FROM NULL,"
        + " 1 IS DISTINCT FROM 2, 1 IS DISTINCT FROM 1.0, NULL::int IS NOT DISTINCT FROM NULL,"
        + " 'a' IS NOT DISTINCT FROM 'b'"));
  }

  @Test
  void stringFunctions() {
    assertEquals(table("àbc|HÉLLO|5|6|ell|ello|h|llo|oob"), rows("SELECT lower('ÀBC'), upper('héllo'),"
        + " length('héllo'), octet_length('héllo'), substring('hello', 2, 3), substring('hello' FROM 2),"
        + " substring('hello', -1, 3), substr('hello', 3), substring('foobar' FROM 'o.b')"));
    assertEquals(table("3|0|a1t1.50|a-b-2|NULL|a2"), rows("SELECT position('l' IN 'hello'),"
        + " strpos('hello', 'z'), concat('a', 1, NULL, true, 1.50), concat_ws('-', 'a', NULL, 'b', 2),"
        + " 'x' || 1 || NULL, 'a' || 1 + 1"));
    assertEquals(table("a|a|a |a|a|a"), rows("SELECT trim('  a  '), trim(BOTH 'x' FROM 'xxaxx'),"
        + " trim(LEADING FROM '  a '), ltrim('xxa', 'x'), rtrim('a  '), btrim('yay', 'y')"));
    assertEquals(table("bbbbbb|b|c||ab|bc|t"), rows("SELECT replace('aaa', 'a', 'bb'),"
        + " split_part('a,b,c', ',', 2), split_part('a,b,c', ',', -1), split_part('a,b', ',', 5),"
        + " left('abc', 2), right('abc', -1), starts_with('abc', 'ab')"));
    assertEquals(table("cba|ababab|007|ab**|Hello World|900150983cd24fb0d6963f7d28e17f72|A|65|ff"),
        rows("SELECT reverse('abc'), repeat('ab', 3), lpad('7', 3, '0'), rpad('ab', 4, '*'),"
            + " initcap('hello wORLD'), md5('abc'), chr(65), ascii('A'), to_hex(255)"));
    assertEquals(table("a-1|public.\"My Table\"|'it''s'|    r#l    #|\"select\"|'x'"), rows(
        "SELECT format('%s-%s', 'a', 1), format('%I.%I', 'public', 'My Table'), format('%L', 'it''s'),"
            + " format('%5s#%-5s#', 'r', 'l'), quote_ident('select'), quote_literal('x')"));
    assertError("22023", "field position must not be zero", "SELECT split_part('a,b', ',', 0)");
    assertError("22023", "too few arguments for format()", "SELECT format('%s %s', 'a')");
    assertError("42883", "function concat() does not exist", "SELECT concat()");
  }

  @Test
  void mathFunctionsKeepPostgreSqlTypes() {
    assertEquals(table("5|2.5|2|-1|-2|3|-3|2|1.23|1200|-1.9|-1"), rows("SELECT abs(-5), abs(-2.5),"
        + " ceil(1.2), ceil(-1.5::float8), floor(-1.5), round(2.5), round(-2.5), round(2.5::float8),"
        + " round(1.2345, 2), round(1234.5, -2), trunc(-1.99, 1), sign(-3)"));
    assertEquals(table("1.4142135623730951|1.414213562373095|1024|8|4|-1|1.5|3|3"), rows(
        "SELECT sqrt(2), sqrt(2.0), power(2, 10), 2 ^ 3, -2 ^ 2, mod(-7, 3), mod(7.5, 2), div(7, 2),"
            + " log(1000)"));
    QueryResult.Rows r = (QueryResult.Rows) run("SELECT ceil(1), ceil(1.5), mod(5, 2), power(2, 3), sqrt(2.0)");
    assertEquals(List.of("float8", "numeric", "int4", "float8", "numeric"),
        r.columns().stream().map(c -> c.type().name()).toList());
    assertError("2201F", "cannot take square root of a negative number", "SELECT sqrt(-1)");
    assertError("2201E", "cannot take logarithm of zero", "SELECT ln(0)");
    assertError("0A000", "power(numeric, numeric) with a fractional exponent is not supported"
        + " (cast the arguments to double precision)", "SELECT power(2, 0.5)");
    assertEquals(table("8.0000000000000000|2.2500000000000000|0.2500000000000000|8.0000000000000000"),
        rows("SELECT power(2.0, 3), power(1.5, 2), power(2, -2::numeric), 2.0 ^ 3"));
  }

  @Test
  void jsonbIsNormalisedAndJsonKeptAsWritten() {
    assertEquals("{\"a\": {\"z\": null}, \"b\": 1}",
        value("SELECT '{\"b\": 1, \"a\": [1, 2], \"a\": {\"z\": null}}'::jsonb"));
    assertEquals("{\"b\": 1,  \"a\": [1,2]}", value("SELECT '{\"b\": 1,  \"a\": [1,2]}'::json"));
    assertEquals(table("15.0|0|0.01|\"é\\t\""), rows("SELECT '1.50e1'::jsonb, '-0'::jsonb, '1e-2'::jsonb,"
        + " '\"\\u00e9\\t\"'::jsonb"));
    PgException e = error("SELECT '{a}'::jsonb");
    assertEquals("invalid input syntax for type json", e.getMessage());
    assertEquals("Token \"a\" is invalid.", e.detail());
    assertEquals(8, e.position());
  }

  @Test
  void jsonOperators() {
    assertEquals(table("\"v\"|v|2|[1,{\"b\":2}]|[1,  {\"b\":2}]|NULL|NULL"), rows(
        "SELECT '{\"k\": \"v\"}'::jsonb -> 'k', '{\"k\": \"v\"}'::jsonb ->> 'k', '[1,2]'::jsonb -> -1,"
            + " '{\"a\": [1,{\"b\":2}]}'::json -> 'a', '{\"a\": [1,  {\"b\":2}]}'::json ->> 'a',"
            + " '{\"a\": null}'::jsonb ->> 'a', '{\"a\": 1}'::jsonb -> 'b'"));
    assertEquals(table("{\"c\": \"d\"}|d|NULL"), rows("SELECT '{\"a\":{\"b\":[1,{\"c\":\"d\"}]}}'::jsonb #> '{a,b,1}',"
        + " '{\"a\":{\"b\":[1,{\"c\":\"d\"}]}}'::jsonb #>> '{a,b,1,c}', '{\"a\":1}'::jsonb #> '{x,y}'"));
    assertEquals(table("t|t|t|t|t|f|t|t"), rows("SELECT '{\"a\":1,\"b\":[1,2]}'::jsonb @> '{\"b\":[2]}',"
        + " '{\"a\":1}'::jsonb <@ '{\"a\":1,\"b\":2}', '[1,2]'::jsonb @> '1', '{\"a\":1}'::jsonb @> '{\"a\":1.0}',"
        + " '{\"a\":1}'::jsonb ? 'a', '{\"a\":1}'::jsonb ?& ARRAY['a','c'], '{\"a\":1}'::jsonb ?| '{c,a}',"
        + " '[\"a\"]'::jsonb ? 'a'"));
    assertEquals(table("{\"a\": 1, \"b\": 2}|[1, 2]|{\"b\": 2}|t"), rows("SELECT '{\"a\": 1}'::jsonb || '{\"b\": 2}',"
        + " '[1]'::jsonb || '[2]', '{\"a\": 1, \"b\": 2}'::jsonb - 'a', '{\"a\": 1}'::jsonb = '{\"a\": 1.0}'"));
    assertError("42883", "operator does not exist: json @> unknown", "SELECT '{}'::json @> '{}'");
    assertError("42883", "operator does not exist: integer -> unknown", "SELECT 1 -> 'a'");
    QueryResult.Rows r = (QueryResult.Rows) run("SELECT '{}'::jsonb -> 'a', '{}'::json -> 'a', '{}'::jsonb ->> 'a'");
    assertEquals(List.of("jsonb", "json", "text"), r.columns().stream().map(c -> c.type().name()).toList());
  }

  @Test
  void jsonFunctions() {
    assertEquals(table("{\"n\": 1.50, \"id\": 1, \"ok\": true, \"list\": [1, 2], \"name\": \"x\", \"none\": null}"
        + "|{\"id\" : 1, \"list\" : [\"a\",\"b\"], \"raw\" : {\"z\":  1}}"), rows(
        "SELECT jsonb_build_object('id', 1, 'name', 'x', 'none', NULL, 'list', ARRAY[1, 2], 'ok', true, 'n', 1.50),"
            + " json_build_object('id', 1, 'list', ARRAY['a', 'b'], 'raw', '{\"z\":  1}'::json)"));
    assertEquals(table("[1, \"a\", null]|[1, \"a\"]|\"x\"|[1,2]|c|number|2"), rows(
        "SELECT jsonb_build_array(1, 'a', NULL), json_build_array(1, 'a'), to_jsonb('x'::text),"
            + " to_json(ARRAY[1, 2]), jsonb_extract_path_text('{\"a\": {\"b\": \"c\"}}', 'a', 'b'),"
            + " jsonb_typeof('1.5'), jsonb_array_length('[1, 2]')"));
    assertEquals(table("t|f"), rows("SELECT jsonb_exists('{\"a\": 1}', 'a'), jsonb_exists('{\"a\": 1}', 'b')"));
    assertError("22023", "argument list must have even number of elements", "SELECT jsonb_build_object('a')");
    assertError("22004", "argument 1: key must not be null", "SELECT jsonb_build_object(NULL, 1)");
  }

  @Test
  void jsonPathAsLangChainFilters() {
    assertEquals(table("($.\"a\" == 1)|strict $.\"a\"[*]?(@ > 1 && @.\"b\" like_regex \"^x\" flag \"i\")"
        + "|($.\"x\" == $\"value\")|exists ($.\"a\")|(($.\"a\" + 1) * 2)"), rows(
        "SELECT '$.a == 1'::jsonpath, 'strict $.a[*] ? (@ > 1 && @.b like_regex \"^x\" flag \"i\")'::jsonpath,"
            + " '$.x == $value'::jsonpath, 'exists($.a)'::jsonpath, '($.a + 1) * 2'::jsonpath"));
    script("CREATE TABLE docs (id bigint, meta jsonb);"
        + "INSERT INTO docs VALUES (1, '{\"k\": \"v1\", \"n\": 1, \"tags\": [\"x\", \"y\"]}'),"
        + " (2, '{\"k\": \"v2\", \"n\": 2}'), (3, '{\"n\": 3}')");
    assertEquals(table("2"), rows("SELECT id FROM docs WHERE jsonb_path_match(meta,"
        + " CAST('$.k == $value' AS JSONPATH), CAST('{\"value\": \"v2\"}'::JSONB AS JSONB)) ORDER BY id"));
    assertEquals(table("2", "3"), rows("SELECT id FROM docs WHERE jsonb_path_match(meta,"
        + " '$.n >= $lo && $.n <= $hi', '{\"lo\": 2, \"hi\": 3}') ORDER BY id"));
    assertEquals(table("2", "3"), rows("SELECT id FROM docs WHERE jsonb_path_match(meta, '$.n != $v',"
        + " '{\"v\": 1}') ORDER BY id"));
    assertEquals(table("1"), rows("SELECT id FROM docs WHERE meta @@ '$.tags[*] == \"x\"' ORDER BY id"));
    assertEquals(table("1"), rows("SELECT id FROM docs WHERE meta @? '$.tags[*] ? (@ == \"y\")' ORDER BY id"));
    assertEquals(table("t|t|NULL|t|2"), rows("SELECT jsonb_path_match('{\"a\": \"abc\"}', '$.a like_regex \"^A\" flag \"i\"'),"
        + " jsonb_path_match('{\"a\": \"abc\"}', '$.a starts with \"ab\"'), jsonb_path_match('{\"a\": \"x\"}', '$.a == 1'),"
        + " jsonb_path_exists('{\"a\": [1, 5]}', '$.a[*] ? (@ > 2)'),"
        + " jsonb_path_query_first('{\"a\": [{\"b\": 1}, {\"b\": 2}]}', '$.a[*].b ? (@ > 1)')"));
    assertError("22038", "single boolean result is expected", "SELECT jsonb_path_match('{\"a\": 1}', '$.a')");
    assertError("42704", "could not find jsonpath variable \"x\"", "SELECT jsonb_path_match('{}', '$.a == $x')");
    assertError("42601", "syntax error at or near \"=\" of jsonpath input", "SELECT '$.a ='::jsonpath");
    assertEquals(table("NULL"), rows("SELECT jsonb_path_match('{\"a\": 1}', '$.a', '{}', true)"));
  }

  @Test
  void langChainFiltersWithServerSideParameters() {
    // As SQLAlchemy renders them for psycopg 3 / asyncpg: every bind cast, json keys as $n.
    script("CREATE TABLE emb (id varchar PRIMARY KEY, cmetadata jsonb);"
        + "INSERT INTO emb VALUES ('a', '{\"topic\": \"x\", \"year\": 2020, \"tags\": [\"p\"]}'),"
        + " ('b', '{\"topic\": \"y\", \"year\": 2023}'), ('c', '{}')");
    assertEquals(table("b"), rows("SELECT id FROM emb WHERE jsonb_path_match(cmetadata,"
        + " CAST($1::VARCHAR AS JSONPATH), CAST($2::JSONB AS JSONB)) ORDER BY id",
        "$.year > $value", "{\"value\": 2021}"));
    assertEquals(table("a", "b"), rows("SELECT id FROM emb WHERE (cmetadata ->> $1::TEXT) IN"
        + " ($2::VARCHAR, $3::VARCHAR) ORDER BY id", "topic", "x", "y"));
    assertEquals(table("c"), rows("SELECT id FROM emb WHERE NOT jsonb_exists(cmetadata, $1::VARCHAR)"
        + " ORDER BY id", "topic"));
    assertEquals(table("a"), rows("SELECT id FROM emb WHERE (cmetadata ->> $1::TEXT) LIKE $2::VARCHAR"
        + " ORDER BY id", "topic", "x%"));
    assertEquals(table("a"), rows("SELECT id FROM emb WHERE cmetadata -> 'tags' ?| $1 ORDER BY id",
        (Object) new Object[] {"q", "p"}));
    Statement st = session.prepare("SELECT id FROM emb WHERE (cmetadata ->> 'year')::INTEGER = ANY ($1)",
        new int[0]);
    assertEquals("_int4", st.parameterTypes().get(0).name());
  }

  @Test
  void collectingAggregates() {
    script("CREATE TABLE d (id bigint, title text, grp text);"
        + "INSERT INTO d VALUES (1, 'Alpha', 'x'), (2, 'beta', 'y'), (3, NULL, 'x'), (4, 'Gamma', NULL)");
    assertEquals(table("{4,3,2,1}|Alpha, Gamma, beta|[1, 2, 3, 4]|[\"Alpha\", \"beta\", null, \"Gamma\"]|{Alpha,beta,NULL,Gamma}"),
        rows("SELECT array_agg(id ORDER BY id DESC), string_agg(title, ', ' ORDER BY title), jsonb_agg(id),"
            + " json_agg(title), array_agg(title ORDER BY id) FROM d"));
    assertEquals(table("{\"1\": \"Alpha\", \"2\": \"beta\"}|{ \"1\" : \"Alpha\", \"2\" : \"beta\" }|t|f"),
        rows("SELECT jsonb_object_agg(id, title), json_object_agg(id, title), bool_and(id > 0),"
            + " bool_or(id > 4) FROM d WHERE id < 3"));
    assertEquals(table("x|{1,3}", "y|{2}", "NULL|{4}"),
        rows("SELECT grp, array_agg(id ORDER BY id) FROM d GROUP BY grp ORDER BY grp"));
    assertEquals(table("NULL|NULL|NULL|NULL"),
        rows("SELECT array_agg(id), jsonb_agg(id), string_agg(title, ','), bool_and(id > 0) FROM d WHERE id > 9"));
    assertError("22023", "field name must not be null", "SELECT jsonb_object_agg(NULL::text, 1)");
    QueryResult.Rows r = (QueryResult.Rows) run("SELECT jsonb_agg(id ORDER BY id DESC), json_agg(DISTINCT grp),"
        + " jsonb_object_agg(id, title ORDER BY id), json_object_agg(id, id ORDER BY id DESC) FROM d WHERE id < 3");
    assertEquals(List.of("jsonb_agg", "json_agg", "jsonb_object_agg", "json_object_agg"),
        r.columns().stream().map(ResultColumn::name).toList());
    assertEquals(table("[2, 1]|[\"x\", \"y\"]|{\"1\": \"Alpha\", \"2\": \"beta\"}|{ \"2\" : 2, \"1\" : 1 }"),
        rows("SELECT jsonb_agg(id ORDER BY id DESC), json_agg(DISTINCT grp),"
            + " jsonb_object_agg(id, title ORDER BY id), json_object_agg(id, id ORDER BY id DESC) FROM d WHERE id < 3"));
    assertEquals("1", value("SELECT json_agg FROM (SELECT 1 AS json_agg) s"));
  }

  @Test
  void pgSleepWaitsAtLeastTheTimeAskedAndNothingForLessThanZero() {
    // as PostgreSQL: a fraction of a millisecond is waited, not truncated to nothing; zero, a
    // negative number, NaN and NULL return at once (these failed or were refused before)
    long start = System.nanoTime();
    assertEquals(1, rows("SELECT pg_sleep(0.0015)").size());
    assertTrue(System.nanoTime() - start >= 1_500_000, "pg_sleep(0.0015) returned early");
    assertNull(value("SELECT pg_sleep(-1)"));
    assertNull(value("SELECT pg_sleep(0)"));
    assertNull(value("SELECT pg_sleep('NaN')"));
    assertNull(value("SELECT pg_sleep(NULL)"));
    assertNull(value("SELECT pg_sleep('0.001')"));
  }

  @Test
  void nowIsTheTransactionsStartAndClockTimestampTheTimeNow() {
    // as PostgreSQL: now() and current_timestamp stay the same all through a transaction and in
    // one statement (each call read the clock before); statement_timestamp() moves per statement
    assertEquals("t", value("SELECT now() = now() AND now() = current_timestamp"
        + " AND now() = transaction_timestamp() AND now() = statement_timestamp()"));
    assertEquals("00:00:00", value("SELECT now() - now()"));
    tag("BEGIN");
    String first = value("SELECT now()");
    String firstStatement = value("SELECT statement_timestamp()");
    rows("SELECT pg_sleep(0.002)");
    assertEquals(first, value("SELECT now()"));
    assertEquals(first, value("SELECT current_timestamp"));
    assertEquals("t", value("SELECT statement_timestamp() > now()"));
    assertEquals("t", value("SELECT statement_timestamp() > '" + firstStatement + "'::timestamptz"));
    assertEquals("t", value("SELECT clock_timestamp() > now()"));
    tag("COMMIT");
    assertEquals("t", value("SELECT now() > '" + first + "'::timestamptz"));
    assertEquals("t", value("SELECT current_date = now()::date"));
  }

  @Test
  void gcdAndLcmAsPostgreSql() {
    // answers and types as PostgreSQL 15 gave them (these functions did not exist before)
    assertEquals(table("6|6|0|12|12|0|6|0.60|2.4"), rows("SELECT gcd(12, 18), gcd(-12, 18),"
        + " gcd(0, 0), lcm(4, 6), lcm(-4, 6), lcm(0, 5), gcd(12::bigint, 18), gcd(2.4, 0.60),"
        + " lcm(2.4, 0.6)"));
    assertEquals(table("integer|bigint|numeric"), rows("SELECT pg_typeof(gcd(4::smallint, 6)),"
        + " pg_typeof(lcm(4::bigint, 6)), pg_typeof(gcd(1.5, 2))"));
    assertError("22003", "integer out of range", "SELECT gcd(-2147483648, 0)");
    assertError("22003", "integer out of range", "SELECT lcm(2147483647, 2147483646)");
    assertError("22003", "bigint out of range", "SELECT gcd(-9223372036854775808, 0::bigint)");
    assertError("42725", "function gcd(smallint, smallint) is not unique",
        "SELECT gcd(4::smallint, 6::smallint)");
    assertNull(value("SELECT lcm(NULL, 2)"));
  }
}
