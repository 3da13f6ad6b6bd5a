-- Indexes declared USING ivfflat, as pgvector databases (and their dumps) have them: taken with
-- pgvector's options and checks and shown as IVFFlat in the catalogs (built and searched as an
-- HNSW graph here). The .out was written by PostgreSQL 15.20 with pgvector 0.8.6:
-- psql -X -a -v ON_ERROR_STOP=0 -d postgres < ivfflat.sql > ivfflat.out (LC_ALL=C.UTF-8)
DROP TABLE IF EXISTS golden_ivf;
CREATE TABLE golden_ivf (id bigint PRIMARY KEY, embedding vector(3), label text);
INSERT INTO golden_ivf SELECT g, ARRAY[g, g % 7, g % 3]::real[]::vector, 'r' || g FROM generate_series(1, 300) g;
CREATE INDEX golden_ivf_l2 ON public.golden_ivf USING ivfflat (embedding public.vector_l2_ops) WITH (lists='3');
CREATE INDEX golden_ivf_cos ON golden_ivf USING ivfflat (embedding vector_cosine_ops) WITH (lists = 2);
CREATE INDEX ON golden_ivf USING ivfflat (embedding) WITH (lists = 1);
CREATE INDEX ON golden_ivf USING ivfflat (embedding vector_l1_ops);
CREATE INDEX ON golden_ivf USING ivfflat (embedding) WITH (lists = 0);
CREATE INDEX ON golden_ivf USING ivfflat (embedding) WITH (lists = 40000);
CREATE INDEX ON golden_ivf USING ivfflat (embedding) WITH (m = 16);
CREATE INDEX ON golden_ivf USING ivfflat (label);
CREATE INDEX ON golden_ivf USING hnsw (embedding vector_l2_ops) WITH (lists = 3);
SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'golden_ivf' AND indexname LIKE 'golden_ivf_%' ORDER BY 1;
SELECT c.relname, a.amname, c.reloptions FROM pg_class c JOIN pg_am a ON a.oid = c.relam WHERE c.relname LIKE 'golden_ivf_%' ORDER BY 1;
\d golden_ivf
SET ivfflat.probes = 3;
SHOW ivfflat.probes;
SET ivfflat.probes = 0;
SELECT id FROM golden_ivf ORDER BY embedding <-> '[5,5,2]' LIMIT 3;
DROP TABLE golden_ivf;
