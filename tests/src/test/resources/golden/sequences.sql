-- CREATE, ALTER and DROP SEQUENCE with their options, nextval, setval and currval of them, a
-- DEFAULT nextval and OWNED BY, as pg_dump writes serial columns. The .out was written by
-- PostgreSQL 15.20 with pgvector 0.8.6: psql -X -a -v ON_ERROR_STOP=0 -d postgres < sequences.sql > sequences.out (LC_ALL=C.UTF-8)
DROP TABLE IF EXISTS golden_seqt, golden_seqo, golden_seqs;
DROP SEQUENCE IF EXISTS golden_s1, golden_s2, golden_s3, golden_s4, golden_s5;
CREATE SEQUENCE golden_s1;
SELECT nextval('golden_s1'), nextval('golden_s1'), currval('golden_s1'), lastval();
SELECT setval('golden_s1', 100);
SELECT nextval('golden_s1');
SELECT setval('golden_s1', 7, false);
SELECT nextval('golden_s1');
CREATE SEQUENCE golden_s1;
CREATE SEQUENCE IF NOT EXISTS golden_s1;
CREATE SEQUENCE golden_s2 INCREMENT BY 10 START WITH 5 MAXVALUE 30 CYCLE;
SELECT nextval('golden_s2') FROM generate_series(1, 5);
CREATE SEQUENCE golden_s3 AS smallint INCREMENT -1;
SELECT nextval('golden_s3'), nextval('golden_s3');
CREATE SEQUENCE golden_s4 AS integer START 1 INCREMENT 1 NO MINVALUE NO MAXVALUE CACHE 1;
SELECT sequencename, data_type, start_value, min_value, max_value, increment_by, "cycle", cache_size
  FROM pg_sequences WHERE sequencename LIKE 'golden_s%' ORDER BY 1;
SELECT c.relname, c.relkind, s.seqstart, s.seqincrement, s.seqmax, s.seqmin, s.seqcycle
  FROM pg_class c JOIN pg_sequence s ON s.seqrelid = c.oid WHERE c.relname LIKE 'golden_s%' ORDER BY 1;
SELECT sequence_schema, sequence_name, data_type, numeric_precision, numeric_precision_radix, numeric_scale, start_value, minimum_value, maximum_value, increment, cycle_option
  FROM information_schema.sequences WHERE sequence_name LIKE 'golden_s%' ORDER BY 2;
CREATE SEQUENCE golden_s5 MAXVALUE 2;
SELECT nextval('golden_s5'), nextval('golden_s5');
SELECT nextval('golden_s5');
SELECT setval('golden_s5', 3);
CREATE SEQUENCE golden_bad INCREMENT 0;
CREATE SEQUENCE golden_bad MINVALUE 10 MAXVALUE 5;
CREATE SEQUENCE golden_bad START 0;
CREATE SEQUENCE golden_bad START 50 MAXVALUE 40;
CREATE SEQUENCE golden_bad AS text;
CREATE SEQUENCE golden_bad AS smallint MAXVALUE 99999;
CREATE SEQUENCE golden_bad CACHE 0;
CREATE SEQUENCE golden_bad INCREMENT 1 INCREMENT 2;
CREATE SEQUENCE golden_bad OWNED BY nosuch;
CREATE TABLE golden_seqt (n int DEFAULT nextval('golden_s2'::regclass), v text);
INSERT INTO golden_seqt (v) VALUES ('a'), ('b'), ('c') RETURNING *;
ALTER SEQUENCE golden_s1 INCREMENT BY 5 RESTART WITH 1000;
SELECT nextval('golden_s1'), nextval('golden_s1');
ALTER SEQUENCE golden_s1 MAXVALUE 500;
ALTER SEQUENCE golden_s1 NO MAXVALUE CYCLE;
ALTER SEQUENCE golden_s1 OWNER TO nosuch_role;
ALTER SEQUENCE golden_s1 OWNER TO CURRENT_USER;
ALTER SEQUENCE IF EXISTS golden_nosuch INCREMENT 2;
ALTER SEQUENCE golden_nosuch INCREMENT 2;
ALTER SEQUENCE golden_seqt RESTART;
DROP SEQUENCE golden_s2;
DROP SEQUENCE golden_s2 CASCADE;
INSERT INTO golden_seqt (v) VALUES ('d') RETURNING *;
DROP SEQUENCE golden_seqt;
DROP SEQUENCE golden_nosuch;
DROP SEQUENCE IF EXISTS golden_nosuch, golden_s3;
CREATE TABLE golden_seqo (id integer NOT NULL, name text);
CREATE SEQUENCE golden_seqo_id_seq AS integer START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
ALTER SEQUENCE golden_seqo_id_seq OWNED BY golden_seqo.id;
ALTER TABLE ONLY golden_seqo ALTER COLUMN id SET DEFAULT nextval('golden_seqo_id_seq'::regclass);
INSERT INTO golden_seqo (name) VALUES ('x'), ('y') RETURNING *;
SELECT setval('golden_seqo_id_seq', 41, true);
INSERT INTO golden_seqo (name) VALUES ('z') RETURNING *;
SELECT pg_get_serial_sequence('golden_seqo', 'id');
SELECT currval(pg_get_serial_sequence('golden_seqo', 'id'));
ALTER SEQUENCE golden_seqo_id_seq OWNED BY golden_seqo.nosuch;
ALTER SEQUENCE golden_seqo_id_seq OWNED BY NONE;
SELECT pg_get_serial_sequence('golden_seqo', 'id');
ALTER SEQUENCE golden_seqo_id_seq OWNED BY golden_seqo.id;
\d golden_seqo_id_seq
SELECT c.relname, a.attname, d.deptype FROM pg_class AS c JOIN pg_depend d ON d.objid = c.oid AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid WHERE c.relkind = 'S' AND c.relname LIKE 'golden_seq%' ORDER BY 1;
CREATE TABLE golden_seqs (id serial, n bigint GENERATED ALWAYS AS IDENTITY);
SELECT sequence_name, data_type, start_value, maximum_value, increment FROM information_schema.sequences WHERE sequence_name LIKE 'golden_seqs%' ORDER BY 1;
\d golden_seqs_id_seq
\d golden_seqs_n_seq
SELECT c.relname, a.attname, d.deptype FROM pg_class AS c JOIN pg_depend d ON d.objid = c.oid AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid WHERE c.relkind = 'S' AND c.relname LIKE 'golden_seqs%' ORDER BY 1;
DROP TABLE golden_seqs;
DROP TABLE golden_seqo;
SELECT count(*) FROM pg_class WHERE relname = 'golden_seqo_id_seq';
CREATE TABLE golden_s1 (a int);
DROP TABLE golden_seqt;
DROP SEQUENCE golden_s1, golden_s4, golden_s5;
