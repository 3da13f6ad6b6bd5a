-- DDL and DML on a table of every supported column type
DROP TABLE IF EXISTS golden_items;
CREATE TABLE golden_items (
  id bigserial PRIMARY KEY,
  n integer NOT NULL DEFAULT 7,
  s smallint,
  big bigint,
  name text,
  code varchar(8),
  flag boolean DEFAULT false,
  r real,
  d double precision,
  ts timestamp,
  tstz timestamptz,
  doc jsonb,
  embedding vector(3)
);
CREATE TABLE IF NOT EXISTS golden_items (id bigint);
INSERT INTO golden_items (s, big, name, code, flag, r, d, ts, tstz, doc, embedding) VALUES
  (1, 10000000000, 'alpha', 'A1', true, 1.5, 2.25, '2024-01-02 03:04:05', '2024-01-02 03:04:05+00', '{"a": 1}', '[1,2,3]'),
  (2, -5, 'beta', 'B2', false, 0.1, 0.1, '2024-06-30 23:59:59.5', '2024-06-30 12:00:00+00', '[1, 2]', '[4,5,6]'),
  (3, 0, 'gamma', NULL, NULL, -3, 1e20, NULL, NULL, NULL, '[1.5,2.25,3]');
INSERT INTO golden_items (n, name, embedding) VALUES (8, 'delta', '[0,0,0]') RETURNING id, n, flag, embedding;
INSERT INTO golden_items (name) VALUES ('epsilon') RETURNING *;
SELECT id, n, s, big, name, code, flag, r, d FROM golden_items ORDER BY id;
SELECT id, ts, doc, embedding FROM golden_items ORDER BY id;
SELECT count(*) FROM golden_items;
SELECT count(embedding), min(big), max(big), sum(s), avg(d) FROM golden_items;
SELECT name FROM golden_items WHERE flag ORDER BY name;
SELECT name, n * 2 + 1 AS expr, upper(name) AS up FROM golden_items WHERE n > 7 OR s = 2 ORDER BY id DESC;
SELECT id, name FROM golden_items ORDER BY id LIMIT 2 OFFSET 1;
SELECT n, count(*) AS c FROM golden_items GROUP BY n ORDER BY n;
SELECT flag, count(*) FROM golden_items GROUP BY flag ORDER BY flag NULLS FIRST;
SELECT name, embedding <-> '[1,2,3]' AS dist FROM golden_items WHERE embedding IS NOT NULL ORDER BY embedding <-> '[1,2,3]' LIMIT 3;
SELECT avg(embedding), sum(embedding) FROM golden_items;
SELECT vector_dims(embedding), vector_norm(embedding) FROM golden_items WHERE id = 2;
DROP TABLE golden_items;
DROP TABLE IF EXISTS golden_items;
SELECT 1 AS still_here;
