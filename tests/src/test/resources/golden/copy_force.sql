-- COPY FROM's csv FORCE_NOT_NULL and FORCE_NULL (and the old FORCE NOT NULL syntax), their
-- errors. A COPY refused before it reads data has no data lines here: psql 15.18 reads a \. after
-- it as a command ("invalid command \."), 15.20 does not. The .out was written by PostgreSQL 15.18
-- with pgvector 0.8.6:
-- psql -X -a -v ON_ERROR_STOP=0 -d postgres < copy_force.sql > copy_force.out (LC_ALL=C.UTF-8)
DROP TABLE IF EXISTS golden_cf;
CREATE TABLE golden_cf (id int, t text, u text);
COPY golden_cf FROM STDIN (FORMAT csv);
1,,""
\.
COPY golden_cf FROM STDIN (FORMAT csv, FORCE_NOT_NULL (t), FORCE_NULL (u));
2,,""
\.
COPY golden_cf FROM STDIN (FORMAT csv, NULL 'NA', FORCE_NULL (t, u));
3,"NA",NA
\.
COPY golden_cf FROM STDIN WITH CSV FORCE NOT NULL t;
4,,
\.
COPY golden_cf TO STDOUT (FORMAT csv, FORCE_NOT_NULL (u));
COPY golden_cf (id, t) FROM STDIN (FORMAT csv, FORCE_NULL (u));
COPY golden_cf FROM STDIN (FORCE_NULL (u));
COPY golden_cf FROM STDIN (FORMAT csv, FORCE_NOT_NULL (nosuch));
SELECT id, t IS NULL AS t_null, t, u IS NULL AS u_null, u FROM golden_cf ORDER BY id;
DROP TABLE golden_cf;
