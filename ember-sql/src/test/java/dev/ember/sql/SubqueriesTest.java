package dev.ember.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SubqueriesTest {
    private static EmberSession session;

    @BeforeAll
    static void start() {
        session =
                EmberSession.builder().master("local[2]").appName("subqueries").getOrCreate();
        view("t", "SELECT * FROM VALUES (1, 10), (2, 20), (3, NULL), (NULL, 40) AS t(k, x)");
        view("u", "SELECT * FROM VALUES (1, 100), (1, 150), (2, 200), (4, 400), (NULL, 500) AS u(k, y)");
        view("w", "SELECT * FROM VALUES (100), (400), (999) AS w(v)");
    }

    @AfterAll
    static void stop() {
        session.stop();
    }

    private static void view(String name, String query) {
        session.sql(query).createOrReplaceTempView(name);
    }

    private static List<String> rows(String sql) {
        return session.sql(sql).collectAsList().stream().map(Row::toString).toList();
    }

    private static ErrorClass errorOf(String sql) {
        try {
            session.sql(sql).collectAsList();
        } catch (EmberException e) {
            return e.errorClass();
        }
        throw new AssertionError("expected a failure of " + sql);
    }

    @Test
    void correlatedExistsAndNotExists() {
        assertThat(rows("SELECT k FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.k = t.k)"))
                .containsExactlyInAnyOrder("[1]", "[2]");
        assertThat(rows("SELECT k FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.k = t.k)"))
                .containsExactlyInAnyOrder("[3]", "[null]");
        // A correlated predicate that is not an equality, with a local one beside it.
        assertThat(rows("SELECT k FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.y > t.x * 10 AND u.k IS NOT NULL)"))
                .containsExactlyInAnyOrder("[1]", "[2]");
    }

    @Test
    void uncorrelatedExists() {
        assertThat(rows("SELECT k FROM t WHERE EXISTS (SELECT 1 FROM u WHERE y > 450)"))
                .hasSize(4);
        assertThat(rows("SELECT k FROM t WHERE EXISTS (SELECT 1 FROM u WHERE y > 1000)"))
                .isEmpty();
        assertThat(rows("SELECT k FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE y > 1000) AND k < 3"))
                .containsExactlyInAnyOrder("[1]", "[2]");
        // Outside a WHERE conjunct it is computed once, before the query.
        assertThat(rows("SELECT k, EXISTS (SELECT 1 FROM u WHERE y > 450) OR k = 1 FROM t WHERE k <= 2"))
                .containsExactlyInAnyOrder("[1,true]", "[2,true]");
    }

    @Test
    void inSubquery() {
        assertThat(rows("SELECT k FROM t WHERE k IN (SELECT k FROM u)")).containsExactlyInAnyOrder("[1]", "[2]");
        assertThat(rows("SELECT k FROM t WHERE (k, x * 10) IN (SELECT k, y FROM u)"))
                .containsExactlyInAnyOrder("[1]", "[2]");
        // int against double: both compared as double.
        assertThat(rows("SELECT k FROM t WHERE k IN (SELECT y / 100 FROM u)")).containsExactlyInAnyOrder("[1]", "[2]");
        assertThat(rows("SELECT k FROM t WHERE k IN (SELECT k FROM u WHERE u.y = t.x * 10)"))
                .containsExactlyInAnyOrder("[1]", "[2]");
    }

    @Test
    void notInIsNullAware() {
        // u.k holds a null: k NOT IN (...) is never true.
        assertThat(rows("SELECT k FROM t WHERE k NOT IN (SELECT k FROM u)")).isEmpty();
        // Without the null: 3 is in no row; a null k is unknown, so dropped.
        assertThat(rows("SELECT k FROM t WHERE k NOT IN (SELECT k FROM u WHERE k IS NOT NULL)"))
                .containsExactly("[3]");
        // NOT IN an empty set is true, even for a null value.
        assertThat(rows("SELECT k FROM t WHERE k NOT IN (SELECT k FROM u WHERE y > 1000)"))
                .containsExactlyInAnyOrder("[1]", "[2]", "[3]", "[null]");
        // Correlated: per row, the set is u's rows of the same k.
        assertThat(rows("SELECT k FROM t WHERE x * 10 NOT IN (SELECT y FROM u WHERE u.k = t.k)"))
                .containsExactlyInAnyOrder("[3]", "[null]");
        assertThat(rows("SELECT k FROM t WHERE x * 10 + 50 NOT IN (SELECT y FROM u WHERE u.k = t.k)"))
                .containsExactlyInAnyOrder("[2]", "[3]", "[null]");
        // Multi-column: (3, null) = (1, 10) is false (3 <> 1), so the null does not matter there...
        assertThat(rows("SELECT k FROM t WHERE (k, x) NOT IN (SELECT k, 10 FROM u WHERE k IS NOT NULL)"))
                .containsExactlyInAnyOrder("[2]", "[3]", "[null]");
        // ... but (3, null) = (3, 10) is unknown, and that drops the row.
        assertThat(rows("SELECT k FROM t WHERE (k, x) NOT IN (SELECT k + 2, 10 FROM u WHERE k IS NOT NULL)"))
                .containsExactlyInAnyOrder("[1]", "[2]", "[null]");
    }

    @Test
    void uncorrelatedScalarSubqueries() {
        assertThat(rows("SELECT k FROM t WHERE x > (SELECT min(y) FROM u) / 10"))
                .containsExactlyInAnyOrder("[2]", "[null]");
        assertThat(rows("SELECT k, (SELECT max(y) FROM u) AS m FROM t WHERE k = 1"))
                .containsExactly("[1,500]");
        assertThat(rows("SELECT (SELECT y FROM u WHERE y > 1000) FROM t WHERE k = 1"))
                .containsExactly("[null]");
        assertThat(rows("SELECT (SELECT y FROM u WHERE y = 200) + (SELECT y FROM u WHERE y = 200) FROM t WHERE k = 1"))
                .containsExactly("[400]");
    }

    @Test
    void scalarSubqueryWithMoreThanOneRowFails() {
        assertThatThrownBy(() -> rows("SELECT k, (SELECT y FROM u) FROM t"))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("More than one row returned by a subquery used as an expression");
    }

    @Test
    void scalarSubqueryWithTwoColumnsFails() {
        assertThatThrownBy(() -> rows("SELECT (SELECT k, y FROM u WHERE y = 200) FROM t"))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("exactly one column")
                .hasMessageContaining("returns 2");
    }

    @Test
    void correlatedScalarAggregates() {
        assertThat(rows("SELECT k FROM t WHERE x * 10 < (SELECT max(y) FROM u WHERE u.k = t.k)"))
                .containsExactly("[1]");
        assertThat(rows("SELECT k, (SELECT sum(y) FROM u WHERE u.k = t.k) FROM t"))
                .containsExactlyInAnyOrder("[1,250]", "[2,200]", "[3,null]", "[null,null]");
    }

    @Test
    void countOverNoMatchingRowsIsZero() {
        assertThat(rows("SELECT k, (SELECT count(*) FROM u WHERE u.k = t.k) AS c FROM t"))
                .containsExactlyInAnyOrder("[1,2]", "[2,1]", "[3,0]", "[null,0]");
        assertThat(rows("SELECT k FROM t WHERE (SELECT count(*) FROM u WHERE u.k = t.k) = 0"))
                .containsExactlyInAnyOrder("[3]", "[null]");
        assertThat(rows("SELECT k, (SELECT coalesce(sum(y), 0) + count(y) FROM u WHERE u.k = t.k) FROM t"))
                .containsExactlyInAnyOrder("[1,252]", "[2,201]", "[3,0]", "[null,0]");
    }

    @Test
    void subqueriesInHaving() {
        assertThat(
                        rows(
                                "SELECT k, sum(x) FROM t GROUP BY k HAVING sum(x) * 10 < (SELECT max(y) FROM u WHERE u.k = t.k)"))
                .containsExactly("[1,10]");
        assertThat(rows("SELECT k, sum(x) FROM t GROUP BY k HAVING sum(x) > (SELECT avg(x) FROM t)"))
                .containsExactly("[null,40]");
        assertThat(rows("SELECT k, count(*) FROM t GROUP BY k HAVING EXISTS (SELECT 1 FROM u WHERE u.k = t.k)"))
                .containsExactlyInAnyOrder("[1,1]", "[2,1]");
    }

    @Test
    void nestedSubqueries() {
        assertThat(rows("SELECT k FROM t WHERE k IN (SELECT k FROM u WHERE EXISTS (SELECT 1 FROM w WHERE w.v = u.y))"))
                .containsExactly("[1]");
        assertThat(rows("SELECT k FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.k = t.k AND u.y IN (SELECT v FROM w))"))
                .containsExactly("[1]");
        assertThat(rows("SELECT k FROM t WHERE x < (SELECT max(y) FROM u WHERE y < (SELECT max(v) FROM w)) / 10"))
                .containsExactlyInAnyOrder("[1]", "[2]", "[null]");
    }

    @Test
    void subqueriesSeeTheNamesOfWith() {
        assertThat(rows("WITH big AS (SELECT k FROM u WHERE y >= 200) SELECT k FROM t WHERE k IN (SELECT k FROM big)"))
                .containsExactly("[2]");
    }

    @Test
    void negatedInsideAnOrAnInKeepsItsUnknownAndAnExistsHasNone() {
        // u.k holds a null: k IN u is unknown for k = 3 and for a null k, and so is its negation.
        assertThat(rows("SELECT k FROM t WHERE k = 1 OR NOT (k IN (SELECT k FROM u))"))
                .containsExactly("[1]");
        assertThat(rows("SELECT k FROM t WHERE k = 1 OR NOT EXISTS (SELECT 1 FROM u WHERE u.k = t.k)"))
                .containsExactlyInAnyOrder("[1]", "[3]", "[null]");
        assertThat(rows("SELECT k, k IN (SELECT k FROM u WHERE u.k IS NOT NULL) AS f FROM t ORDER BY k"))
                .containsExactly("[null,null]", "[1,true]", "[2,true]", "[3,false]");
    }

    @Test
    void scalarSubqueriesCorrelatedByInequalities() {
        // u.k: 1, 1, 2, 4, null. Nulls of t.k get the value for no rows, unless the correlation matches them.
        assertThat(rows("SELECT k, (SELECT count(*) FROM u WHERE u.k < t.k) AS c FROM t ORDER BY k"))
                .containsExactly("[null,0]", "[1,0]", "[2,2]", "[3,3]");
        assertThat(rows("SELECT k, (SELECT max(y) FROM u WHERE u.k <= t.k AND u.y < 180) AS m FROM t ORDER BY k"))
                .containsExactly("[null,null]", "[1,150]", "[2,150]", "[3,150]");
        assertThat(rows("SELECT k, (SELECT count(*) FROM u WHERE u.k < coalesce(t.k, 3)) AS c FROM t ORDER BY k"))
                .containsExactly("[null,3]", "[1,0]", "[2,2]", "[3,3]");
        assertThat(rows("SELECT k FROM t WHERE x < (SELECT min(y) FROM u WHERE u.k >= t.k) ORDER BY k"))
                .containsExactly("[1]", "[2]");
        // The outer values are read by running the outer input again: a nondeterministic one is refused.
        assertThat(errorOf("SELECT r, (SELECT count(*) FROM u WHERE u.k < o.r) FROM (SELECT rand() * 5 AS r FROM t) o"))
                .isEqualTo(ErrorClass.UNSUPPORTED_FEATURE);
    }

    @Test
    void unsupportedShapesFailClearly() {
        // Correlated by an inequality without aggregating: t.k = 2 and 3 see two rows of u each.
        assertThatThrownBy(() -> rows("SELECT (SELECT y FROM u WHERE u.k < t.k) FROM t"))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("More than one row returned by a subquery used as an expression");
        // A correlated IN whose correlation sits below the subquery's aggregation.
        assertThat(errorOf("SELECT k, x IN (SELECT max(y) FROM u WHERE u.k = t.k) FROM t"))
                .isEqualTo(ErrorClass.UNSUPPORTED_FEATURE);
        // Two levels out.
        assertThat(
                        errorOf(
                                "SELECT k FROM t WHERE EXISTS (SELECT 1 FROM u WHERE EXISTS (SELECT 1 FROM w WHERE w.v = t.x))"))
                .isEqualTo(ErrorClass.UNSUPPORTED_FEATURE);
    }

    @Test
    void unknownColumnInSubquery() {
        assertThatThrownBy(() -> rows("SELECT k FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.nope = t.k)"))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("nope")
                .satisfies(e -> assertThat(((EmberException) e).errorClass()).isEqualTo(ErrorClass.UNRESOLVED_COLUMN));
    }

    // TPC-H shapes, on tables of a few hand-made rows; the expected rows are computed by hand in the comments.

    @Test
    void tpchQ4ExistsCountsEachOrderOnce() {
        view(
                "orders",
                "SELECT * FROM VALUES (1, DATE '1993-07-05', '1-URGENT'), (2, DATE '1993-08-01', '1-URGENT'),"
                        + " (3, DATE '1993-09-10', '2-HIGH'), (4, DATE '1993-11-01', '1-URGENT'),"
                        + " (5, DATE '1993-07-20', '3-MEDIUM') AS orders(o_orderkey, o_orderdate, o_orderpriority)");
        // Late lines (commit < receipt): order 1 (one of two), order 3 (both), order 4 (out of range), order 5.
        view(
                "lineitem",
                "SELECT * FROM VALUES (1, DATE '1993-07-10', DATE '1993-07-12'),"
                        + " (1, DATE '1993-07-10', DATE '1993-07-09'), (2, DATE '1993-08-10', DATE '1993-08-05'),"
                        + " (3, DATE '1993-09-15', DATE '1993-09-20'), (3, DATE '1993-09-15', DATE '1993-09-25'),"
                        + " (4, DATE '1993-11-05', DATE '1993-11-10'), (5, DATE '1993-07-25', DATE '1993-07-30')"
                        + " AS lineitem(l_orderkey, l_commitdate, l_receiptdate)");
        assertThat(rows("SELECT o_orderpriority, count(*) AS order_count FROM orders"
                        + " WHERE o_orderdate >= DATE '1993-07-01' AND o_orderdate < DATE '1993-10-01'"
                        + " AND EXISTS (SELECT * FROM lineitem WHERE l_orderkey = o_orderkey"
                        + " AND l_commitdate < l_receiptdate)"
                        + " GROUP BY o_orderpriority ORDER BY o_orderpriority"))
                .containsExactly("[1-URGENT,1]", "[2-HIGH,1]", "[3-MEDIUM,1]");
    }

    @Test
    void tpchQ17CorrelatedAverage() {
        view(
                "part",
                "SELECT * FROM VALUES (10, 'Brand#23', 'MED BOX'), (20, 'Brand#23', 'LG BOX'),"
                        + " (30, 'Brand#11', 'MED BOX'), (40, 'Brand#23', 'MED BOX') AS part(p_partkey, p_brand, p_container)");
        // Part 10: average quantity 10, so lines under 2 count (the one of price 100). Part 40: average 5, none
        // under 1. Parts 20 and 30 are not selected.
        view(
                "lineitem",
                "SELECT * FROM VALUES (10, 1, 100), (10, 10, 1000), (10, 19, 1900), (20, 1, 50), (30, 1, 70),"
                        + " (40, 5, 500), (40, 5, 600) AS lineitem(l_partkey, l_quantity, l_extendedprice)");
        assertThat(rows("SELECT sum(l_extendedprice) / 7 AS avg_yearly FROM lineitem, part"
                        + " WHERE p_partkey = l_partkey AND p_brand = 'Brand#23' AND p_container = 'MED BOX'"
                        + " AND l_quantity < (SELECT 0.2 * avg(l_quantity) FROM lineitem WHERE l_partkey = p_partkey)"))
                .containsExactly("[" + (100 / 7.0) + "]");
    }

    @Test
    void tpchQ20NestedInWithCorrelatedSum() {
        view("nation", "SELECT * FROM VALUES (1, 'CANADA'), (2, 'FRANCE') AS nation(n_nationkey, n_name)");
        view(
                "supplier",
                "SELECT * FROM VALUES (100, 'S100', 1), (200, 'S200', 1), (300, 'S300', 2), (400, 'S400', 1)"
                        + " AS supplier(s_suppkey, s_name, s_nationkey)");
        view(
                "part",
                "SELECT * FROM VALUES (10, 'forest green'), (20, 'forest blue'), (30, 'red')"
                        + " AS part(p_partkey, p_name)");
        // (10, 100): 50 > 0.5 * 60. (10, 200): 10 <= 0.5 * 40. (20, 200): no 1994 lines, so null, not kept.
        // (20, 300): kept, but France. (20, 400): 30 > 0.5 * 20 (the 1995 line does not count). (30, 400): not forest.
        view(
                "partsupp",
                "SELECT * FROM VALUES (10, 100, 50), (10, 200, 10), (20, 200, 5), (20, 300, 100),"
                        + " (20, 400, 30), (30, 400, 999) AS partsupp(ps_partkey, ps_suppkey, ps_availqty)");
        view(
                "lineitem",
                "SELECT * FROM VALUES (10, 100, 60, DATE '1994-03-01'), (10, 200, 40, DATE '1994-05-01'),"
                        + " (20, 300, 10, DATE '1994-02-01'), (20, 400, 20, DATE '1994-06-01'),"
                        + " (20, 400, 100, DATE '1995-02-01'), (10, 100, 1000, DATE '1993-12-31')"
                        + " AS lineitem(l_partkey, l_suppkey, l_quantity, l_shipdate)");
        assertThat(rows("SELECT s_name FROM supplier, nation WHERE s_suppkey IN ("
                        + " SELECT ps_suppkey FROM partsupp"
                        + " WHERE ps_partkey IN (SELECT p_partkey FROM part WHERE p_name LIKE 'forest%')"
                        + " AND ps_availqty > (SELECT 0.5 * sum(l_quantity) FROM lineitem"
                        + " WHERE l_partkey = ps_partkey AND l_suppkey = ps_suppkey"
                        + " AND l_shipdate >= DATE '1994-01-01' AND l_shipdate < DATE '1995-01-01'))"
                        + " AND s_nationkey = n_nationkey AND n_name = 'CANADA' ORDER BY s_name"))
                .containsExactly("[S100]", "[S400]");
    }

    @Test
    void tpchQ21ExistsAndNotExistsOnTheSameTable() {
        view("nation", "SELECT * FROM VALUES (1, 'SAUDI ARABIA'), (2, 'PERU') AS nation(n_nationkey, n_name)");
        view(
                "supplier",
                "SELECT * FROM VALUES (100, 'S100', 1), (200, 'S200', 1), (300, 'S300', 2)"
                        + " AS supplier(s_suppkey, s_name, s_nationkey)");
        view(
                "orders",
                "SELECT * FROM VALUES (1, 'F'), (2, 'F'), (3, 'O'), (4, 'F'), (5, 'F'), (6, 'F')"
                        + " AS orders(o_orderkey, o_orderstatus)");
        // late: receipt after commit. Order 1: S100 the only late one of two suppliers (counts). Order 2: both late
        // (neither counts). Order 3: not F. Order 4: S200 late, S300 on time (S200 counts). Order 5: one supplier only.
        // Order 6: S100 late, S300 on time (counts).
        String late = "DATE '1995-01-10', DATE '1995-01-15'";
        String onTime = "DATE '1995-01-10', DATE '1995-01-05'";
        view(
                "lineitem",
                "SELECT * FROM VALUES (1, 100, " + late + "), (1, 200, " + onTime + "),"
                        + " (2, 100, " + late + "), (2, 200, " + late + "), (3, 200, " + late + "), (3, 100, " + onTime
                        + "),"
                        + " (4, 200, " + late + "), (4, 300, " + onTime + "), (4, 200, " + onTime + "),"
                        + " (5, 100, " + late + "), (6, 100, " + late + "), (6, 300, " + onTime + ")"
                        + " AS lineitem(l_orderkey, l_suppkey, l_commitdate, l_receiptdate)");
        assertThat(rows("SELECT s_name, count(*) AS numwait FROM supplier, lineitem l1, orders, nation"
                        + " WHERE s_suppkey = l1.l_suppkey AND o_orderkey = l1.l_orderkey AND o_orderstatus = 'F'"
                        + " AND l1.l_receiptdate > l1.l_commitdate"
                        + " AND EXISTS (SELECT * FROM lineitem l2 WHERE l2.l_orderkey = l1.l_orderkey"
                        + " AND l2.l_suppkey <> l1.l_suppkey)"
                        + " AND NOT EXISTS (SELECT * FROM lineitem l3 WHERE l3.l_orderkey = l1.l_orderkey"
                        + " AND l3.l_suppkey <> l1.l_suppkey AND l3.l_receiptdate > l3.l_commitdate)"
                        + " AND s_nationkey = n_nationkey AND n_name = 'SAUDI ARABIA'"
                        + " GROUP BY s_name ORDER BY numwait DESC, s_name"))
                .containsExactly("[S100,2]", "[S200,1]");
    }

    @Test
    void tpchQ22UncorrelatedAverageAndNotExists() {
        // Average of the positive balances with the codes: (100 + 500 + 700 + 800 + 600 + 900) / 6 = 600; above it:
        // 3 (700), 6 (800, has an order), 8 (900). Customer 5's code is not wanted, 4's balance is negative.
        view(
                "customer",
                "SELECT * FROM VALUES (1, '13-111', 100), (2, '13-222', 500), (3, '31-333', 700),"
                        + " (4, '23-444', -50), (5, '99-555', 9000), (6, '31-666', 800), (7, '23-777', 600),"
                        + " (8, '23-888', 900) AS customer(c_custkey, c_phone, c_acctbal)");
        view("orders", "SELECT * FROM VALUES (1, 6), (2, 1) AS orders(o_orderkey, o_custkey)");
        assertThat(rows("SELECT cntrycode, count(*) AS numcust, sum(c_acctbal) AS totacctbal FROM ("
                        + " SELECT substring(c_phone, 1, 2) AS cntrycode, c_acctbal FROM customer"
                        + " WHERE substring(c_phone, 1, 2) IN ('13', '31', '23')"
                        + " AND c_acctbal > (SELECT avg(c_acctbal) FROM customer WHERE c_acctbal > 0.00"
                        + " AND substring(c_phone, 1, 2) IN ('13', '31', '23'))"
                        + " AND NOT EXISTS (SELECT * FROM orders WHERE o_custkey = c_custkey)) AS custsale"
                        + " GROUP BY cntrycode ORDER BY cntrycode"))
                .containsExactly("[23,1,900]", "[31,1,700]");
    }
}
