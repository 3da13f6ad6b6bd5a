-- exact nearest-neighbour search (no index): ORDER BY distance LIMIT k
DROP TABLE IF EXISTS golden_search;
CREATE TABLE golden_search (id integer PRIMARY KEY, embedding vector(2));
INSERT INTO golden_search VALUES (1, '[0,0]'), (2, '[1,0]'), (3, '[0,1]'), (4, '[1,1]'), (5, '[2,2]'), (6, '[-1,-1]'), (7, '[3,0]'), (8, '[0.5,0.5]');
SELECT id, embedding <-> '[0,0]' AS d FROM golden_search ORDER BY embedding <-> '[0,0]', id LIMIT 4;
SELECT id FROM golden_search ORDER BY embedding <-> '[1,1]', id LIMIT 3;
SELECT id, embedding <#> '[1,2]' AS d FROM golden_search ORDER BY embedding <#> '[1,2]', id LIMIT 3;
SELECT id, embedding <=> '[1,1]' AS d FROM golden_search WHERE id <> 1 ORDER BY embedding <=> '[1,1]', id LIMIT 3;
SELECT id, embedding <+> '[1,1]' AS d FROM golden_search ORDER BY embedding <+> '[1,1]', id LIMIT 3;
SELECT id FROM golden_search WHERE id > 4 ORDER BY embedding <-> '[0,0]', id LIMIT 2;
SELECT id, l2_distance(embedding, '[3,0]') FROM golden_search ORDER BY 2, 1 LIMIT 2;
DROP TABLE golden_search;
