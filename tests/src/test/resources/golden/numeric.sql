-- numeric columns: numeric(p,s) rounds to its scale and fails with 22003 when a value does not
-- fit, unconstrained numeric keeps the scale written; values compare, group and key by value.
-- The .out was written by PostgreSQL 15.20 with pgvector 0.8.6:
-- psql -X -a -v ON_ERROR_STOP=0 -d postgres < numeric.sql > numeric.out (LC_ALL=C.UTF-8)
DROP TABLE IF EXISTS golden_prices;
CREATE TABLE golden_prices (id int PRIMARY KEY, amount numeric(7,2), ratio numeric, small numeric(3));
INSERT INTO golden_prices VALUES (1, 12.345, 1.50, 2.5), (2, 0.005, 1.500, 999.4), (3, -12.355, 100, -3.5);
SELECT * FROM golden_prices ORDER BY id;
-- too many digits before the point
INSERT INTO golden_prices VALUES (4, 123456.789, 1, 1);
INSERT INTO golden_prices VALUES (5, 1, 1, 1000);
INSERT INTO golden_prices (id, amount) VALUES (6, '77.777');
SELECT id, amount * 2 AS dbl, amount + ratio AS s, round(amount, 1), pg_typeof(amount)
FROM golden_prices ORDER BY amount DESC NULLS LAST;
SELECT sum(amount), avg(amount), max(amount), min(ratio) FROM golden_prices;
SELECT * FROM golden_prices WHERE amount > 12 AND ratio = 1.5;
SELECT amount::numeric(4,1) FROM golden_prices ORDER BY id;
SELECT 12.5::numeric(3,1), 99.95::numeric(4,1), 0.5::numeric(2,2), 1234.5::numeric(5,-2);
SELECT 1.5::numeric(2,2);
SELECT 1::numeric(1001);
UPDATE golden_prices SET amount = amount * 10 WHERE id = 1 RETURNING *;
UPDATE golden_prices SET amount = 1e10 WHERE id = 1;
-- 1.50 and 1.500 are one value: one group, one UNION row, one key
SELECT ratio, count(*) FROM golden_prices GROUP BY ratio ORDER BY 1;
SELECT ratio FROM golden_prices UNION SELECT 1.5 ORDER BY 1;
SELECT DISTINCT ratio FROM golden_prices WHERE ratio < 2;
CREATE TABLE golden_num_keys (k numeric PRIMARY KEY, v text);
INSERT INTO golden_num_keys VALUES (1.0, 'a');
INSERT INTO golden_num_keys VALUES (1.00, 'b');
INSERT INTO golden_num_keys VALUES (1.000, 'c') ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v;
SELECT * FROM golden_num_keys WHERE k = 1;
DROP TABLE golden_num_keys;
CREATE INDEX golden_prices_amount ON golden_prices (amount DESC);
ALTER TABLE golden_prices ADD COLUMN fee numeric(4,2) DEFAULT 1.239;
SELECT p.id, q.id AS same_amount FROM golden_prices p JOIN golden_prices q ON p.amount = q.amount
ORDER BY 1;
\d golden_prices
SELECT column_name, data_type, numeric_precision, numeric_precision_radix, numeric_scale
FROM information_schema.columns WHERE table_name = 'golden_prices' ORDER BY ordinal_position;
SELECT attname, format_type(atttypid, atttypmod), atttypmod FROM pg_attribute
WHERE attrelid = 'golden_prices'::regclass AND attnum > 0 ORDER BY attnum;
CREATE TABLE golden_bad (n numeric(0));
CREATE TABLE golden_bad (n numeric(1001, 2));
\copy golden_prices TO STDOUT
\copy golden_prices (id, amount, ratio) FROM STDIN
10	5.555	2.2
\.
SELECT * FROM golden_prices WHERE id = 10;
DROP TABLE golden_prices;
