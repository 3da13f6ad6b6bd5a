-- ALTER TABLE ADD/DROP COLUMN, CREATE INDEX IF NOT EXISTS / CONCURRENTLY, CREATE EXTENSION twice
-- expected output: psql -X -a -v ON_ERROR_STOP=0 -h /tmp -p 55439 -U postgres -d postgres < alter_table.sql > alter_table.out 2>&1 (LC_ALL=C.UTF-8)
-- against PostgreSQL 15.20 + pgvector 0.8.6
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS vector;
RESET client_min_messages;
CREATE EXTENSION IF NOT EXISTS vector;
CREATE EXTENSION vector;
DROP TABLE IF EXISTS golden_alter;
CREATE TABLE golden_alter (id bigint PRIMARY KEY, name text, embedding vector(3));
INSERT INTO golden_alter VALUES (1, 'one', '[1,2,3]'), (2, 'two', '[4,5,6]');
ALTER TABLE golden_alter ADD COLUMN score integer DEFAULT 7;
ALTER TABLE golden_alter ADD note text;
ALTER TABLE golden_alter ADD COLUMN IF NOT EXISTS note text;
ALTER TABLE golden_alter ADD COLUMN note text;
ALTER TABLE golden_alter ADD COLUMN must integer NOT NULL;
ALTER TABLE golden_alter ADD COLUMN must integer NOT NULL DEFAULT 0;
ALTER TABLE golden_alter ADD COLUMN tag varchar(10) DEFAULT 'x' || 'y', ADD COLUMN flag boolean;
INSERT INTO golden_alter (id, name, embedding, note) VALUES (3, 'three', '[7,8,9]', 'new');
SELECT * FROM golden_alter ORDER BY id;
SELECT id, score FROM golden_alter WHERE score = 7 ORDER BY id;
ALTER TABLE golden_alter DROP COLUMN name;
ALTER TABLE golden_alter DROP COLUMN name;
ALTER TABLE golden_alter DROP COLUMN IF EXISTS name;
ALTER TABLE golden_alter DROP flag, DROP COLUMN tag;
SELECT * FROM golden_alter ORDER BY id;
ALTER TABLE golden_alter ADD COLUMN name text DEFAULT 'again';
SELECT id, name FROM golden_alter ORDER BY id;
SELECT id FROM golden_alter ORDER BY embedding <-> '[7,8,9]' LIMIT 1;
ALTER TABLE missing_table ADD COLUMN x integer;
ALTER TABLE IF EXISTS missing_table ADD COLUMN x integer;
ALTER TABLE golden_alter ADD COLUMN bad nosuchtype;
CREATE INDEX IF NOT EXISTS golden_alter_idx ON golden_alter USING hnsw (embedding vector_l2_ops);
CREATE INDEX IF NOT EXISTS golden_alter_idx ON golden_alter USING hnsw (embedding vector_l2_ops);
CREATE INDEX CONCURRENTLY golden_alter_cos ON golden_alter USING hnsw (embedding vector_cosine_ops);
CREATE INDEX CONCURRENTLY IF NOT EXISTS golden_alter_cos ON golden_alter USING hnsw (embedding vector_cosine_ops);
BEGIN;
CREATE INDEX CONCURRENTLY golden_alter_ip ON golden_alter USING hnsw (embedding vector_ip_ops);
ROLLBACK;
SELECT id FROM golden_alter ORDER BY embedding <=> '[1,2,3]' LIMIT 2;
DROP TABLE golden_alter;
-- ALTER COLUMN SET / DROP NOT NULL (existing rows checked), SET / DROP DEFAULT
DROP TABLE IF EXISTS golden_ac_items;
CREATE TABLE golden_ac_items (id serial PRIMARY KEY, name text, qty int DEFAULT 1, note text NOT NULL DEFAULT 'x');
INSERT INTO golden_ac_items (name) VALUES ('a'), (NULL);
ALTER TABLE golden_ac_items ALTER COLUMN name SET NOT NULL;
UPDATE golden_ac_items SET name = 'b' WHERE name IS NULL;
ALTER TABLE golden_ac_items ALTER COLUMN name SET NOT NULL;
INSERT INTO golden_ac_items (name) VALUES (NULL);
ALTER TABLE golden_ac_items ALTER name DROP NOT NULL, ALTER COLUMN qty SET DEFAULT 5 * 2, ALTER COLUMN note DROP DEFAULT;
INSERT INTO golden_ac_items (name, note) VALUES (NULL, 'n');
INSERT INTO golden_ac_items (name) VALUES ('z');
SELECT * FROM golden_ac_items ORDER BY id;
ALTER TABLE golden_ac_items ALTER COLUMN id DROP NOT NULL;
ALTER TABLE golden_ac_items ALTER COLUMN nosuch SET NOT NULL;
ALTER TABLE golden_ac_items ALTER COLUMN qty SET DEFAULT 'abc';
ALTER TABLE golden_ac_items ALTER COLUMN qty DROP DEFAULT;
INSERT INTO golden_ac_items (name, note) VALUES ('d', 'd') RETURNING qty;
\d golden_ac_items
DROP TABLE golden_ac_items;
-- ALTER COLUMN TYPE where the stored values stay as they are (varchar/text lengths, numeric precision, vector(n) to vector)
DROP TABLE IF EXISTS golden_at_items;
CREATE TABLE golden_at_items (id int PRIMARY KEY, name varchar(10), body text, price numeric(6,2), ratio numeric, n int, embedding vector(2));
INSERT INTO golden_at_items VALUES (1, 'abcdef', 'hello world', 12.5, 1.25, 7, '[1,2]');
ALTER TABLE golden_at_items ALTER COLUMN name TYPE varchar(20);
ALTER TABLE golden_at_items ALTER name TYPE text, ALTER COLUMN body SET DATA TYPE varchar(50);
ALTER TABLE golden_at_items ALTER COLUMN body TYPE varchar(5);
ALTER TABLE golden_at_items ALTER COLUMN price TYPE numeric(10,2);
ALTER TABLE golden_at_items ALTER COLUMN embedding TYPE vector;
ALTER TABLE golden_at_items ALTER COLUMN n TYPE integer;
\d golden_at_items
INSERT INTO golden_at_items VALUES (2, repeat('x', 30), 'b', 99999999.99, 2, 1, '[1,2,3]');
SELECT id, name, body, price, embedding FROM golden_at_items ORDER BY id;
DROP TABLE golden_at_items;
