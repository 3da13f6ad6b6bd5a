-- schemas: CREATE SCHEMA, tables of one name in two schemas, qualified names in every statement,
-- search_path, the catalogs and psql's \dn / \dt / \d, DROP SCHEMA [CASCADE].
-- The .out was written by PostgreSQL 15.20 with pgvector 0.8.6:
-- psql -X -a -v ON_ERROR_STOP=0 -d postgres < schemas.sql > schemas.out (LC_ALL=C.UTF-8)
DROP TABLE IF EXISTS golden_docs;
DROP SCHEMA IF EXISTS golden_app CASCADE;
CREATE SCHEMA golden_app;
CREATE SCHEMA IF NOT EXISTS golden_app;
CREATE SCHEMA golden_app;
CREATE SCHEMA pg_golden;
CREATE TABLE golden_app.golden_docs (id int PRIMARY KEY, body text, embedding vector(2));
CREATE TABLE golden_docs (id int PRIMARY KEY, title text);
INSERT INTO golden_app.golden_docs VALUES (1, 'in app', '[1,0]'), (2, 'also in app', '[0,1]');
INSERT INTO golden_docs VALUES (1, 'in public');
SELECT * FROM golden_app.golden_docs ORDER BY id;
SELECT * FROM golden_docs;
SELECT * FROM public.golden_docs;
SELECT a.body, p.title FROM golden_app.golden_docs a JOIN public.golden_docs p USING (id);
SELECT golden_docs.body FROM golden_app.golden_docs ORDER BY 1;
-- the first schema of the path that has the table
SET search_path TO golden_app, public;
SELECT * FROM golden_docs ORDER BY id;
SHOW search_path;
SELECT current_schema(), current_schemas(false), current_schemas(true);
SELECT 'golden_docs'::regclass, 'public.golden_docs'::regclass;
RESET search_path;
SELECT current_schema(), 'golden_app.golden_docs'::regclass, 'golden_app'::regnamespace;
\dn
\dt golden_app.*
\d golden_app.golden_docs
CREATE TABLE golden_app.golden_serial (id bigserial PRIMARY KEY, note text);
\d golden_app.golden_serial
SELECT pg_get_serial_sequence('golden_app.golden_serial', 'id');
INSERT INTO golden_app.golden_serial (note) VALUES ('one') RETURNING id;
DROP TABLE golden_app.golden_serial;
SELECT nspname FROM pg_namespace WHERE nspname LIKE '%golden%' ORDER BY 1;
SELECT table_schema, table_name FROM information_schema.tables WHERE table_name = 'golden_docs'
ORDER BY 1;
SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE '%golden%';
SELECT relname, relnamespace::regnamespace FROM pg_class WHERE relname LIKE 'golden_docs%'
ORDER BY 2, 1;
SELECT schemaname, tablename FROM pg_tables WHERE tablename = 'golden_docs' ORDER BY 1;
-- every statement takes a qualified name
CREATE INDEX ON golden_app.golden_docs (body);
CREATE INDEX golden_app_hnsw ON golden_app.golden_docs USING hnsw (embedding vector_l2_ops);
SELECT schemaname, indexname, indexdef FROM pg_indexes WHERE tablename = 'golden_docs'
ORDER BY 1, 2;
SELECT id FROM golden_app.golden_docs ORDER BY embedding <-> '[1,0.1]' LIMIT 1;
INSERT INTO golden_app.golden_docs VALUES (1, 'dup');
INSERT INTO golden_app.golden_docs VALUES (NULL, 'null');
ALTER TABLE golden_app.golden_docs ADD COLUMN n int DEFAULT 7;
COMMENT ON TABLE golden_app.golden_docs IS 'app docs';
SELECT obj_description('golden_app.golden_docs'::regclass);
UPDATE golden_app.golden_docs SET n = 8 WHERE id = 2 RETURNING id, body, n;
DELETE FROM golden_app.golden_docs WHERE id = 1;
\copy golden_app.golden_docs (id, body) FROM STDIN
3	copied
\.
COPY golden_app.golden_docs (id, body, n) TO STDOUT;
CREATE TABLE golden_app.golden_child (id int PRIMARY KEY, doc int REFERENCES golden_app.golden_docs);
INSERT INTO golden_app.golden_child VALUES (1, 9);
SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'golden_child_doc_fkey';
TRUNCATE golden_app.golden_docs;
TRUNCATE golden_app.golden_docs, golden_app.golden_child;
DROP TABLE golden_app.golden_child;
-- a schema with tables goes only with CASCADE, its tables with it
DROP SCHEMA golden_app;
DROP SCHEMA IF EXISTS golden_nosuch;
DROP SCHEMA golden_nosuch;
CREATE TABLE golden_nosuch.t (x int);
SELECT * FROM golden_nosuch.t;
DROP SCHEMA golden_app CASCADE;
SELECT * FROM golden_app.golden_docs;
SELECT * FROM golden_docs;
SET search_path TO golden_nosuch;
CREATE TABLE golden_t (x int);
SELECT current_schema();
RESET search_path;
DROP TABLE golden_docs;
