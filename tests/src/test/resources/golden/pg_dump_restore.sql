-- pg_dump_restore: the plain-SQL dump pg_dump 15 writes for a pgvector database (serial columns,
-- a sequence of its own, an HNSW index, a foreign key), restored as psql restores it, then what it
-- set and created, and the errors PostgreSQL gives for the same statements with other values.
-- Tables and sequences are renamed golden_dump_* so the script leaves the reference server as it
-- found it. The .out was written by PostgreSQL 15.20 with pgvector 0.8.6:
-- LC_ALL=C.UTF-8 psql -X -a -v ON_ERROR_STOP=0 -h 127.0.0.1 -p 5499 -U postgres -d postgres < pg_dump_restore.sql > pg_dump_restore.out
DROP TABLE IF EXISTS golden_dump_items, golden_dump_tickets, golden_dump_collections;
DROP SEQUENCE IF EXISTS golden_dump_ticket_seq;
DROP SCHEMA IF EXISTS golden_dump_s;
\restrict nHkNV01MD7CgPyAcj15V06OXpbI2eWpA4ocNawNLyRiljSSr3OX3zDEceP5pWTI


SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;


CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA public;



COMMENT ON EXTENSION vector IS 'vector data type and ivfflat and hnsw access methods';


SET default_tablespace = '';

SET default_table_access_method = heap;


CREATE TABLE public.golden_dump_collections (
    id integer NOT NULL,
    name text NOT NULL
);


ALTER TABLE public.golden_dump_collections OWNER TO postgres;


CREATE SEQUENCE public.golden_dump_collections_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.golden_dump_collections_id_seq OWNER TO postgres;


ALTER SEQUENCE public.golden_dump_collections_id_seq OWNED BY public.golden_dump_collections.id;



CREATE TABLE public.golden_dump_items (
    id bigint NOT NULL,
    collection_id integer,
    content text,
    embedding public.vector(3),
    meta jsonb,
    created timestamp with time zone DEFAULT now()
);


ALTER TABLE public.golden_dump_items OWNER TO postgres;


COMMENT ON TABLE public.golden_dump_items IS 'the items';



CREATE SEQUENCE public.golden_dump_items_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.golden_dump_items_id_seq OWNER TO postgres;


ALTER SEQUENCE public.golden_dump_items_id_seq OWNED BY public.golden_dump_items.id;



CREATE SEQUENCE public.golden_dump_ticket_seq
    START WITH 100
    INCREMENT BY 10
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.golden_dump_ticket_seq OWNER TO postgres;


CREATE TABLE public.golden_dump_tickets (
    n integer DEFAULT nextval('public.golden_dump_ticket_seq'::regclass),
    t text
);


ALTER TABLE public.golden_dump_tickets OWNER TO postgres;


ALTER TABLE ONLY public.golden_dump_collections ALTER COLUMN id SET DEFAULT nextval('public.golden_dump_collections_id_seq'::regclass);



ALTER TABLE ONLY public.golden_dump_items ALTER COLUMN id SET DEFAULT nextval('public.golden_dump_items_id_seq'::regclass);



COPY public.golden_dump_collections (id, name) FROM stdin;
1	a
2	b
\.



COPY public.golden_dump_items (id, collection_id, content, embedding, meta, created) FROM stdin;
1	1	x	[1,2,3]	{"k": 1}	2026-12-01 06:00:38.001422+00
2	2	y	[3,2,1]	\N	2026-12-01 06:00:38.001422+00
\.



COPY public.golden_dump_tickets (n, t) FROM stdin;
100	q
110	r
\.



SELECT pg_catalog.setval('public.golden_dump_collections_id_seq', 2, true);



SELECT pg_catalog.setval('public.golden_dump_items_id_seq', 2, true);



SELECT pg_catalog.setval('public.golden_dump_ticket_seq', 110, true);



ALTER TABLE ONLY public.golden_dump_collections
    ADD CONSTRAINT golden_dump_collections_name_key UNIQUE (name);



ALTER TABLE ONLY public.golden_dump_collections
    ADD CONSTRAINT golden_dump_collections_pkey PRIMARY KEY (id);



ALTER TABLE ONLY public.golden_dump_items
    ADD CONSTRAINT golden_dump_items_pkey PRIMARY KEY (id);



CREATE INDEX golden_dump_items_embedding_idx ON public.golden_dump_items USING hnsw (embedding public.vector_cosine_ops);



ALTER TABLE ONLY public.golden_dump_items
    ADD CONSTRAINT golden_dump_items_collection_id_fkey FOREIGN KEY (collection_id) REFERENCES public.golden_dump_collections(id) ON DELETE CASCADE;



\unrestrict nHkNV01MD7CgPyAcj15V06OXpbI2eWpA4ocNawNLyRiljSSr3OX3zDEceP5pWTI
SHOW check_function_bodies;
SHOW xmloption;
SHOW row_security;
SHOW default_tablespace;
SHOW default_table_access_method;
SELECT name, setting FROM pg_catalog.pg_settings WHERE name IN ('check_function_bodies', 'xmloption', 'row_security', 'default_tablespace', 'default_table_access_method') ORDER BY name;
RESET row_security;
SHOW row_security;
SET xmloption = foo;
SET row_security = maybe;
SET default_tablespace = 'x';
SET default_table_access_method = x;
SET default_table_access_method = btree;
SET default_table_access_method = '';
SET default_tablespace = pg_default;
SHOW default_tablespace;
RESET ALL;
SHOW check_function_bodies;
SHOW search_path;
\d golden_dump_items
SELECT id, collection_id, content, embedding, meta, created FROM golden_dump_items ORDER BY id;
SELECT n, t FROM golden_dump_tickets ORDER BY n;
SELECT sequencename, data_type, start_value, increment_by, last_value FROM pg_sequences WHERE sequencename LIKE 'golden_dump%' ORDER BY 1;
INSERT INTO golden_dump_collections (name) VALUES ('c') RETURNING id;
INSERT INTO golden_dump_items (content) VALUES ('z') RETURNING id;
INSERT INTO golden_dump_tickets (t) VALUES ('s') RETURNING n;
SELECT pg_get_serial_sequence('golden_dump_items', 'id'), pg_get_serial_sequence('golden_dump_tickets', 'n');
DROP SEQUENCE golden_dump_ticket_seq;
SELECT id FROM golden_dump_items ORDER BY embedding <=> '[1,2,3]'::public.vector(3) LIMIT 1;
SELECT '[1,2,3]'::public.vector, CAST('[1,2]' AS public.vector(2));
SELECT obj_description(e.oid, 'pg_extension') FROM pg_extension e WHERE extname = 'vector';
COMMENT ON EXTENSION nosuch IS 'x';
COMMENT ON EXTENSION plpgsql IS 'PL/pgSQL procedural language';
ALTER TABLE golden_dump_items OWNER TO nosuch;
ALTER TABLE golden_dump_nosuch OWNER TO postgres;
ALTER TABLE IF EXISTS golden_dump_nosuch OWNER TO postgres;
ALTER TABLE golden_dump_items_pkey OWNER TO postgres;
ALTER INDEX golden_dump_items_embedding_idx OWNER TO CURRENT_USER;
ALTER INDEX golden_dump_items OWNER TO postgres;
ALTER TABLE pg_class OWNER TO postgres;
ALTER TABLE golden_dump_items OWNER TO public;
ALTER TABLE golden_dump_items OWNER TO pg_database_owner;
CREATE SCHEMA golden_dump_s;
ALTER SCHEMA golden_dump_s OWNER TO postgres;
ALTER SCHEMA golden_dump_s OWNER TO nosuch;
ALTER SCHEMA golden_dump_nosuch OWNER TO postgres;
CREATE INDEX ON golden_dump_items USING hnsw (embedding public.vector_l2_ops);
CREATE INDEX ON golden_dump_items USING hnsw (embedding pg_catalog.vector_l2_ops);
CREATE INDEX ON golden_dump_items USING hnsw (embedding golden_dump_nosuch.vector_l2_ops);
DROP TABLE golden_dump_items, golden_dump_tickets, golden_dump_collections;
DROP SEQUENCE golden_dump_ticket_seq;
DROP SCHEMA golden_dump_s;
