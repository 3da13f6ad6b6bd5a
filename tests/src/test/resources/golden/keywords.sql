-- words Calcite reserves and PostgreSQL does not, as column names: date, position, count, ...
-- The .out was written by PostgreSQL 15.20 with pgvector 0.8.6:
-- psql -X -a -v ON_ERROR_STOP=0 -d postgres < keywords.sql > keywords.out (LC_ALL=C.UTF-8)
DROP TABLE IF EXISTS golden_kw;
CREATE TABLE golden_kw (id int PRIMARY KEY, date text, position int, count int, language text,
  start int, timestamp timestamp, min int, max int, year int, month int, day int, hour int,
  system text, method text, new int, old int, open bool, element text, scope text, sql text,
  upper text, lower text, trim text, blob text, embedding vector(2));
INSERT INTO golden_kw VALUES (1, '2024-01-01', 2, 3, 'en', 4, '2024-01-02 03:04:05', 1, 9, 2024,
  1, 2, 3, 'sys', 'm', 1, 0, true, 'e', 'sc', 'q', 'U', 'l', 't', 'b', '[1,0]'),
  (2, '2024-02-01', 1, 5, 'de', 0, NULL, 0, 0, 2023, 12, 31, 23, NULL, NULL, 2, 1, false, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, '[0,1]');
SELECT date, position, count, language, start, timestamp, min, max, year, month, day, hour,
  system, method, new, old, open, element, scope, sql, upper, lower, trim, blob
FROM golden_kw ORDER BY id;
SELECT k.date, k.count + 1 AS c, max(k.max), min(k.min), count(*), count(DISTINCT k.year),
  sum(k.count)
FROM golden_kw k GROUP BY k.date, k.count ORDER BY k.date;
SELECT count(*) AS count, max(id) AS max FROM golden_kw;
SELECT position('b' in 'abc'), upper('a'), lower('B'), coalesce(null, 2), nullif(1, 1),
  substring('hello' from 2 for 3), floor(1.5), abs(-3), mod(7, 3), power(2, 3);
UPDATE golden_kw SET count = count + 1, date = 'x' WHERE position = 2 RETURNING count, date;
SELECT id, date FROM golden_kw ORDER BY count DESC, date LIMIT 1;
CREATE INDEX ON golden_kw (date, position);
SELECT id FROM golden_kw WHERE date = 'x' AND year > 2000;
SELECT id, year FROM golden_kw ORDER BY embedding <-> '[1,0.1]' LIMIT 1;
SELECT id, sum(count) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM golden_kw;
-- the same column twice is one ORDER BY key; two different expressions of one name are ambiguous
SELECT date, golden_kw.date FROM golden_kw ORDER BY date;
SELECT year, year + 0 AS year FROM golden_kw ORDER BY year;
DROP TABLE golden_kw;
