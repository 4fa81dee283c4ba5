-- Window functions: ranking, offsets, aggregates over frames, named windows. Pending: window functions are not supported yet.
CREATE OR REPLACE TEMPORARY VIEW s AS SELECT * FROM VALUES
  ('a', 1, 10), ('a', 2, 20), ('a', 3, 20), ('b', 1, 5), ('b', 2, NULL), ('c', 1, 7)
  AS s(g, t, v);
SELECT g, t, row_number() OVER (PARTITION BY g ORDER BY t) AS rn FROM s ORDER BY g, t;
SELECT g, t, v, rank() OVER (PARTITION BY g ORDER BY v) AS r, dense_rank() OVER (PARTITION BY g ORDER BY v) AS dr FROM s ORDER BY g, t;
SELECT g, t, sum(v) OVER (PARTITION BY g ORDER BY t) AS running FROM s ORDER BY g, t;
SELECT g, t, sum(v) OVER (PARTITION BY g) AS total FROM s ORDER BY g, t;
SELECT g, t, lag(v) OVER (PARTITION BY g ORDER BY t) AS prev, lead(v, 1, -1) OVER (PARTITION BY g ORDER BY t) AS nxt FROM s ORDER BY g, t;
SELECT g, t, avg(v) OVER (PARTITION BY g ORDER BY t ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS ma FROM s ORDER BY g, t;
SELECT g, t, count(*) OVER (PARTITION BY g) AS n, count(v) OVER () AS nv FROM s ORDER BY g, t;
SELECT g, t, first_value(v) OVER (PARTITION BY g ORDER BY t) AS f, last_value(v) OVER (PARTITION BY g ORDER BY t ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS l FROM s ORDER BY g, t;
SELECT g, t, ntile(2) OVER (PARTITION BY g ORDER BY t) AS tile FROM s ORDER BY g, t;
SELECT g, t, percent_rank() OVER (PARTITION BY g ORDER BY t) AS pr, cume_dist() OVER (PARTITION BY g ORDER BY t) AS cd FROM s ORDER BY g, t;
SELECT g, max(v) AS mx, rank() OVER (ORDER BY max(v) DESC) AS r FROM s GROUP BY g ORDER BY r, g;
SELECT * FROM (SELECT g, t, row_number() OVER (PARTITION BY g ORDER BY v DESC, t) AS rn FROM s) WHERE rn = 1 ORDER BY g;
SELECT g, t, sum(t) OVER (ORDER BY g, t ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum FROM s ORDER BY g, t;
SELECT g, v, sum(v) OVER (PARTITION BY g ORDER BY v RANGE BETWEEN 5 PRECEDING AND CURRENT ROW) AS s5 FROM s WHERE v IS NOT NULL ORDER BY g, v;
SELECT g, t, v - lag(v) OVER (PARTITION BY g ORDER BY t) AS delta FROM s ORDER BY g, t;
SELECT g, t, min(v) OVER w AS mn, max(v) OVER w AS mx FROM s WINDOW w AS (PARTITION BY g) ORDER BY g, t;
