-- ALTER TABLE ... DROP CONSTRAINT of each kind, as pg_restore --clean, Django and Alembic send
-- it: the key, check or reference is no longer enforced, a key a FOREIGN KEY references needs
-- CASCADE; DROP TABLE ... CASCADE of a referenced table drops the references. The .out was
-- written by PostgreSQL 15.20 with pgvector 0.8.6:
-- psql -X -a -v ON_ERROR_STOP=0 -d postgres < drop_constraint.sql > drop_constraint.out (LC_ALL=C.UTF-8)
DROP TABLE IF EXISTS golden_dc_child, golden_dc_parent, golden_dc_self, golden_dc_c2, golden_dc_p2;
CREATE TABLE golden_dc_parent (id int PRIMARY KEY, code text UNIQUE, n int CHECK (n > 0));
CREATE TABLE golden_dc_child (id int PRIMARY KEY, parent_id int REFERENCES golden_dc_parent (id));
INSERT INTO golden_dc_parent VALUES (1, 'a', 1), (2, 'b', 2);
INSERT INTO golden_dc_child VALUES (10, 1);
ALTER TABLE golden_dc_parent DROP CONSTRAINT golden_dc_parent_n_check;
INSERT INTO golden_dc_parent VALUES (3, 'c', -5);
ALTER TABLE golden_dc_parent DROP CONSTRAINT golden_dc_parent_code_key;
INSERT INTO golden_dc_parent VALUES (4, 'a', 1);
ALTER TABLE golden_dc_parent DROP CONSTRAINT golden_dc_parent_pkey;
ALTER TABLE golden_dc_parent DROP CONSTRAINT golden_dc_parent_pkey RESTRICT;
ALTER TABLE golden_dc_child DROP CONSTRAINT golden_dc_child_parent_id_fkey;
INSERT INTO golden_dc_child VALUES (11, 99);
ALTER TABLE golden_dc_child DROP CONSTRAINT golden_dc_child_parent_id_fkey;
DELETE FROM golden_dc_child WHERE id = 11;
ALTER TABLE golden_dc_child ADD CONSTRAINT golden_dc_child_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES golden_dc_parent (id);
ALTER TABLE golden_dc_parent DROP CONSTRAINT golden_dc_parent_pkey CASCADE;
INSERT INTO golden_dc_parent VALUES (1, 'dup', 1);
INSERT INTO golden_dc_parent VALUES (NULL, 'null id', 1);
INSERT INTO golden_dc_child VALUES (12, 42);
SELECT conname, contype FROM pg_constraint WHERE conrelid IN ('golden_dc_parent'::regclass, 'golden_dc_child'::regclass) ORDER BY conname;
\d golden_dc_parent
ALTER TABLE golden_dc_parent DROP CONSTRAINT nosuch;
ALTER TABLE golden_dc_parent DROP CONSTRAINT IF EXISTS nosuch;
ALTER TABLE IF EXISTS golden_dc_nosuch DROP CONSTRAINT IF EXISTS nosuch;
ALTER TABLE golden_dc_nosuch DROP CONSTRAINT nosuch;
ALTER TABLE IF EXISTS ONLY public.golden_dc_child DROP CONSTRAINT IF EXISTS golden_dc_child_pkey;
INSERT INTO golden_dc_child VALUES (10, 1);
CREATE TABLE golden_dc_self (id int PRIMARY KEY, up int REFERENCES golden_dc_self (id));
ALTER TABLE golden_dc_self DROP CONSTRAINT golden_dc_self_pkey;
ALTER TABLE golden_dc_self DROP CONSTRAINT golden_dc_self_pkey CASCADE;
SELECT count(*) FROM pg_constraint WHERE conrelid = 'golden_dc_self'::regclass;
CREATE TABLE golden_dc_p2 (id int PRIMARY KEY);
CREATE TABLE golden_dc_c2 (id int, p int REFERENCES golden_dc_p2, q int REFERENCES golden_dc_p2);
DROP TABLE golden_dc_p2;
DROP TABLE golden_dc_p2 CASCADE;
INSERT INTO golden_dc_c2 VALUES (1, 5, 6);
\d golden_dc_c2
DROP TABLE golden_dc_child, golden_dc_parent, golden_dc_self, golden_dc_c2;
