-- bytea: hex and escape input, hex output, functions, ||, comparisons, keys, COPY.
-- The .out was written by PostgreSQL 15.20 with pgvector 0.8.6:
-- psql -X -a -v ON_ERROR_STOP=0 -d postgres < bytea.sql > bytea.out (LC_ALL=C.UTF-8)
DROP TABLE IF EXISTS golden_blobs;
CREATE TABLE golden_blobs (id int PRIMARY KEY, data bytea, meta jsonb);
INSERT INTO golden_blobs VALUES (1, '\x0102ff', '{}'), (2, 'abc\000d\\e', NULL), (3, NULL, NULL), (4, '\x', NULL);
SELECT * FROM golden_blobs ORDER BY id;
SELECT id, length(data), octet_length(data), encode(data, 'hex'), encode(data, 'base64'), encode(data, 'escape') FROM golden_blobs ORDER BY id;
SELECT decode('0102', 'hex'), decode('AQL/', 'base64'), decode('a\000b', 'escape');
SELECT data || '\x00'::bytea, md5(data) FROM golden_blobs WHERE id = 1;
SELECT id FROM golden_blobs WHERE data = '\x0102ff' OR data > '\x61' ORDER BY data;
SELECT '\xzz'::bytea;
SELECT '\x123'::bytea;
SELECT 'a\9'::bytea;
SELECT 'héllo'::bytea, 'x'::text::bytea, '\x41'::bytea::text;
SELECT pg_typeof(data), format_type(17, -1) FROM golden_blobs LIMIT 1;
\d golden_blobs
\copy golden_blobs TO STDOUT
\copy golden_blobs FROM STDIN
5	\\x0a0b	\N
\.
SELECT * FROM golden_blobs WHERE id = 5;
SELECT data, count(*) FROM golden_blobs GROUP BY data ORDER BY data NULLS FIRST;
CREATE TABLE golden_blob_keys (k bytea PRIMARY KEY);
INSERT INTO golden_blob_keys VALUES ('\x01'), ('\x0100');
INSERT INTO golden_blob_keys VALUES ('\x01');
DROP TABLE golden_blob_keys;
DROP TABLE golden_blobs;
