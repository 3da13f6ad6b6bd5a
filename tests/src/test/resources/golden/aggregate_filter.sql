-- aggregate FILTER (WHERE ...): plain, DISTINCT, ordered and grouped aggregates, in a window, errors.
-- The .out was written by PostgreSQL 15.20 with pgvector 0.8.6:
-- psql -X -a -v ON_ERROR_STOP=0 -d postgres < aggregate_filter.sql > aggregate_filter.out (LC_ALL=C.UTF-8)
SELECT sum(x) FILTER (WHERE x > 1), count(*) FILTER (WHERE x < 3), count(*), avg(x) FILTER (WHERE x % 2 = 1), array_agg(x ORDER BY x DESC) FILTER (WHERE x <> 2), count(DISTINCT x % 2) FILTER (WHERE x > 1) FROM (VALUES (1),(2),(3),(3)) v(x);
SELECT g, count(*) FILTER (WHERE x > 1) AS big, string_agg(x::text, ',') FILTER (WHERE x IS NOT NULL) FROM (VALUES (1, 'a'),(2, 'a'),(NULL, 'b')) v(x, g) GROUP BY g ORDER BY g;
SELECT upper('a') FILTER (WHERE true);
SELECT sum(x) FILTER (WHERE x) FROM (VALUES (1)) v(x);
SELECT sum(x) FILTER (WHERE x > 1) OVER (ORDER BY x) FROM (VALUES (1),(2),(3)) v(x);
SELECT (ARRAY['a','b'])[2], (ARRAY[1,2])[1] + 1;
