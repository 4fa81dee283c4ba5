-- Queries Ember still answers differently from Spark: interval types that keep their fields (INTERVAL DAY, DAY TO HOUR), a date minus a day interval staying a date.
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
SELECT DATE '1998-12-01' - INTERVAL '90' DAY AS d;
SELECT DATE '1998-12-01' - INTERVAL '90' DAY (3) AS d;
SELECT DATE '2024-03-01' - DATE '2024-02-01' AS d, typeof(DATE '2024-03-01' - DATE '2024-02-01') AS t;
SELECT INTERVAL '1' DAY + INTERVAL '2' HOUR AS a, INTERVAL '1' YEAR + INTERVAL '3' MONTH AS b;
SELECT typeof(INTERVAL '3' DAY) AS a, typeof(INTERVAL '2' YEAR) AS b, CAST(INTERVAL '3' DAY AS STRING) AS c;
