-- Higher-order functions: lambdas over arrays and maps, their null handling, scoping and errors.
CREATE OR REPLACE TEMPORARY VIEW nested AS SELECT * FROM VALUES
  (1, array(1, 2, 3), map('a', 1, 'b', 2)),
  (2, array(4, NULL, 6), map('c', 3)),
  (3, CAST(NULL AS ARRAY<INT>), CAST(NULL AS MAP<STRING, INT>)),
  (4, array(), map())
  AS nested(id, xs, m);

SELECT id, transform(xs, x -> x * 10) AS t FROM nested ORDER BY id;
SELECT id, transform(xs, (x, i) -> x + i) AS t FROM nested ORDER BY id;
SELECT id, transform(xs, x -> x + id) AS t FROM nested ORDER BY id;
SELECT id, filter(xs, x -> x > 1) AS f FROM nested ORDER BY id;
SELECT id, filter(xs, (x, i) -> i % 2 = 0) AS f FROM nested ORDER BY id;
SELECT id, exists(xs, x -> x > 5) AS e, forall(xs, x -> x > 0) AS a FROM nested ORDER BY id;
SELECT exists(array(1, NULL), x -> x > 1), exists(array(2, NULL), x -> x > 1), forall(array(1, NULL), x -> x > 0);
SELECT forall(array(0, NULL), x -> x > 0), exists(array(), x -> x > 0), forall(array(), x -> x > 0);
SELECT id, aggregate(xs, 0, (acc, x) -> acc + coalesce(x, 0)) AS total FROM nested ORDER BY id;
SELECT aggregate(array(1, 2, 3), 0, (acc, x) -> acc + x, acc -> acc * 10) AS finished;
SELECT reduce(array(1.5D, 2.5D), 0D, (acc, x) -> acc + x) AS r;
SELECT aggregate(array('a', 'b', 'c'), '', (acc, x) -> concat(acc, x)) AS joined;
SELECT aggregate(array(1, 2), CAST(NULL AS INT), (acc, x) -> acc + x) AS null_start;
SELECT zip_with(array(1, 2, 3), array(10, 20, 30), (x, y) -> x + y) AS sums;
SELECT zip_with(array(1, 2), array('a'), (x, y) -> concat(CAST(x AS STRING), coalesce(y, '?'))) AS ragged;
SELECT id, map_filter(m, (k, v) -> v > 1) AS mf FROM nested ORDER BY id;
SELECT id, transform_values(m, (k, v) -> v * 100) AS tv FROM nested ORDER BY id;
SELECT id, transform_keys(m, (k, v) -> upper(k)) AS tk FROM nested ORDER BY id;
SELECT array_sort(array(3, 1, NULL, 2), (l, r) -> CASE WHEN l IS NULL THEN -1 WHEN r IS NULL THEN 1 WHEN l < r THEN 1 WHEN l > r THEN -1 ELSE 0 END) AS nulls_first_desc;
SELECT array_sort(array('bb', 'a', 'ccc'), (l, r) -> length(l) - length(r)) AS by_length;
SELECT transform(array(array(1, 2), array(3)), a -> transform(a, x -> x * 2)) AS nested_lambdas;
SELECT transform(array(1, 2), x -> transform(array(10, 20), y -> x + y)) AS outer_parameter;
SELECT transform(array(1, 2), x -> transform(array(3), x -> x)) AS shadowed;
SELECT size(filter(sequence(1, 100), x -> x % 7 = 0)) AS sevens;
SELECT transform(array(named_struct('a', 1, 'b', 'x')), s -> s.b) AS fields;
SELECT array(named_struct('a', 1, 'b', 'x'))[0].b AS element_field, named_struct('a', 1, 'b', 'y').B AS any_case;
SELECT transform(array(1), s -> s.b);
SELECT array(named_struct('a', 1))[0].c;
SELECT filter(array(1, 2), x -> x + 1);
SELECT aggregate(array(1L, 2L), 0, (acc, x) -> acc + x);
SELECT transform(array(1), (x, i, j) -> x);
SELECT upper(x -> x);
SELECT transform_keys(map(1, 'a', 2, 'b'), (k, v) -> 0);
SELECT transform(1, x -> x);
