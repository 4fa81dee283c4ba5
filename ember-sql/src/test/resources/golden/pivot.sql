-- PIVOT: a column per value of the pivot column, null where a group has no rows of that value.
CREATE OR REPLACE TEMPORARY VIEW sales AS SELECT * FROM VALUES
  ('east', 'pen', 2023, 3), ('east', 'ink', 2023, 1), ('east', 'pen', 2024, 5),
  ('west', 'pen', 2023, 2), ('west', 'pad', 2024, 10), ('west', 'pad', 2024, NULL),
  ('north', 'ink', 2024, 4), (NULL, 'pen', 2024, 7)
  AS sales(region, product, year, qty);

SELECT * FROM (SELECT region, year, qty FROM sales) PIVOT (sum(qty) FOR year IN (2023, 2024)) ORDER BY region NULLS LAST;
SELECT * FROM (SELECT region, year, qty FROM sales) PIVOT (sum(qty) AS total FOR year IN (2023 AS y23, 2024 AS y24)) ORDER BY region NULLS LAST;
SELECT * FROM (SELECT region, product, qty FROM sales) PIVOT (sum(qty) AS s, count(*) AS n FOR product IN ('pen', 'ink')) ORDER BY region NULLS LAST;
SELECT * FROM (SELECT product, qty FROM sales) PIVOT (max(qty) FOR product IN ('pen', 'pad', 'ink', 'none'));
SELECT region, y24 FROM (SELECT region, year, qty FROM sales WHERE qty > 2) PIVOT (avg(qty) FOR year IN (2023 AS y23, 2024 AS y24)) WHERE y24 IS NOT NULL ORDER BY region NULLS LAST;
SELECT * FROM (SELECT year, product, qty FROM sales) PIVOT (count(qty) FOR product IN ('pen', 'pad')) ORDER BY year;
SELECT * FROM (SELECT region, year, qty FROM sales) PIVOT (qty FOR year IN (2023));
SELECT * FROM (SELECT region, year, qty FROM sales) PIVOT (sum(qty) FOR missing IN (1));
CREATE OR REPLACE TEMPORARY VIEW quarters AS SELECT * FROM VALUES ('pen', 10, NULL, 30), ('ink', 1, 2, 3) AS quarters(product, q1, q2, q3);
SELECT * FROM quarters UNPIVOT (sales FOR quarter IN (q1, q2, q3)) ORDER BY product, quarter;
SELECT product, quarter, sales FROM quarters UNPIVOT INCLUDE NULLS (sales FOR quarter IN (q1 AS first, q2 AS second)) ORDER BY product, quarter;
SELECT quarter, sum(sales) AS total FROM quarters UNPIVOT (sales FOR quarter IN (q1, q2, q3)) GROUP BY quarter ORDER BY quarter;
SELECT * FROM quarters UNPIVOT (sales FOR quarter IN (q1, nope));
-- Several pivot columns: the values are tuples; several value columns in UNPIVOT: the columns come in groups.
SELECT * FROM (SELECT region, product, year, qty FROM sales) PIVOT (sum(qty) AS total FOR (product, year) IN (('pen', 2023) AS pen23, ('pen', 2024) AS pen24, ('pad', 2024))) ORDER BY region NULLS LAST;
SELECT * FROM (SELECT region, sum(CASE WHEN year = 2023 THEN qty END) AS q23, count(CASE WHEN year = 2023 THEN 1 END) AS n23, sum(CASE WHEN year = 2024 THEN qty END) AS q24, count(CASE WHEN year = 2024 THEN 1 END) AS n24 FROM sales GROUP BY region) UNPIVOT ((qty, n) FOR year IN ((q23, n23) AS `2023`, (q24, n24) AS `2024`)) ORDER BY region NULLS LAST, year;
SELECT * FROM (SELECT 1 AS id, 2 AS a, NULL AS b, NULL AS c, NULL AS d) UNPIVOT INCLUDE NULLS ((x, y) FOR k IN ((a, b), (c, d)));
SELECT * FROM (SELECT 1 AS id, 2 AS a, 3 AS b, 4 AS c) UNPIVOT ((x, y) FOR k IN ((a, b), (c)));
SELECT * FROM (SELECT 1 AS id, 10 AS a1, 'late' AS n1, NULL AS a2, NULL AS n2, 30 AS a3, NULL AS n3) UNPIVOT ((amount, note) FOR q IN ((a1, n1) AS first, (a2, n2) AS second, (a3, n3) AS third));
