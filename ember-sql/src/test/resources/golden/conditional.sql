-- CASE and the conditional functions.
CREATE OR REPLACE TEMPORARY VIEW scores AS SELECT * FROM VALUES
  ('ann', 91), ('ben', 78), ('cid', 55), ('dot', NULL), ('eli', 100)
  AS scores(name, score);

SELECT name, CASE WHEN score >= 90 THEN 'A' WHEN score >= 75 THEN 'B' ELSE 'C' END AS grade FROM scores;
SELECT name, CASE WHEN score >= 90 THEN 'A' WHEN score >= 75 THEN 'B' END AS grade FROM scores;
SELECT name, CASE score WHEN 100 THEN 'perfect' WHEN 55 THEN 'low' ELSE 'other' END AS label FROM scores;
SELECT CASE NULL WHEN NULL THEN 'matched' ELSE 'no match' END;
SELECT if(score > 80, 'high', 'low') AS lvl FROM scores;
SELECT iff(1 < 2, 'yes', 'no'), if(NULL, 1, 2);
SELECT nullif(score, 100) AS s FROM scores;
SELECT nvl(score, 0) + 1 AS s, nvl2(score, 'y', 'n') AS has FROM scores;
SELECT ifnull(NULL, 'fallback');
SELECT name FROM scores WHERE CASE WHEN score IS NULL THEN false ELSE score > 60 END;
SELECT sum(CASE WHEN score >= 75 THEN 1 ELSE 0 END) AS passed, sum(CASE WHEN score < 75 THEN 1 ELSE 0 END) AS failed FROM scores;
SELECT CASE WHEN score > 90 THEN 'top' ELSE 'rest' END AS bucket, count(*) AS cnt FROM scores GROUP BY 1;
SELECT CASE 1 WHEN 1.0 THEN 'num' ELSE 'no' END;
SELECT CASE WHEN 1 = 1 THEN NULL ELSE 'a' END AS v, typeof(CASE WHEN 1 = 1 THEN NULL ELSE 'a' END) AS t;
SELECT CASE WHEN score IS NULL THEN 1 / 0 ELSE score END FROM scores WHERE score IS NOT NULL;
SELECT if(true, 1, 1 / 0);
SELECT coalesce(1, 1 / 0);
SELECT CASE WHEN false THEN 1 / 0 ELSE 7 END;
SELECT assert_true(1 < 2);
SELECT assert_true(1 > 2);
SELECT raise_error('custom failure');
SELECT name, CASE WHEN name LIKE 'a%' OR name LIKE 'e%' THEN 'vowel' ELSE 'consonant' END AS k FROM scores ORDER BY name;
SELECT CASE WHEN score BETWEEN 50 AND 60 THEN 'edge' WHEN score IN (78, 91) THEN 'listed' ELSE 'else' END AS c FROM scores;
SELECT CASE WHEN 1 > 2 THEN 1 WHEN 2 > 1 THEN 2.5 END AS v;
