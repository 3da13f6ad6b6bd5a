-- constraint errors of writes (23505, 23502, 23514) and INSERT ... ON CONFLICT, as LangChain's
-- PGVector sends it. The .out was written by PostgreSQL 15.20 with pgvector 0.8.6:
-- psql -X -a -v ON_ERROR_STOP=0 -d postgres < upsert.sql > upsert.out (LC_ALL=C.UTF-8)
DROP TABLE IF EXISTS golden_up;
CREATE TABLE golden_up (
  id integer PRIMARY KEY,
  email text UNIQUE,
  price integer NOT NULL CHECK (price > 0),
  note text,
  embedding vector(2)
);
INSERT INTO golden_up VALUES (1, 'a@x', 10, 'one', '[1,1]'), (2, 'b@x', 20, 'two', '[2,2]');
-- 23505, 23502, 23514 on INSERT and UPDATE
INSERT INTO golden_up VALUES (1, 'c@x', 5, NULL, NULL);
INSERT INTO golden_up VALUES (3, 'a@x', 5, NULL, NULL);
INSERT INTO golden_up VALUES (3, 'c@x', 5, NULL, NULL), (4, 'c@x', 6, NULL, NULL);
INSERT INTO golden_up VALUES (3, 'c@x', NULL, NULL, NULL);
INSERT INTO golden_up VALUES (3, 'c@x', -5, 'neg', '[3,3]');
UPDATE golden_up SET id = 2 WHERE id = 1;
UPDATE golden_up SET email = 'b@x' WHERE id = 1;
UPDATE golden_up SET price = NULL WHERE id = 2;
UPDATE golden_up SET price = price - 15 WHERE id <= 2;
UPDATE golden_up SET id = id + 1;
SELECT id, email, price FROM golden_up ORDER BY id;
-- ON CONFLICT DO NOTHING
INSERT INTO golden_up VALUES (1, 'z@x', 1, NULL, NULL) ON CONFLICT DO NOTHING;
INSERT INTO golden_up VALUES (5, 'a@x', 1, NULL, NULL) ON CONFLICT DO NOTHING RETURNING id;
INSERT INTO golden_up VALUES (5, 'e@x', 1, NULL, NULL), (1, 'q@x', 1, NULL, NULL) ON CONFLICT (id) DO NOTHING RETURNING id, email;
INSERT INTO golden_up VALUES (6, 'a@x', 1, NULL, NULL) ON CONFLICT (id) DO NOTHING;
-- ON CONFLICT DO UPDATE ... WHERE ... RETURNING
INSERT INTO golden_up VALUES (1, 'a@x', 11, 'upd', '[9,9]')
  ON CONFLICT (id) DO UPDATE SET price = EXCLUDED.price, note = golden_up.note || '+' || EXCLUDED.note
  RETURNING *;
INSERT INTO golden_up AS t VALUES (2, 'b@x', 99, NULL, NULL)
  ON CONFLICT (id) DO UPDATE SET price = excluded.price WHERE t.price > 100
  RETURNING id, price;
INSERT INTO golden_up AS t VALUES (2, 'b@x', 21, NULL, NULL), (7, 'g@x', 7, 'seven', '[7,7]')
  ON CONFLICT (email) DO UPDATE SET price = excluded.price WHERE t.price < excluded.price
  RETURNING id, price, note;
INSERT INTO golden_up VALUES (8, 'h@x', 1, NULL, NULL), (8, 'h@x', 2, NULL, NULL)
  ON CONFLICT (id) DO UPDATE SET price = excluded.price;
INSERT INTO golden_up VALUES (1, 'a@x', -1, NULL, NULL) ON CONFLICT (id) DO UPDATE SET price = excluded.price;
INSERT INTO golden_up VALUES (1, 'a@x', 1, NULL, NULL) ON CONFLICT (id) DO UPDATE SET email = 'b@x';
INSERT INTO golden_up VALUES (1, 'a@x', 1, NULL, NULL) ON CONFLICT (note) DO NOTHING;
SELECT * FROM golden_up ORDER BY id;
-- upserts inside a transaction block, then rolled back to a savepoint
BEGIN;
INSERT INTO golden_up VALUES (9, 'i@x', 9, NULL, NULL) ON CONFLICT (id) DO UPDATE SET price = 1;
SAVEPOINT s;
INSERT INTO golden_up VALUES (9, 'i@x', 9, NULL, NULL) ON CONFLICT (id) DO UPDATE SET price = 2 RETURNING id, price;
ROLLBACK TO s;
INSERT INTO golden_up VALUES (9, 'i@x', 9, NULL, NULL) ON CONFLICT (id) DO UPDATE SET price = 3 RETURNING id, price;
INSERT INTO golden_up VALUES (10, 'i@x', 9, NULL, NULL);
COMMIT;
SELECT id, price FROM golden_up WHERE id >= 9 ORDER BY id;
-- LangChain's PGVector: a collection table and multi-row upserts of embeddings
DROP TABLE IF EXISTS langchain_pg_embedding;
DROP TABLE IF EXISTS langchain_pg_collection;
CREATE TABLE langchain_pg_collection (
  uuid uuid NOT NULL,
  name varchar NOT NULL,
  cmetadata jsonb,
  PRIMARY KEY (uuid),
  UNIQUE (name)
);
CREATE TABLE langchain_pg_embedding (
  id varchar NOT NULL,
  collection_id uuid,
  embedding vector(3),
  document varchar,
  cmetadata jsonb,
  PRIMARY KEY (id),
  FOREIGN KEY (collection_id) REFERENCES langchain_pg_collection (uuid) ON DELETE CASCADE
);
INSERT INTO langchain_pg_collection (uuid, name, cmetadata)
  VALUES ('6b3c2a34-5a0e-4b2e-9f4e-1f7f1b8f2a01', 'docs', '{}') ON CONFLICT (name) DO NOTHING;
INSERT INTO langchain_pg_collection (uuid, name, cmetadata)
  VALUES ('0d6f4e2a-0000-4000-8000-000000000002', 'docs', '{}') ON CONFLICT (name) DO NOTHING;
INSERT INTO langchain_pg_embedding (id, collection_id, embedding, document, cmetadata)
  VALUES ('doc-1', '6b3c2a34-5a0e-4b2e-9f4e-1f7f1b8f2a01', '[1,0,0]', 'first', '{"page": 1}'),
         ('doc-2', '6b3c2a34-5a0e-4b2e-9f4e-1f7f1b8f2a01', '[0,1,0]', 'second', '{"page": 2}'),
         ('doc-3', '6b3c2a34-5a0e-4b2e-9f4e-1f7f1b8f2a01', '[0,0,1]', 'third', '{"page": 3}')
  ON CONFLICT (id) DO UPDATE SET embedding = excluded.embedding, document = excluded.document,
    cmetadata = excluded.cmetadata;
INSERT INTO langchain_pg_embedding (id, collection_id, embedding, document, cmetadata)
  VALUES ('doc-2', '6b3c2a34-5a0e-4b2e-9f4e-1f7f1b8f2a01', '[0,2,0]', 'second v2', '{"page": 2, "v": 2}'),
         ('doc-4', '6b3c2a34-5a0e-4b2e-9f4e-1f7f1b8f2a01', '[1,1,1]', 'fourth', '{"page": 4}')
  ON CONFLICT (id) DO UPDATE SET embedding = excluded.embedding, document = excluded.document,
    cmetadata = excluded.cmetadata;
SELECT e.id, e.document, e.cmetadata, e.embedding <=> '[0,1,0]' AS distance
  FROM langchain_pg_embedding e
  WHERE e.collection_id = '6b3c2a34-5a0e-4b2e-9f4e-1f7f1b8f2a01'
  ORDER BY e.embedding <=> '[0,1,0]' LIMIT 3;
DELETE FROM langchain_pg_embedding WHERE id IN ('doc-1', 'doc-9');
SELECT id, document FROM langchain_pg_embedding ORDER BY id;
DELETE FROM langchain_pg_collection WHERE name = 'docs';
SELECT count(*) FROM langchain_pg_embedding;
DROP TABLE langchain_pg_embedding, langchain_pg_collection;
DROP TABLE golden_up;
