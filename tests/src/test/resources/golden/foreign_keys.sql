-- FOREIGN KEY enforcement: referencing rows on INSERT, UPDATE, COPY and upserts (MATCH SIMPLE
-- and FULL), ON DELETE / ON UPDATE actions (NO ACTION, RESTRICT, CASCADE, SET NULL,
-- SET DEFAULT), TRUNCATE and DROP TABLE of referenced tables. The .out was written by
-- PostgreSQL 15.20 with pgvector 0.8.6:
-- psql -X -a -v ON_ERROR_STOP=0 -d postgres < foreign_keys.sql > foreign_keys.out (LC_ALL=C.UTF-8)
CREATE TABLE fk_parent (id integer PRIMARY KEY, name text UNIQUE);
CREATE TABLE fk_child (
  id integer PRIMARY KEY,
  parent_id integer REFERENCES fk_parent,
  embedding vector(2)
);
INSERT INTO fk_parent VALUES (1, 'one'), (2, 'two'), (3, 'three');
-- the referencing side
INSERT INTO fk_child VALUES (1, 1, '[1,1]'), (2, 1, '[1,2]'), (3, 2, '[2,2]'), (4, NULL, '[0,0]');
INSERT INTO fk_child VALUES (5, 5, '[5,5]');
INSERT INTO fk_child VALUES (5, 3, '[5,5]'), (6, 7, '[6,6]');
UPDATE fk_child SET parent_id = 9 WHERE id = 1;
UPDATE fk_child SET parent_id = 3 WHERE id = 1 RETURNING *;
UPDATE fk_child SET embedding = '[9,9]' WHERE id = 4;
INSERT INTO fk_child VALUES (1, 8, '[0,1]') ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id;
INSERT INTO fk_child VALUES (1, 2, '[0,1]') ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id RETURNING id, parent_id;
INSERT INTO fk_child VALUES (7, 8, '[0,1]') ON CONFLICT DO NOTHING;
COPY fk_child FROM STDIN;
10	1	[1,0]
11	4	[1,0]
\.
COPY fk_child FROM STDIN;
10	1	[1,0]
11	\N	[1,0]
\.
SELECT * FROM fk_child ORDER BY id;
-- a parent written earlier in the same transaction counts
BEGIN;
INSERT INTO fk_parent VALUES (4, 'four');
INSERT INTO fk_child VALUES (12, 4, '[4,4]');
SAVEPOINT s;
DELETE FROM fk_child WHERE id = 12;
DELETE FROM fk_parent WHERE id = 4;
INSERT INTO fk_child VALUES (13, 4, '[4,4]');
ROLLBACK TO s;
INSERT INTO fk_child VALUES (13, 4, '[4,4]');
COMMIT;
INSERT INTO fk_parent VALUES (5, 'five'); INSERT INTO fk_child VALUES (14, 5, NULL);
SELECT id, parent_id FROM fk_child WHERE id >= 12 ORDER BY id;
-- the referenced side: NO ACTION (the default)
DELETE FROM fk_parent WHERE id = 1;
DELETE FROM fk_parent WHERE id > 1;
UPDATE fk_parent SET id = 10 WHERE id = 2;
UPDATE fk_parent SET name = 'uno' WHERE id = 1 RETURNING *;
DELETE FROM fk_child WHERE parent_id = 3;
DELETE FROM fk_parent WHERE id = 3 RETURNING name;
BEGIN;
DELETE FROM fk_parent WHERE id = 5;
ROLLBACK;
TRUNCATE fk_parent;
TRUNCATE fk_parent, fk_child;
SELECT count(*) FROM fk_child;
DROP TABLE fk_parent;
DROP TABLE fk_child;
DROP TABLE fk_parent;
-- ON DELETE CASCADE through two levels, ON DELETE SET NULL, RESTRICT
CREATE TABLE fk_collection (uuid uuid PRIMARY KEY, name text NOT NULL);
CREATE TABLE fk_embedding (
  id text PRIMARY KEY,
  collection_id uuid REFERENCES fk_collection (uuid) ON DELETE CASCADE,
  embedding vector(2)
);
CREATE TABLE fk_note (
  id integer PRIMARY KEY,
  embedding_id text REFERENCES fk_embedding ON DELETE CASCADE,
  pinned_id text REFERENCES fk_embedding (id) ON DELETE SET NULL,
  body text
);
INSERT INTO fk_collection VALUES
  ('11111111-1111-1111-1111-111111111111', 'a'), ('22222222-2222-2222-2222-222222222222', 'b');
INSERT INTO fk_embedding VALUES
  ('e1', '11111111-1111-1111-1111-111111111111', '[1,0]'),
  ('e2', '11111111-1111-1111-1111-111111111111', '[0,1]'),
  ('e3', '22222222-2222-2222-2222-222222222222', '[1,1]');
INSERT INTO fk_note VALUES (1, 'e1', NULL, 'on e1'), (2, 'e3', 'e1', 'pins e1'), (3, NULL, 'e3', 'pins e3');
INSERT INTO fk_embedding VALUES ('e4', '33333333-3333-3333-3333-333333333333', '[2,2]');
DELETE FROM fk_collection WHERE name = 'a' RETURNING name;
SELECT id, collection_id FROM fk_embedding ORDER BY id;
SELECT * FROM fk_note ORDER BY id;
SELECT id FROM fk_embedding ORDER BY embedding <-> '[1,0]' LIMIT 2;
CREATE TABLE fk_restrict (id integer PRIMARY KEY, emb text REFERENCES fk_embedding ON DELETE RESTRICT);
INSERT INTO fk_restrict VALUES (1, 'e3');
DELETE FROM fk_collection;
DELETE FROM fk_restrict;
DELETE FROM fk_collection;
SELECT count(*) AS collections FROM fk_collection;
SELECT count(*) AS embeddings FROM fk_embedding;
SELECT * FROM fk_note ORDER BY id;
TRUNCATE fk_collection CASCADE;
DROP TABLE fk_collection;
DROP TABLE fk_restrict, fk_note, fk_embedding, fk_collection;
-- ON UPDATE CASCADE, SET NULL, SET DEFAULT; MATCH FULL; a table referencing itself
CREATE TABLE fk_p (a integer, b text, PRIMARY KEY (a, b));
CREATE TABLE fk_c (
  id integer PRIMARY KEY,
  a integer DEFAULT 0,
  b text DEFAULT 'zero',
  FOREIGN KEY (a, b) REFERENCES fk_p ON UPDATE CASCADE ON DELETE SET DEFAULT
);
CREATE TABLE fk_full (
  id integer PRIMARY KEY,
  a integer,
  b text,
  FOREIGN KEY (a, b) REFERENCES fk_p MATCH FULL ON DELETE SET NULL ON UPDATE SET NULL
);
INSERT INTO fk_p VALUES (0, 'zero'), (1, 'x'), (2, 'y');
INSERT INTO fk_c VALUES (1, 1, 'x'), (2, 2, 'y'), (3, 2, NULL), (4, 9, NULL);
INSERT INTO fk_c VALUES (5, 9, 'x');
INSERT INTO fk_full VALUES (1, 1, 'x'), (2, NULL, NULL);
INSERT INTO fk_full VALUES (3, 1, NULL);
INSERT INTO fk_full VALUES (3, 3, 'x');
UPDATE fk_p SET a = 10 WHERE a = 1;
SELECT * FROM fk_c ORDER BY id;
SELECT * FROM fk_full ORDER BY id;
DELETE FROM fk_p WHERE a = 2;
SELECT * FROM fk_c ORDER BY id;
DELETE FROM fk_p WHERE a = 0;
UPDATE fk_p SET a = 11 WHERE a = 10;
SELECT * FROM fk_c ORDER BY id;
DROP TABLE fk_c, fk_full, fk_p;
CREATE TABLE fk_tree (id integer PRIMARY KEY, parent integer REFERENCES fk_tree (id) ON DELETE CASCADE, label text);
INSERT INTO fk_tree VALUES (1, NULL, 'root'), (2, 1, 'child'), (3, 2, 'grandchild'), (4, 4, 'self');
INSERT INTO fk_tree VALUES (5, 6, 'forward'), (6, 5, 'back');
INSERT INTO fk_tree VALUES (7, 8, 'dangling');
DELETE FROM fk_tree WHERE id = 2;
SELECT * FROM fk_tree ORDER BY id;
TRUNCATE fk_tree;
DROP TABLE fk_tree;
