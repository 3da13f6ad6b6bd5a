-- Expressions: arrays, ANY/ALL, pattern matching, CASE/COALESCE/NULLIF/GREATEST, string and math
-- functions, json/jsonb operators and functions, jsonpath (as LangChain and LlamaIndex filter).
-- The .out was written by PostgreSQL 15.20 with pgvector 0.8.6:
-- psql -X -a -v ON_ERROR_STOP=0 -d postgres < expressions.sql > expressions.out (LC_ALL=C.UTF-8)
DROP TABLE IF EXISTS golden_docs;
CREATE TABLE golden_docs (id bigint PRIMARY KEY, title text, tags text, meta jsonb, raw json, embedding vector(2));
INSERT INTO golden_docs VALUES
  (1, 'Alpha', 'a,b', '{"k": "v1", "n": 1, "tags": ["x", "y"], "nested": {"d": 1.50}}', '{"k" : "v1",  "n": 1}', '[1,0]'),
  (2, 'beta', 'b', '{"k": "v2", "n": 2, "tags": ["y"]}', '{"k": "v2", "n": 2}', '[0,1]'),
  (3, 'Gamma_3', NULL, '{"n": 3, "flag": true}', '{"n": 3}', '[1,1]'),
  (4, NULL, 'c', NULL, NULL, NULL);
-- arrays
SELECT ARRAY[1, 2, 3] AS a, ARRAY['x', 'y z', NULL, ''] AS t, '{1,2}'::int[] AS b, '{}'::text[] AS e, ARRAY[]::bigint[] AS eb;
SELECT (ARRAY[10, 20, 30])[2] AS sec, (ARRAY[10, 20])[5] AS outside, ('{a,b}'::text[])[0] AS zero;
SELECT array_length(ARRAY[1, 2, 3], 1) AS len, array_length('{}'::int[], 1) AS empty_len, cardinality(ARRAY['a', 'b']) AS card, array_upper(ARRAY[1, 2], 1) AS up;
SELECT array_to_string(ARRAY['a', NULL, 'c'], '-') AS s1, array_to_string(ARRAY['a', NULL, 'c'], '-', '*') AS s2, string_to_array('a,b,,c', ',') AS split, string_to_array('a,b,,c', ',', '') AS split_null;
SELECT ARRAY[1, 2] || ARRAY[3] AS cat, ARRAY[1, 2] || 3 AS app, 0 || ARRAY[1] AS pre, array_append(ARRAY['a'], 'b') AS appended, array_position(ARRAY['x', 'y'], 'y') AS pos, array_remove(ARRAY[1, 2, 1], 1) AS removed;
SELECT ARRAY[1, 2] = ARRAY[1, 2] AS eq, ARRAY[1, 2] < ARRAY[1, 3] AS lt, ARRAY[1, 2] @> ARRAY[2] AS cont, ARRAY[1] <@ ARRAY[1, 2] AS contained, ARRAY[1, 2] && ARRAY[2, 3] AS overlap;
SELECT 2 = ANY (ARRAY[1, 2]) AS any_t, 5 = ANY ('{1,2}') AS any_f, 3 = ANY (ARRAY[1, NULL]) AS any_null, 3 <> ALL (ARRAY[1, 2]) AS all_t, 1 > ALL ('{}'::int[]) AS all_empty, NULL::int = ANY ('{}'::int[]) AS null_empty;
SELECT id FROM golden_docs WHERE id = ANY (ARRAY[1, 3]) ORDER BY id;
SELECT id FROM golden_docs WHERE title <> ALL (ARRAY['Alpha', 'beta']) ORDER BY id;
SELECT '{1,2'::int[];
SELECT '{1,x}'::int[];
SELECT ARRAY[1, 'a'];
SELECT ARRAY[];
SELECT 1 = ANY (1);
-- LIKE, ILIKE, SIMILAR TO, regular expressions, COLLATE
SELECT id, title FROM golden_docs WHERE title LIKE '%a' ORDER BY id;
SELECT id, title FROM golden_docs WHERE title ILIKE 'a%' OR title NOT LIKE '%a%' ORDER BY id;
SELECT 'a_c' LIKE 'a\_c' AS esc_default, 'abc' LIKE 'a\_c' AS esc_no, 'a%c' LIKE 'a!%c' ESCAPE '!' AS esc_bang, 'a_c' LIKE 'a_c' ESCAPE '' AS esc_none;
SELECT 'abc' LIKE 'a' ESCAPE 'xy';
SELECT 'abc' SIMILAR TO '(a|x)bc' AS sim, 'abc' NOT SIMILAR TO 'b%' AS not_sim;
SELECT id, title FROM golden_docs WHERE title ~ '^[A-Z]' ORDER BY id;
SELECT id, title FROM golden_docs WHERE title ~* '^g' OR title !~ 'a' ORDER BY id;
SELECT 'Gamma' !~* 'M' AS nm, 'x1' ~ '[[:digit:]]' AS cls, 'foo bar' ~ '\mbar' AS word;
SELECT c.relname FROM (VALUES ('items'), ('items2')) AS c(relname) WHERE c.relname OPERATOR(pg_catalog.~) '^(items)$' COLLATE pg_catalog.default;
SELECT 'abc' COLLATE "C" < 'abd' AS c_lt, 'b' > 'a' COLLATE "default" AS d_gt;
SELECT 1 ~ 'a';
SELECT 'a' ~ '(';
SELECT regexp_replace('foobarbaz', 'b(..)', 'X\1Y', 'g') AS g, regexp_replace('Hello', 'L', 'x', 'i') AS i, regexp_replace('abc', 'z', 'x') AS no_change, regexp_match('foobarbequebaz', '(bar)(beque)') AS m, regexp_match('abc', 'x') AS nomatch;
SELECT regexp_replace('a', 'a', 'b', 'z');
-- CASE, COALESCE, NULLIF, GREATEST, LEAST
SELECT id, CASE WHEN id < 2 THEN 'low' WHEN id < 4 THEN 'mid' ELSE 'high' END AS band, CASE id WHEN 1 THEN 'one' WHEN 2 THEN 'two' END AS name FROM golden_docs ORDER BY id;
SELECT coalesce(NULL, NULL, 3) AS c1, coalesce(title, '(none)') AS c2, nullif(id, 2) AS n1, nullif('a', 'b') AS n2 FROM golden_docs ORDER BY id;
SELECT greatest(1, 5, 3) AS g, least(3, 1.5, 2) AS l, greatest('a', NULL, 'b') AS gs, least(NULL::int, NULL) AS lst;
SELECT CASE WHEN true THEN 1 ELSE 'a' END;
SELECT coalesce(1, 'a');
-- strings
SELECT lower('ÀBC') AS lo, upper('héllo') AS up, length('héllo') AS len, octet_length('héllo') AS oct, substring('hello', 2, 3) AS sub, substring('hello' FROM 2) AS sub2, substring('hello', -1, 3) AS sub3, substr('hello', 3) AS sub4, substring('foobar' FROM 'o.b') AS subre;
SELECT position('l' IN 'hello') AS pos, strpos('hello', 'z') AS pos0, concat('a', 1, NULL, true, 1.50) AS cat, concat_ws('-', 'a', NULL, 'b', 2) AS ws, 'x' || 1 || NULL AS nul, 'a' || 1 + 1 AS prec, title || '!' AS bang FROM golden_docs WHERE id = 1;
SELECT trim('  a  ') AS t1, trim(BOTH 'x' FROM 'xxaxx') AS t2, trim(LEADING FROM '  a ') AS t3, ltrim('xxa', 'x') AS t4, rtrim('a  ') AS t5, btrim('yay', 'y') AS t6;
SELECT replace('aaa', 'a', 'bb') AS r, split_part('a,b,c', ',', 2) AS p2, split_part('a,b,c', ',', -1) AS plast, split_part('a,b', ',', 5) AS pout, left('abc', 2) AS l, right('abc', -1) AS r2, starts_with('abc', 'ab') AS sw;
SELECT reverse('abc') AS rev, repeat('ab', 3) AS rep, lpad('7', 3, '0') AS lp, rpad('ab', 4, '*') AS rp, initcap('hello wORLD') AS ic, md5('abc') AS md5, chr(65) AS chr, ascii('A') AS asc, to_hex(255) AS hex;
SELECT format('%s-%s', 'a', 1) AS f1, format('%I.%I', 'public', 'My Table') AS f2, format('%L', 'it''s') AS f3, format('%5s|%-5s|', 'r', 'l') AS f4, quote_ident('select') AS qi, quote_literal('x') AS ql;
SELECT split_part('a,b', ',', 0);
SELECT format('%s %s', 'a');
-- numbers
SELECT abs(-5) AS a1, abs(-2.5) AS a2, ceil(1.2) AS c1, ceil(-1.5::float8) AS c2, floor(-1.5) AS f1, round(2.5) AS r1, round(-2.5) AS r2, round(2.5::float8) AS r3, round(1.2345, 2) AS r4, round(1234.5, -2) AS r5, trunc(-1.99, 1) AS t1, sign(-3) AS s1;
SELECT sqrt(2) AS s1, sqrt(2.0) AS s2, power(2, 10) AS p1, 2 ^ 3 AS p2, -2 ^ 2 AS p3, mod(-7, 3) AS m1, mod(7.5, 2) AS m2, div(7, 2) AS d1, exp(1) AS e1, ln(10) AS l1, log(1000) AS l2, pi() AS pi;
SELECT 10 / 4 AS idiv, 10 / 4.0 AS ndiv, 10 % 3 AS imod, 1.5 + 2 AS nadd, 0.1 + 0.2 AS nsum, 2::numeric / 3 AS third, 1.0 * 3 AS nmul, -(1.5) AS neg;
SELECT sqrt(-1);
SELECT ln(0);
SELECT 1 / 0;
-- json and jsonb
SELECT '{"b": 1, "a": [1, 2], "a": {"z": null}}'::jsonb AS normal, '{"b": 1,  "a": [1,2]}'::json AS kept, '1.50e1'::jsonb AS num, '"\u00e9\t"'::jsonb AS str;
SELECT id, meta -> 'k' AS k, meta ->> 'k' AS k_text, meta -> 'tags' -> 0 AS tag0, meta #> '{nested,d}' AS d, meta #>> '{tags,1}' AS tag1, raw -> 'k' AS raw_k, raw ->> 'n' AS raw_n FROM golden_docs ORDER BY id;
SELECT id FROM golden_docs WHERE meta @> '{"k": "v1"}' ORDER BY id;
SELECT id FROM golden_docs WHERE meta -> 'tags' @> '["y"]' ORDER BY id;
SELECT id FROM golden_docs WHERE meta ? 'flag' OR meta ?| ARRAY['nothing', 'k'] ORDER BY id;
SELECT id FROM golden_docs WHERE meta ?& ARRAY['k', 'tags'] ORDER BY id;
SELECT id FROM golden_docs WHERE (meta ->> 'n')::int >= 2 ORDER BY id;
SELECT id FROM golden_docs WHERE raw ->> 'k' IN ('v1', 'v2') ORDER BY id;
SELECT id FROM golden_docs WHERE raw ->> 'k' LIKE 'v%' AND (raw ->> 'n')::float > 1.5 ORDER BY id;
SELECT id FROM golden_docs WHERE raw::jsonb -> 'n' @> '3' ORDER BY id;
SELECT id FROM golden_docs WHERE jsonb_exists(meta, 'k') AND NOT jsonb_exists(meta, 'flag') ORDER BY id;
SELECT '{"a": 1}'::jsonb || '{"b": 2}' AS merged, '[1]'::jsonb || '[2]' AS arr, '{"a": 1, "b": 2}'::jsonb - 'a' AS mns, '{"a": 1}'::jsonb = '{"a": 1.0}' AS eq;
SELECT jsonb_typeof(meta -> 'n') AS tn, jsonb_typeof(meta -> 'tags') AS tt, jsonb_array_length(meta -> 'tags') AS tl FROM golden_docs WHERE id = 1;
SELECT jsonb_build_object('id', 1, 'name', 'x', 'none', NULL, 'list', ARRAY[1, 2], 'ok', true, 'n', 1.50) AS jb, json_build_object('id', 1, 'list', ARRAY['a', 'b'], 'raw', '{"z":  1}'::json) AS j;
SELECT jsonb_build_array(1, 'a', NULL) AS jba, json_build_array(1, 'a') AS ja, to_jsonb('x'::text) AS tj, to_json(ARRAY[1, 2]) AS tja, jsonb_extract_path_text('{"a": {"b": "c"}}', 'a', 'b') AS ep;
SELECT jsonb_build_object('a');
SELECT jsonb_build_object(NULL, 1);
SELECT '{"k": 1}'::json @> '{"k": 1}';
SELECT 1 -> 'a';
-- jsonpath
SELECT '$.a == 1'::jsonpath AS p1, 'strict $.a[*] ? (@ > 1 && @.b like_regex "^x" flag "i")'::jsonpath AS p2, '$.x == $value'::jsonpath AS p3, 'exists($.a)'::jsonpath AS p4;
SELECT id FROM golden_docs WHERE jsonb_path_match(meta, CAST('$.k == $value' AS jsonpath), CAST('{"value": "v2"}'::jsonb AS jsonb)) ORDER BY id;
SELECT id FROM golden_docs WHERE jsonb_path_match(meta, '$.n >= $lo && $.n <= $hi', '{"lo": 2, "hi": 3}') ORDER BY id;
SELECT id FROM golden_docs WHERE jsonb_path_match(meta, '$.n != $value', '{"value": 1}') ORDER BY id;
SELECT id FROM golden_docs WHERE meta @@ '$.tags[*] == "x"' ORDER BY id;
SELECT id FROM golden_docs WHERE meta @? '$.tags[*] ? (@ == "y")' ORDER BY id;
SELECT jsonb_path_match('{"a": "abc"}', '$.a like_regex "^A" flag "i"') AS re, jsonb_path_match('{"a": "abc"}', '$.a starts with "ab"') AS sw, jsonb_path_match('{"a": "x"}', '$.a == 1') AS mismatch, jsonb_path_exists('{"a": [1, 5]}', '$.a[*] ? (@ > 2)') AS ex, jsonb_path_query_first('{"a": [{"b": 1}, {"b": 2}]}', '$.a[*].b ? (@ > 1)') AS qf;
SELECT jsonb_path_match('{"a": 1}', '$.a');
SELECT jsonb_path_match('{}', '$.a == $x');
SELECT '$.a ='::jsonpath;
-- aggregates
SELECT array_agg(id ORDER BY id DESC) AS ids, string_agg(title, ', ' ORDER BY title) AS titles, jsonb_agg(id) AS jids, json_agg(title) AS jt FROM golden_docs;
SELECT array_agg(title ORDER BY id) AS titles, jsonb_object_agg(id, title) AS obj, json_object_agg(id, meta -> 'n') AS jobj, bool_and(id > 0) AS all_pos, bool_or(id > 3) AS any_big FROM golden_docs;
SELECT tags, array_agg(id ORDER BY id) AS ids FROM golden_docs GROUP BY tags ORDER BY tags;
DROP TABLE golden_docs;
