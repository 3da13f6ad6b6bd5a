-- date: columns, ISO input and output, date +- integer, date - date, date +- interval, comparisons
-- with timestamps, casts, current_date, keys and indexes; extract, date_part, date_trunc, to_char, AT TIME ZONE.
-- The .out was written by PostgreSQL 15.20 with pgvector 0.8.6:
-- psql -X -a -v ON_ERROR_STOP=0 -d postgres < dates.sql > dates.out (LC_ALL=C.UTF-8)
DROP TABLE IF EXISTS golden_events;
CREATE TABLE golden_events (id int PRIMARY KEY, day date NOT NULL, happened timestamp, note text);
INSERT INTO golden_events VALUES (1, '2024-02-28', '2024-02-28 10:00', 'a'), (2, '2024-02-29', NULL, 'b'), (3, date '2023-12-31', '2024-01-01 00:00', 'c'), (4, '20240301', NULL, 'd');
SELECT * FROM golden_events ORDER BY day;
SELECT id, day + 1, day - 1, 1 + day, day - date '2024-01-01', day + interval '1 hour', day - interval '1 day' FROM golden_events ORDER BY id;
SELECT id FROM golden_events WHERE day > '2024-02-28' ORDER BY id;
SELECT id FROM golden_events WHERE day = happened ORDER BY id;
SELECT id FROM golden_events WHERE happened >= day ORDER BY id;
SELECT day::timestamp, happened::date, '2024-05-06'::date, CAST('2024-05-06 07:08' AS date), pg_typeof(day) FROM golden_events WHERE id = 1;
SELECT current_date = now()::date, current_date - 1 < current_date;
SELECT max(day), min(day), count(DISTINCT day) FROM golden_events;
SELECT day, count(*) FROM golden_events GROUP BY day ORDER BY day DESC LIMIT 2;
INSERT INTO golden_events VALUES (5, '2024-02-30', NULL, 'x');
INSERT INTO golden_events VALUES (6, 'yesterdayish', NULL, 'x');
INSERT INTO golden_events VALUES (7, NULL, NULL, 'x');
UPDATE golden_events SET day = day + 7 WHERE id = 1 RETURNING day;
\d golden_events
SELECT column_name, data_type, datetime_precision FROM information_schema.columns WHERE table_name = 'golden_events' ORDER BY ordinal_position;
\copy golden_events TO STDOUT
CREATE INDEX ON golden_events (day);
SELECT id FROM golden_events WHERE day BETWEEN '2024-01-01' AND '2024-03-01' ORDER BY day;
DROP TABLE golden_events;
SELECT extract(year FROM timestamp '2024-03-04 05:06:07.5'), extract(month FROM timestamp '2024-03-04 05:06:07.5'), extract(second FROM timestamp '2024-03-04 05:06:07.5'), extract(epoch FROM timestamp '2024-03-04 05:06:07.5'), extract(dow FROM timestamp '2024-03-04'), extract(doy FROM date '2024-03-04'), extract(week FROM date '2024-01-01'), extract(quarter FROM date '2024-08-01');
SELECT date_part('year', timestamp '2024-03-04 05:06:07.5'), date_part('epoch', timestamptz '2024-01-01 00:00:00+00'), date_part('hour', now()) >= 0, extract(epoch FROM interval '1 day 2 hours'), extract(hour FROM interval '26 hours'), extract(epoch FROM date '2024-01-02');
SELECT date_trunc('month', timestamp '2024-03-04 05:06:07.5'), date_trunc('day', timestamptz '2024-03-04 05:06:07+00'), date_trunc('week', timestamp '2024-03-07 10:00'), date_trunc('quarter', timestamp '2024-08-15'), date_trunc('hour', timestamp '2024-03-04 05:06:07'), date_trunc('year', date '2024-05-05');
SELECT extract(hour FROM date '2024-01-01');
SELECT date_trunc('fortnight', timestamp '2024-01-01');
SELECT x, count(*) FROM (VALUES (timestamp '2024-01-01 10:00'), (timestamp '2024-01-01 11:00'), (timestamp '2024-01-02 09:00')) v(t), LATERAL (SELECT date_trunc('day', t) AS x) d GROUP BY x ORDER BY x;
SELECT to_char(timestamp '2024-03-04 15:06:07.123456', 'YYYY-MM-DD HH24:MI:SS.MS US'), to_char(timestamp '2024-03-04 05:06:07', 'HH12:MI AM Day Dy Month Mon DDD D Q IW YY'), to_char(timestamp '2024-03-04 05:06:07', 'FMMonth FMDD, YYYY "at" HH:MI pm'), to_char(date '2024-12-25', 'DD/MM/YYYY'), to_char(timestamptz '2024-01-01 00:00+00', 'YYYY-MM-DD"T"HH24:MI:SS TZ'), to_char(timestamp '2024-03-04 00:30', 'HH12 a.m. MONTH month DAY day dy');
SELECT timestamptz '2024-03-04 12:00:00+00' AT TIME ZONE 'Europe/Berlin', timestamp '2024-03-04 12:00:00' AT TIME ZONE 'America/New_York', timestamptz '2024-07-04 12:00:00+00' AT TIME ZONE 'utc', timestamptz '2024-07-04 12:00:00+00' AT TIME ZONE '+02';
SELECT now() AT TIME ZONE 'UTC' IS NOT NULL, timezone('Asia/Tokyo', timestamptz '2024-01-01 00:00+00');
SELECT timestamptz '2024-01-01 00:00+00' AT TIME ZONE 'Mars/Base';
SELECT (timestamp '2024-03-31 01:30' AT TIME ZONE 'Europe/Berlin') AT TIME ZONE 'UTC';
