package dev.ember.sql.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Cast;
import dev.ember.sql.expressions.Exists;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.InSubquery;
import dev.ember.sql.expressions.OuterReference;
import dev.ember.sql.expressions.SubqueryExpression;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.types.DataTypes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubqueryAnalysisTest {
    private final SubqueryFixtures fixtures = new SubqueryFixtures();

    private static List<OuterReference> outerReferences(LogicalPlan plan) {
        List<OuterReference> found = new ArrayList<>();
        Plans.transformUp(plan, node -> {
            for (Expression expression : node.expressions()) {
                found.addAll(Expressions.collect(expression, OuterReference.class));
            }
            return node;
        });
        return found;
    }

    private static Attribute column(LogicalPlan plan, String name) {
        return plan.output().stream()
                .filter(a -> a.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aNameTheSubqueryLacksIsAnOuterReference() {
        LogicalPlan plan = fixtures.analyze("SELECT k, x FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.y = x)");
        assertThat(plan.resolved()).isTrue();
        Exists exists = (Exists) SubqueryFixtures.subqueries(plan).get(0);
        List<OuterReference> outer = outerReferences(exists.plan());
        assertThat(outer).hasSize(1);
        assertThat(outer.get(0).attribute().exprId())
                .isEqualTo(column(plan, "x").exprId());
    }

    @Test
    void theSubquerysOwnColumnsComeFirst() {
        // k is a column of u and of t: inside the subquery it is u's.
        LogicalPlan plan = fixtures.analyze("SELECT k FROM t WHERE EXISTS (SELECT 1 FROM u WHERE k = 1)");
        Exists exists = (Exists) SubqueryFixtures.subqueries(plan).get(0);
        assertThat(outerReferences(exists.plan())).isEmpty();
        // Qualified with the outer alias, it is t's.
        LogicalPlan qualified = fixtures.analyze("SELECT k FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.k = t.k)");
        Exists correlated = (Exists) SubqueryFixtures.subqueries(qualified).get(0);
        assertThat(outerReferences(correlated.plan()))
                .extracting(o -> o.attribute().exprId())
                .containsExactly(column(qualified, "k").exprId());
    }

    @Test
    void nestedSubqueriesReachEveryEnclosingLevel() {
        LogicalPlan plan = fixtures.analyze(
                "SELECT x FROM t WHERE EXISTS (SELECT 1 FROM u WHERE EXISTS (SELECT 1 FROM n WHERE n.a = t.x"
                        + " AND n.b = u.y))");
        Exists middle = (Exists) SubqueryFixtures.subqueries(plan).get(0);
        Exists inner = (Exists) SubqueryFixtures.subqueries(middle.plan()).get(0);
        List<OuterReference> outer = outerReferences(inner.plan());
        assertThat(outer).extracting(o -> o.attribute().name()).containsExactlyInAnyOrder("x", "y");
        assertThat(outer.stream().filter(o -> o.attribute().name().equals("x")))
                .allMatch(o -> o.attribute().exprId().equals(column(plan, "x").exprId()));
    }

    @Test
    void aTableReadInsideAndOutsideGetsNewColumnIds() {
        LogicalPlan plan =
                fixtures.analyze("SELECT k FROM t a WHERE EXISTS (SELECT 1 FROM t b WHERE b.k = a.k AND b.x > 1)");
        Exists exists = (Exists) SubqueryFixtures.subqueries(plan).get(0);
        Attribute outerK = column(plan, "k");
        assertThat(outerReferences(exists.plan()))
                .extracting(o -> o.attribute().exprId())
                .containsExactly(outerK.exprId());
        List<Attribute> inner = new ArrayList<>();
        Plans.transformUp(exists.plan(), node -> {
            inner.addAll(node.output());
            return node;
        });
        assertThat(inner).noneMatch(a -> a.exprId().equals(outerK.exprId()));
    }

    @Test
    void inSubqueryValuesAndColumnsMeetInTheWiderType() {
        LogicalPlan plan = fixtures.analyze("SELECT k FROM t WHERE k IN (SELECT CAST(y AS BIGINT) FROM u)");
        InSubquery in = (InSubquery) SubqueryFixtures.subqueries(plan).get(0);
        assertThat(in.values().get(0)).isInstanceOf(Cast.class);
        assertThat(in.values().get(0).dataType()).isEqualTo(DataTypes.LongType);
        LogicalPlan doubles = fixtures.analyze("SELECT k FROM t WHERE (k, x) IN (SELECT y / 2, k FROM u)");
        InSubquery pair = (InSubquery) SubqueryFixtures.subqueries(doubles).get(0);
        assertThat(pair.values().get(0).dataType()).isEqualTo(DataTypes.DoubleType);
        assertThat(pair.plan().output().get(0).dataType()).isEqualTo(DataTypes.DoubleType);
        assertThat(pair.values().get(1).dataType()).isEqualTo(DataTypes.IntegerType);
    }

    @Test
    void aScalarSubqueryMustGiveOneColumn() {
        assertThatThrownBy(() -> fixtures.analyze("SELECT (SELECT k, y FROM u) FROM t"))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("exactly one column")
                .hasMessageContaining("returns 2")
                .satisfies(e -> assertThat(((EmberException) e).errorClass()).isEqualTo(ErrorClass.INVALID_SQL));
    }

    @Test
    void inComparesAsManyValuesAsColumns() {
        assertThatThrownBy(() -> fixtures.analyze("SELECT k FROM t WHERE (k, x) IN (SELECT k FROM u)"))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("2 value(s)")
                .hasMessageContaining("1 column(s)");
    }

    @Test
    void anUnknownNameInsideASubqueryIsReportedAsSuch() {
        assertThatThrownBy(() -> fixtures.analyze("SELECT k FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.nope = 1)"))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("nope")
                .satisfies(e -> assertThat(((EmberException) e).errorClass()).isEqualTo(ErrorClass.UNRESOLVED_COLUMN));
    }

    @Test
    void subqueryExpressionsAreResolvedWithTheirPlans() {
        LogicalPlan plan = fixtures.analyze("SELECT (SELECT max(y) FROM u WHERE u.k = t.k) AS m FROM t");
        SubqueryExpression scalar = SubqueryFixtures.subqueries(plan).get(0);
        assertThat(scalar.resolved()).isTrue();
        assertThat(scalar.dataType()).isEqualTo(DataTypes.IntegerType);
    }
}
