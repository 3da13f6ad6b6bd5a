-- UPDATE, DELETE and TRUNCATE: by key, by range, RETURNING, vectors and k-NN after an UPDATE,
-- transactions with SAVEPOINT and ROLLBACK TO. The .out was written by PostgreSQL 15.20 with
-- pgvector 0.8.6: psql -X -a -v ON_ERROR_STOP=0 -d postgres < dml.sql > dml.out (LC_ALL=C.UTF-8)
DROP TABLE IF EXISTS golden_dml;
CREATE TABLE golden_dml (id bigint PRIMARY KEY, category text, qty integer, embedding vector(3));
INSERT INTO golden_dml VALUES
  (1, 'a', 10, '[1,0,0]'), (2, 'a', 20, '[0,1,0]'), (3, 'b', 30, '[0,0,1]'),
  (4, 'b', 40, '[1,1,0]'), (5, 'c', 50, '[1,1,1]'), (6, 'c', NULL, NULL);
-- by key
UPDATE golden_dml SET qty = qty + 1 WHERE id = 1;
UPDATE golden_dml SET category = 'z' WHERE id = 99;
DELETE FROM golden_dml WHERE id = 6;
DELETE FROM golden_dml WHERE id = 6;
SELECT * FROM golden_dml ORDER BY id;
-- by range, RETURNING
UPDATE golden_dml SET qty = qty * 2 WHERE qty BETWEEN 20 AND 40 RETURNING id, qty;
UPDATE golden_dml SET category = upper(category) WHERE id >= 5 RETURNING *;
DELETE FROM golden_dml WHERE category = 'a' AND qty > 15 RETURNING id, category, embedding;
UPDATE golden_dml AS g SET qty = g.qty - 1, category = NULL WHERE g.id = 1 RETURNING g.id, g.category IS NULL AS no_category;
SELECT * FROM golden_dml ORDER BY id;
-- UPDATE without WHERE, DELETE ... RETURNING an expression
UPDATE golden_dml SET qty = 0;
DELETE FROM golden_dml WHERE qty = 0 AND id > 4 RETURNING id * 10 AS x;
SELECT id, qty FROM golden_dml ORDER BY id;
-- an UPDATE of a vector, then k-NN (exact scan)
TRUNCATE golden_dml;
SELECT count(*) FROM golden_dml;
INSERT INTO golden_dml VALUES
  (1, 'k1', 1, '[1,1,1]'),
  (2, 'k2', 2, '[2,2,2]'),
  (3, 'k0', 3, '[3,3,3]'),
  (4, 'k1', 4, '[4,4,4]'),
  (5, 'k2', 5, '[5,5,0]'),
  (6, 'k0', 6, '[6,6,1]'),
  (7, 'k1', 7, '[7,0,2]'),
  (8, 'k2', 8, '[8,1,3]'),
  (9, 'k0', 9, '[9,2,4]'),
  (10, 'k1', 10, '[10,3,0]'),
  (11, 'k2', 11, '[11,4,1]'),
  (12, 'k0', 12, '[12,5,2]'),
  (13, 'k1', 13, '[13,6,3]'),
  (14, 'k2', 14, '[14,0,4]'),
  (15, 'k0', 15, '[15,1,0]'),
  (16, 'k1', 16, '[16,2,1]'),
  (17, 'k2', 17, '[17,3,2]'),
  (18, 'k0', 18, '[18,4,3]'),
  (19, 'k1', 19, '[19,5,4]'),
  (20, 'k2', 20, '[20,6,0]'),
  (21, 'k0', 21, '[21,0,1]'),
  (22, 'k1', 22, '[22,1,2]'),
  (23, 'k2', 23, '[23,2,3]'),
  (24, 'k0', 24, '[24,3,4]'),
  (25, 'k1', 25, '[25,4,0]'),
  (26, 'k2', 26, '[26,5,1]'),
  (27, 'k0', 27, '[27,6,2]'),
  (28, 'k1', 28, '[28,0,3]'),
  (29, 'k2', 29, '[29,1,4]'),
  (30, 'k0', 30, '[30,2,0]'),
  (31, 'k1', 31, '[31,3,1]'),
  (32, 'k2', 32, '[32,4,2]'),
  (33, 'k0', 33, '[33,5,3]'),
  (34, 'k1', 34, '[34,6,4]'),
  (35, 'k2', 35, '[35,0,0]'),
  (36, 'k0', 36, '[36,1,1]'),
  (37, 'k1', 37, '[37,2,2]'),
  (38, 'k2', 38, '[38,3,3]'),
  (39, 'k0', 39, '[39,4,4]'),
  (40, 'k1', 40, '[40,5,0]'),
  (41, 'k2', 41, '[41,6,1]'),
  (42, 'k0', 42, '[42,0,2]'),
  (43, 'k1', 43, '[43,1,3]'),
  (44, 'k2', 44, '[44,2,4]'),
  (45, 'k0', 45, '[45,3,0]'),
  (46, 'k1', 46, '[46,4,1]'),
  (47, 'k2', 47, '[47,5,2]'),
  (48, 'k0', 48, '[48,6,3]'),
  (49, 'k1', 49, '[49,0,4]'),
  (50, 'k2', 50, '[50,1,0]'),
  (51, 'k0', 51, '[51,2,1]'),
  (52, 'k1', 52, '[52,3,2]'),
  (53, 'k2', 53, '[53,4,3]'),
  (54, 'k0', 54, '[54,5,4]'),
  (55, 'k1', 55, '[55,6,0]'),
  (56, 'k2', 56, '[56,0,1]'),
  (57, 'k0', 57, '[57,1,2]'),
  (58, 'k1', 58, '[58,2,3]'),
  (59, 'k2', 59, '[59,3,4]'),
  (60, 'k0', 60, '[60,4,0]');
SELECT id, embedding, embedding <-> '[30,2,0]' AS d FROM golden_dml ORDER BY embedding <-> '[30,2,0]' LIMIT 3;
UPDATE golden_dml SET embedding = '[30,2,0]' WHERE id = 55;
UPDATE golden_dml SET embedding = '[30,2,1]' WHERE id BETWEEN 58 AND 59;
DELETE FROM golden_dml WHERE id = 30;
SELECT id, embedding, embedding <-> '[30,2,0]' AS d FROM golden_dml ORDER BY embedding <-> '[30,2,0]' LIMIT 4;
-- the same through an HNSW index
CREATE INDEX golden_dml_hnsw ON golden_dml USING hnsw (embedding vector_l2_ops);
UPDATE golden_dml SET embedding = '[29,2,0]' WHERE id = 1;
DELETE FROM golden_dml WHERE id = 59;
SELECT id, embedding, embedding <-> '[30,2,0]' AS d FROM golden_dml ORDER BY embedding <-> '[30,2,0]' LIMIT 4;
SELECT id FROM golden_dml WHERE category = 'k1' ORDER BY embedding <-> '[30,2,0]' LIMIT 3;
DROP INDEX golden_dml_hnsw;
-- transactions: savepoints, rollback to, rollback
BEGIN;
UPDATE golden_dml SET qty = -1 WHERE id <= 3;
SAVEPOINT s1;
DELETE FROM golden_dml WHERE id <= 2;
SELECT id, qty FROM golden_dml WHERE id <= 4 ORDER BY id;
ROLLBACK TO SAVEPOINT s1;
SELECT id, qty FROM golden_dml WHERE id <= 4 ORDER BY id;
SAVEPOINT s2;
UPDATE golden_dml SET qty = qty / 0 WHERE id = 4;
SELECT 1;
ROLLBACK TO s2;
INSERT INTO golden_dml VALUES (100, 'new', 1, '[0,0,0]');
UPDATE golden_dml SET qty = 2 WHERE id = 100 RETURNING id, qty;
RELEASE SAVEPOINT s2;
COMMIT;
SELECT id, qty FROM golden_dml WHERE id <= 4 OR id = 100 ORDER BY id;
BEGIN;
DELETE FROM golden_dml;
TRUNCATE golden_dml;
INSERT INTO golden_dml VALUES (200, 'x', 1, NULL);
SELECT id FROM golden_dml;
ROLLBACK;
SELECT count(*) FROM golden_dml;
BEGIN;
TRUNCATE golden_dml;
INSERT INTO golden_dml VALUES (300, 'y', 1, NULL);
COMMIT;
SELECT id, category FROM golden_dml;
-- DELETE ... USING: each target row the join matches goes once; RETURNING the deleted rows
INSERT INTO golden_dml VALUES (301, 'y', 2, '[1,2,3]'), (302, 'z', 3, NULL), (303, 'z', 4, '[3,2,1]');
CREATE TABLE golden_dml_gone (gone_id bigint, why text);
INSERT INTO golden_dml_gone VALUES (301, 'a'), (303, 'b'), (303, 'c'), (999, 'd');
DELETE FROM golden_dml USING golden_dml_gone WHERE golden_dml.id = golden_dml_gone.gone_id;
SELECT id, category FROM golden_dml ORDER BY id;
DELETE FROM golden_dml AS g USING golden_dml_gone x WHERE g.category = 'z' AND x.why = 'd' RETURNING g.id, g.qty;
DELETE FROM golden_dml USING golden_dml_gone WHERE golden_dml_gone.why = 'none';
SELECT id, category FROM golden_dml ORDER BY id;
DROP TABLE golden_dml_gone;
DROP TABLE golden_dml;
