-- pg_catalog and information_schema read as relations (what psql, pgjdbc, SQLAlchemy and the
-- vector-store frameworks read), psql's \dx and \df, and the catalog functions. The .out was
-- written by PostgreSQL 15.20 with pgvector 0.8.6:
-- psql -X -a -v ON_ERROR_STOP=0 -d postgres < catalog.sql > catalog.out (LC_ALL=C.UTF-8)
CREATE TABLE cat_items (
  id bigserial PRIMARY KEY,
  category text NOT NULL DEFAULT 'x',
  name varchar(20) UNIQUE,
  embedding vector(3)
);
CREATE INDEX cat_items_embedding_idx ON cat_items USING hnsw (embedding vector_cosine_ops) WITH (m = 32);
CREATE TABLE cat_docs (id integer PRIMARY KEY, item_id bigint REFERENCES cat_items (id) ON DELETE CASCADE);
\dx
SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, a.atthasdef,
  (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true) FROM pg_catalog.pg_attrdef d
   WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef) AS "default"
FROM pg_catalog.pg_attribute a
WHERE a.attrelid = 'cat_items'::regclass AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum;
SELECT c.relname, c.relkind, am.amname, c.reloptions, c.relpersistence, c.relnatts
FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam
WHERE c.relname LIKE 'cat\_%' ORDER BY 1;
SELECT c2.relname, i.indisprimary, i.indisunique, pg_catalog.pg_get_indexdef(i.indexrelid, 0, true),
  pg_catalog.pg_get_constraintdef(con.oid, true), con.contype
FROM pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_index i
  LEFT JOIN pg_catalog.pg_constraint con ON (conrelid = i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x'))
WHERE c.oid = 'cat_items'::regclass AND c.oid = i.indrelid AND i.indexrelid = c2.oid
ORDER BY i.indisprimary DESC, c2.relname;
SELECT pg_get_indexdef('cat_items_embedding_idx'::regclass), pg_get_indexdef('cat_items_embedding_idx'::regclass, 1, true);
SELECT conname, contype, pg_get_constraintdef(oid, true), confupdtype, confdeltype, conkey, confkey,
  confrelid::regclass::text
FROM pg_constraint WHERE conrelid IN ('cat_items'::regclass, 'cat_docs'::regclass) ORDER BY 1;
SELECT tablename, indexname, indexdef FROM pg_indexes WHERE tablename LIKE 'cat\_%' ORDER BY 2;
SELECT column_name, ordinal_position, data_type, udt_name, is_nullable, column_default,
  character_maximum_length
FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'cat_items'
ORDER BY ordinal_position;
SELECT table_name, table_type FROM information_schema.tables WHERE table_name LIKE 'cat\_%' ORDER BY 1;
SELECT typname, typnamespace::regnamespace::text, typtype, typcategory, typlen,
  typarray::regtype::text, typelem::regtype::text, typinput = 'pg_catalog.array_in'::regproc AS is_array
FROM pg_catalog.pg_type
WHERE typname IN ('vector', '_vector', 'halfvec', '_halfvec', 'sparsevec', 'bit', 'int8', '_text', 'name')
ORDER BY 1;
SELECT format_type('vector'::regtype, 3), format_type('varchar'::regtype, 24), format_type(1009, -1),
  to_regtype('vector')::text, to_regtype('nosuch') IS NULL, 'vector'::regtype::oid = to_regtype('vector')::oid;
SELECT to_regclass('cat_items') = 'public.cat_items'::regclass, to_regclass('nosuch') IS NULL,
  pg_table_is_visible('cat_items'::regclass), pg_get_serial_sequence('cat_items', 'id');
SELECT 'nosuch'::regclass;
SELECT extname, extversion, extnamespace::regnamespace::text, extrelocatable FROM pg_extension ORDER BY 1;
SELECT nspname, pg_get_userbyid(nspowner) FROM pg_namespace ORDER BY 1;
SELECT amname, amtype FROM pg_am WHERE amname IN ('btree', 'hash', 'hnsw', 'ivfflat', 'heap') ORDER BY 1;
SELECT a.amname, o.opcname, o.opcdefault
FROM pg_opclass o JOIN pg_am a ON a.oid = o.opcmethod
WHERE a.amname IN ('hnsw', 'ivfflat') AND o.opcintype = 'vector'::regtype ORDER BY 1, 2;
SELECT pg_try_advisory_lock(1573678846307946496), pg_advisory_unlock(1573678846307946496);
SELECT pg_advisory_xact_lock(1), pg_advisory_unlock_all();
\df
DROP TABLE cat_docs;
DROP TABLE cat_items;
