-- IN, BETWEEN, LIKE, RLIKE, EXISTS-free predicates.
CREATE OR REPLACE TEMPORARY VIEW items AS SELECT * FROM VALUES
  (1, 'apple', 1.20), (2, 'banana', 0.50), (3, 'cherry', 3.00), (4, 'date', NULL), (5, 'Apricot', 2.75), (6, '100%', 9.99), (7, 'a_b', 1.00)
  AS items(id, name, price);

SELECT id FROM items WHERE id IN (1, 3, 5);
SELECT id FROM items WHERE id NOT IN (1, 3, 5);
SELECT id FROM items WHERE name IN ('apple', 'date', 'zzz');
SELECT id FROM items WHERE price IN (1.2, 3);
SELECT id FROM items WHERE price NOT IN (1.2, 3);
SELECT id FROM items WHERE id IN (1, NULL);
SELECT 1 IN (1, NULL), 2 IN (1, NULL), 2 NOT IN (1, NULL), NULL IN (1, 2), 1 IN (1);
SELECT 1 IN ('1', 2), 'a' IN ('a', 'b');
SELECT id FROM items WHERE price BETWEEN 1 AND 3;
SELECT id FROM items WHERE price NOT BETWEEN 1 AND 3;
SELECT id FROM items WHERE id BETWEEN 5 AND 2;
SELECT id FROM items WHERE name BETWEEN 'b' AND 'd';
SELECT id FROM items WHERE name LIKE 'a%';
SELECT id FROM items WHERE name LIKE '%an%';
SELECT id FROM items WHERE name LIKE '_____';
SELECT id FROM items WHERE name NOT LIKE '%a%';
SELECT id FROM items WHERE name ILIKE 'a%';
SELECT id FROM items WHERE name LIKE '%\\%';
SELECT id FROM items WHERE name LIKE 'a\\_b';
SELECT id FROM items WHERE name LIKE 'a/_b' ESCAPE '/';
SELECT id FROM items WHERE name LIKE 'a_b';
SELECT id FROM items WHERE name RLIKE '^[a-c]';
SELECT id FROM items WHERE name RLIKE 'rr|pp';
SELECT id FROM items WHERE name LIKE ANY ('a%', '%y');
SELECT id FROM items WHERE name LIKE ALL ('a%', '%e');
SELECT id FROM items WHERE name NOT LIKE ALL ('a%', '%e');
SELECT 'abc' LIKE 'abc', 'abc' LIKE 'ab', 'ABC' LIKE 'abc', '' LIKE '%', NULL LIKE 'a';
SELECT 'a\nb' LIKE 'a%b' AS multiline;
SELECT id, price IS NULL AS missing FROM items WHERE id > 3;
SELECT id FROM items WHERE (id > 2 AND price < 3) OR name = 'apple';
SELECT id FROM items WHERE id > 2 AND (price < 3 OR name = 'apple');
SELECT id FROM items WHERE price IS DISTINCT FROM 1.00;
SELECT id FROM items WHERE price IS NOT DISTINCT FROM NULL;
SELECT 1 IS DISTINCT FROM NULL, NULL IS NOT DISTINCT FROM NULL;
SELECT true IS TRUE, NULL IS TRUE, NULL IS NOT FALSE, false IS FALSE;
SELECT id FROM items WHERE (price > 2) IS NOT TRUE;
