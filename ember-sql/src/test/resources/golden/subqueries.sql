-- Subqueries: IN / NOT IN / EXISTS / NOT EXISTS, scalar, correlated.
CREATE OR REPLACE TEMPORARY VIEW emp AS SELECT * FROM VALUES
  (1, 'ann', 10, 120), (2, 'bo', 10, 100), (3, 'cy', 20, 80), (4, 'di', 20, 85), (5, 'ed', 30, 60), (6, 'fay', NULL, 70)
  AS emp(id, name, dept, salary);
CREATE OR REPLACE TEMPORARY VIEW dept AS SELECT * FROM VALUES
  (10, 'eng'), (20, 'ops'), (40, 'empty')
  AS dept(dept_id, dname);
SELECT name FROM emp WHERE dept IN (SELECT dept_id FROM dept);
SELECT name FROM emp WHERE dept NOT IN (SELECT dept_id FROM dept);
SELECT name FROM emp WHERE dept NOT IN (SELECT dept FROM emp WHERE id > 4);
SELECT dname FROM dept d WHERE EXISTS (SELECT 1 FROM emp e WHERE e.dept = d.dept_id);
SELECT dname FROM dept d WHERE NOT EXISTS (SELECT 1 FROM emp e WHERE e.dept = d.dept_id);
SELECT name, salary FROM emp WHERE salary > (SELECT avg(salary) FROM emp);
SELECT name FROM emp e WHERE salary = (SELECT max(salary) FROM emp e2 WHERE e2.dept = e.dept);
SELECT name, (SELECT dname FROM dept WHERE dept_id = emp.dept) AS dname FROM emp;
SELECT (SELECT max(salary) FROM emp) AS top, (SELECT count(*) FROM dept) AS depts;
SELECT dname, (SELECT count(*) FROM emp WHERE emp.dept = dept.dept_id) AS n FROM dept;
SELECT name FROM emp WHERE (SELECT 1) = 1 AND id < 3;
SELECT name FROM emp WHERE dept IN (SELECT dept_id FROM dept WHERE dname LIKE 'e%') ORDER BY name DESC;
SELECT dept, sum(salary) AS total FROM emp GROUP BY dept HAVING sum(salary) > (SELECT avg(salary) * 2 FROM emp);
SELECT name FROM emp e WHERE EXISTS (SELECT 1 FROM emp e2 WHERE e2.dept = e.dept AND e2.salary > e.salary);
SELECT name FROM emp WHERE id IN (SELECT id FROM emp WHERE salary < 90) AND dept IS NOT NULL;
SELECT name, salary - (SELECT min(salary) FROM emp) AS above_min FROM emp WHERE dept = 10;
SELECT dname FROM dept WHERE dept_id IN (SELECT dept FROM emp WHERE salary > 90) OR dept_id = 40;
SELECT name FROM emp e WHERE salary > 110 OR EXISTS (SELECT 1 FROM dept d WHERE d.dept_id = e.dept AND d.dname = 'ops') ORDER BY name;
SELECT name FROM emp e WHERE (dept = 30 AND salary < 70) OR e.id IN (SELECT id FROM emp e2 WHERE e2.dept = e.dept AND e2.salary >= 100) ORDER BY name;
SELECT name FROM emp WHERE salary < 65 OR EXISTS (SELECT 1 FROM dept WHERE dname = 'none') ORDER BY name;
SELECT d.dname, (SELECT name FROM emp WHERE emp.dept = d.dept_id) AS who FROM dept d ORDER BY d.dname;
-- IN and EXISTS anywhere in an expression: under NOT inside an OR, in select lists, inside CASE; IN keeps its unknown.
SELECT name FROM emp WHERE NOT (dept IN (SELECT dept_id FROM dept)) OR salary > 110 ORDER BY name;
SELECT name FROM emp e WHERE NOT EXISTS (SELECT 1 FROM dept d WHERE d.dept_id = e.dept) OR salary < 65 ORDER BY name;
SELECT name, dept IN (SELECT dept_id FROM dept) AS known FROM emp ORDER BY id;
SELECT name, dept IN (SELECT dept FROM emp WHERE id > 4) AS with_null, dept IN (SELECT dept_id FROM dept WHERE dept_id > 100) AS in_empty FROM emp ORDER BY id;
SELECT dname, EXISTS (SELECT 1 FROM emp e WHERE e.dept = d.dept_id AND e.salary > 90) AS well_paid FROM dept d ORDER BY dept_id;
SELECT name, CASE WHEN dept IN (SELECT dept_id FROM dept WHERE dname <> 'ops') THEN 'listed' ELSE 'other' END AS kind FROM emp ORDER BY id;
SELECT name, salary IN (SELECT max(salary) FROM emp i WHERE i.dept = o.dept) AS top FROM emp o ORDER BY id;
SELECT count(*) AS n, sum(CAST(NOT (dept IN (SELECT dept_id FROM dept)) AS INT)) AS outside FROM (SELECT dept, dept IN (SELECT dept_id FROM dept) AS flag FROM emp);
SELECT name, (dept, salary) IN (SELECT dept, max(salary) FROM emp GROUP BY dept) AS top FROM emp;
-- Correlated by inequalities: computed per distinct outer value.
SELECT name, (SELECT count(*) FROM emp i WHERE i.salary > o.salary) AS richer FROM emp o ORDER BY id;
SELECT dname, EXISTS (SELECT 1 FROM emp e WHERE e.dept >= d.dept_id AND e.salary < 70) AS cheaper_later FROM dept d ORDER BY dept_id;
SELECT name, salary IN (SELECT salary - 20 FROM emp i WHERE i.id < o.id) AS step FROM emp o ORDER BY id;
-- In an aggregation's select list, over a grouping column: computed above the aggregation.
SELECT dept, dept IN (SELECT dept_id FROM dept) AS known, count(*) AS n FROM emp GROUP BY dept ORDER BY dept NULLS LAST;
SELECT dept, EXISTS (SELECT 1 FROM dept d WHERE d.dept_id = emp.dept) AS listed, max(salary) AS top FROM emp GROUP BY dept ORDER BY dept NULLS LAST;
SELECT count(*) FROM emp GROUP BY dept IN (SELECT dept_id FROM dept);
