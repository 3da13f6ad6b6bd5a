-- SQL's PREPARE, EXECUTE and DEALLOCATE: typed and inferred parameters, vectors, RETURNING,
-- k-NN, the errors. The .out was written by PostgreSQL 15.18 with pgvector 0.8.6:
-- psql -X -a -v ON_ERROR_STOP=0 -d postgres < prepare_execute.sql > prepare_execute.out (LC_ALL=C.UTF-8)
DROP TABLE IF EXISTS golden_pe;
CREATE TABLE golden_pe (id bigint PRIMARY KEY, name text, v vector(3));
PREPARE golden_ins (bigint, text, vector) AS
  INSERT INTO golden_pe VALUES ($1, $2, $3) RETURNING id, name;
EXECUTE golden_ins(1, 'a', '[1,0,0]');
EXECUTE golden_ins(2, 'b' || 'c', '[0,1,0]');
EXECUTE golden_ins(3, NULL, NULL);
EXECUTE golden_ins(4, 'd', '[1,2]');
EXECUTE golden_ins(1, 'dup', '[1,1,1]');
EXECUTE golden_ins(5, 'e');
EXECUTE golden_ins('x', 'e', '[1,1,1]');
PREPARE golden_knn AS SELECT id FROM golden_pe ORDER BY v <-> $1 LIMIT $2;
EXECUTE golden_knn('[0,1,0]', 1);
EXECUTE golden_knn('[1,0,0]', 2);
PREPARE golden_upd (int) AS UPDATE golden_pe SET name = upper(name) WHERE id = $1;
EXECUTE golden_upd(2);
PREPARE golden_count AS SELECT count(*) AS n FROM golden_pe;
EXECUTE golden_count;
PREPARE golden_count AS SELECT 1;
PREPARE golden_bad AS SELECT nosuch FROM golden_pe;
PREPARE golden_notype (nosuchtype) AS SELECT $1;
EXECUTE golden_nothere;
DEALLOCATE golden_count;
EXECUTE golden_count;
DEALLOCATE golden_count;
DEALLOCATE PREPARE golden_upd;
DEALLOCATE ALL;
EXECUTE golden_ins(6, 'f', '[1,1,1]');
SELECT * FROM golden_pe ORDER BY id;
DROP TABLE golden_pe;
