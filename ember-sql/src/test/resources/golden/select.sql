-- Projection, aliases, star, WHERE, DISTINCT and simple expressions over inline data.
CREATE OR REPLACE TEMPORARY VIEW people AS SELECT * FROM VALUES
  (1, 'alice', 34, 'NL'),
  (2, 'bob', 27, 'DE'),
  (3, 'carol', NULL, 'NL'),
  (4, 'dave', 45, NULL),
  (5, 'eve', 27, 'FR')
  AS people(id, name, age, country);

SELECT * FROM people;
SELECT id, name FROM people WHERE age > 30;
SELECT name AS n, age + 1 AS next_age FROM people ORDER BY id;
SELECT p.name FROM people p WHERE p.country = 'NL' ORDER BY p.name DESC;
SELECT DISTINCT age FROM people;
SELECT DISTINCT country, age FROM people WHERE age IS NOT NULL;
SELECT 1 + 2, NULL;
SELECT `name` FROM people WHERE id = 1;
SELECT people.* FROM people WHERE id < 3;
SELECT upper(name), length(name) FROM people ORDER BY 2, 1;
SELECT count(*) AS n FROM people;
SELECT * FROM people WHERE country IS NULL OR age IS NULL;
SELECT id FROM people WHERE NOT (age > 30);
SELECT id, name FROM people WHERE age = 27 AND country <> 'DE';
SELECT name FROM people WHERE true;
SELECT name FROM people WHERE false;
SELECT name FROM people WHERE NULL;
SELECT id * 10 + age AS score FROM people WHERE age IS NOT NULL ORDER BY score;
SELECT name, age FROM people WHERE age BETWEEN 27 AND 34 ORDER BY name;
SELECT x.id, x.name FROM (SELECT id, name FROM people WHERE id > 2) x WHERE x.id < 5;
SELECT id FROM people WHERE name = 'ALICE';
SELECT id FROM people WHERE lower(name) = 'alice';
SELECT * FROM (SELECT 1 AS a, 2 AS b) t;
SELECT a + b AS c FROM (SELECT 1 AS a, 2 AS b);
SELECT DISTINCT country FROM people WHERE country IS NOT NULL ORDER BY country;
SELECT name, -age AS neg FROM people WHERE age IS NOT NULL ORDER BY id;
SELECT id, name FROM people p WHERE p.id IN (1, 3, 5);
-- !plan
SELECT id, name FROM people;
