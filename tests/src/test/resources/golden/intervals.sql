-- interval: literals (interval 'text', INTERVAL '2' DAY, ::interval), IntervalStyle postgres output,
-- arithmetic with timestamps and numbers, comparisons, generate_series over timestamps; other typed literals (jsonb '{}', vector '[1,2]').
-- The .out was written by PostgreSQL 15.20 with pgvector 0.8.6:
-- psql -X -a -v ON_ERROR_STOP=0 -d postgres < intervals.sql > intervals.out (LC_ALL=C.UTF-8)
SELECT interval '1 day', interval '7 days 02:00', interval '1.5 hours', interval '-2 weeks', interval '1 year 2 mons', interval '@ 3 days ago', interval '01:02:03', interval 'P1Y2M3DT4H5M6S', interval '0', interval '1 day -2 hours', interval '-1 day +2 hours', interval '90 minutes', interval '1.5 months', interval '100 ms';
SELECT '1 day'::interval, CAST('2 hours' AS interval), INTERVAL '2' DAY, interval '3' hour;
SELECT timestamp '2024-01-31 10:00:00' + interval '1 month', timestamp '2024-03-01' - interval '1 day', interval '2 hours' + timestamp '2024-01-01';
SELECT timestamp '2024-03-01 12:00' - timestamp '2024-01-01 00:00', interval '1 day' * 2.5, 3 * interval '1 hour', interval '1 day' / 4, interval '1 day' - interval '1 hour';
SELECT interval '1 mon' = interval '30 days', interval '1 day' > interval '23 hours', interval '25 hours' < interval '1 day';
SELECT now() - interval '7 days' < now(), now() + interval '1 hour' > now();
SELECT pg_typeof(interval '1 day'), pg_typeof(now() - now());
SELECT interval 'abc';
SELECT x FROM (VALUES (interval '1 day'), (interval '2 hours'), (interval '1 mon')) v(x) ORDER BY x;
SELECT max(x), min(x) FROM (VALUES (interval '1 day'), (interval '2 hours')) v(x);
SELECT timestamptz '2024-01-01 00:00:00+00' + interval '36 hours';
SELECT jsonb '{"a": 1}' -> 'a', uuid 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', vector '[1,2,3]' <-> '[1,2,4]', numeric '1.50', int4 '7' + 1, bool 't', text 'x' || 'y';
SELECT '2 days'::interval + '3 hours'::interval AS s, -interval '1 day';
SELECT generate_series(timestamp '2024-01-30', timestamp '2024-04-01', interval '1 month');
SELECT t FROM generate_series(timestamptz '2024-01-01 00:00+00', '2024-01-01 03:00+00', interval '90 minutes') t;
SELECT count(*) FROM generate_series(date '2024-01-01', date '2024-12-31', interval '1 day');
SELECT * FROM generate_series(timestamp '2024-01-03', timestamp '2024-01-01', interval '-1 day');
SELECT * FROM generate_series(timestamp '2024-01-03', timestamp '2024-01-01', interval '0');
