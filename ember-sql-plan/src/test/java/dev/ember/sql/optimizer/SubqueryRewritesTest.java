package dev.ember.sql.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.analysis.SubqueryFixtures;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.CaseWhen;
import dev.ember.sql.expressions.Comparison;
import dev.ember.sql.expressions.ExprId;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.IsNotNull;
import dev.ember.sql.expressions.IsNull;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.Not;
import dev.ember.sql.expressions.Or;
import dev.ember.sql.plans.logical.Aggregate;
import dev.ember.sql.plans.logical.Filter;
import dev.ember.sql.plans.logical.Join;
import dev.ember.sql.plans.logical.JoinType;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.Project;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each subquery rule on analyzed plans: the plan before, the plan after, and shapes it must leave alone. */
class SubqueryRewritesTest {
    private final SubqueryFixtures fixtures = new SubqueryFixtures();

    private static Join onlyJoin(LogicalPlan plan) {
        List<Join> joins = Plans.collect(plan, Join.class);
        assertThat(joins).hasSize(1);
        return joins.get(0);
    }

    private static Set<String> names(Expression expression) {
        return Set.copyOf(
                Expressions.references(expression).stream().map(Attribute::name).toList());
    }

    @Test
    void existsBecomesALeftSemiJoinOnTheCorrelation() {
        LogicalPlan before = fixtures.analyze(
                "SELECT k FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.k = t.k AND u.y > 5) AND x > 1");
        LogicalPlan after = new RewriteExistsSubquery().apply(before);
        assertThat(SubqueryFixtures.subqueries(after)).isEmpty();
        Join join = onlyJoin(after);
        assertThat(join.joinType()).isEqualTo(JoinType.LEFT_SEMI);
        assertThat(join.condition()).isInstanceOf(Comparison.class);
        assertThat(((Comparison) join.condition()).op()).isEqualTo(Comparison.Op.EQUAL);
        assertThat(Expressions.references(join.condition()))
                .extracting(Attribute::exprId)
                .contains(join.left().output().get(0).exprId());
        // The local predicate stays in the subquery; the other conjunct in a filter above the join.
        assertThat(Plans.collect(join.right(), Filter.class)).hasSize(1);
        Filter above = Plans.collect(after, Filter.class).get(0);
        assertThat(above.child()).isSameAs(join);
        assertThat(names(above.condition())).containsExactly("x");
        assertThat(after.output()).isEqualTo(before.output());
    }

    @Test
    void notExistsBecomesALeftAntiJoinAndUncorrelatedHasNoCondition() {
        LogicalPlan anti = new RewriteExistsSubquery()
                .apply(fixtures.analyze("SELECT k FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.k = t.k)"));
        assertThat(onlyJoin(anti).joinType()).isEqualTo(JoinType.LEFT_ANTI);
        LogicalPlan uncorrelated = new RewriteExistsSubquery()
                .apply(fixtures.analyze("SELECT k FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.y > 5)"));
        assertThat(onlyJoin(uncorrelated).condition()).isNull();
    }

    @Test
    void existsOutsideAConjunctIsLeftAloneByTheSemiJoinRewrite() {
        LogicalPlan plan = fixtures.analyze("SELECT k FROM t WHERE x = 1 OR EXISTS (SELECT 1 FROM u WHERE u.k = t.k)");
        assertThat(new RewriteExistsSubquery().apply(plan)).isSameAs(plan);
        LogicalPlan negated =
                fixtures.analyze("SELECT k FROM t WHERE x = 1 OR NOT EXISTS (SELECT 1 FROM u WHERE u.k = t.k)");
        assertThat(new RewriteExistsSubquery().apply(negated)).isSameAs(negated);
    }

    @Test
    void inAndExistsUnderAnOrBecomeLeftOuterJoinsWithAMarker() {
        LogicalPlan before =
                fixtures.analyze("SELECT k FROM t WHERE x = 1 OR (x IN (SELECT y FROM u WHERE u.k = t.k) AND k > 0)"
                        + " OR EXISTS (SELECT 1 FROM u WHERE u.y = t.x)");
        LogicalPlan after = new RewriteSubqueriesInDisjunctions().apply(before);
        assertThat(SubqueryFixtures.subqueries(after)).isEmpty();
        List<Join> joins = Plans.collect(after, Join.class);
        assertThat(joins).hasSize(2).allSatisfy(join -> assertThat(join.joinType())
                .isEqualTo(JoinType.LEFT_OUTER));
        // The side joined is distinct on its keys (the IN column and the correlation column; the EXISTS column).
        List<Aggregate> distinct = Plans.collect(after, Aggregate.class);
        assertThat(distinct.stream()
                        .map(a -> a.groupingExpressions().size())
                        .sorted()
                        .toList())
                .containsExactly(1, 2);
        Filter filter = Plans.collect(after, Filter.class).get(0);
        assertThat(Expressions.collect(filter.condition(), IsNotNull.class)).hasSize(2);
        assertThat(after.output()).isEqualTo(before.output());
    }

    @Test
    void aSubqueryUnderAnOrThatIsNegatedOrAConjunctIsLeftAlone() {
        LogicalPlan negated = fixtures.analyze("SELECT k FROM t WHERE x = 1 OR NOT (x IN (SELECT y FROM u))");
        assertThat(new RewriteSubqueriesInDisjunctions().apply(negated)).isSameAs(negated);
        LogicalPlan conjunct = fixtures.analyze("SELECT k FROM t WHERE x IN (SELECT y FROM u) AND x = 1");
        assertThat(new RewriteSubqueriesInDisjunctions().apply(conjunct)).isSameAs(conjunct);
    }

    @Test
    void inBecomesALeftSemiJoinOnTheValues() {
        LogicalPlan before = fixtures.analyze("SELECT k FROM t WHERE x IN (SELECT y FROM u WHERE u.k = t.k)");
        LogicalPlan after = new RewriteInSubquery().apply(before);
        Join join = onlyJoin(after);
        assertThat(join.joinType()).isEqualTo(JoinType.LEFT_SEMI);
        List<Expression> conjuncts = Expressions.splitConjuncts(join.condition());
        assertThat(conjuncts).hasSize(2).allMatch(Comparison.class::isInstance);
        assertThat(names(conjuncts.get(0))).containsExactlyInAnyOrder("x", "y");
        assertThat(names(conjuncts.get(1))).containsExactly("k");
        assertThat(after.output()).isEqualTo(before.output());
    }

    @Test
    void notInOverNullableColumnsIsNullAware() {
        LogicalPlan after =
                new RewriteInSubquery().apply(fixtures.analyze("SELECT k FROM t WHERE x NOT IN (SELECT y FROM u)"));
        Join join = onlyJoin(after);
        assertThat(join.joinType()).isEqualTo(JoinType.LEFT_ANTI);
        Or condition = (Or) join.condition();
        assertThat(condition.left()).isInstanceOf(Comparison.class);
        assertThat(condition.right()).isEqualTo(new IsNull(condition.left()));
    }

    @Test
    void notInOverColumnsThatCannotBeNullIsAPlainAntiJoin() {
        LogicalPlan after =
                new RewriteInSubquery().apply(fixtures.analyze("SELECT a FROM n WHERE a NOT IN (SELECT b FROM n)"));
        Join join = onlyJoin(after);
        assertThat(join.joinType()).isEqualTo(JoinType.LEFT_ANTI);
        assertThat(join.condition()).isInstanceOf(Comparison.class);
    }

    @Test
    void inInASelectListIsLeftToTheGeneralRewriteWhichJoinsMatchesAndCounts() {
        LogicalPlan before = fixtures.analyze("SELECT k, x IN (SELECT y FROM u WHERE u.k = t.k) AS f FROM t");
        assertThat(new RewriteInSubquery().apply(before)).isSameAs(before);

        LogicalPlan after = new RewriteSubqueryPredicates().apply(before);

        assertThat(SubqueryFixtures.subqueries(after)).isEmpty();
        assertThat(after.output()).isEqualTo(before.output());
        List<Join> joins = Plans.collect(after, Join.class);
        assertThat(joins).hasSize(2).allSatisfy(join -> assertThat(join.joinType())
                .isEqualTo(JoinType.LEFT_OUTER));
        // One side distinct on (y, k) with a marker; the other the rows and non-null values of y per k.
        List<Aggregate> sides = Plans.collect(after, Aggregate.class);
        assertThat(sides.stream()
                        .map(a -> a.groupingExpressions().size())
                        .sorted()
                        .toList())
                .containsExactly(1, 2);
        Project top = (Project) after;
        assertThat(Expressions.collect(top.projectList().get(1), CaseWhen.class))
                .hasSize(1);
        // The two copies of the subquery bring no column id twice.
        List<ExprId> ids = new ArrayList<>();
        for (Aggregate side : sides) {
            side.output().forEach(attribute -> ids.add(attribute.exprId()));
        }
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void existsUnderANegationInsideAnOrIsRewrittenAndConjunctsAreLeftToTheirRules() {
        LogicalPlan negated =
                fixtures.analyze("SELECT k FROM t WHERE x = 1 OR NOT EXISTS (SELECT 1 FROM u WHERE u.k = t.k)");
        LogicalPlan after = new RewriteSubqueryPredicates().apply(negated);
        assertThat(SubqueryFixtures.subqueries(after)).isEmpty();
        Filter filter = Plans.collect(after, Filter.class).get(0);
        assertThat(Expressions.collect(filter.condition(), Not.class)).hasSize(1);
        assertThat(Expressions.collect(filter.condition(), IsNotNull.class)).hasSize(1);

        LogicalPlan uncorrelated = fixtures.analyze("SELECT k FROM t WHERE x = 1 OR NOT EXISTS (SELECT 1 FROM u)");
        assertThat(new RewriteSubqueryPredicates().apply(uncorrelated)).isSameAs(uncorrelated);
    }

    @Test
    void anExistsCorrelatedByAnInequalityIsTakenPerDistinctOuterValue() {
        LogicalPlan before = fixtures.analyze("SELECT k, EXISTS (SELECT 1 FROM u WHERE u.k > t.x) AS e FROM t");
        LogicalPlan after = new RewriteSubqueryPredicates().apply(before);
        assertThat(SubqueryFixtures.subqueries(after)).isEmpty();
        assertThat(after.output()).isEqualTo(before.output());
        List<Join> joins = Plans.collect(after, Join.class);
        assertThat(joins).extracting(Join::joinType).containsExactly(JoinType.LEFT_OUTER, JoinType.INNER);
        // Joined back by a struct of the outer values, so that a null value finds its own row.
        Comparison back = (Comparison) joins.get(0).condition();
        assertThat(back.left().dataType()).isInstanceOf(dev.ember.sql.types.StructType.class);
    }

    @Test
    void inInAGroupingKeyIsLeftAloneAndThenUnsupported() {
        LogicalPlan plan = fixtures.analyze("SELECT count(*) FROM t GROUP BY k IN (SELECT k FROM u)");
        assertThat(new RewriteSubqueryPredicates().apply(plan)).isSameAs(plan);
        assertThatThrownBy(() -> new Optimizer().optimize(plan))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("IN (subquery)")
                .satisfies(
                        e -> assertThat(((EmberException) e).errorClass()).isEqualTo(ErrorClass.UNSUPPORTED_FEATURE));
    }

    @Test
    void correlatedCountBecomesAGroupedLeftOuterJoinWithTheCountBugHandled() {
        LogicalPlan before = fixtures.analyze("SELECT k, (SELECT count(*) FROM u WHERE u.k = t.k) AS c FROM t");
        LogicalPlan after = new RewriteCorrelatedScalarSubquery().apply(before);
        assertThat(SubqueryFixtures.subqueries(after)).isEmpty();
        Join join = onlyJoin(after);
        assertThat(join.joinType()).isEqualTo(JoinType.LEFT_OUTER);
        Aggregate aggregate = Plans.collect(join.right(), Aggregate.class).get(0);
        assertThat(aggregate.groupingExpressions()).hasSize(1);
        assertThat(names(aggregate.groupingExpressions().get(0))).containsExactly("k");
        // The value: CASE WHEN matched IS NULL THEN 0 ELSE count END.
        Project project = (Project) after;
        List<CaseWhen> cases = Expressions.collect(project.projectList().get(1), CaseWhen.class);
        assertThat(cases).hasSize(1);
        assertThat(cases.get(0).conditions().get(0)).isInstanceOf(IsNull.class);
        assertThat(cases.get(0).values().get(0))
                .isEqualTo(new Literal(0L, cases.get(0).dataType()));
        assertThat(after.output()).isEqualTo(before.output());
    }

    @Test
    void anAggregateThatIsNullOverNoRowsNeedsNoFlag() {
        LogicalPlan before = fixtures.analyze("SELECT k FROM t WHERE x < (SELECT 0.2 * max(y) FROM u WHERE u.k = t.k)");
        LogicalPlan after = new RewriteCorrelatedScalarSubquery().apply(before);
        Join join = onlyJoin(after);
        assertThat(join.joinType()).isEqualTo(JoinType.LEFT_OUTER);
        assertThat(Plans.collect(after, Filter.class).stream()
                        .flatMap(f -> Expressions.collect(f.condition(), CaseWhen.class).stream()))
                .isEmpty();
        // The filter's output is restored by a projection.
        assertThat(after).isInstanceOf(Project.class);
        assertThat(after.output()).isEqualTo(before.output());
    }

    @Test
    void uncorrelatedScalarSubqueriesAreLeftAsExpressions() {
        LogicalPlan plan = fixtures.analyze("SELECT k FROM t WHERE x < (SELECT max(y) FROM u)");
        assertThat(new RewriteCorrelatedScalarSubquery().apply(plan)).isSameAs(plan);
        assertThat(SubqueryFixtures.subqueries(new Optimizer().optimize(plan))).hasSize(1);
    }

    @Test
    void correlatedScalarSubqueriesThatDoNotAggregateTakeTheirOneRow() {
        LogicalPlan plan = fixtures.analyze("SELECT (SELECT y FROM u WHERE u.k = t.k) FROM t");
        LogicalPlan after = new RewriteCorrelatedScalarSubquery().apply(plan);
        assertThat(SubqueryFixtures.subqueries(after)).isEmpty();
        assertThat(onlyJoin(after).joinType()).isEqualTo(JoinType.LEFT_OUTER);
        Aggregate grouped = Plans.collect(after, Aggregate.class).get(0);
        assertThat(grouped.groupingExpressions()).hasSize(1);
        assertThat(after.output()).hasSize(1);
    }

    @Test
    void aScalarSubqueryCorrelatedByAnInequalityRunsOncePerDistinctOuterValue() {
        LogicalPlan before = fixtures.analyze("SELECT k, (SELECT count(*) FROM u WHERE u.k < t.k) AS c FROM t");
        LogicalPlan after = new RewriteCorrelatedScalarSubquery().apply(before);
        assertThat(SubqueryFixtures.subqueries(after)).isEmpty();
        assertThat(after.output()).isEqualTo(before.output());
        List<Join> joins = Plans.collect(after, Join.class);
        // Outer join back by the outer values; inside, the distinct values inner joined with u on u.k < value.
        assertThat(joins).extracting(Join::joinType).containsExactly(JoinType.LEFT_OUTER, JoinType.INNER);
        Join inner = joins.get(1);
        assertThat(inner.left()).isInstanceOf(Aggregate.class);
        assertThat(((Comparison) inner.condition()).op()).isEqualTo(Comparison.Op.LESS_THAN);
        // The values have columns of their own, so the outer join does not meet t.k twice.
        assertThat(inner.left().output())
                .noneMatch(column -> before.output().get(0).exprId().equals(column.exprId()));
        // count over no rows is 0, not null: the count bug is handled as for equalities.
        assertThat(Expressions.collect(((Project) after).projectList().get(1), CaseWhen.class))
                .hasSize(1);
    }

    @Test
    void theWholeOptimizerLeavesNoSubqueryBehind() {
        LogicalPlan plan = fixtures.analyze("SELECT k FROM t WHERE k IN (SELECT k FROM u WHERE EXISTS"
                + " (SELECT 1 FROM n WHERE n.a = u.y)) AND x > (SELECT count(*) FROM u WHERE u.k = t.k)");
        LogicalPlan optimized = new Optimizer().optimize(plan);
        assertThat(SubqueryFixtures.subqueries(optimized)).isEmpty();
        assertThat(Plans.collect(optimized, Join.class))
                .extracting(Join::joinType)
                .containsExactlyInAnyOrder(JoinType.LEFT_SEMI, JoinType.LEFT_SEMI, JoinType.LEFT_OUTER);
        assertThat(optimized.output()).isEqualTo(plan.output());
    }
}
