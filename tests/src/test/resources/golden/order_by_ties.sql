-- psql -X -a -v ON_ERROR_STOP=0 -d postgres < order_by_ties.sql > order_by_ties.out (LC_ALL=C.UTF-8; PostgreSQL 15.20 + pgvector 0.8.6, initdb --no-locale -E UTF8)
-- ORDER BY distance, later keys: rows tied on the distance are ordered, and those tied at the
-- k-th distance chosen, by the later keys (exact scan: no index). Rows are inserted in an order
-- unlike the ids'.
DROP TABLE IF EXISTS golden_ties;
CREATE TABLE golden_ties (id integer PRIMARY KEY, note text, v vector(2));
INSERT INTO golden_ties VALUES (46, 'n1', '[1,1]'), (37, 'n1', '[1,1]'), (27, 'n0', '[1,1]'), (15, NULL, '[1,1]'), (43, 'n1', '[1,1]'), (26, 'n2', '[1,1]'), (20, NULL, '[1,1]'), (21, 'n0', '[1,1]'), (32, 'n2', '[1,1]'), (23, 'n2', '[1,1]'), (34, 'n1', '[1,1]'), (16, 'n1', '[1,1]'), (45, NULL, '[1,1]'), (47, 'n2', '[1,1]'), (41, 'n2', '[1,1]'), (7, 'n1', '[1,1]'), (10, NULL, '[1,1]'), (49, 'n1', '[1,1]'), (13, 'n1', '[1,1]'), (35, NULL, '[1,1]'), (19, 'n1', '[1,1]'), (17, 'n2', '[1,1]'), (5, NULL, '[1,1]'), (4, 'n1', '[1,1]'), (2, 'n2', '[1,1]'), (8, 'n2', '[1,1]'), (28, 'n1', '[1,1]'), (38, 'n2', '[1,1]'), (14, 'n2', '[1,1]'), (48, 'n0', '[1,1]'), (31, 'n1', '[1,1]'), (29, 'n2', '[1,1]'), (11, 'n2', '[1,1]'), (25, NULL, '[1,1]'), (3, 'n0', '[1,1]'), (36, 'n0', '[1,1]'), (42, 'n0', '[1,1]'), (6, 'n0', '[1,1]'), (39, 'n0', '[1,1]'), (50, NULL, '[1,1]'), (33, 'n0', '[1,1]'), (22, 'n1', '[1,1]'), (1, 'n1', '[1,1]'), (44, 'n2', '[1,1]'), (12, 'n0', '[1,1]'), (9, 'n0', '[1,1]'), (18, 'n0', '[1,1]'), (24, 'n0', '[1,1]'), (40, NULL, '[1,1]'), (30, NULL, '[1,1]');
INSERT INTO golden_ties VALUES (100, 'z', '[0,0]'), (101, 'y', '[5,5]'), (102, 'x', NULL), (103, NULL, NULL);
SELECT id FROM golden_ties ORDER BY v <-> '[0,0]', id LIMIT 10;
SELECT id, v <-> '[0,0]' AS d FROM golden_ties ORDER BY v <-> '[0,0]', id DESC LIMIT 4;
SELECT id FROM golden_ties ORDER BY v <-> '[0,0]', id LIMIT 3 OFFSET 3;
SELECT id FROM golden_ties ORDER BY v <-> '[0,0]', id LIMIT 3 OFFSET 50;
SELECT id, id % 4 AS m FROM golden_ties ORDER BY v <-> '[0,0]', id % 4, id LIMIT 5;
SELECT id, id % 4 AS m FROM golden_ties ORDER BY v <-> '[0,0]', m DESC, id LIMIT 5;
SELECT id, note FROM golden_ties ORDER BY v <-> '[0,0]', note NULLS FIRST, id LIMIT 4;
SELECT id, note FROM golden_ties ORDER BY v <-> '[0,0]', note, id LIMIT 4;
SELECT id, note FROM golden_ties ORDER BY v <-> '[0,0]', note DESC, id LIMIT 4;
SELECT id, note FROM golden_ties ORDER BY v <-> '[0,0]', note DESC NULLS LAST, id LIMIT 4;
SELECT id, v <-> '[1,1]' AS dist FROM golden_ties ORDER BY dist, id LIMIT 3;
SELECT id, v <-> '[1,1]' FROM golden_ties ORDER BY 2, 1 DESC LIMIT 3;
SELECT id, v <#> '[1,-1]' AS d FROM golden_ties ORDER BY v <#> '[1,-1]', id LIMIT 3;
SELECT id, v <=> '[2,2]' AS d FROM golden_ties ORDER BY v <=> '[2,2]', id DESC LIMIT 3;
SELECT id, v <+> '[1,1]' AS d FROM golden_ties WHERE id % 2 = 0 ORDER BY v <+> '[1,1]', id LIMIT 3;
-- NULL vectors: a NULL distance sorts last (ASC), first with NULLS FIRST; ties by the later keys
SELECT id, note FROM golden_ties ORDER BY v <-> '[0,0]', id LIMIT 3 OFFSET 50;
SELECT id, note FROM golden_ties ORDER BY v <-> '[0,0]', id DESC LIMIT 3 OFFSET 50;
SELECT id FROM golden_ties ORDER BY v <-> '[0,0]' NULLS FIRST, id LIMIT 4;
SELECT id FROM golden_ties ORDER BY v <-> '[0,0]' NULLS FIRST, note NULLS FIRST LIMIT 3;
SELECT id FROM golden_ties ORDER BY v <-> NULL, id DESC LIMIT 3;
-- DISTINCT with ORDER BY distance
SELECT DISTINCT note, v <-> '[0,0]' AS d FROM golden_ties ORDER BY d, note LIMIT 4;
SELECT DISTINCT v <-> '[0,0]' AS d FROM golden_ties ORDER BY v <-> '[0,0]' LIMIT 5;
-- text in the database's C collation: byte order
CREATE TABLE golden_ties_text (id integer, t text);
INSERT INTO golden_ties_text VALUES (1, 'b'), (2, 'B'), (3, 'é'), (4, NULL), (5, 'a'), (6, 'Z'), (7, 'ab'), (8, '');
SELECT id, t FROM golden_ties_text ORDER BY t;
SELECT id, t FROM golden_ties_text ORDER BY t DESC;
SELECT id, t FROM golden_ties_text ORDER BY t NULLS FIRST LIMIT 3 OFFSET 1;
-- LIMIT and OFFSET without ORDER BY
SELECT id FROM golden_ties_text LIMIT 3 OFFSET 2;
SELECT id FROM golden_ties_text OFFSET 6;
DROP TABLE golden_ties_text;
DROP TABLE golden_ties;
