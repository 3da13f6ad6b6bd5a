-- psql's describe meta-commands (\dt, \di, \d, \d+ on a table and its indexes, \dn, \l) over
-- the catalog relations. The .out was written by PostgreSQL 15.20 with pgvector 0.8.6:
-- psql -X -a -v ON_ERROR_STOP=0 -d postgres < psql_describe.sql > psql_describe.out (LC_ALL=C.UTF-8)
CREATE TABLE desc_items (
  id bigserial PRIMARY KEY,
  category text NOT NULL DEFAULT 'x',
  name varchar(20) UNIQUE,
  score double precision,
  embedding vector(3)
);
CREATE INDEX desc_items_embedding_idx ON desc_items USING hnsw (embedding vector_cosine_ops) WITH (m = 32);
CREATE INDEX desc_items_l2 ON desc_items USING hnsw (embedding vector_l2_ops);
\dt desc_*
\di desc_*
\d desc_items
\d+ desc_items
\d desc_items_pkey
\d desc_items_embedding_idx
\dn
\l
DROP TABLE desc_items;
\dt desc_*
