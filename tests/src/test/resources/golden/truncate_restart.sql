-- TRUNCATE ... RESTART IDENTITY: serial and identity sequences start again with the truncation,
-- in a transaction block too (rows written after it numbered from 1; ROLLBACK keeps the old
-- sequences). The .out was written by PostgreSQL 15.18 with pgvector 0.8.6:
-- psql -X -a -v ON_ERROR_STOP=0 -d postgres < truncate_restart.sql > truncate_restart.out (LC_ALL=C.UTF-8)
DROP TABLE IF EXISTS golden_tr, golden_tri;
CREATE TABLE golden_tr (id serial PRIMARY KEY, name text);
CREATE TABLE golden_tri (id bigint GENERATED ALWAYS AS IDENTITY, name text);
INSERT INTO golden_tr (name) VALUES ('a'), ('b'), ('c');
INSERT INTO golden_tri (name) VALUES ('a'), ('b');
TRUNCATE golden_tr, golden_tri RESTART IDENTITY;
INSERT INTO golden_tr (name) VALUES ('d') RETURNING id;
INSERT INTO golden_tri (name) VALUES ('d') RETURNING id;
TRUNCATE golden_tr CONTINUE IDENTITY;
INSERT INTO golden_tr (name) VALUES ('e') RETURNING id;
BEGIN;
TRUNCATE TABLE golden_tr RESTART IDENTITY;
INSERT INTO golden_tr (name) VALUES ('f'), ('g') RETURNING id;
COMMIT;
INSERT INTO golden_tr (name) VALUES ('h') RETURNING id;
BEGIN;
TRUNCATE golden_tr RESTART IDENTITY;
ROLLBACK;
INSERT INTO golden_tr (name) VALUES ('i') RETURNING id;
SELECT * FROM golden_tr ORDER BY id;
DROP TABLE golden_tr, golden_tri;
