-- UNIQUE NULLS NOT DISTINCT (PostgreSQL 15): rows whose keys differ only by NULLs in the same
-- columns conflict, in constraints of CREATE TABLE and ALTER TABLE, in CREATE UNIQUE INDEX, for
-- INSERT, UPDATE, ON CONFLICT and within one statement; NULLS DISTINCT (the default) as before.
-- The .out was written by PostgreSQL 15.18 with pgvector 0.8.6:
-- psql -X -a -v ON_ERROR_STOP=0 -d postgres < unique_nulls.sql > unique_nulls.out (LC_ALL=C.UTF-8)
DROP TABLE IF EXISTS golden_un, golden_un2, golden_un3;
CREATE TABLE golden_un (id int PRIMARY KEY, a int UNIQUE NULLS NOT DISTINCT, b int, c int,
  CONSTRAINT golden_un_bc UNIQUE NULLS NOT DISTINCT (b, c), d int UNIQUE NULLS DISTINCT);
INSERT INTO golden_un VALUES (1, NULL, NULL, NULL, NULL);
INSERT INTO golden_un VALUES (2, NULL, 1, NULL, NULL);
INSERT INTO golden_un VALUES (3, 3, NULL, NULL, NULL);
INSERT INTO golden_un VALUES (4, 4, 1, NULL, NULL);
INSERT INTO golden_un VALUES (5, 5, 1, 1, NULL), (6, 6, 2, NULL, NULL), (7, 7, 2, NULL, NULL);
INSERT INTO golden_un VALUES (8, 8, 8, 8, NULL), (9, 9, 9, 9, NULL);
SELECT * FROM golden_un ORDER BY id;
UPDATE golden_un SET a = NULL WHERE id = 8;
UPDATE golden_un SET b = NULL, c = NULL WHERE id = 9;
UPDATE golden_un SET a = 10, b = 10 WHERE a IS NULL;
SELECT * FROM golden_un ORDER BY id;
INSERT INTO golden_un VALUES (11, NULL, 11, 11, 11) ON CONFLICT (a) DO NOTHING;
INSERT INTO golden_un VALUES (12, 12, 10, NULL, 12) ON CONFLICT (b, c) DO UPDATE SET d = EXCLUDED.d RETURNING *;
INSERT INTO golden_un VALUES (13, 13, 13, 13, 13) ON CONFLICT (a) DO NOTHING RETURNING id;
SELECT * FROM golden_un WHERE a IS NULL;
SELECT * FROM golden_un WHERE a = NULL;
DELETE FROM golden_un WHERE a IS NULL;
INSERT INTO golden_un VALUES (14, NULL, 14, 14, 14) RETURNING id, a;
SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'golden_un'::regclass ORDER BY conname;
SELECT indexrelid::regclass, indnullsnotdistinct, pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = 'golden_un'::regclass ORDER BY 1::text;
SELECT constraint_name, constraint_type, nulls_distinct FROM information_schema.table_constraints WHERE table_name = 'golden_un' AND constraint_type <> 'CHECK' ORDER BY constraint_name;
\d golden_un
CREATE TABLE golden_un2 (a int, b text);
INSERT INTO golden_un2 VALUES (NULL, 'x'), (NULL, 'y'), (1, NULL);
ALTER TABLE golden_un2 ADD CONSTRAINT golden_un2_a_key UNIQUE NULLS NOT DISTINCT (a);
ALTER TABLE golden_un2 ADD UNIQUE NULLS NOT DISTINCT (b);
DELETE FROM golden_un2 WHERE b = 'y';
ALTER TABLE golden_un2 ADD CONSTRAINT golden_un2_a_key UNIQUE NULLS NOT DISTINCT (a);
INSERT INTO golden_un2 VALUES (NULL, 'z');
CREATE UNIQUE INDEX golden_un2_b_idx ON golden_un2 (b) NULLS NOT DISTINCT;
INSERT INTO golden_un2 VALUES (2, NULL);
CREATE INDEX golden_un2_ab_idx ON golden_un2 (a, b) NULLS NOT DISTINCT;
CREATE UNIQUE INDEX golden_un2_b2_idx ON golden_un2 (b) NULLS DISTINCT;
\d golden_un2
CREATE TABLE golden_un3 (k int, v int, UNIQUE NULLS NOT DISTINCT (k, v));
BEGIN;
INSERT INTO golden_un3 VALUES (1, NULL);
INSERT INTO golden_un3 VALUES (1, NULL);
ROLLBACK;
BEGIN;
INSERT INTO golden_un3 VALUES (1, NULL), (NULL, NULL);
INSERT INTO golden_un3 VALUES (NULL, 1);
COMMIT;
INSERT INTO golden_un3 VALUES (NULL, NULL);
COPY golden_un3 FROM STDIN;
2	\N
\N	2
\.
SELECT * FROM golden_un3 ORDER BY k, v;
DROP TABLE golden_un, golden_un2, golden_un3;
