-- UPDATE's multiple-column SET (a list, ROW(), a sub-SELECT), UPDATE ONLY and DELETE FROM ONLY,
-- RETURNING through INSERT's alias, subqueries in WHERE and SET. The .out was written by
-- PostgreSQL 15.18 with pgvector 0.8.6:
-- psql -X -a -v ON_ERROR_STOP=0 -d postgres < update_forms.sql > update_forms.out (LC_ALL=C.UTF-8)
DROP TABLE IF EXISTS golden_uf1, golden_uf2;
CREATE TABLE golden_uf1 (id int PRIMARY KEY, a int, b text, v vector(2));
CREATE TABLE golden_uf2 (id int PRIMARY KEY, x int);
INSERT INTO golden_uf1 VALUES (1, 10, 'x', '[1,1]'), (2, 20, 'y', '[2,2]'), (3, 30, NULL, NULL);
INSERT INTO golden_uf2 VALUES (1, 100), (2, 200);
UPDATE golden_uf1 SET (a, b) = (11, 'xx') WHERE id = 1 RETURNING *;
UPDATE golden_uf1 SET (a, b) = ROW(a + 1, b || '+') WHERE id = 1 RETURNING *;
UPDATE golden_uf1 SET (a, b) = (SELECT x, 'sub' FROM golden_uf2 WHERE golden_uf2.id = golden_uf1.id) WHERE id = 2 RETURNING *;
UPDATE golden_uf1 SET v = '[9,9]', (a, b) = (0, 'z') WHERE id = 3 RETURNING *;
UPDATE golden_uf1 SET (a, b) = (1, 2, 3);
UPDATE golden_uf1 SET (a, b) = (SELECT x FROM golden_uf2);
UPDATE golden_uf1 SET a = a + 1, b = b || '!' WHERE id IN (SELECT id FROM golden_uf2) RETURNING id, a, b;
UPDATE golden_uf1 SET v = v + '[1,1]' WHERE v IS NOT NULL AND id = 3 RETURNING id, v;
UPDATE ONLY golden_uf1 SET a = -a WHERE id = 3 RETURNING id, a;
DELETE FROM golden_uf1 WHERE a > ALL (SELECT x FROM golden_uf2 WHERE x < 50) AND id < 3 RETURNING id;
INSERT INTO golden_uf1 AS t (id, a) VALUES (5, 9) ON CONFLICT (id) DO UPDATE SET a = t.a * 10 RETURNING t.id, t.a;
INSERT INTO golden_uf1 AS t (id, a) VALUES (5, 9) ON CONFLICT (id) DO UPDATE SET (a, b) = (t.a * 10, 'up') WHERE t.a < 100 RETURNING t.id, t.a, t.b;
UPDATE golden_uf1 SET a = 1, a = 2;
DELETE FROM ONLY golden_uf1 WHERE id = 5;
SELECT * FROM golden_uf1 ORDER BY id;
DROP TABLE golden_uf1, golden_uf2;
