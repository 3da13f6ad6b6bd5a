-- COPY FROM's errors carry PostgreSQL's CONTEXT: the line (csv's quoted newlines counted), the
-- column and its text while a field is converted, else the record's text; texts cut at 100 bytes.
-- The .out was written by PostgreSQL 15.18:
-- psql -X -a -v ON_ERROR_STOP=0 -d postgres < copy_context.sql > copy_context.out (LC_ALL=C.UTF-8)
DROP TABLE IF EXISTS golden_cc;
CREATE TABLE golden_cc (id int NOT NULL, t text, v numeric(3,1), CHECK (id > 0));
COPY golden_cc FROM STDIN;
abc	x	1.5
\.
COPY golden_cc FROM STDIN;
1	x	12345
\.
COPY golden_cc FROM STDIN;
1	x
\.
COPY golden_cc FROM STDIN;
1	x	1.5	4
\.
COPY golden_cc FROM STDIN;
1	x	1.5
-1	y	1.5
\.
COPY golden_cc FROM STDIN (FORMAT csv, HEADER true);
id,t,v
2,"a
b",1.5
\N,z,1.5
\.
COPY golden_cc FROM STDIN (FORMAT csv);
,z,1.5
\.
COPY golden_cc (t, id) FROM STDIN;
aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa	\N
\.
COPY golden_cc (t, id) FROM STDIN;
x	1111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111
\.
SELECT * FROM golden_cc ORDER BY id;
DROP TABLE golden_cc;
