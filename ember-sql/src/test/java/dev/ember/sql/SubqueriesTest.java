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
    void unsupportedShapesFailClearly() {
        assertThat(errorOf("SELECT (SELECT y FROM u WHERE u.k = t.k) FROM t"))
                .isEqualTo(ErrorClass.UNSUPPORTED_FEATURE);
        assertThat(errorOf("SELECT k FROM t WHERE k = 1 OR k IN (SELECT k FROM u)"))
                .isEqualTo(ErrorClass.UNSUPPORTED_FEATURE);
        assertThat(errorOf("SELECT k FROM t WHERE k = 1 OR EXISTS (SELECT 1 FROM u WHERE u.k = t.k)"))
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
}
