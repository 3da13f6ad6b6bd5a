-- A sequence read as a relation (SELECT last_value, is_called FROM s), of its own and of a serial
-- column, before and after nextval, setval and INSERTs. The .out was written by PostgreSQL 15.20
-- with pgvector 0.8.6: psql -X -a -v ON_ERROR_STOP=0 -d postgres < sequence_rows.sql > sequence_rows.out (LC_ALL=C.UTF-8)
DROP TABLE IF EXISTS golden_sr;
DROP SEQUENCE IF EXISTS golden_sr_s;
CREATE SEQUENCE golden_sr_s START 5 INCREMENT 2;
SELECT last_value, is_called FROM golden_sr_s;
SELECT nextval('golden_sr_s'), nextval('golden_sr_s');
SELECT last_value, is_called FROM golden_sr_s;
SELECT s.last_value FROM public.golden_sr_s AS s;
SELECT setval('golden_sr_s', 100, false);
SELECT last_value, is_called FROM golden_sr_s;
CREATE TABLE golden_sr (id serial, v text);
SELECT last_value, is_called FROM golden_sr_id_seq;
INSERT INTO golden_sr (v) VALUES ('a'), ('b'), ('c');
SELECT last_value, is_called FROM golden_sr_id_seq;
SELECT nextval('golden_sr_id_seq');
SELECT last_value, is_called FROM golden_sr_id_seq;
SELECT * FROM golden_sr_nosuch_seq;
DROP TABLE golden_sr;
DROP SEQUENCE golden_sr_s;
