-- GROUPING SETS, ROLLUP, CUBE, grouping() and grouping_id().
CREATE OR REPLACE TEMPORARY VIEW sales AS SELECT * FROM VALUES
  ('east', 'pen', 3), ('east', 'ink', 1), ('west', 'pen', 2), ('west', 'pad', 10), ('west', 'pen', 4)
  AS sales(region, product, qty);
SELECT region, product, sum(qty) AS total FROM sales GROUP BY ROLLUP(region, product) ORDER BY region NULLS LAST, product NULLS LAST;
SELECT region, product, sum(qty) AS total FROM sales GROUP BY CUBE(region, product) ORDER BY region NULLS LAST, product NULLS LAST;
SELECT region, product, sum(qty) AS total FROM sales GROUP BY GROUPING SETS ((region), (product), ()) ORDER BY region NULLS LAST, product NULLS LAST;
SELECT region, grouping(region) AS gr, grouping(product) AS gp, grouping_id() AS gid, sum(qty) AS total FROM sales GROUP BY ROLLUP(region, product) HAVING grouping(product) = 1 ORDER BY gid, region;
SELECT coalesce(region, 'ALL') AS r, count(*) AS n FROM sales GROUP BY ROLLUP(region) ORDER BY r;
SELECT region, product, sum(qty) AS total FROM sales GROUP BY region, product WITH ROLLUP ORDER BY region NULLS LAST, product NULLS LAST;
SELECT region, sum(qty) AS total FROM sales GROUP BY GROUPING SETS ((region), ()) HAVING sum(qty) > 5 ORDER BY total;
SELECT product, count(*) AS n FROM sales GROUP BY CUBE(product) ORDER BY product NULLS FIRST;
SELECT region, product, count(*) AS n FROM sales GROUP BY region, product WITH CUBE HAVING region IS NULL AND product IS NULL;
