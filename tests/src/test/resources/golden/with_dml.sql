-- Data-modifying statements in WITH (DELETE/INSERT/UPDATE ... RETURNING read by the statement
-- after them) and WITH before INSERT, UPDATE and DELETE; all of it one transaction. The .out was
-- written by PostgreSQL 15.20 with pgvector 0.8.6: psql -X -a -v ON_ERROR_STOP=0 -d postgres < with_dml.sql > with_dml.out (LC_ALL=C.UTF-8)
DROP TABLE IF EXISTS golden_wa, golden_wb;
CREATE TABLE golden_wa (id int PRIMARY KEY, v text);
CREATE TABLE golden_wb (id int, v text);
INSERT INTO golden_wa VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd');
WITH moved AS (DELETE FROM golden_wa WHERE id <= 2 RETURNING *) INSERT INTO golden_wb SELECT * FROM moved;
SELECT * FROM golden_wa ORDER BY id;
SELECT * FROM golden_wb ORDER BY id;
WITH ins AS (INSERT INTO golden_wa VALUES (10, 'x'), (11, 'y') RETURNING id) SELECT count(*), sum(id) FROM ins;
WITH u AS (UPDATE golden_wa SET v = upper(v) WHERE id > 3 RETURNING id, v) SELECT * FROM u ORDER BY id;
WITH q AS (SELECT id FROM golden_wb) DELETE FROM golden_wa WHERE id IN (SELECT id + 2 FROM q) RETURNING *;
WITH q (n) AS (SELECT 100) INSERT INTO golden_wb SELECT n, 'q' FROM q RETURNING *;
WITH d AS (DELETE FROM golden_wa WHERE id = 10) SELECT * FROM d;
WITH d AS (DELETE FROM golden_wa WHERE id = 10) SELECT 1 AS one;
SELECT * FROM golden_wa ORDER BY id;
WITH a AS (INSERT INTO golden_wb VALUES (7, 'seven') RETURNING id), b AS (INSERT INTO golden_wb SELECT id + 1, 'eight' FROM a RETURNING *) SELECT * FROM b;
WITH d AS (DELETE FROM golden_wb WHERE id > 5 RETURNING id) UPDATE golden_wa SET v = 'gone ' || (SELECT count(*) FROM d) WHERE id = 11 RETURNING *;
BEGIN;
WITH d AS (DELETE FROM golden_wa RETURNING *) SELECT count(*) FROM d;
ROLLBACK;
SELECT count(*) FROM golden_wa;
WITH d AS (DELETE FROM golden_wa WHERE id = 11 RETURNING *) INSERT INTO golden_wa VALUES (1 / 0, 'boom');
SELECT count(*) FROM golden_wa;
DROP TABLE golden_wa, golden_wb;
