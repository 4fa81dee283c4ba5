-- TPC-H Q15 as the specification writes it: a view, the query over it, the drop of the view (entries separated by
-- lines holding only ';'). The 22 queries themselves are the benchmark's, ember-bench/src/main/resources/tpch/, where
-- Q15's view is a common table expression.

-- Q15 (the view)
create view revenue0 (supplier_no, total_revenue) as
	select
		l_suppkey,
		sum(l_extendedprice * (1 - l_discount))
	from
		lineitem
	where
		l_shipdate >= date '1996-01-01'
		and l_shipdate < date '1996-01-01' + interval '3' month
	group by
		l_suppkey
;
-- Q15 (the query)
select
	s_suppkey,
	s_name,
	s_address,
	s_phone,
	total_revenue
from
	supplier,
	revenue0
where
	s_suppkey = supplier_no
	and total_revenue = (
		select
			max(total_revenue)
		from
			revenue0
	)
order by
	s_suppkey
;
-- Q15 (dropping the view)
drop view revenue0
;
