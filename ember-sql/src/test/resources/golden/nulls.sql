-- Null semantics: three-valued logic, null-safe equality, nulls through functions and aggregates.
CREATE OR REPLACE TEMPORARY VIEW n AS SELECT * FROM VALUES
  (1, 10, 'x'), (2, NULL, 'y'), (3, 30, NULL), (NULL, 40, 'z'), (NULL, NULL, NULL)
  AS n(a, b, c);

SELECT NULL = NULL, NULL <> 1, NULL < 1, NULL <=> NULL, 1 <=> NULL, 1 <=> 1;
SELECT NULL AND true, NULL AND false, NULL OR true, NULL OR false, NOT NULL;
SELECT true AND false, true OR false, NOT true;
SELECT a, b, a + b FROM n;
SELECT a FROM n WHERE a = NULL;
SELECT a FROM n WHERE a IS NULL;
SELECT a, b FROM n WHERE a <=> b;
SELECT count(*) AS all_rows, count(a) AS a_rows, count(b) AS b_rows, count(c) AS c_rows FROM n;
SELECT sum(a), avg(a), min(a), max(a) FROM n;
SELECT sum(a) FROM n WHERE a IS NULL;
SELECT count(a) AS cnt FROM n WHERE a IS NULL;
SELECT coalesce(a, b, -1) AS v FROM n;
SELECT nvl(c, 'none') AS c FROM n;
SELECT ifnull(a, 0) + ifnull(b, 0) AS s FROM n;
SELECT nullif(a, 1) AS v FROM n;
SELECT isnull(a), isnotnull(a) FROM n;
SELECT concat(c, '!') AS v FROM n;
SELECT concat_ws('-', c, 'k') AS v FROM n;
SELECT upper(c), length(c) FROM n;
SELECT a FROM n WHERE NOT (a = 1);
SELECT a FROM n WHERE a IN (1, NULL);
SELECT a FROM n WHERE a NOT IN (1, NULL);
SELECT a FROM n WHERE a NOT IN (1, 2);
SELECT CASE WHEN a IS NULL THEN 'null' WHEN a > 1 THEN 'big' ELSE 'small' END AS k FROM n;
SELECT a, count(*) AS cnt FROM n GROUP BY a;
SELECT DISTINCT c FROM n;
SELECT a FROM n ORDER BY a;
SELECT a FROM n ORDER BY a DESC;
SELECT nvl2(a, 'has', 'none') AS v FROM n;
SELECT equal_null(a, b) AS v FROM n;
SELECT max(c), min(c) FROM n;
SELECT sum(CAST(NULL AS INT)) AS s, count(NULL) AS c, avg(CAST(NULL AS DOUBLE)) AS a;
SELECT NULL + 1, NULL * 2, -CAST(NULL AS INT), abs(CAST(NULL AS INT));
SELECT typeof(NULL + 1), typeof(coalesce(NULL, 'a'));
SELECT a FROM n WHERE b > 15 OR c = 'x';
SELECT a FROM n WHERE NOT (b > 15 OR c = 'x');
