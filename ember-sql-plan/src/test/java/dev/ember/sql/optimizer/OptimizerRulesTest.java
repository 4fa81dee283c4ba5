package dev.ember.sql.optimizer;

import static dev.ember.sql.optimizer.RulesTestSupport.alias;
import static dev.ember.sql.optimizer.RulesTestSupport.column;
import static dev.ember.sql.optimizer.RulesTestSupport.eq;
import static dev.ember.sql.optimizer.RulesTestSupport.gt;
import static dev.ember.sql.optimizer.RulesTestSupport.plus;
import static dev.ember.sql.optimizer.RulesTestSupport.relation;
import static dev.ember.sql.optimizer.RulesTestSupport.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.sql.expressions.And;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.Not;
import dev.ember.sql.expressions.Or;
import dev.ember.sql.expressions.ScalarFunction;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.expressions.aggregate.AggregateExpression;
import dev.ember.sql.expressions.aggregate.FirstLast;
import dev.ember.sql.expressions.aggregate.Sum;
import dev.ember.sql.plans.logical.Aggregate;
import dev.ember.sql.plans.logical.Distinct;
import dev.ember.sql.plans.logical.Filter;
import dev.ember.sql.plans.logical.Join;
import dev.ember.sql.plans.logical.JoinStrategyHint;
import dev.ember.sql.plans.logical.JoinType;
import dev.ember.sql.plans.logical.Limit;
import dev.ember.sql.plans.logical.LocalRelation;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.plans.logical.Sort;
import dev.ember.sql.plans.logical.SourceRelation;
import dev.ember.sql.plans.logical.SubqueryAlias;
import dev.ember.sql.types.DataTypes;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each optimizer rule on a plan it rewrites (before and after) and on one it must leave alone. */
class OptimizerRulesTest {
    private final LocalRelation r = relation("a", "b");
    private final Attribute a = column(r, "a");
    private final Attribute b = column(r, "b");

    /** rand(): a non-deterministic expression, for the cases where a rule must not move or copy work. */
    private static Expression random() {
        return new ScalarFunction("rand", List.of(), DataTypes.DoubleType, false, false, false, values -> 0.5);
    }

    @Nested
    class Folding {
        @Test
        void constantFoldingComputesWhatReadsNoColumn() {
            LogicalPlan before = new Filter(gt(a, 0), r).mapExpressions(e -> new And(e, gt(plus(Literal.of(1), 2), 2)));
            LogicalPlan after = new ConstantFolding().apply(before);
            assertThat(((Filter) after).condition()).isEqualTo(new And(gt(a, 0), Literal.TRUE));
        }

        @Test
        void constantFoldingLeavesWhatWouldFailForRowsToReach() {
            Expression divide = new dev.ember.sql.expressions.Arithmetic(
                    dev.ember.sql.expressions.Arithmetic.Op.DIVIDE, Literal.of(1.0), Literal.of(0.0));
            LogicalPlan before = new Project(List.of(alias(divide, "x")), r);
            assertThat(new ConstantFolding().apply(before)).isEqualTo(before);
        }

        @Test
        void booleanSimplificationDropsWhatLogicDecides() {
            LogicalPlan before = new Filter(new And(Literal.TRUE, new Not(new Not(gt(a, 1)))), r);
            assertThat(new BooleanSimplification().apply(before)).isEqualTo(new Filter(gt(a, 1), r));
            LogicalPlan always = new Filter(new Or(gt(a, 1), Literal.TRUE), r);
            assertThat(new BooleanSimplification().apply(always)).isSameAs(r);
        }

        @Test
        void booleanSimplificationKeepsAConditionItCannotDecide() {
            LogicalPlan before = new Filter(new Or(gt(a, 1), gt(b, 2)), r);
            assertThat(new BooleanSimplification().apply(before)).isSameAs(before);
        }
    }

    @Nested
    class Filters {
        @Test
        void pushFilterThroughProjectSubstitutesAliases() {
            Project project = new Project(List.of(alias(plus(a, 1), "x")), r);
            Attribute x = project.output().get(0);
            LogicalPlan after = new PushFilterThroughProject().apply(new Filter(gt(x, 5), project));
            assertThat(after).isEqualTo(new Project(project.projectList(), new Filter(gt(plus(a, 1), 5), r)));
        }

        @Test
        void pushFilterThroughProjectKeepsANonDeterministicProjectionAbove() {
            Project project = new Project(List.of(alias(random(), "x")), r);
            Filter before = new Filter(gt(project.output().get(0), 0), project);
            assertThat(new PushFilterThroughProject().apply(before)).isSameAs(before);
        }

        @Test
        void combineFiltersMakesOneFilterOfTwo() {
            LogicalPlan after = new CombineFilters().apply(new Filter(gt(b, 2), new Filter(gt(a, 1), r)));
            assertThat(after).isEqualTo(new Filter(new And(gt(a, 1), gt(b, 2)), r));
        }

        @Test
        void combineFiltersKeepsANonDeterministicUpperFilterApart() {
            Filter before = new Filter(gt(random(), 0), new Filter(gt(a, 1), r));
            assertThat(new CombineFilters().apply(before)).isSameAs(before);
        }

        @Test
        void pushFilterIntoJoinSplitsConjunctsBySideAndTurnsTheRestIntoTheCondition() {
            LocalRelation s = relation("c", "d");
            Attribute c = column(s, "c");
            Join join = new Join(r, s, JoinType.INNER, null);
            LogicalPlan after = new PushFilterIntoJoin()
                    .apply(new Filter(new And(eq(a, c), new And(gt(b, 1), gt(column(s, "d"), 2))), join));
            assertThat(after)
                    .isEqualTo(new Join(
                            new Filter(gt(b, 1), r), new Filter(gt(column(s, "d"), 2), s), JoinType.INNER, eq(a, c)));
        }

        @Test
        void pushFilterIntoJoinKeepsConditionsOnTheNullPaddedSideOfAnOuterJoinAbove() {
            LocalRelation s = relation("c");
            Join join = new Join(r, s, JoinType.LEFT_OUTER, eq(a, column(s, "c")));
            Filter before = new Filter(gt(column(s, "c"), 1), join);
            assertThat(new PushFilterIntoJoin().apply(before)).isEqualTo(before);
        }

        @Test
        void pushFilterIntoJoinMovesOnConditionsOnlyToTheSideWhoseFailingRowsMeetNothing() {
            // r(a, b) and s(c, d) joined ON a = c AND b > 1 AND d > 2, of every type.
            LocalRelation s = relation("c", "d");
            Attribute c = column(s, "c");
            Attribute d = column(s, "d");
            Expression on = new And(eq(a, c), new And(gt(b, 1), gt(d, 2)));
            for (JoinType type : JoinType.values()) {
                if (type == JoinType.CROSS) {
                    continue;
                }
                Join before = new Join(r, s, type, on);
                LogicalPlan after = new PushFilterIntoJoin().apply(before);
                boolean toLeft = type == JoinType.INNER || type == JoinType.LEFT_SEMI || type == JoinType.RIGHT_OUTER;
                boolean toRight = type == JoinType.INNER
                        || type == JoinType.LEFT_SEMI
                        || type == JoinType.LEFT_ANTI
                        || type == JoinType.LEFT_OUTER;
                List<Expression> kept = new java.util.ArrayList<>(List.of(eq(a, c)));
                if (!toLeft) {
                    kept.add(gt(b, 1));
                }
                if (!toRight) {
                    kept.add(gt(d, 2));
                }
                LogicalPlan expected = new Join(
                        toLeft ? new Filter(gt(b, 1), r) : r,
                        toRight ? new Filter(gt(d, 2), s) : s,
                        type,
                        dev.ember.sql.expressions.Expressions.and(kept));
                assertThat(after).as(type.toString()).isEqualTo(toLeft || toRight ? expected : before);
            }
        }

        @Test
        void pushFilterThroughAggregateMovesConditionsOnGroupingColumns() {
            Aggregate aggregate =
                    new Aggregate(List.of(a), List.of(a, alias(AggregateExpression.of(new Sum(b)), "s")), r);
            Attribute s = aggregate.output().get(1);
            LogicalPlan after =
                    new PushFilterThroughAggregate().apply(new Filter(new And(gt(a, 1), gt(s, 10)), aggregate));
            assertThat(after)
                    .isEqualTo(new Filter(
                            gt(s, 10),
                            new Aggregate(
                                    aggregate.groupingExpressions(),
                                    aggregate.aggregateExpressions(),
                                    new Filter(gt(a, 1), r))));
        }

        @Test
        void pushFilterThroughAggregateLeavesAGlobalAggregate() {
            Aggregate global = new Aggregate(List.of(), List.of(alias(AggregateExpression.of(new Sum(b)), "s")), r);
            Filter before = new Filter(gt(global.output().get(0), 1), global);
            assertThat(new PushFilterThroughAggregate().apply(before)).isSameAs(before);
        }

        @Test
        void pushSemiJoinDownGoesBelowAFilterAndTheLeftSideOfAnOuterJoin() {
            LocalRelation left = relation("k", "x");
            LocalRelation other = relation("x2", "v");
            LocalRelation keys = relation("rk");
            Attribute k = column(left, "k");
            Join outer = new Join(left, other, JoinType.LEFT_OUTER, eq(column(left, "x"), column(other, "x2")));
            Filter filter = new Filter(gt(column(other, "v"), 3), outer);
            Join semi = new Join(filter, keys, JoinType.LEFT_SEMI, eq(k, column(keys, "rk")));
            LogicalPlan after = new PushSemiJoinDown().apply(new PushSemiJoinDown().apply(semi));
            assertThat(after)
                    .isEqualTo(new Filter(
                            filter.condition(),
                            new Join(
                                    new Join(left, keys, JoinType.LEFT_SEMI, semi.condition()),
                                    other,
                                    JoinType.LEFT_OUTER,
                                    outer.condition())));
            assertThat(after.output()).isEqualTo(semi.output());
        }

        @Test
        void pushSemiJoinDownStaysAboveAJoinWhoseNullPaddedSideItReads() {
            LocalRelation left = relation("x");
            LocalRelation other = relation("x2", "v");
            LocalRelation keys = relation("rk");
            Join outer = new Join(left, other, JoinType.LEFT_OUTER, eq(column(left, "x"), column(other, "x2")));
            Join anti = new Join(outer, keys, JoinType.LEFT_ANTI, eq(column(other, "v"), column(keys, "rk")));
            assertThat(new PushSemiJoinDown().apply(anti)).isSameAs(anti);
            Join inner = new Join(left, other, JoinType.INNER, eq(column(left, "x"), column(other, "x2")));
            Join semiOnRight = new Join(inner, keys, JoinType.LEFT_SEMI, eq(column(other, "v"), column(keys, "rk")));
            assertThat(new PushSemiJoinDown().apply(semiOnRight))
                    .isEqualTo(new Join(
                            left,
                            new Join(other, keys, JoinType.LEFT_SEMI, semiOnRight.condition()),
                            JoinType.INNER,
                            inner.condition()));
        }

        @Test
        void inferFiltersFromDisjunctionsFiltersEachSideThatEveryDisjunctConstrains() {
            LocalRelation nations = relation("n1");
            LocalRelation others = relation("n2", "v");
            Attribute n1 = column(nations, "n1");
            Attribute n2 = column(others, "n2");
            Attribute v = column(others, "v");
            Expression condition = new Or(new And(gt(n1, 1), gt(n2, 2)), new And(gt(n1, 3), eq(v, n1)));
            Join inner = new Join(nations, others, JoinType.INNER, condition);
            LogicalPlan after = new InferFiltersFromDisjunctions().apply(inner);
            // The right side is constrained by the first disjunct only (the second reads both sides): no filter.
            assertThat(after)
                    .isEqualTo(new Join(
                            new Filter(new Or(gt(n1, 1), gt(n1, 3)), nations), others, JoinType.INNER, condition));
            Join outer = new Join(nations, others, JoinType.LEFT_OUTER, condition);
            assertThat(new InferFiltersFromDisjunctions().apply(outer))
                    .as("the preserved side of an outer join keeps its rows")
                    .isSameAs(outer);
        }

        @Test
        void pushFiltersIntoScanHandsConjunctsToTheScanAndKeepsTheFilter() {
            SourceRelation scan = source("x", "y");
            Attribute x = column(scan, "x");
            LogicalPlan after = new PushFiltersIntoScan().apply(new Filter(gt(x, 3), scan));
            assertThat(after)
                    .isEqualTo(
                            new Filter(gt(x, 3), new SourceRelation(scan.source(), scan.output(), List.of(gt(x, 3)))));
        }

        @Test
        void pushFiltersIntoScanKeepsNonDeterministicConditionsFromTheScan() {
            SourceRelation scan = source("x");
            Filter before = new Filter(gt(random(), 0), scan);
            assertThat(new PushFiltersIntoScan().apply(before)).isSameAs(before);
        }
    }

    @Nested
    class Projections {
        @Test
        void collapseProjectWritesTheUpperOverTheLowerInput() {
            Project lower = new Project(List.of(alias(plus(a, 1), "x")), r);
            Attribute x = lower.output().get(0);
            Project upper = new Project(List.of(alias(plus(x, 2), "y")), lower);
            LogicalPlan after = new CollapseProject().apply(upper);
            assertThat(after).isInstanceOf(Project.class);
            assertThat(((Project) after).child()).isSameAs(r);
            assertThat(((Project) after).projectList().get(0).toAttribute().exprId())
                    .isEqualTo(upper.projectList().get(0).exprId());
        }

        @Test
        void collapseProjectDoesNotComputeAnExpressionTwice() {
            Project lower = new Project(List.of(alias(plus(a, 1), "x")), r);
            Attribute x = lower.output().get(0);
            Project upper = new Project(List.of(alias(plus(x, 1), "y"), alias(plus(x, 2), "z")), lower);
            assertThat(new CollapseProject().apply(upper)).isSameAs(upper);
        }

        @Test
        void removeRedundantProjectDropsAProjectionOfTheSameColumns() {
            assertThat(new RemoveRedundantProject().apply(new Project(List.of(a, b), r)))
                    .isSameAs(r);
        }

        @Test
        void removeRedundantProjectKeepsAReorderingProjection() {
            Project before = new Project(List.of(b, a), r);
            assertThat(new RemoveRedundantProject().apply(before)).isSameAs(before);
        }

        @Test
        void columnPruningReadsOnlyTheUsedColumnsOfAScan() {
            SourceRelation scan = source("x", "y", "z");
            Attribute x = column(scan, "x");
            Attribute y = column(scan, "y");
            LogicalPlan before = new Project(List.of(x), new Filter(gt(y, 1), scan));
            LogicalPlan after = new ColumnPruning().apply(before);
            assertThat(after)
                    .isEqualTo(new Project(
                            List.of(x),
                            new Filter(gt(y, 1), new SourceRelation(scan.source(), List.of(x, y), List.of()))));
        }

        @Test
        void columnPruningKeepsEveryColumnOfAUnionInput() {
            SourceRelation scan = source("x", "y");
            LogicalPlan union = new dev.ember.sql.plans.logical.Union(scan, scan);
            LogicalPlan before = new Project(List.of(union.output().get(0)), union);
            assertThat(new ColumnPruning().apply(before)).isEqualTo(before);
        }
    }

    @Nested
    class Shapes {
        @Test
        void eliminateSubqueryAliasesRemovesAliases() {
            assertThat(new EliminateSubqueryAliases().apply(new Project(List.of(a), new SubqueryAlias("t", r))))
                    .isEqualTo(new Project(List.of(a), r));
        }

        @Test
        void eliminateSubqueryAliasesLeavesAPlanWithout() {
            Project before = new Project(List.of(a), r);
            assertThat(new EliminateSubqueryAliases().apply(before)).isSameAs(before);
        }

        @Test
        void replaceDistinctWithAggregateGroupsByEveryColumn() {
            assertThat(new ReplaceDistinctWithAggregate().apply(new Distinct(r)))
                    .isEqualTo(new Aggregate(List.<Expression>of(a, b), List.<NamedExpression>of(a, b), r));
        }

        @Test
        void replaceDistinctWithAggregateLeavesOtherNodes() {
            assertThat(new ReplaceDistinctWithAggregate().apply(r)).isSameAs(r);
        }

        @Test
        void combineLimitsKeepsTheSmallerAndMovesBelowProjections() {
            assertThat(new CombineLimits().apply(new Limit(5, new Limit(10, r))))
                    .isEqualTo(new Limit(5, r));
            Project project = new Project(List.of(alias(plus(a, 1), "x")), r);
            assertThat(new CombineLimits().apply(new Limit(3, project)))
                    .isEqualTo(new Project(project.projectList(), new Limit(3, r)));
        }

        @Test
        void combineLimitsLeavesALimitOverASort() {
            Limit before = new Limit(3, new Sort(List.of(SortOrder.ascending(a)), true, r));
            assertThat(new CombineLimits().apply(before)).isSameAs(before);
        }

        @Test
        void eliminateSortsDropsASortBelowAnotherSortAndBelowAnAggregation() {
            Sort lower = new Sort(List.of(SortOrder.ascending(a)), true, r);
            assertThat(new EliminateSorts().apply(new Sort(List.of(SortOrder.ascending(b)), true, lower)))
                    .isEqualTo(new Sort(List.of(SortOrder.ascending(b)), true, r));
            Aggregate aggregate =
                    new Aggregate(List.of(a), List.of(a, alias(AggregateExpression.of(new Sum(b)), "s")), lower);
            assertThat(new EliminateSorts().apply(aggregate))
                    .isEqualTo(new Aggregate(aggregate.groupingExpressions(), aggregate.aggregateExpressions(), r));
        }

        @Test
        void eliminateSortsKeepsASortThatFirstAndLastDependOn() {
            Sort lower = new Sort(List.of(SortOrder.ascending(a)), true, r);
            Aggregate aggregate = new Aggregate(
                    List.of(), List.of(alias(AggregateExpression.of(new FirstLast(b, false, false)), "f")), lower);
            assertThat(new EliminateSorts().apply(aggregate)).isSameAs(aggregate);
        }

        @Test
        void applyJoinHintsMovesTheHintOntoTheJoin() {
            LocalRelation s = relation("c");
            Join join = new Join(
                    r,
                    new JoinStrategyHint(JoinStrategyHint.Strategy.BROADCAST, s),
                    JoinType.INNER,
                    eq(a, column(s, "c")));
            Join after = (Join) new ApplyJoinHints().apply(join);
            assertThat(after.hint().broadcastRight()).isTrue();
            assertThat(after.right()).isSameAs(s);
        }

        @Test
        void applyJoinHintsMovesAMergeHintOntoTheJoinThroughAProjection() {
            LocalRelation s = relation("c");
            Join join = new Join(
                    new JoinStrategyHint(JoinStrategyHint.Strategy.MERGE, new Project(List.of(a), r)),
                    s,
                    JoinType.LEFT_OUTER,
                    eq(a, column(s, "c")));
            Join after = (Join) new ApplyJoinHints().apply(join);
            assertThat(after.hint().sortMerge()).isTrue();
            assertThat(after.hint().broadcastLeft()).isFalse();
            assertThat(after.left()).isEqualTo(new Project(List.of(a), r));
        }

        @Test
        void applyJoinHintsDropsAHintThatMeetsNoJoin() {
            assertThat(new ApplyJoinHints()
                            .apply(new Project(
                                    List.of(a), new JoinStrategyHint(JoinStrategyHint.Strategy.BROADCAST, r))))
                    .isEqualTo(new Project(List.of(a), r));
        }
    }

    @Nested
    class Joins {
        @Test
        void reorderJoinsAvoidsACrossProductTheWrittenOrderWouldMake() {
            LocalRelation x = relation("x1");
            LocalRelation y = relation("y1");
            LocalRelation z = relation("z1", "z2");
            Expression yz = eq(column(y, "y1"), column(z, "z1"));
            Expression xz = eq(column(x, "x1"), column(z, "z2"));
            Join written = new Join(new Join(x, y, JoinType.CROSS, null), z, JoinType.INNER, new And(yz, xz));
            LogicalPlan after = new ReorderJoins().apply(written);
            assertThat(after.output()).isEqualTo(written.output());
            Join top = (Join) ((Project) after).child();
            Join first = (Join) top.left();
            assertThat(first.left()).isSameAs(x);
            assertThat(first.right()).isSameAs(z);
            assertThat(first.condition()).isEqualTo(xz);
            assertThat(top.right()).isSameAs(y);
            assertThat(top.condition()).isEqualTo(yz);
        }

        private LocalRelation sized(int rows, String... names) {
            LocalRelation empty = relation(names);
            List<dev.ember.sql.expressions.InternalRow> data = new java.util.ArrayList<>();
            for (int i = 0; i < rows; i++) {
                Object[] values = new Object[names.length];
                java.util.Arrays.fill(values, i);
                data.add(dev.ember.sql.expressions.InternalRow.of(values));
            }
            return new LocalRelation(empty.output(), data);
        }

        @Test
        void reorderJoinsStartsFromTheLargestRelationAndAddsTheSmallestConnectedOneNext() {
            // dim1 (50 rows) - fact (1000 rows) - dim2 (5 rows), written dimension first.
            LocalRelation dim1 = sized(50, "d1");
            LocalRelation fact = sized(1000, "f1", "f2");
            LocalRelation dim2 = sized(5, "d2");
            Expression factDim1 = eq(column(fact, "f1"), column(dim1, "d1"));
            Expression factDim2 = eq(column(fact, "f2"), column(dim2, "d2"));
            Join written = new Join(new Join(dim1, fact, JoinType.INNER, factDim1), dim2, JoinType.INNER, factDim2);

            LogicalPlan after = new ReorderJoins().apply(written);

            assertThat(after.output()).isEqualTo(written.output());
            Join top = (Join) ((Project) after).child();
            Join first = (Join) top.left();
            assertThat(first.left()).isSameAs(fact);
            assertThat(first.right()).isSameAs(dim2);
            assertThat(first.condition()).isEqualTo(factDim2);
            assertThat(top.right()).isSameAs(dim1);
            assertThat(top.condition()).isEqualTo(factDim1);
        }

        @Test
        void reorderJoinsAddsATinyFilteredRelationJoinedThroughADimensionAsEarlyAsTheFactTablesOwnDimensions() {
            // fact - supplier - nation (25 rows) and customer (5000 rows, over the tiny size), and fact - orders.
            LocalRelation fact = sized(200_000, "f1", "f2");
            LocalRelation supplier = sized(1000, "s1", "s2");
            LocalRelation orders = sized(3000, "o1");
            LocalRelation nationRows = sized(25, "n1");
            LogicalPlan nation = new Filter(eq(column(nationRows, "n1"), column(nationRows, "n1")), nationRows);
            LocalRelation otherNation = sized(25, "m1");
            LocalRelation customer = sized(5000, "c1");
            assertThat(dev.ember.sql.plans.logical.SizeEstimates.sizeInBytes(customer))
                    .isGreaterThan(ReorderJoins.TINY_BYTES);
            Expression fs = eq(column(fact, "f1"), column(supplier, "s1"));
            Expression fo = eq(column(fact, "f2"), column(orders, "o1"));
            Expression sn = eq(column(supplier, "s2"), column(nationRows, "n1"));
            Expression sm = eq(column(supplier, "s2"), column(otherNation, "m1"));
            Expression sc = eq(column(supplier, "s2"), column(customer, "c1"));
            Join written = new Join(
                    new Join(
                            new Join(new Join(customer, supplier, JoinType.INNER, sc), nation, JoinType.INNER, sn),
                            orders,
                            JoinType.CROSS,
                            null),
                    new Join(fact, otherNation, JoinType.CROSS, null),
                    JoinType.INNER,
                    new And(new And(fs, fo), sm));

            LogicalPlan after = new ReorderJoins().apply(written);

            assertThat(after.output()).isEqualTo(written.output());
            List<LogicalPlan> order = joinOrder(after);
            // The filtered nation before orders (its filter cuts the rows early); the other nation, which filters
            // nothing, after; customer, which may multiply the rows, last.
            assertThat(order).containsExactly(fact, supplier, nation, orders, otherNation, customer);
        }

        @Test
        void reorderJoinsMovesSemiAndAntiJoinsOnTheFactTableAboveTheJoinsThatFilterIt() {
            // TPC-H Q21: lineitem, tested by EXISTS and NOT EXISTS against the whole of lineitem, joined with
            // supplier, a filtered nation and filtered orders.
            LocalRelation factRows = sized(20_000, "f1", "f2");
            LocalRelation existsRows = sized(20_000, "e1", "e2");
            LocalRelation notExistsRows = sized(20_000, "x1", "x2");
            LocalRelation supplier = sized(1000, "s1", "s2");
            LocalRelation nationRows = sized(25, "n1");
            LogicalPlan nation = new Filter(eq(column(nationRows, "n1"), column(nationRows, "n1")), nationRows);
            LocalRelation ordersRows = sized(3000, "o1");
            LogicalPlan orders = new Filter(eq(column(ordersRows, "o1"), column(ordersRows, "o1")), ordersRows);
            Join semi = new Join(
                    factRows, existsRows, JoinType.LEFT_SEMI, eq(column(factRows, "f1"), column(existsRows, "e1")));
            Join anti = new Join(
                    semi, notExistsRows, JoinType.LEFT_ANTI, eq(column(factRows, "f1"), column(notExistsRows, "x1")));
            assertThat(dev.ember.sql.plans.logical.SizeEstimates.sizeInBytes(anti))
                    .isEqualTo(dev.ember.sql.plans.logical.SizeEstimates.sizeInBytes(factRows));
            Expression fs = eq(column(factRows, "f2"), column(supplier, "s1"));
            Expression sn = eq(column(supplier, "s2"), column(nationRows, "n1"));
            Expression fo = eq(column(factRows, "f1"), column(ordersRows, "o1"));
            Join written = new Join(
                    new Join(new Join(supplier, anti, JoinType.INNER, fs), orders, JoinType.INNER, fo),
                    nation,
                    JoinType.INNER,
                    sn);

            LogicalPlan after = new ReorderJoins().apply(written);

            assertThat(after.output()).isEqualTo(written.output());
            Join top = (Join) ((Project) after).child();
            assertThat(top.joinType()).isEqualTo(JoinType.LEFT_ANTI);
            assertThat(top.right()).isSameAs(notExistsRows);
            Join below = (Join) top.left();
            assertThat(below.joinType()).isEqualTo(JoinType.LEFT_SEMI);
            assertThat(below.right()).isSameAs(existsRows);
            assertThat(joinOrder(new Project(new java.util.ArrayList<>(after.output()), below.left())))
                    .containsExactly(factRows, supplier, nation, orders);

            // Tested against a small relation, the semi join stays on the fact table: there it is a broadcast filter.
            LocalRelation few = sized(100, "e1", "e2");
            Join smallSemi = new Join(factRows, few, JoinType.LEFT_SEMI, eq(column(factRows, "f1"), column(few, "e1")));
            Join withSmall = new Join(
                    new Join(new Join(supplier, smallSemi, JoinType.INNER, fs), orders, JoinType.INNER, fo),
                    nation,
                    JoinType.INNER,
                    sn);
            LogicalPlan current = ((Project) new ReorderJoins().apply(withSmall)).child();
            List<LogicalPlan> joined = new java.util.ArrayList<>();
            while (current instanceof Join join && join.joinType() == JoinType.INNER) {
                joined.add(0, join.right());
                current = join.left();
            }
            assertThat(current == smallSemi).as("the semi join is where it was").isTrue();
            assertThat(joined.size()).isEqualTo(3);
            assertThat(joined.get(0) == supplier && joined.get(1) == nation && joined.get(2) == orders)
                    .as("supplier, nation, orders")
                    .isTrue();
        }

        /** The relations of a reordered left-deep chain, in the order they are joined. */
        private List<LogicalPlan> joinOrder(LogicalPlan reordered) {
            List<LogicalPlan> order = new java.util.ArrayList<>();
            LogicalPlan current = ((Project) reordered).child();
            while (current instanceof Join join) {
                order.add(0, join.right());
                current = join.left();
            }
            order.add(0, current);
            return order;
        }

        @Test
        void reorderJoinsCountsAConditionAmongTinyRelationsOnlyAsTheirFilter() {
            // As TPC-H Q7's OR of the two nations' names: neither nation has a filter of its own.
            LocalRelation fact = sized(200_000, "f1", "f2");
            LocalRelation supplier = sized(1000, "s1", "s2");
            LocalRelation orders = sized(3000, "o1", "o2");
            LocalRelation nation = sized(25, "n1");
            LocalRelation otherNation = sized(25, "m1");
            Expression names = new dev.ember.sql.expressions.Comparison(
                    dev.ember.sql.expressions.Comparison.Op.LESS_THAN, column(nation, "n1"), column(otherNation, "m1"));
            Expression conditions = new And(
                    new And(
                            eq(column(fact, "f1"), column(supplier, "s1")),
                            eq(column(fact, "f2"), column(orders, "o1"))),
                    new And(
                            new And(
                                    eq(column(supplier, "s2"), column(nation, "n1")),
                                    eq(column(orders, "o2"), column(otherNation, "m1"))),
                            names));
            Join written = new Join(
                    new Join(new Join(nation, otherNation, JoinType.CROSS, null), orders, JoinType.CROSS, null),
                    new Join(supplier, fact, JoinType.CROSS, null),
                    JoinType.INNER,
                    conditions);

            LogicalPlan after = new ReorderJoins().apply(written);

            List<LogicalPlan> order = joinOrder(after);
            assertThat(order).containsExactly(fact, supplier, nation, orders, otherNation);
        }

        @Test
        void reorderJoinsKeepsTheWrittenOrderWhenTheSizeOrderWouldMakeACrossProduct() {
            // FROM b JOIN c ON b.y = c.y JOIN a ON a.x = b.x + c.x: starting from a, the largest, no condition reads
            // a and only one of b and c.
            LocalRelation b = sized(10, "bx", "by");
            LocalRelation c = sized(20, "cx", "cy");
            LocalRelation a = sized(1000, "ax");
            Expression bc = eq(column(b, "by"), column(c, "cy"));
            Expression abc = eq(
                    column(a, "ax"),
                    new dev.ember.sql.expressions.Arithmetic(
                            dev.ember.sql.expressions.Arithmetic.Op.ADD, column(b, "bx"), column(c, "cx")));
            Join written = new Join(new Join(b, c, JoinType.INNER, bc), a, JoinType.INNER, abc);
            assertThat(new ReorderJoins().apply(written)).isSameAs(written);
        }

        @Test
        void reorderJoinsLeavesAChainAlreadyInSizeOrder() {
            LocalRelation fact = sized(1000, "f1", "f2");
            LocalRelation dim2 = sized(5, "d2");
            LocalRelation dim1 = sized(50, "d1");
            Join written = new Join(
                    new Join(fact, dim2, JoinType.INNER, eq(column(fact, "f2"), column(dim2, "d2"))),
                    dim1,
                    JoinType.INNER,
                    eq(column(fact, "f1"), column(dim1, "d1")));
            assertThat(new ReorderJoins().apply(written)).isSameAs(written);
        }

        @Test
        void reorderJoinsKeepsTheWrittenOrderWhenASizeIsUnknown() {
            // A source that does not know its size: only the cross product is avoided, as written otherwise.
            SourceRelation unknown = source("u1");
            LocalRelation small = sized(5, "s1");
            LocalRelation big = sized(1000, "b1");
            Join written = new Join(
                    new Join(small, unknown, JoinType.INNER, eq(column(small, "s1"), column(unknown, "u1"))),
                    big,
                    JoinType.INNER,
                    eq(column(unknown, "u1"), column(big, "b1")));
            assertThat(new ReorderJoins().apply(written)).isSameAs(written);
        }

        @Test
        void reorderJoinsLeavesAChainWhoseJoinsAllHaveConditions() {
            LocalRelation x = relation("x1");
            LocalRelation y = relation("y1");
            LocalRelation z = relation("z1");
            Join written = new Join(
                    new Join(x, y, JoinType.INNER, eq(column(x, "x1"), column(y, "y1"))),
                    z,
                    JoinType.INNER,
                    eq(column(y, "y1"), column(z, "z1")));
            assertThat(new ReorderJoins().apply(written)).isSameAs(written);
        }

        @Test
        void booleanSimplificationTakesAConjunctEveryBranchHasOutOfAnOr() {
            Expression key = eq(a, b);
            Expression before = new Or(new And(key, gt(a, 1)), new And(key, gt(b, 2)));
            assertThat(BooleanSimplification.simplify(before)).isEqualTo(new And(key, new Or(gt(a, 1), gt(b, 2))));
            Expression unrelated = new Or(gt(a, 1), gt(b, 2));
            assertThat(BooleanSimplification.simplify(unrelated)).isSameAs(unrelated);
        }
    }
}
