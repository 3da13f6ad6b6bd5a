-- window functions: ranking, offsets, running aggregates with peers, ROWS frames, named windows,
-- windows over grouped queries and over vector distances, and their errors.
-- The .out was written by PostgreSQL 15.20 with pgvector 0.8.6:
-- psql -X -a -v ON_ERROR_STOP=0 -d postgres < windows.sql > windows.out (LC_ALL=C.UTF-8)
DROP TABLE IF EXISTS golden_win;
CREATE TABLE golden_win (id integer PRIMARY KEY, category text, score integer, embedding vector(3));
INSERT INTO golden_win VALUES
  (1, 'news', 10, '[1,0,0]'), (2, 'news', 30, '[0,1,0]'), (3, 'blog', 20, '[1,1,0]'),
  (4, 'blog', 20, '[1,1,1]'), (5, 'news', 30, '[2,0,1]'), (6, 'wiki', NULL, '[0,0,3]'),
  (7, 'blog', 5, '[3,1,0]'), (8, NULL, 15, '[0,2,2]');
-- ranking: peers share a rank; NULLs sort last ascending, first descending
SELECT id, category, score,
       row_number() OVER (PARTITION BY category ORDER BY score DESC, id) AS rn,
       rank() OVER (PARTITION BY category ORDER BY score DESC) AS rank,
       dense_rank() OVER (ORDER BY score) AS dense,
       percent_rank() OVER (ORDER BY score),
       cume_dist() OVER (ORDER BY score)
FROM golden_win ORDER BY id;
-- aggregates OVER: running totals include the current row's peers; no ORDER BY: whole partition
SELECT id, score,
       sum(score) OVER (ORDER BY score) AS running,
       count(*) OVER (ORDER BY score) AS n,
       avg(score) OVER (PARTITION BY category) AS category_avg,
       max(score) OVER () AS top,
       min(id) OVER (PARTITION BY category ORDER BY id DESC)
FROM golden_win ORDER BY id;
-- explicit ROWS frames
SELECT id, score,
       sum(score) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS last3,
       avg(score) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS moving,
       count(score) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS rest
FROM golden_win ORDER BY id;
-- lag, lead (offsets, defaults), first_value, last_value, nth_value, ntile
SELECT id, score,
       lag(score) OVER w, lead(score, 2) OVER w, lag(score, 1, 0) OVER w AS lag0,
       lead(category, 1, 'none') OVER w AS next_category,
       first_value(id) OVER (PARTITION BY category ORDER BY id),
       last_value(id) OVER (PARTITION BY category ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING),
       nth_value(id, 2) OVER (PARTITION BY category ORDER BY id),
       ntile(3) OVER w
FROM golden_win WINDOW w AS (ORDER BY id) ORDER BY id;
-- a named window refined by another
SELECT id, count(*) OVER c AS in_category, row_number() OVER (c ORDER BY id) AS nth_in_category
FROM golden_win WINDOW c AS (PARTITION BY category) ORDER BY id;
-- over a grouped query
SELECT category, count(*), rank() OVER (ORDER BY count(*) DESC), sum(sum(score)) OVER () AS total
FROM golden_win GROUP BY category ORDER BY 3, 1;
-- the two nearest rows of each category
SELECT id, category, rn, round(d::numeric, 3) AS distance FROM (
  SELECT id, category, embedding <-> '[1,1,1]' AS d,
         row_number() OVER (PARTITION BY category ORDER BY embedding <-> '[1,1,1]', id) AS rn
  FROM golden_win) s
WHERE rn <= 2 ORDER BY category, rn;
SELECT id, row_number() OVER (ORDER BY embedding <-> '[0,0,0]', id) FROM golden_win ORDER BY 2 LIMIT 3;
-- in ORDER BY only
SELECT id FROM golden_win ORDER BY rank() OVER (ORDER BY score DESC NULLS LAST), id LIMIT 4;
-- RANGE with offsets, FILTER, EXCLUDE
SELECT id, score,
       count(*) OVER (ORDER BY score RANGE BETWEEN 5 PRECEDING AND 5 FOLLOWING) AS near,
       sum(score) FILTER (WHERE category = 'news') OVER (ORDER BY id) AS news_so_far,
       sum(score) OVER (ORDER BY score RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW EXCLUDE GROUP) AS below
FROM golden_win ORDER BY id;
-- errors
SELECT id FROM golden_win WHERE row_number() OVER (ORDER BY id) > 1;
SELECT count(*) FROM golden_win GROUP BY rank() OVER ();
SELECT sum(row_number() OVER ()) FROM golden_win;
SELECT row_number() FROM golden_win;
SELECT rank() OVER w FROM golden_win;
SELECT count(DISTINCT score) OVER () FROM golden_win;
SELECT ntile(0) OVER () FROM golden_win;
SELECT sum(score) OVER (ROWS BETWEEN CURRENT ROW AND 1 PRECEDING) FROM golden_win;
SELECT sum(score) OVER (ORDER BY category RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM golden_win;
DROP TABLE golden_win;
