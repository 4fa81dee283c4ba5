-- Aggregate functions, DISTINCT and FILTER.
CREATE OR REPLACE TEMPORARY VIEW sales AS SELECT * FROM VALUES
  ('east', 'pen', 3, 1.50D, DATE '2024-01-03'),
  ('east', 'pen', 5, 1.50D, DATE '2024-01-09'),
  ('east', 'ink', 1, 7.25D, DATE '2024-02-01'),
  ('west', 'pen', 2, 1.75D, DATE '2024-01-15'),
  ('west', 'pad', 10, 0.80D, DATE '2024-03-02'),
  ('west', 'pad', NULL, 0.80D, DATE '2024-03-05'),
  ('north', 'ink', 4, 7.00D, NULL)
  AS sales(region, product, qty, price, day);

SELECT count(*) AS c, count(qty) AS cq, sum(qty) AS s, min(qty) AS mn, max(qty) AS mx FROM sales;
SELECT avg(qty), typeof(avg(qty)), sum(price), typeof(sum(qty)) FROM sales;
SELECT count(DISTINCT region) AS r, count(DISTINCT product) AS p, count(DISTINCT region, product) AS rp FROM sales;
SELECT sum(DISTINCT qty) AS s, avg(DISTINCT price) AS a FROM sales;
SELECT count(*) FILTER (WHERE qty > 2) AS big, sum(qty) FILTER (WHERE region = 'east') AS east FROM sales;
SELECT region, sum(qty) AS total FROM sales GROUP BY region;
SELECT region, product, sum(qty) AS total, count(*) AS n FROM sales GROUP BY region, product;
SELECT region, max(price * qty) AS best FROM sales GROUP BY region ORDER BY best DESC;
SELECT min(day), max(day), min(product), max(product) FROM sales;
SELECT stddev(qty), stddev_pop(qty), variance(qty), var_pop(qty) FROM sales;
SELECT stddev_samp(x), var_samp(x) FROM VALUES (1D) AS t(x);
SELECT every(qty > 0), any(qty > 9), some(qty > 100), bool_and(price > 1), bool_or(price > 7) FROM sales;
SELECT count_if(qty > 2), count_if(qty IS NULL) FROM sales;
SELECT region, collect_list(qty) AS qs FROM (SELECT * FROM sales ORDER BY qty) GROUP BY region HAVING count(*) = 1;
SELECT sort_array(collect_set(product)) AS ps FROM sales;
SELECT sort_array(collect_list(region)) AS rs FROM sales WHERE product = 'pen';
SELECT max_by(product, qty), min_by(product, qty) FROM sales;
SELECT first(region), last(region) FROM (SELECT region FROM sales WHERE product = 'ink' ORDER BY region) t;
SELECT percentile(qty, 0.5), median(qty), percentile(qty, array(0.25, 0.75)) FROM sales;
SELECT approx_count_distinct(product) FROM sales;
SELECT sum(qty) FROM sales WHERE qty > 1000;
SELECT count(*), sum(qty), avg(qty), max(qty) FROM sales WHERE qty > 1000;
SELECT region, count(*) FROM sales WHERE qty > 1000 GROUP BY region;
SELECT sum(qty * price) AS revenue, round(avg(qty * price), 4) AS avg_rev FROM sales;
SELECT product, sum(qty) FILTER (WHERE day < DATE '2024-02-01') AS early, sum(qty) AS total FROM sales GROUP BY product;
SELECT count(DISTINCT qty) FILTER (WHERE region <> 'east') AS c FROM sales;
SELECT any_value(region) IS NOT NULL FROM sales;
SELECT sum(x), avg(x) FROM VALUES (1.5D), (CAST('NaN' AS DOUBLE)) AS t(x);
SELECT avg(x), sum(x) FROM VALUES (CAST(1 AS BIGINT)), (CAST(2 AS BIGINT)) AS t(x);
SELECT array_agg(qty) IS NOT NULL FROM sales;
SELECT count(1), count(NULL), count(DISTINCT NULL) FROM sales;
SELECT sum(qty) + 1 AS s1, max(qty) - min(qty) AS spread, count(*) * 2 AS twice FROM sales;
