-- Joins of every kind, with null keys, self-joins, USING and NATURAL.
CREATE OR REPLACE TEMPORARY VIEW l AS SELECT * FROM VALUES
  (1, 'a'), (2, 'b'), (2, 'b2'), (3, 'c'), (NULL, 'n')
  AS l(k, lv);
CREATE OR REPLACE TEMPORARY VIEW r AS SELECT * FROM VALUES
  (2, 'x'), (3, 'y'), (3, 'y2'), (4, 'z'), (NULL, 'm')
  AS r(k, rv);
CREATE OR REPLACE TEMPORARY VIEW dept AS SELECT * FROM VALUES
  (10, 'eng'), (20, 'ops'), (30, 'empty')
  AS dept(dept_id, dname);
CREATE OR REPLACE TEMPORARY VIEW staff AS SELECT * FROM VALUES
  (1, 'ann', 10, NULL), (2, 'bo', 10, 1), (3, 'cy', 20, 1), (4, 'di', NULL, 3)
  AS staff(id, name, dept_id, manager);

SELECT l.k, lv, rv FROM l JOIN r ON l.k = r.k;
SELECT l.k, lv, rv FROM l INNER JOIN r ON l.k = r.k AND rv <> 'y';
SELECT l.k, lv, r.k, rv FROM l LEFT JOIN r ON l.k = r.k;
SELECT l.k, lv, r.k, rv FROM l LEFT OUTER JOIN r ON l.k = r.k WHERE r.k IS NULL;
SELECT l.k, lv, r.k, rv FROM l RIGHT JOIN r ON l.k = r.k;
SELECT l.k, lv, r.k, rv FROM l FULL OUTER JOIN r ON l.k = r.k;
SELECT l.k, lv FROM l LEFT SEMI JOIN r ON l.k = r.k;
SELECT l.k, lv FROM l LEFT ANTI JOIN r ON l.k = r.k;
SELECT l.k, lv FROM l SEMI JOIN r ON l.k = r.k AND r.rv = 'y2';
SELECT l.k, lv FROM l ANTI JOIN r ON l.k = r.k AND r.rv = 'y2';
SELECT count(*) AS n FROM l CROSS JOIN r;
SELECT lv, rv FROM l CROSS JOIN r WHERE l.k = 1 AND r.k = 4;
SELECT lv, rv FROM l, r WHERE l.k = r.k;
SELECT l.k, lv, rv FROM l JOIN r ON l.k <=> r.k;
SELECT k, lv, rv FROM l JOIN r USING (k);
SELECT k, lv, rv FROM l LEFT JOIN r USING (k);
SELECT k, lv, rv FROM l FULL JOIN r USING (k);
SELECT * FROM l NATURAL JOIN r;
SELECT * FROM l NATURAL LEFT JOIN r;
SELECT lv, rv FROM l JOIN r ON l.k < r.k;
SELECT lv, rv FROM l LEFT JOIN r ON l.k + 1 = r.k AND r.rv LIKE 'z%';
SELECT s.name, d.dname FROM staff s JOIN dept d ON s.dept_id = d.dept_id;
SELECT s.name, d.dname FROM staff s LEFT JOIN dept d ON s.dept_id = d.dept_id;
SELECT d.dname, count(s.id) AS headcount FROM dept d LEFT JOIN staff s ON s.dept_id = d.dept_id GROUP BY d.dname;
SELECT e.name AS employee, m.name AS manager FROM staff e LEFT JOIN staff m ON e.manager = m.id;
SELECT e.name, m.name FROM staff e JOIN staff m ON e.manager = m.id AND e.dept_id = m.dept_id;
SELECT a.id, b.id FROM staff a JOIN staff b ON a.id < b.id AND a.dept_id = b.dept_id;
SELECT d.dname FROM dept d LEFT ANTI JOIN staff s ON s.dept_id = d.dept_id;
SELECT d.dname FROM dept d LEFT SEMI JOIN staff s ON s.dept_id = d.dept_id;
SELECT * FROM l JOIN r ON false;
SELECT count(*) AS n FROM l LEFT JOIN r ON true;
SELECT l.k, rv FROM l FULL JOIN r ON l.k = r.k AND l.k > 2;
SELECT t1.x, t2.y FROM VALUES (1), (2) AS t1(x) JOIN VALUES (2), (3) AS t2(y) ON t1.x = t2.y;
SELECT x, y FROM VALUES (1L), (2L) AS t1(x) JOIN VALUES (1), (2) AS t2(y) ON x = y;
SELECT x, y FROM VALUES ('1'), ('2') AS t1(x) JOIN VALUES (1), (2) AS t2(y) ON x = y;
SELECT x, y FROM VALUES (1.0), (2.5) AS t1(x) JOIN VALUES (1), (2) AS t2(y) ON x = y;
SELECT lv FROM l JOIN r ON l.k = r.k JOIN dept ON r.k * 10 = dept.dept_id;
SELECT k FROM l JOIN r ON l.k = r.k;
SELECT l.k, count(*) AS n FROM l JOIN r ON l.k = r.k GROUP BY l.k;
SELECT lv, rv FROM l JOIN r ON l.k = r.k ORDER BY lv, rv DESC;
-- !plan
SELECT l.k, rv FROM l JOIN r ON l.k = r.k;
SELECT s.name, d.dname, m.name AS mgr FROM staff s JOIN dept d ON s.dept_id = d.dept_id LEFT JOIN staff m ON s.manager = m.id ORDER BY s.name;
SELECT x.name, z.name AS grand_report FROM staff x LEFT JOIN staff y ON x.id = y.manager JOIN staff z ON y.id = z.manager ORDER BY x.name;
