-- Joins, subqueries, WITH [RECURSIVE], set operations and set-returning functions over a
-- collections/documents schema. The .out was written by PostgreSQL 15.20 with pgvector 0.8.6:
-- psql -X -a -v ON_ERROR_STOP=0 -d postgres < joins.sql > joins.out (LC_ALL=C.UTF-8)
DROP TABLE IF EXISTS golden_docs;
DROP TABLE IF EXISTS golden_collections;
CREATE TABLE golden_collections (id int PRIMARY KEY, name text);
CREATE TABLE golden_docs (id int PRIMARY KEY, collection_id int REFERENCES golden_collections (id), title text, embedding vector(2));
INSERT INTO golden_collections VALUES (1, 'news'), (2, 'blogs'), (3, 'empty');
INSERT INTO golden_docs VALUES (10, 1, 'a', '[1,0]'), (11, 1, 'b', '[0,1]'), (12, 2, 'c', '[1,1]'), (13, NULL, 'orphan', '[2,2]');
-- joins
SELECT d.id, d.title, c.name FROM golden_docs d JOIN golden_collections c ON c.id = d.collection_id ORDER BY d.id;
SELECT c.name, count(d.id) AS docs FROM golden_collections c LEFT JOIN golden_docs d ON d.collection_id = c.id GROUP BY c.name ORDER BY docs DESC, c.name;
SELECT d.id, c.id AS cid FROM golden_docs d FULL JOIN golden_collections c ON d.collection_id = c.id ORDER BY d.id, c.id;
SELECT d.id, c.name FROM golden_collections c RIGHT JOIN golden_docs d ON d.collection_id = c.id ORDER BY 1;
SELECT count(*) FROM golden_docs, golden_collections;
SELECT * FROM golden_docs JOIN (SELECT id AS collection_id, name FROM golden_collections) c USING (collection_id) ORDER BY id;
SELECT id FROM golden_docs JOIN golden_collections ON true;
-- subqueries
SELECT (SELECT name FROM golden_collections WHERE id = 2) AS name;
SELECT d.id, (SELECT c.name FROM golden_collections c WHERE c.id = d.collection_id) AS collection FROM golden_docs d ORDER BY d.id;
SELECT id FROM golden_collections c WHERE EXISTS (SELECT 1 FROM golden_docs d WHERE d.collection_id = c.id) ORDER BY id;
SELECT id FROM golden_collections WHERE id NOT IN (SELECT collection_id FROM golden_docs);
SELECT id FROM golden_docs WHERE collection_id IN (SELECT id FROM golden_collections WHERE name LIKE 'n%') ORDER BY id;
SELECT id FROM golden_docs WHERE id > ALL (SELECT id FROM golden_docs WHERE id < 12) ORDER BY id;
SELECT (SELECT id FROM golden_docs);
-- the nearest neighbours of a stored row (pgvector's README)
SELECT id, title FROM golden_docs WHERE id <> 10 ORDER BY embedding <-> (SELECT embedding FROM golden_docs WHERE id = 10), id LIMIT 2;
WITH q AS (SELECT embedding FROM golden_docs WHERE id = 11) SELECT d.id FROM golden_docs d ORDER BY d.embedding <=> (SELECT embedding FROM q), d.id LIMIT 3;
SELECT c.id, n.id AS nearest FROM golden_collections c LEFT JOIN LATERAL (SELECT d.id FROM golden_docs d WHERE d.collection_id = c.id ORDER BY d.embedding <-> '[0,1]' LIMIT 1) n ON true ORDER BY c.id;
-- WITH
WITH counts AS (SELECT collection_id, count(*) AS n FROM golden_docs GROUP BY collection_id) SELECT c.name, counts.n FROM counts JOIN golden_collections c ON c.id = counts.collection_id ORDER BY n DESC;
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n * 2 FROM t WHERE n < 100) SELECT n FROM t;
-- set operations
SELECT id FROM golden_collections UNION SELECT collection_id FROM golden_docs ORDER BY 1;
SELECT name FROM golden_collections UNION ALL SELECT title FROM golden_docs ORDER BY 1;
SELECT id FROM golden_collections INTERSECT SELECT collection_id FROM golden_docs ORDER BY 1;
SELECT id FROM golden_collections EXCEPT SELECT collection_id FROM golden_docs;
SELECT 1 UNION SELECT 1, 2;
-- set-returning functions
SELECT * FROM generate_series(1, 3);
SELECT i, i * i AS square FROM generate_series(1, 10, 4) AS g(i);
SELECT generate_series(1, 2) AS a, generate_series(1, 3) AS b;
SELECT * FROM unnest(ARRAY['x', 'y']) WITH ORDINALITY AS t(v, n);
INSERT INTO golden_docs (id, collection_id, title, embedding) SELECT 100 + i, 3, 'gen' || i, ARRAY[i, i]::real[]::vector FROM generate_series(1, 3) i;
SELECT c.name, count(*) FROM golden_docs d JOIN golden_collections c ON c.id = d.collection_id GROUP BY c.name ORDER BY 1;
DELETE FROM golden_docs d WHERE EXISTS (SELECT 1 FROM golden_collections c WHERE c.id = d.collection_id AND c.name = 'empty');
SELECT count(*) FROM golden_docs;
DROP TABLE golden_docs;
DROP TABLE golden_collections;
