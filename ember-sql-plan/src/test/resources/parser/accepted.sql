-- Statements the grammar must accept. Entries are separated by lines holding only ';'.
-- Lines starting with '--' that stand alone are section titles (an entry of only comments is skipped).

-- Projections and aliases
SELECT 1
;
SELECT 1;
;
SELECT 1;;
;
select a from t
;
SELECT a, b, c FROM t
;
SELECT a AS x, b y, c AS `weird name` FROM t
;
SELECT * FROM t
;
SELECT t.* FROM t
;
SELECT db.t.*, u.a FROM db.t, u
;
SELECT DISTINCT a, b FROM t
;
SELECT ALL a FROM t
;
SELECT a + 1 AS (x) FROM t
;
SELECT explode(m) AS (k, v) FROM t
;
SELECT `a``b`, `select` FROM `my db`.`my table`
;
SELECT date, year, value, key, first, count FROM t
;
SELECT month, day, hour, minute, second, week, last, type, data, comment, options, view, table FROM t
;
SELECT timestamp, interval, string, int, array, map, struct, range, position, extract FROM t
;
SELECT a.date, b.year FROM t a JOIN t b ON a.key = b.key
;
SELECT left('abc', 2), right('abc', 1), replace('a', 'b', 'c'), if(a > 1, 'x', 'y') FROM t
;
SELECT a date FROM t
;
SELECT x AS limit, y AS union FROM t
;
-- Literals
SELECT 1, 1L, 2S, 3Y, 1.5, .5, 1., 1e10, 1.5E-3, 2.5D, 2.5F, 10BD, 1.5BD, 7D, 7F
;
SELECT 'single', "double", 'with \' escape', 'tab\there', 'a' 'b' "c"
;
SELECT X'0AFF', x'', TRUE, FALSE, NULL
;
SELECT DATE '2024-01-01', TIMESTAMP '2024-01-01 10:00:00', TIMESTAMP_NTZ '2024-01-01 10:00:00', TIMESTAMP_LTZ '2024-01-01 10:00:00'
;
SELECT INTERVAL '3' MONTH, INTERVAL '1-2' YEAR TO MONTH, INTERVAL '1 02:03:04' DAY TO SECOND
;
SELECT INTERVAL 3 DAYS 2 HOURS, INTERVAL 1 YEAR, INTERVAL -5 MINUTES 30 SECONDS, INTERVAL 1.5 SECONDS
;
SELECT INTERVAL '10:20' HOUR TO MINUTE, INTERVAL '3 days 4 hours'
;
SELECT INTERVAL 1 WEEK 2 MILLISECONDS 3 MICROSECONDS
;
SELECT * FROM t WHERE a = :id AND b > :min_value
;
SELECT * FROM t WHERE a = ? AND b IN (?, ?)
;
-- Arithmetic, comparison, logic
SELECT a + b * c - d / e % f, a DIV 2, -a, +a, ~a FROM t
;
SELECT a & b, a | b, a ^ b, a || b || 'x' FROM t
;
SELECT a = b, a == b, a <> b, a != b, a < b, a <= b, a > b, a >= b, a <=> b FROM t
;
SELECT NOT a, !b, a AND b OR c, NOT (a OR b) FROM t
;
SELECT * FROM t WHERE a BETWEEN 1 AND 10 AND b NOT BETWEEN 2 AND 3
;
SELECT * FROM t WHERE a IN (1, 2, 3) OR b NOT IN ('x')
;
SELECT * FROM t WHERE a IN (SELECT x FROM u) AND b NOT IN (SELECT y FROM v WHERE v.z = t.z)
;
SELECT * FROM t WHERE name LIKE 'a%' AND name NOT LIKE '%b' AND name ILIKE 'C%'
;
SELECT * FROM t WHERE name RLIKE '^a.*' OR name REGEXP 'b+' OR name NOT RLIKE 'c'
;
SELECT * FROM t WHERE name LIKE 'a!%%' ESCAPE '!'
;
SELECT * FROM t WHERE name LIKE ANY ('a%', 'b%') AND name NOT LIKE ALL ('%x', '%y') AND name ILIKE SOME ('q%')
;
SELECT * FROM t WHERE a IS NULL AND b IS NOT NULL
;
SELECT * FROM t WHERE a IS TRUE OR b IS NOT FALSE OR c IS UNKNOWN
;
SELECT * FROM t WHERE a IS DISTINCT FROM b AND c IS NOT DISTINCT FROM d
;
SELECT * FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.id = t.id)
;
SELECT * FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.id = t.id)
;
SELECT (SELECT max(x) FROM u) AS m, a FROM t
;
SELECT a FROM t WHERE b > (SELECT avg(b) FROM t)
;
-- Special forms
SELECT CASE WHEN a > 1 THEN 'big' WHEN a < 0 THEN 'neg' ELSE 'small' END FROM t
;
SELECT CASE a WHEN 1 THEN 'one' WHEN 2 THEN 'two' END FROM t
;
SELECT CASE WHEN a IS NULL THEN NULL END FROM t
;
SELECT CAST(a AS INT), CAST(b AS STRING), CAST(c AS DECIMAL(10, 2)), TRY_CAST(d AS DATE) FROM t
;
SELECT a::INT, b::DECIMAL(5,1), c::ARRAY<STRING>, d::MAP<STRING, INT>, '1'::BIGINT + 1 FROM t
;
SELECT CAST(x AS ARRAY<STRUCT<a: INT, b STRING>>) FROM t
;
SELECT CAST(x AS MAP<STRING, ARRAY<MAP<INT, BIGINT>>>) FROM t
;
SELECT CAST(x AS INTERVAL YEAR TO MONTH), CAST(y AS INTERVAL DAY TO SECOND), CAST(z AS INTERVAL HOUR) FROM t
;
SELECT EXTRACT(YEAR FROM d), EXTRACT(month FROM d), EXTRACT(DAYOFWEEK FROM d) FROM t
;
SELECT SUBSTRING(s FROM 2 FOR 3), SUBSTRING(s FROM 2), substring(s, 2, 3), substr(s, 1) FROM t
;
SELECT TRIM(s), TRIM(BOTH FROM s), TRIM(LEADING 'x' FROM s), TRIM(TRAILING FROM s), TRIM('y' FROM s) FROM t
;
SELECT POSITION('a' IN s), position('b', s) FROM t
;
SELECT current_date, current_timestamp, current_user, current_date(), current_timestamp() FROM t
;
SELECT struct(a, b), array(1, 2, 3), map('k', 1), named_struct('x', 1) FROM t
;
SELECT a[0], m['k'], s.f, s.f.g, a[0].f, m['k'][1], (a).b FROM t
;
SELECT t.a.b.c FROM t
;
SELECT count(*), count(1), count(DISTINCT a), count(DISTINCT a, b), sum(ALL c) FROM t
;
SELECT sum(a) FILTER (WHERE b > 0), count(*) FILTER (WHERE c IS NULL) FROM t
;
SELECT first(a) IGNORE NULLS, last(b) RESPECT NULLS, first(a, true) FROM t
;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM t
;
SELECT listagg(x, ',') WITHIN GROUP (ORDER BY x) FROM t
;
SELECT sum(x) WITHIN GROUP (ORDER BY x) FROM t
;
SELECT * FROM t UNPIVOT INCLUDE NULLS (v FOR n IN (a AS first, b)) 
;
SELECT * FROM t PIVOT (sum(x) AS s FOR k IN (1 AS one, 2))
;
SELECT transform(arr, x -> x + 1), filter(arr, x -> x > 0), aggregate(arr, 0, (acc, x) -> acc + x) FROM t
;
SELECT exists(arr, x -> x IS NULL), zip_with(a, b, (x, y) -> x * y), transform(a, (x) -> x) FROM t
;
SELECT my_function(a => 1, b => 'x') FROM t
;
SELECT db.my_udf(a), `weird udf`(b) FROM t
;
SELECT (1, 2), (a, b) = (c, d) FROM t
;
SELECT ((1)), (((a + b))) * 2 FROM t
;
SELECT coalesce(a, b, c), nvl(a, 0), greatest(1, 2), least(1, 2) FROM t
;
SELECT a FROM t WHERE a = 1 -- trailing comment
;
SELECT /* inline */ a /* nested /* comment */ still */ FROM t
;
-- Hints
SELECT /*+ BROADCAST(u) */ * FROM t JOIN u ON t.id = u.id
;
SELECT /*+ MERGE(t), SHUFFLE_HASH(u) */ * FROM t JOIN u ON t.id = u.id
;
SELECT /*+ COALESCE(3) */ * FROM t
;
SELECT /*+ REPARTITION(8, a) */ * FROM t
;
SELECT /*+ REPARTITION(8) BROADCAST(u) */ DISTINCT a FROM t
;
-- Window functions
SELECT row_number() OVER (ORDER BY a) FROM t
;
SELECT rank() OVER (PARTITION BY a ORDER BY b DESC) FROM t
;
SELECT sum(x) OVER (PARTITION BY a, b ORDER BY c ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM t
;
SELECT sum(x) OVER (ORDER BY c ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING) FROM t
;
SELECT sum(x) OVER (ORDER BY c RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) FROM t
;
SELECT sum(x) OVER (ORDER BY c ROWS UNBOUNDED PRECEDING) FROM t
;
SELECT sum(x) OVER (ORDER BY d RANGE BETWEEN INTERVAL 1 DAY PRECEDING AND CURRENT ROW) FROM t
;
SELECT avg(x) OVER () FROM t
;
SELECT lag(x, 1) OVER w, lead(x) OVER w FROM t WINDOW w AS (PARTITION BY a ORDER BY b)
;
SELECT sum(x) OVER w1, max(x) OVER w2 FROM t WINDOW w1 AS (ORDER BY a), w2 AS (PARTITION BY b)
;
SELECT first_value(x) IGNORE NULLS OVER (ORDER BY a) FROM t
;
SELECT a, row_number() OVER (PARTITION BY a ORDER BY b) AS rn FROM t QUALIFY rn = 1
;
-- FROM clause
SELECT * FROM db.t
;
SELECT * FROM catalog.db.t AS x
;
SELECT * FROM t x
;
SELECT * FROM t AS x (a, b)
;
SELECT * FROM (SELECT a FROM t) s
;
SELECT * FROM (SELECT a FROM t) AS s(b)
;
SELECT * FROM (SELECT a FROM t)
;
SELECT * FROM VALUES (1, 'a'), (2, 'b') AS v(id, name)
;
SELECT * FROM VALUES 1, 2, 3
;
SELECT * FROM (VALUES (1), (2)) AS v(x)
;
SELECT * FROM range(10)
;
SELECT * FROM range(1, 10, 2) AS r
;
SELECT id FROM range(5) r(id)
;
SELECT * FROM t LATERAL VIEW explode(arr) e AS x
;
SELECT * FROM t LATERAL VIEW OUTER explode(arr) e AS x
;
SELECT * FROM t LATERAL VIEW posexplode(arr) e AS pos, val LATERAL VIEW explode(m) f AS k, v
;
SELECT * FROM t LATERAL VIEW explode(arr) AS x
;
SELECT * FROM t LATERAL VIEW inline(structs) s
;
SELECT * FROM a, b, c WHERE a.x = b.x AND b.y = c.y
;
SELECT * FROM a JOIN b ON a.x = b.x
;
SELECT * FROM a INNER JOIN b ON a.x = b.x
;
SELECT * FROM a CROSS JOIN b
;
SELECT * FROM a LEFT JOIN b ON a.x = b.x
;
SELECT * FROM a LEFT OUTER JOIN b ON a.x = b.x
;
SELECT * FROM a RIGHT JOIN b ON a.x = b.x
;
SELECT * FROM a RIGHT OUTER JOIN b USING (x)
;
SELECT * FROM a FULL JOIN b USING (x, y)
;
SELECT * FROM a FULL OUTER JOIN b ON a.x = b.x AND a.y < b.y
;
SELECT * FROM a SEMI JOIN b ON a.x = b.x
;
SELECT * FROM a LEFT SEMI JOIN b ON a.x = b.x
;
SELECT * FROM a ANTI JOIN b ON a.x = b.x
;
SELECT * FROM a LEFT ANTI JOIN b ON a.x = b.x
;
SELECT * FROM a NATURAL JOIN b
;
SELECT * FROM a NATURAL LEFT JOIN b
;
SELECT * FROM a NATURAL FULL OUTER JOIN b
;
SELECT * FROM a JOIN b
;
SELECT * FROM a x JOIN b y ON x.id = y.id LEFT JOIN c z ON y.id = z.id
;
SELECT * FROM (a JOIN b ON a.x = b.x) JOIN c ON c.y = a.y
;
SELECT * FROM a JOIN (b JOIN c ON b.y = c.y) ON a.x = b.x
;
SELECT * FROM a JOIN (SELECT * FROM b) bb ON a.x = bb.x
;
SELECT * FROM a, (SELECT 1 AS one) s, range(3)
;
SELECT * FROM a JOIN range(10) r ON a.id = r.id
;
-- Grouping
SELECT a, count(*) FROM t GROUP BY a
;
SELECT a, b, sum(c) FROM t GROUP BY 1, 2
;
SELECT a, b, sum(c) FROM t GROUP BY a, b HAVING sum(c) > 10
;
SELECT a, b, sum(c) FROM t GROUP BY ROLLUP(a, b)
;
SELECT a, b, sum(c) FROM t GROUP BY CUBE(a, b)
;
SELECT a, b, sum(c) FROM t GROUP BY CUBE((a, b), c)
;
SELECT a, b, sum(c) FROM t GROUP BY GROUPING SETS ((a, b), (a), ())
;
SELECT a, b, sum(c) FROM t GROUP BY GROUPING SETS (a, b)
;
SELECT a, b, sum(c) FROM t GROUP BY a, b WITH ROLLUP
;
SELECT a, b, sum(c) FROM t GROUP BY a, b WITH CUBE
;
SELECT a, b, sum(c) FROM t GROUP BY a, ROLLUP(b)
;
SELECT a, b, sum(c), grouping(a), grouping_id(a, b) FROM t GROUP BY ROLLUP(a, b)
;
SELECT a, sum(c) FROM t GROUP BY ALL
;
SELECT count(*) FROM t HAVING count(*) > 1
;
SELECT rollup(a) FROM t
;
-- Ordering and limits
SELECT a FROM t ORDER BY a
;
SELECT a FROM t ORDER BY a ASC, b DESC
;
SELECT a FROM t ORDER BY a NULLS FIRST, b DESC NULLS LAST
;
SELECT a FROM t ORDER BY 1 DESC
;
SELECT a FROM t SORT BY a
;
SELECT a FROM t DISTRIBUTE BY a SORT BY b
;
SELECT a FROM t CLUSTER BY a
;
SELECT a FROM t LIMIT 10
;
SELECT a FROM t LIMIT ALL
;
SELECT a FROM t LIMIT 10 OFFSET 5
;
SELECT a FROM t ORDER BY a OFFSET 3
;
SELECT a FROM t LIMIT 2 + 3
;
-- Set operations
SELECT a FROM t UNION SELECT a FROM u
;
SELECT a FROM t UNION ALL SELECT a FROM u
;
SELECT a FROM t UNION DISTINCT SELECT a FROM u
;
SELECT a FROM t INTERSECT SELECT a FROM u
;
SELECT a FROM t INTERSECT ALL SELECT a FROM u
;
SELECT a FROM t EXCEPT SELECT a FROM u
;
SELECT a FROM t EXCEPT ALL SELECT a FROM u
;
SELECT a FROM t MINUS SELECT a FROM u
;
SELECT a FROM t MINUS DISTINCT SELECT a FROM u
;
SELECT 1 UNION SELECT 2 INTERSECT SELECT 3 EXCEPT SELECT 4
;
(SELECT a FROM t) UNION (SELECT a FROM u) ORDER BY a LIMIT 5
;
(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL (SELECT b FROM u)
;
SELECT a FROM t UNION SELECT a FROM u ORDER BY a
;
((SELECT 1))
;
VALUES (1, 2), (3, 4)
;
VALUES 1, 2 UNION ALL VALUES 3
;
-- CTEs
WITH x AS (SELECT 1 AS a) SELECT * FROM x
;
WITH x AS (SELECT 1 AS a), y AS (SELECT a + 1 AS b FROM x) SELECT * FROM x JOIN y
;
WITH x (a, b) AS (SELECT 1, 2) SELECT a FROM x
;
WITH x (SELECT 1) SELECT * FROM x
;
WITH x AS (WITH y AS (SELECT 1) SELECT * FROM y) SELECT * FROM x
;
SELECT * FROM (WITH x AS (SELECT 1 AS a) SELECT a FROM x) s
;
WITH x AS (SELECT 1) SELECT * FROM x UNION ALL SELECT * FROM x
;
-- Views
CREATE TEMPORARY VIEW v USING parquet OPTIONS (path '/tmp/data')
;
CREATE OR REPLACE TEMPORARY VIEW v USING csv OPTIONS (path '/tmp/a.csv', header 'true', 'sep' = ',')
;
CREATE GLOBAL TEMPORARY VIEW gv USING json OPTIONS ('path'='/tmp/x.json')
;
CREATE OR REPLACE GLOBAL TEMPORARY VIEW gv USING org.apache.spark.sql.parquet
;
CREATE TEMPORARY VIEW v (a INT, b STRING COMMENT 'the b', c DECIMAL(10,2)) USING csv OPTIONS (path '/tmp/c.csv')
;
CREATE TEMP VIEW v USING parquet OPTIONS (path = '/p', mergeSchema = true, batch.size = 100)
;
CREATE TEMPORARY VIEW v AS SELECT 1 AS a
;
CREATE OR REPLACE TEMPORARY VIEW v (x, y COMMENT 'why') AS SELECT 1, 2
;
CREATE GLOBAL TEMPORARY VIEW gv AS SELECT * FROM t WHERE a > 1
;
CREATE VIEW v AS SELECT * FROM t
;
CREATE OR REPLACE VIEW db.v (a, b) COMMENT 'a view' TBLPROPERTIES ('k' = 'v') AS SELECT 1, 2
;
CREATE VIEW IF NOT EXISTS v AS WITH x AS (SELECT 1) SELECT * FROM x
;
DROP VIEW v
;
DROP VIEW IF EXISTS db.v
;
DROP VIEW IF EXISTS global_temp.gv
;
-- Catalog commands
SHOW TABLES
;
SHOW TABLES IN db
;
SHOW TABLES FROM db LIKE 'a*'
;
SHOW TABLES LIKE 'x*|y*'
;
SHOW TABLES 'x*'
;
SHOW COLUMNS FROM t
;
SHOW COLUMNS IN db.t
;
SHOW COLUMNS IN t IN db
;
SHOW FUNCTIONS
;
SHOW FUNCTIONS LIKE 'a*'
;
SHOW DATABASES
;
SHOW SCHEMAS LIKE 'prod*'
;
DESCRIBE t
;
DESC t
;
DESCRIBE TABLE t
;
DESCRIBE TABLE EXTENDED db.t
;
DESC EXTENDED t
;
DESC FORMATTED t
;
DESCRIBE QUERY SELECT a FROM t
;
DESCRIBE SELECT a FROM t
;
DESC QUERY WITH x AS (SELECT 1) SELECT * FROM x
;
DESCRIBE FUNCTION upper
;
DESCRIBE FUNCTION EXTENDED db.my_udf
;
DESC FUNCTION 'abs'
;
DESCRIBE DATABASE db
;
DESCRIBE table
;
DESCRIBE function
;
EXPLAIN SELECT * FROM t
;
EXPLAIN EXTENDED SELECT * FROM t
;
EXPLAIN FORMATTED SELECT * FROM t
;
EXPLAIN CODEGEN SELECT * FROM t
;
EXPLAIN COST SELECT * FROM t
;
EXPLAIN LOGICAL SELECT 1
;
EXPLAIN CREATE TEMPORARY VIEW v AS SELECT 1
;
EXPLAIN EXTENDED INSERT INTO t SELECT 1
;
-- Configuration
SET
;
SET -v
;
SET spark.sql.shuffle.partitions
;
SET spark.sql.shuffle.partitions=10
;
SET spark.sql.shuffle.partitions = 200
;
SET spark.sql.session.timeZone = America/Los_Angeles
;
SET a.b.c = some text, with commas and = signs
;
SET my.key = 'quoted value'
;
SET spark.sql.ansi.enabled=true;
;
SET k =
;
RESET
;
RESET spark.sql.shuffle.partitions
;
-- Caching
CACHE TABLE t
;
CACHE LAZY TABLE db.t
;
CACHE TABLE c AS SELECT * FROM t WHERE a > 1
;
CACHE LAZY TABLE c SELECT 1
;
CACHE TABLE t OPTIONS ('storageLevel' 'DISK_ONLY')
;
UNCACHE TABLE t
;
UNCACHE TABLE IF EXISTS db.t
;
CLEAR CACHE
;
-- Tables and databases
CREATE TABLE t (a INT, b STRING) USING parquet
;
CREATE TABLE IF NOT EXISTS db.t (a INT NOT NULL, b STRING COMMENT 'bee') USING delta PARTITIONED BY (b) LOCATION '/data/t' OPTIONS (compression 'snappy')
;
CREATE TABLE t USING parquet AS SELECT * FROM u
;
CREATE TABLE t (a INT) USING csv OPTIONS (header 'true') PARTITIONED BY (a) COMMENT 'c' TBLPROPERTIES ('x' = '1')
;
CREATE TABLE t AS SELECT 1 AS a
;
CREATE OR REPLACE TABLE t (id BIGINT DEFAULT 0, tags ARRAY<STRING>, props MAP<STRING, STRING>, s STRUCT<x: INT, y: DOUBLE>) USING parquet
;
CREATE TABLE t (d DATE, ts TIMESTAMP, ntz TIMESTAMP_NTZ, ltz TIMESTAMP_LTZ, bin BINARY, v VARCHAR(10), c CHAR(3), f FLOAT, r REAL, dbl DOUBLE, b BOOLEAN, ti TINYINT, bt BYTE, si SMALLINT, sh SHORT, i INTEGER, l LONG, n NUMERIC(5), dc DEC(4, 1)) USING parquet
;
CREATE TABLE t (ym INTERVAL YEAR TO MONTH, dt INTERVAL DAY TO SECOND, y INTERVAL YEAR, m INTERVAL MONTH, d INTERVAL DAY, h INTERVAL HOUR TO SECOND) USING parquet
;
INSERT INTO t VALUES (1, 'a'), (2, 'b')
;
INSERT INTO TABLE t SELECT * FROM u
;
INSERT OVERWRITE t SELECT * FROM u
;
INSERT OVERWRITE TABLE t PARTITION (dt = '2024-01-01', h = 3) SELECT a, b FROM u
;
INSERT INTO t PARTITION (dt) SELECT a, dt FROM u
;
INSERT INTO t (a, b) VALUES (1, 2)
;
INSERT INTO t (SELECT * FROM u)
;
INSERT INTO t WITH x AS (SELECT 1) SELECT * FROM x
;
DROP TABLE t
;
DROP TABLE IF EXISTS db.t PURGE
;
CREATE DATABASE db
;
CREATE DATABASE IF NOT EXISTS db COMMENT 'the db' LOCATION '/warehouse/db' WITH DBPROPERTIES ('owner' = 'me')
;
CREATE SCHEMA s
;
DROP DATABASE db
;
DROP DATABASE IF EXISTS db CASCADE
;
DROP SCHEMA IF EXISTS s RESTRICT
;
USE db
;
USE DATABASE db
;
USE default
;
TRUNCATE TABLE t
;
TRUNCATE TABLE t PARTITION (dt = '2024-01-01')
;
ANALYZE TABLE t COMPUTE STATISTICS
;
ANALYZE TABLE t COMPUTE STATISTICS NOSCAN
;
ANALYZE TABLE db.t COMPUTE STATISTICS FOR COLUMNS a, b
;
ANALYZE TABLE t COMPUTE STATISTICS FOR ALL COLUMNS
;
ALTER TABLE t RENAME TO u
;
ALTER VIEW v RENAME TO db.w
;
ALTER TABLE t ADD COLUMNS (c INT, d STRING COMMENT 'dee')
;
ALTER TABLE t ADD COLUMN e DOUBLE
;
ALTER TABLE t SET TBLPROPERTIES ('a' = '1', 'b' = '2')
;
ALTER TABLE t UNSET TBLPROPERTIES IF EXISTS ('a')
;
REFRESH TABLE t
;
-- Keywords as identifiers
SELECT table, view, options, comment FROM t
;
SELECT data.value, key.first FROM t AS data JOIN u AS key ON data.id = key.id
;
SELECT count(*) AS count FROM t
;
SELECT * FROM date
;
SELECT a FROM t AS year
;
SELECT year(d), month(d), day(d), hour(ts), date(ts) FROM t
;
SELECT a AS date, b AS timestamp, c AS interval FROM t
;
CREATE TABLE table (date DATE, comment STRING, key INT, value INT, first STRING, last STRING) USING parquet
;
SELECT left FROM t
;
SELECT * FROM t WHERE value IS NOT NULL AND key > 0
;
-- Miscellaneous
SELECT a FROM t WHERE (a, b) IN ((1, 2), (3, 4))
;
SELECT * FROM t WHERE a = 1 AND (b = 2 OR c = 3) AND NOT d
;
SELECT -1, - 1, 1 - -1, -(-1), +-1 FROM t
;
SELECT 'a' || 'b' || 'c', concat(a, b) FROM t
;
SELECT a FROM t WHERE s LIKE '%' || x || '%'
;
SELECT if(a IS NULL, 0, a), nullif(a, 0), ifnull(a, 1) FROM t
;
SELECT array_contains(arr, 1), size(arr), element_at(m, 'k'), arr[size(arr) - 1] FROM t
;
SELECT to_date(s, 'yyyy-MM-dd'), date_add(d, 1), d + INTERVAL 1 DAY, d - INTERVAL '3' MONTH FROM t
;
SELECT sum(a) / count(*) * 100.0 AS pct FROM t
;
SELECT a FROM t WHERE a.b[0].c['x'] = 1
;
SELECT `a.b`, `a`.`b` FROM t
;
SELECT * FROM t WHERE a NOT IN (1) AND NOT a IN (2)
;
SELECT a, b FROM t ORDER BY CASE WHEN a IS NULL THEN 1 ELSE 0 END, b
;
SELECT max(a) FROM t GROUP BY b HAVING max(a) > (SELECT avg(a) FROM t)
;
SELECT CAST(CAST(a AS STRING) AS INT) FROM t
;
SELECT 1 AS a, 2 AS b UNION ALL SELECT 3, 4
;
SELECT * FROM t1 WHERE t1.a IN (SELECT a FROM t2 WHERE t2.b IN (SELECT b FROM t3))
;
SELECT approx_count_distinct(a), collect_list(b), collect_set(c), stddev(d) FROM t
;
SELECT a, LEAD(a, 1, 0) OVER (PARTITION BY b ORDER BY c) FROM t
;
SELECT ntile(4) OVER (ORDER BY a), percent_rank() OVER (ORDER BY a), cume_dist() OVER (ORDER BY a) FROM t
;
SELECT sum(a) OVER (PARTITION BY b) / sum(a) OVER () FROM t
;
SELECT * FROM t TABLESAMPLE_LIKE_ALIAS
;
SELECT CAST(1 AS VOID), CAST(x AS CHARACTER(2)), CAST(x AS STRUCT<>) FROM t
;
SELECT map_filter(m, (k, v) -> k > 0 AND v IS NOT NULL) FROM t
;
SELECT reduce(arr, 0, (acc, x) -> acc + x, acc -> acc * 10) FROM t
;
SELECT a FROM t WHERE CASE WHEN b THEN c ELSE d END
;
SELECT a AS `select`, b AS from_col FROM t
;
SELECT 1 FROM t WHERE a = 'it''s'
;
SELECT "a \"quoted\" word", 'new\nline' FROM t
;
SELECT 9223372036854775807L, 32767S, 127Y, 1234567890123456789012345678901234567890BD
;
-- Statements written over several lines.
SELECT a,
       b,
       sum(c) AS total
FROM t
WHERE a > 1
GROUP BY a, b
HAVING sum(c) > 0
ORDER BY total DESC
LIMIT 10
;
WITH
  recent AS (
    SELECT * FROM events WHERE ts > current_timestamp - INTERVAL 7 DAYS
  ),
  counted AS (
    SELECT user_id, count(*) AS n FROM recent GROUP BY user_id
  )
SELECT u.name, c.n
FROM users u
JOIN counted c ON u.id = c.user_id
ORDER BY c.n DESC NULLS LAST
;
SELECT /*+ BROADCAST(d) */
  f.id, d.name
FROM facts f
  LEFT JOIN dims d
    ON f.dim_id = d.id
  LATERAL VIEW explode(f.tags) tg AS tag
WHERE tag <> ''
;
CREATE OR REPLACE TEMPORARY VIEW people (
  id BIGINT COMMENT 'the key',
  name STRING,
  born DATE
)
USING csv
OPTIONS (
  path '/data/people.csv',
  header 'true',
  'inferSchema' = 'false'
)
;
SELECT
  dept,
  name,
  salary,
  rank() OVER w AS r,
  sum(salary) OVER (PARTITION BY dept ORDER BY salary
                    ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS moving
FROM employees
WINDOW w AS (PARTITION BY dept ORDER BY salary DESC)
;
-- a comment before the statement
SELECT 1 -- and one after
;
/* a block comment
   over lines */
SELECT
  CASE
    WHEN x BETWEEN 1 AND 5 THEN 'low'
    WHEN x BETWEEN 6 AND 10 THEN 'mid'
    ELSE 'high'
  END AS bucket
FROM t
;
INSERT OVERWRITE TABLE sales PARTITION (dt = '2024-01-01')
SELECT id, amount
FROM staging
WHERE dt = '2024-01-01'
;
SELECT a, b, count(*)
FROM t
GROUP BY GROUPING SETS (
  (a, b),
  (a),
  ()
)
;
EXPLAIN EXTENDED
WITH x AS (SELECT 1 AS a)
SELECT a FROM x
;
SELECT	a,	b	FROM	t	WHERE	a	=	1
;
SELECT * FROM t1
UNION ALL
SELECT * FROM t2
INTERSECT
SELECT * FROM t3
EXCEPT
SELECT * FROM t4
;
SELECT 'multi
line string' AS s
;
