-- LATERAL VIEW and generators: explode, posexplode, inline, stack.
CREATE OR REPLACE TEMPORARY VIEW docs0 AS SELECT * FROM VALUES
  (1, 'a,b', 'x', '1'), (2, 'c', 'y,z', '2,3'), (3, '', '', ''), (4, NULL, NULL, NULL)
  AS docs0(id, t, k, v);
CREATE OR REPLACE TEMPORARY VIEW docs AS SELECT id, array_remove(split(t, ','), '') AS tags,
  map_from_arrays(array_remove(split(k, ','), ''), array_remove(split(v, ','), '')) AS props
  FROM docs0;
SELECT id, tag FROM docs LATERAL VIEW explode(tags) t AS tag ORDER BY id, tag;
SELECT id, tag FROM docs LATERAL VIEW OUTER explode(tags) t AS tag ORDER BY id, tag;
SELECT id, pos, tag FROM docs LATERAL VIEW posexplode(tags) t AS pos, tag ORDER BY id, pos;
SELECT id, k, v FROM docs LATERAL VIEW explode(props) p AS k, v ORDER BY id, k;
SELECT explode(array(1, 2, 3)) AS n;
SELECT explode(map('a', 1, 'b', 2));
SELECT posexplode(array('x', 'y'));
SELECT tag, count(*) AS n FROM docs LATERAL VIEW explode(tags) t AS tag GROUP BY tag ORDER BY tag;
SELECT id, a, b FROM docs LATERAL VIEW explode(array(1, 2)) x AS a LATERAL VIEW explode(array(10)) y AS b WHERE id = 1 ORDER BY a;
SELECT inline(array(named_struct('p', 1, 'q', 'one'), named_struct('p', 2, 'q', 'two')));
SELECT explode_outer(tags) AS tag FROM docs WHERE id >= 3;
SELECT stack(2, 'a', 1, 'b', 2);
SELECT count(*) AS n FROM docs LATERAL VIEW explode(sequence(1, id)) s AS k;
