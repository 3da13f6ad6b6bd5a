-- RETURNING of UPDATE ... FROM and DELETE ... USING reads the FROM (USING) list's columns too:
-- * is every relation's columns, q.* one relation's, and an unqualified name both have is
-- ambiguous. The .out was written by PostgreSQL 15.20 with pgvector 0.8.6:
-- psql -X -a -v ON_ERROR_STOP=0 -d postgres < returning_joined.sql > returning_joined.out (LC_ALL=C.UTF-8)
DROP TABLE IF EXISTS golden_rj1, golden_rj2;
CREATE TABLE golden_rj1 (id int PRIMARY KEY, a text, v vector(2));
CREATE TABLE golden_rj2 (id int, note text, n int);
INSERT INTO golden_rj1 VALUES (1, 'a', '[1,1]'), (2, 'b', '[2,2]'), (3, 'c', '[3,3]');
INSERT INTO golden_rj2 VALUES (1, 'x', 10), (3, 'y', 30);
UPDATE golden_rj1 SET a = s.note || '!' FROM golden_rj2 s WHERE golden_rj1.id = s.id AND s.n = 10 RETURNING *;
UPDATE golden_rj1 t SET v = v + '[1,1]' FROM golden_rj2 s WHERE t.id = s.id AND s.n = 30 RETURNING t.*, s.n, t.a || '/' || s.note AS both;
UPDATE golden_rj1 t SET a = 'q' FROM golden_rj2 s, (VALUES (1, 'k')) AS x(id2, w) WHERE t.id = s.id AND s.id = x.id2 RETURNING s.*, x.w, t.id;
UPDATE golden_rj1 t SET a = 'r' FROM golden_rj2 s WHERE t.id = s.id RETURNING id;
UPDATE golden_rj1 t SET a = 'r' FROM golden_rj2 s WHERE t.id = s.id RETURNING nosuch.*;
UPDATE golden_rj1 t SET a = 'r' FROM golden_rj2 s WHERE t.id = s.id RETURNING s.nosuch;
SELECT * FROM golden_rj1 ORDER BY id;
DELETE FROM golden_rj1 USING golden_rj2 WHERE golden_rj1.id = golden_rj2.id AND golden_rj2.n > 20 RETURNING golden_rj1.id, golden_rj2.note, a;
DELETE FROM golden_rj1 AS t USING golden_rj2 s WHERE t.id = s.id RETURNING *;
SELECT * FROM golden_rj1 ORDER BY id;
DROP TABLE golden_rj1, golden_rj2;
