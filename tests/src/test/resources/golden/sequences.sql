-- nextval() of a serial column's sequence (the values INSERT takes), pg_sleep.
-- The .out was written by PostgreSQL 15.20 with pgvector 0.8.6:
-- psql -X -a -v ON_ERROR_STOP=0 -d postgres < sequences.sql > sequences.out (LC_ALL=C.UTF-8)
DROP TABLE IF EXISTS golden_nv_items;
CREATE TABLE golden_nv_items (id serial PRIMARY KEY, name text);
SELECT nextval('golden_nv_items_id_seq'), nextval('golden_nv_items_id_seq'::regclass);
INSERT INTO golden_nv_items (name) VALUES ('a') RETURNING id;
SELECT nextval(pg_get_serial_sequence('golden_nv_items', 'id'));
SELECT pg_sleep(0.01), pg_typeof(pg_sleep(0));
DROP TABLE golden_nv_items;
