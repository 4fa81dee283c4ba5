-- Queries that once gave wrong answers or failed: self-joins under aliases, literal column names, implicit casts in function arguments, struct(... AS name), overlay, lateral column aliases.
CREATE OR REPLACE TEMPORARY VIEW people AS SELECT * FROM VALUES
  (1, 'alice', 34, 'NL'), (2, 'bob', 27, 'DE'), (3, 'carol', NULL, 'NL'), (4, 'dave', 45, NULL), (5, 'eve', 27, 'FR')
  AS people(id, name, age, country);
CREATE OR REPLACE TEMPORARY VIEW scores AS SELECT * FROM VALUES
  ('ann', 91), ('ben', 78), ('cid', 55), ('dot', NULL), ('eli', 100)
  AS scores(name, score);
CREATE OR REPLACE TEMPORARY VIEW a AS SELECT * FROM VALUES (1), (2), (2), (3), (NULL), (NULL) AS a(x);
CREATE OR REPLACE TEMPORARY VIEW b AS SELECT * FROM VALUES (2), (3), (3), (4), (NULL) AS b(x);
CREATE OR REPLACE TEMPORARY VIEW l AS SELECT * FROM VALUES (1, 'a'), (2, 'b'), (2, 'b2'), (3, 'c'), (NULL, 'n') AS l(k, lv);
CREATE OR REPLACE TEMPORARY VIEW r AS SELECT * FROM VALUES (2, 'x'), (3, 'y'), (3, 'y2'), (4, 'z'), (NULL, 'm') AS r(k, rv);
CREATE OR REPLACE TEMPORARY VIEW dept AS SELECT * FROM VALUES (10, 'eng'), (20, 'ops'), (30, 'empty') AS dept(dept_id, dname);
CREATE OR REPLACE TEMPORARY VIEW staff AS SELECT * FROM VALUES
  (1, 'ann', 10, NULL), (2, 'bo', 10, 1), (3, 'cy', 20, 1), (4, 'di', NULL, 3)
  AS staff(id, name, dept_id, manager);
SELECT id AS ident, name AS label FROM people WHERE id = 2;
SELECT 'literal' AS l FROM people WHERE id <= 2;
SELECT coalesce(NULL, NULL, 3) AS c3, coalesce(score, -1) AS s FROM scores WHERE name IN ('dot', 'ann');
SELECT x, 'a' AS src FROM a WHERE x = 1 UNION ALL SELECT x, 'b' FROM b WHERE x = 4;
SELECT t.a, t.b FROM (SELECT id AS a, name AS b FROM people) AS t WHERE t.a % 2 = 0;
SELECT n FROM (VALUES (3), (1), (2)) AS v(n) ORDER BY n;
SELECT s.name, d.dname, m.name AS mgr FROM staff s JOIN dept d ON s.dept_id = d.dept_id LEFT JOIN staff m ON s.manager = m.id;
SELECT /*+ BROADCAST(r) */ l.k, rv FROM l JOIN r ON l.k = r.k;
SELECT typeof(1 + 1L) AS a, typeof(1 + 1.5D) AS b, typeof(1Y + 1S) AS c, typeof(1.5F * 1.5D) AS d;
SELECT typeof(1 / 2) AS t, 1 / 2 AS v;
SELECT typeof(CASE WHEN true THEN 1 ELSE 2L END) AS t;
SELECT 1.5 * 1.5D AS v, typeof(1.5 * 1.5D) AS t;
SELECT 10 / 4 AS v, typeof(10 / 4) AS t;
SELECT 1 + 1.5 AS v, typeof(1 + 1.5) AS t;
SELECT 2L * 1.25 AS v, typeof(2L * 1.25) AS t;
SELECT 10.00 / 4 AS v, typeof(10.00 / 4) AS t;
SELECT 1 / 3.0 AS v, typeof(1 / 3.0) AS t;
SELECT 7.0 / 2 AS v;
SELECT DATE '1994-01-01' + INTERVAL '1' YEAR AS a, DATE '1995-01-31' + INTERVAL '1' MONTH AS b, DATE '2024-02-29' - INTERVAL '1' YEAR AS c;
SELECT d, d + INTERVAL '1' MONTH AS next FROM VALUES (DATE '2024-01-31'), (DATE '2024-12-31') AS t(d) ORDER BY d;
SELECT TIMESTAMP '2024-01-01 10:00:00' + INTERVAL '90' MINUTE AS a, TIMESTAMP '2024-01-01 00:00:00' - INTERVAL '1' SECOND AS b;
SELECT TIMESTAMP '2024-01-01 10:00:00' + INTERVAL '1 02:03:04' DAY TO SECOND AS t;
SELECT DATE '2024-07-04' + INTERVAL '12' HOUR AS t;
SELECT TIMESTAMP '2024-01-02 00:00:00' - TIMESTAMP '2024-01-01 12:00:00' AS d;
SELECT INTERVAL '10' DAY * 2 AS a, INTERVAL '1' DAY / 2 AS b;
SELECT CAST(array(1, 2) AS ARRAY<STRING>) AS a, CAST(array('1', '2') AS ARRAY<INT>) AS b;
SELECT CAST(map('a', 1) AS MAP<STRING, BIGINT>) AS m;
SELECT CAST(named_struct('a', 1, 'b', '2') AS STRUCT<a: STRING, b: INT>) AS s;
SELECT * FROM VALUES (array('a')), (CAST(NULL AS ARRAY<STRING>)) AS t(a);
SELECT a, size(a) AS n FROM VALUES (array(1, 2)), (array()), (NULL) AS t(a);
SELECT struct(1 AS p, 2 AS q).q AS q;
SELECT overlay('Spark SQL' PLACING '_' FROM 6) AS a, overlay('Spark SQL' PLACING 'CORE' FROM 7 FOR 3) AS b;
SELECT id, id * 2 AS twice, twice + 1 AS next FROM people ORDER BY id LIMIT 2;
SELECT count(*) FROM people;
SELECT 'x', 1.5, 10L, DATE '2024-01-01';
SELECT id AS a, a + 1 AS b, b * 2 AS c FROM people ORDER BY a LIMIT 2;
SELECT id * 10 AS id, id + 1 AS next FROM people ORDER BY next LIMIT 2;
SELECT upper(name) AS n, length(n) AS l, rand() >= 0 AS r FROM people ORDER BY n LIMIT 1;
SELECT struct(id, name AS who).who AS w, struct(id).id AS i FROM people WHERE id = 1;
SELECT stack(3, 1, 'x', 2, 'y', 3) AS (n, s);
SELECT explode(map('a', 1, 'b', 2)) AS (k, v);
SELECT id + 1 AS (a, b) FROM people;
SELECT n, s FROM (SELECT stack(2, 1, 'x', 2, 'y')) t(n, s) ORDER BY n;
SELECT try_divide(CAST(5 AS DECIMAL(3,1)), 0) AS v, typeof(try_divide(CAST(5 AS DECIMAL(3,1)), 2)) AS t;
-- -0.0 and 0.0 are one key, shown as 0.0, in grouping, DISTINCT and set operations.
SELECT v, count(*) AS n FROM VALUES (-0.0D), (0.0D), (CAST('NaN' AS DOUBLE)), (CAST('NaN' AS DOUBLE)) AS s(v) GROUP BY v ORDER BY v;
SELECT DISTINCT v FROM VALUES (-0.0D), (0.0D) AS s(v);
SELECT v FROM VALUES (-0.0D) AS a(v) INTERSECT SELECT w FROM VALUES (0.0D) AS b(w);
