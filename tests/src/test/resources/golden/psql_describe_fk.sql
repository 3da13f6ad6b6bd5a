-- psql 15's \d on tables with foreign keys (the "Foreign-key constraints" and "Referenced by"
-- footers read pg_partition_ancestors in FROM and print regclass columns as names). The .out was
-- written by PostgreSQL 15.20 with pgvector 0.8.6:
-- psql -X -a -v ON_ERROR_STOP=0 -d postgres < psql_describe_fk.sql > psql_describe_fk.out (LC_ALL=C.UTF-8)
CREATE TABLE fk_parent (id int PRIMARY KEY, name text);
CREATE TABLE fk_child (id bigserial PRIMARY KEY, parent_id int REFERENCES fk_parent (id) ON DELETE CASCADE, embedding vector(3));
CREATE INDEX ON fk_child USING hnsw (embedding vector_cosine_ops);
\d fk_child
\d fk_parent
SELECT a.relid, a.depth FROM pg_catalog.pg_partition_ancestors('fk_child') WITH ORDINALITY AS a(relid, depth);
DROP TABLE fk_child;
DROP TABLE fk_parent;
