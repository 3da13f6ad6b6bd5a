-- COPY ... TO STDOUT in text, csv (and psql's \copy): escapes, quoting, options, queries
DROP TABLE IF EXISTS golden_copy;
CREATE TABLE golden_copy (
  id bigserial PRIMARY KEY,
  category text,
  qty integer,
  price real,
  ok boolean,
  d double precision,
  ts timestamp,
  doc jsonb,
  embedding vector(3)
);
INSERT INTO golden_copy (category, qty, price, ok, d, ts, doc, embedding) VALUES
  ('plain', 1, 1.5, true, 0.1, '2024-01-02 03:04:05', '{"a": 1}', '[1,2,3]'),
  (E'tab\there', NULL, 0.1, false, 1e20, NULL, '[1, "x,y"]', '[0.1,-2.5,1e-7]'),
  (E'new\nline\\back', 3, 1e10, NULL, -2.5, '2024-06-30 23:59:59.5', NULL, NULL),
  ('', 4, 0, true, 0, NULL, '"q\"uote"', '[1,1,1]'),
  (NULL, 5, 3.14159, true, NULL, NULL, NULL, '[4,5,6]'),
  ('a,b "q"', 6, 100000, false, 123456789.125, NULL, NULL, '[7,8,9]'),
  ('\.', 7, 2, true, 1, NULL, NULL, '[1.5,2.5,3.5]');
COPY golden_copy (id, category, qty, price, ok, d, embedding) FROM STDIN;
8	cr\rvt\vbs\bff\f	8	1	true	1	[0,0,0]
9	héllo ✓	9	1e-5	true	1	[9,9,9]
\.
COPY golden_copy TO STDOUT;
COPY golden_copy (id, category, embedding) TO STDOUT (FORMAT csv, HEADER);
COPY golden_copy TO STDOUT WITH CSV HEADER;
COPY golden_copy (category) TO STDOUT CSV;
COPY golden_copy (id, category) TO STDOUT (FORMAT text, HEADER true, DELIMITER ',', NULL '');
COPY golden_copy (id, category, qty) TO STDOUT (FORMAT csv, DELIMITER '|', NULL 'none', QUOTE '''', ESCAPE '\', FORCE_QUOTE (category, qty));
COPY golden_copy (id, category, embedding) TO STDOUT (FORMAT csv, FORCE_QUOTE *, HEADER false);
COPY golden_copy (id, category, qty) TO STDOUT WITH DELIMITER AS ';' NULL AS '?';
COPY golden_copy (id, category) TO STDOUT CSV QUOTE AS '$' FORCE QUOTE category;
COPY (SELECT id, embedding <-> '[1,2,3]' AS distance, embedding FROM golden_copy ORDER BY embedding <-> '[1,2,3]' LIMIT 3) TO STDOUT (FORMAT csv, HEADER);
COPY (SELECT id, qty * 2 AS twice FROM golden_copy WHERE qty > 5 ORDER BY id DESC) TO STDOUT;
COPY (SELECT category AS "Name, with comma" FROM golden_copy WHERE id < 3 ORDER BY id) TO STDOUT (FORMAT csv, HEADER);
COPY (SELECT 1 AS n, 'one' AS word, NULL AS nothing) TO STDOUT;
COPY (SELECT id FROM golden_copy WHERE false) TO STDOUT (FORMAT csv, HEADER);
\copy golden_copy (id, ok, price) to stdout
\copy (select id, category from golden_copy where id in (1, 6) order by id) to stdout with (format csv, header)
BEGIN;
INSERT INTO golden_copy (id, category, qty) VALUES (10, 'in block', 10);
COPY (SELECT category, qty FROM golden_copy WHERE qty >= 9 ORDER BY id) TO STDOUT;
ROLLBACK;
COPY (SELECT count(*) FROM golden_copy) TO STDOUT;
-- errors
COPY golden_copy TO '/tmp/golden_copy.csv';
COPY golden_copy TO PROGRAM 'cat';
COPY (SELECT 1) TO '/tmp/x' (FORMAT csv);
COPY golden_copy TO STDOUT (FORMAT binary, HEADER);
COPY golden_copy TO STDOUT (FORMAT binary, DELIMITER ',');
COPY golden_copy TO STDOUT (FORMAT csv, HEADER match);
COPY golden_copy TO STDOUT (QUOTE '"');
COPY golden_copy TO STDOUT (FORMAT csv, FORCE_QUOTE (nosuch));
COPY golden_copy (id) TO STDOUT (FORMAT csv, FORCE_QUOTE (qty));
COPY golden_copy TO STDOUT (FORCE_QUOTE *);
COPY golden_copy TO STDOUT (FORMAT csv, FORMAT text);
COPY golden_copy TO STDOUT (FORMAT xml);
COPY golden_copy TO STDOUT (DELIMITER 'ab');
COPY golden_copy TO STDOUT (DELIMITER 'x');
COPY golden_copy TO STDOUT (FORMAT csv, DELIMITER ',', QUOTE ',');
COPY golden_copy TO STDOUT (NULL E'\n');
COPY golden_copy TO STDOUT (FORMAT csv, NULL 'a,b');
COPY golden_copy (nosuch) TO STDOUT;
COPY golden_copy (id, id) TO STDOUT;
COPY no_such_table TO STDOUT;
COPY (SELECT nosuch FROM golden_copy) TO STDOUT;
COPY (INSERT INTO golden_copy (qty) VALUES (1)) TO STDOUT;
COPY golden_copy TO STDOUT (FORMAT csv) extra;
SELECT count(*) FROM golden_copy;
DROP TABLE golden_copy;
