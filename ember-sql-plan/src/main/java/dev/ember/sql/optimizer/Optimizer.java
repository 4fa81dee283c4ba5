package dev.ember.sql.optimizer;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.PlanText;
import dev.ember.sql.rules.Batch;
import dev.ember.sql.rules.Rule;
import dev.ember.sql.rules.RuleExecutor;
import java.util.List;

/**
 * Rewrites an analyzed plan into a cheaper one with the same result. After every rule that changed the plan it checks
 * that the output is still the same columns (names, types and ids) and that the plan is still resolved, and fails
 * naming the rule otherwise.
 *
 * <p>The batches, and why in this order:
 *
 * <ol>
 *   <li>{@code Rewrite subqueries}, to a fixed point, first: {@code EXISTS} and {@code IN} conjuncts become semi and
 *       anti joins, those elsewhere (in an {@code OR}, under {@code NOT}, in a select list) outer joins with a match
 *       marker, correlated scalar aggregates left outer joins, before anything moves filters (a filter holding a
 *       subquery is not pushed as one, and the joins it becomes are then optimized like any other). The subquery plans
 *       become children here, so the later batches (and the alias removal) see them. A fixed point, because a
 *       subquery pulled into the plan may hold subqueries of its own. {@code Check subqueries} then fails on what could
 *       not be rewritten and cannot run as an expression.
 *   <li>{@code Finish analysis}, once: aliases and DISTINCT are for the user, not for execution.
 *   <li>{@code Operator optimizations}, to a fixed point: folding and simplifying first (a folded {@code WHERE 1 = 1}
 *       disappears before anything tries to push it), then moving filters down (through projections, into joins,
 *       through aggregations), semi and anti joins below the joins whose rows they filter, and combining what meets,
 *       then collapsing projections and limits.
 *   <li>{@code Join reordering}, once, when the conditions a chain of inner joins has are in place; then {@code
 *       Infer filters}, once: filters a join's side takes from a disjunctive condition ({@link
 *       InferFiltersFromDisjunctions}), pushed down by a short fixed point of the filter rules.
 *   <li>{@code Prune and push into scans}, once: pruning after all moves, so that it sees the final shape; filters
 *       reach the scans last, when they are as low as they go.
 * </ol>
 */
public final class Optimizer extends RuleExecutor {
    private static final List<Batch> BATCHES = List.of(
            Batch.fixedPoint(
                    "Rewrite subqueries",
                    100,
                    new RewriteExistsSubquery(),
                    new RewriteInSubquery(),
                    new RewriteSubqueriesInDisjunctions(),
                    new RewriteSubqueryPredicates(),
                    new RewriteCorrelatedScalarSubquery()),
            Batch.once("Check subqueries", new CheckSubqueriesRewritten()),
            Batch.once(
                    "Finish analysis",
                    new ApplyJoinHints(),
                    new EliminateSubqueryAliases(),
                    new ReplaceDistinctWithAggregate()),
            Batch.fixedPoint(
                    "Operator optimizations",
                    100,
                    new ConstantFolding(),
                    new BooleanSimplification(),
                    new PushFilterThroughProject(),
                    new PushFilterIntoJoin(),
                    new PushFilterThroughAggregate(),
                    new PushSemiJoinDown(),
                    new CombineFilters(),
                    new CollapseProject(),
                    new CombineLimits(),
                    new EliminateSorts(),
                    new RemoveRedundantProject()),
            // After filters reached the joins: the conditions a chain of inner joins has decide its order.
            Batch.once("Join reordering", new ReorderJoins()),
            Batch.fixedPoint(
                    "Operator optimizations after reordering",
                    100,
                    new PushFilterIntoJoin(),
                    new CombineFilters(),
                    new CollapseProject(),
                    new RemoveRedundantProject()),
            // Once the conditions are in the joins: filters a side can take from a disjunctive one, pushed below.
            Batch.once("Infer filters", new InferFiltersFromDisjunctions()),
            Batch.fixedPoint("Push inferred filters", 100, new PushFilterIntoJoin(), new CombineFilters()),
            Batch.once("Prune and push into scans", new ColumnPruning(), new PushFiltersIntoScan()));

    @Override
    protected List<Batch> batches() {
        return BATCHES;
    }

    public LogicalPlan optimize(LogicalPlan plan) {
        return execute(plan);
    }

    @Override
    protected void checkInvariants(Rule rule, LogicalPlan before, LogicalPlan after) {
        if (!after.resolved()) {
            throw new EmberException(
                    ErrorClass.INTERNAL_ERROR,
                    "The optimizer rule " + rule.name() + " left an unresolved plan:\n" + PlanText.tree(after));
        }
        List<Attribute> was = before.output();
        List<Attribute> now = after.output();
        boolean same = was.size() == now.size();
        for (int i = 0; same && i < was.size(); i++) {
            same = was.get(i).exprId().equals(now.get(i).exprId())
                    && was.get(i).dataType().equals(now.get(i).dataType())
                    && was.get(i).name().equals(now.get(i).name());
        }
        if (!same) {
            throw new EmberException(
                    ErrorClass.INTERNAL_ERROR,
                    "The optimizer rule " + rule.name() + " changed the output from " + was + " to " + now);
        }
    }
}
