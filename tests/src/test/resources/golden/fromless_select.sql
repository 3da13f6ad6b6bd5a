-- SELECT without FROM but with WHERE, GROUP BY or HAVING (one row), the "insert if not exists"
-- idiom, INSERT ... SELECT's untyped literals taking the target columns' types, and constant SET
-- values checked even when no row matches. The .out was written by PostgreSQL 15.18 with
-- pgvector 0.8.6: psql -X -a -v ON_ERROR_STOP=0 -d postgres < fromless_select.sql > fromless_select.out (LC_ALL=C.UTF-8)
DROP TABLE IF EXISTS golden_fs;
CREATE TABLE golden_fs (id int PRIMARY KEY, name text, v vector(3));
SELECT 1 AS one WHERE false;
SELECT 1 AS one WHERE 1 = 1;
SELECT count(*) AS n HAVING count(*) > 0;
SELECT 2 AS two GROUP BY 1;
SELECT (SELECT 2 WHERE true) AS sub WHERE true;
SELECT 1 AS x UNION ALL SELECT 2 WHERE false;
SELECT 1 IS DISTINCT FROM 2 AS d WHERE true;
INSERT INTO golden_fs (id, name) SELECT 1, 'a' WHERE NOT EXISTS (SELECT 1 FROM golden_fs WHERE id = 1);
INSERT INTO golden_fs (id, name) SELECT 1, 'a' WHERE NOT EXISTS (SELECT 1 FROM golden_fs WHERE id = 1);
INSERT INTO golden_fs (id, v) SELECT '5', NULL;
INSERT INTO golden_fs (id, v) SELECT 6, '[1,2,3]';
INSERT INTO golden_fs SELECT '8' AS z, 'q', NULL FROM golden_fs WHERE id = 5;
INSERT INTO golden_fs (id) SELECT 'x';
INSERT INTO golden_fs (id) SELECT '1' UNION SELECT '2';
INSERT INTO golden_fs (id, v) SELECT 7, '[1,2]' WHERE false;
UPDATE golden_fs SET v = '[1,2]' WHERE id = 99;
UPDATE golden_fs SET v = '[1,2]'::vector WHERE id = 99;
UPDATE golden_fs SET v = '[3,2,1]' WHERE id = 6 RETURNING *;
SELECT * FROM golden_fs ORDER BY id;
DROP TABLE golden_fs;
