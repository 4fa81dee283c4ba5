-- GROUP BY with ordinals, aliases and expressions; HAVING.
CREATE OR REPLACE TEMPORARY VIEW emp AS SELECT * FROM VALUES
  (1, 'ann', 'eng', 120, 2019),
  (2, 'bo', 'eng', 100, 2021),
  (3, 'cy', 'ops', 80, 2019),
  (4, 'di', 'ops', 85, 2022),
  (5, 'ed', 'sales', 60, 2021),
  (6, 'fay', NULL, 70, 2020),
  (7, 'gus', 'eng', 100, 2022)
  AS emp(id, name, dept, salary, hired);

SELECT dept, count(*) AS n, sum(salary) AS total FROM emp GROUP BY dept;
SELECT dept, avg(salary) AS a FROM emp GROUP BY 1;
SELECT dept AS d, max(salary) AS m FROM emp GROUP BY d;
SELECT hired % 2 AS parity, count(*) AS n FROM emp GROUP BY hired % 2;
SELECT upper(dept), count(*) FROM emp GROUP BY upper(dept);
SELECT dept, hired, count(*) AS n FROM emp GROUP BY dept, hired;
SELECT dept, hired, count(*) AS n FROM emp GROUP BY 1, 2 ORDER BY 1, 2;
SELECT dept, sum(salary) AS total FROM emp GROUP BY dept HAVING sum(salary) > 150;
SELECT dept, sum(salary) AS total FROM emp GROUP BY dept HAVING total > 150;
SELECT dept, count(*) AS n FROM emp GROUP BY dept HAVING count(*) = 1;
SELECT dept FROM emp GROUP BY dept HAVING max(salary) > 90 AND min(hired) < 2020;
SELECT dept, count(*) AS n FROM emp WHERE salary > 75 GROUP BY dept HAVING n >= 2 ORDER BY n DESC, dept;
SELECT count(*) AS n FROM emp HAVING count(*) > 3;
SELECT count(*) AS n FROM emp HAVING count(*) > 30;
SELECT salary, count(*) AS n FROM emp GROUP BY salary ORDER BY salary;
SELECT dept, salary > 90 AS high, count(*) AS n FROM emp GROUP BY dept, salary > 90;
SELECT dept, collect_list(name) IS NOT NULL AS has FROM emp GROUP BY dept;
SELECT dept, sum(salary) / count(*) AS mean FROM emp GROUP BY dept;
SELECT name, count(*) FROM emp GROUP BY dept;
SELECT dept, name FROM emp GROUP BY dept;
SELECT dept, count(*) FROM emp GROUP BY 3;
SELECT dept, sum(salary) FROM emp GROUP BY dept HAVING salary > 10;
SELECT coalesce(dept, 'none') AS d, count(*) AS n FROM emp GROUP BY coalesce(dept, 'none');
SELECT dept, count(DISTINCT hired) AS years FROM emp GROUP BY dept;
SELECT hired, sum(salary) FILTER (WHERE dept = 'eng') AS eng FROM emp GROUP BY hired;
SELECT dept, min(name), max(name) FROM emp GROUP BY dept;
SELECT dept, round(stddev_pop(salary), 6) AS sd FROM emp GROUP BY dept;
SELECT sum(n) FROM (SELECT dept, count(*) AS n FROM emp GROUP BY dept) t;
SELECT max(total) FROM (SELECT hired, sum(salary) AS total FROM emp GROUP BY hired);
SELECT dept FROM emp GROUP BY dept ORDER BY count(*) DESC, dept LIMIT 2;
SELECT 1 AS one, count(*) FROM emp GROUP BY one;
SELECT a, count(*) AS n FROM VALUES (1), (1), (NULL), (NULL), (2) AS t(a) GROUP BY a;
SELECT k, stddev(v) FROM VALUES (1, 2.0D), (1, 4.0D) AS t(k, v) GROUP BY 1, 2;
-- Lateral column aliases in an aggregation's select list: an alias read by later items, chains, with and without GROUP BY.
SELECT dept, sum(salary) AS total, total / count(*) AS per_head FROM emp GROUP BY dept ORDER BY dept;
SELECT count(*) AS n, n * 2 AS twice, twice + n AS thrice FROM emp;
SELECT hired - 2000 AS yr, yr + 1, max(salary) AS top, top - min(salary) AS spread FROM emp GROUP BY hired HAVING top > 80 ORDER BY yr;
SELECT dept, sum(salary) AS total, total / count(*) AS per_head, per_head * 2 AS twice FROM emp GROUP BY dept ORDER BY dept;
SELECT salary + 1 AS raised, sum(raised) FROM emp GROUP BY salary;
