package dev.ember.sql.planner;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.execution.Partitioning;
import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.execution.operators.FilterExec;
import dev.ember.sql.execution.operators.HashJoinExec;
import dev.ember.sql.execution.operators.LimitExec;
import dev.ember.sql.execution.operators.LocalTableScanExec;
import dev.ember.sql.execution.operators.NestedLoopJoinExec;
import dev.ember.sql.execution.operators.ProjectExec;
import dev.ember.sql.execution.operators.RangeExec;
import dev.ember.sql.execution.operators.RepartitionExec;
import dev.ember.sql.execution.operators.SetOperationExec;
import dev.ember.sql.execution.operators.SortExec;
import dev.ember.sql.execution.operators.SortMergeJoinExec;
import dev.ember.sql.execution.operators.TakeOrderedExec;
import dev.ember.sql.execution.operators.UnionExec;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.plans.logical.Aggregate;
import dev.ember.sql.plans.logical.Filter;
import dev.ember.sql.plans.logical.Join;
import dev.ember.sql.plans.logical.JoinType;
import dev.ember.sql.plans.logical.Limit;
import dev.ember.sql.plans.logical.LocalRelation;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Offset;
import dev.ember.sql.plans.logical.PlanText;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.plans.logical.Range;
import dev.ember.sql.plans.logical.Repartition;
import dev.ember.sql.plans.logical.SetOperation;
import dev.ember.sql.plans.logical.SizeEstimates;
import dev.ember.sql.plans.logical.Sort;
import dev.ember.sql.plans.logical.SourceRelation;
import dev.ember.sql.plans.logical.SubqueryAlias;
import dev.ember.sql.plans.logical.Union;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an optimized logical plan into a physical one, choosing an operator for each node; {@link EnsureRequirements}
 * then inserts the exchanges the operators need. The choices:
 *
 * <ul>
 *   <li>Aggregation: partial aggregation in each task, an exchange by the keys, final aggregation ({@link
 *       AggregatePlanning}); DISTINCT aggregates over one argument list in four steps, deduplicating first; one
 *       complete aggregation after the exchange when DISTINCT aggregates are mixed with others.
 *   <li>Equi-join: broadcast hash join when a side that may be built (the right for inner, left outer, semi and anti
 *       joins; the left for inner and right outer joins) is estimated at most {@code autoBroadcastJoinThreshold}
 *       bytes, or hinted; otherwise a shuffled hash join building the smaller side it may, or a sort-merge join when
 *       hinted ({@code MERGE}) or preferred ({@code ember.sql.join.preferSortMergeJoin}).
 *   <li>Join without equality keys: broadcast nested loop join, or a single-partition one for joins that must emit
 *       unmatched build rows.
 *   <li>{@code ORDER BY ... LIMIT n}: top-k in each task, then over the gathered top rows; {@code LIMIT} alone: a limit
 *       in each task, then a global one.
 * </ul>
 */
public final class PhysicalPlanner {
    private final long broadcastThreshold;
    private final boolean preferSortMerge;
    private final int shufflePartitions;

    /**
     * @param broadcastThreshold the largest estimated size of a side to broadcast; -1 never broadcasts
     * @param preferSortMerge whether equi-joins not broadcast are sort-merge joins rather than shuffled hash joins
     * @param shufflePartitions the partitions of a {@code repartition} that names no count
     */
    public PhysicalPlanner(long broadcastThreshold, boolean preferSortMerge, int shufflePartitions) {
        this.broadcastThreshold = broadcastThreshold;
        this.preferSortMerge = preferSortMerge;
        this.shufflePartitions = shufflePartitions;
    }

    public PhysicalPlan plan(LogicalPlan plan) {
        requireNonNull(plan, "plan is null");
        if (plan instanceof Project project) {
            return new ProjectExec(project.projectList(), plan(project.child()));
        }
        if (plan instanceof Filter filter) {
            return new FilterExec(filter.condition(), plan(filter.child()));
        }
        if (plan instanceof SubqueryAlias alias) {
            return plan(alias.child());
        }
        if (plan instanceof LocalRelation local) {
            return new LocalTableScanExec(local.output(), local.rows());
        }
        if (plan instanceof Range range) {
            return new RangeExec(range);
        }
        if (plan instanceof SourceRelation relation) {
            if (relation.source() instanceof ScannableSource scannable) {
                return scannable.scan(relation);
            }
            throw new EmberException(
                    ErrorClass.INTERNAL_ERROR,
                    "No scan for the source " + relation.source().description());
        }
        if (plan instanceof Aggregate aggregate) {
            return AggregatePlanning.plan(aggregate, plan(aggregate.child()));
        }
        if (plan instanceof Join join) {
            return join(join);
        }
        if (plan instanceof Sort sort) {
            return new SortExec(sort.order(), sort.global(), plan(sort.child()));
        }
        if (plan instanceof Limit limit) {
            return limit(limit.limit(), 0, limit.child());
        }
        if (plan instanceof Offset offset) {
            return new LimitExec(-1, offset.offset(), true, plan(offset.child()));
        }
        if (plan instanceof Repartition repartition) {
            return repartition(repartition);
        }
        if (plan instanceof Union union) {
            List<PhysicalPlan> inputs = new ArrayList<>();
            for (LogicalPlan input : union.inputs()) {
                inputs.add(plan(input));
            }
            return new UnionExec(inputs, union.output());
        }
        if (plan instanceof SetOperation operation) {
            return new SetOperationExec(
                    operation.kind(), operation.all(), plan(operation.left()), plan(operation.right()));
        }
        PhysicalPlan analytics = AnalyticsPlanning.plan(plan, this::plan);
        if (analytics != null) {
            return analytics;
        }
        throw new EmberException(
                ErrorClass.UNSUPPORTED_FEATURE, "Ember cannot run this part of the plan yet:\n" + PlanText.tree(plan));
    }

    /** The partitioning the user asked for, with a count of 0 meaning the session's shuffle partitions. */
    private PhysicalPlan repartition(Repartition repartition) {
        PhysicalPlan child = plan(repartition.child());
        int count = repartition.numPartitions() > 0 ? repartition.numPartitions() : shufflePartitions;
        if (!repartition.shuffle()) {
            return new RepartitionExec(null, count, child);
        }
        List<Expression> expressions = repartition.partitionExpressions();
        Partitioning partitioning;
        if (expressions.isEmpty()) {
            partitioning = new Partitioning.RoundRobin(count);
        } else if (repartition.byRange()) {
            partitioning = new Partitioning.Range(
                    expressions.stream().map(SortOrder.class::cast).toList(), count);
        } else {
            partitioning = new Partitioning.Hash(expressions, count);
        }
        return new RepartitionExec(partitioning, count, child);
    }

    private PhysicalPlan limit(int limit, int offset, LogicalPlan child) {
        if (child instanceof Sort sort && sort.global() && offset == 0) {
            PhysicalPlan input = plan(sort.child());
            return new TakeOrderedExec(
                    limit, sort.order(), true, new TakeOrderedExec(limit, sort.order(), false, input));
        }
        if (child instanceof Offset inner) {
            PhysicalPlan input = plan(inner.child());
            int local = (int) Math.min(Integer.MAX_VALUE, (long) limit + inner.offset());
            return new LimitExec(limit, inner.offset(), true, new LimitExec(local, 0, false, input));
        }
        PhysicalPlan input = plan(child);
        return new LimitExec(limit, offset, true, new LimitExec(limit, 0, false, input));
    }

    private PhysicalPlan join(Join join) {
        JoinType type = join.joinType() == JoinType.CROSS ? JoinType.INNER : join.joinType();
        PhysicalPlan left = plan(join.left());
        PhysicalPlan right = plan(join.right());
        JoinKeys keys =
                JoinKeys.of(join.condition(), join.left().output(), join.right().output());
        boolean canBuildRight = type == JoinType.INNER
                || type == JoinType.LEFT_OUTER
                || type == JoinType.LEFT_SEMI
                || type == JoinType.LEFT_ANTI;
        boolean canBuildLeft = type == JoinType.INNER || type == JoinType.RIGHT_OUTER;
        long leftSize = SizeEstimates.sizeInBytes(join.left());
        long rightSize = SizeEstimates.sizeInBytes(join.right());
        // A merge hint asks not to broadcast by size; only a broadcast hint overrides it.
        boolean bySize = !join.hint().sortMerge();
        boolean broadcastRight = canBuildRight && (join.hint().broadcastRight() || (bySize && small(rightSize)));
        boolean broadcastLeft = canBuildLeft && (join.hint().broadcastLeft() || (bySize && small(leftSize)));
        if (keys.leftKeys().isEmpty()) {
            if (broadcastRight || (canBuildRight && !canBuildLeft)) {
                return new NestedLoopJoinExec(type, keys.remaining(), false, false, left, right);
            }
            if (canBuildLeft) {
                return new NestedLoopJoinExec(type, keys.remaining(), true, false, left, right);
            }
            return new NestedLoopJoinExec(type, keys.remaining(), false, true, left, right);
        }
        if (broadcastRight && (!broadcastLeft || rightSize <= leftSize)) {
            return new HashJoinExec(
                    keys.leftKeys(), keys.rightKeys(), type, keys.remaining(), false, true, left, right);
        }
        if (broadcastLeft) {
            return new HashJoinExec(keys.leftKeys(), keys.rightKeys(), type, keys.remaining(), true, true, left, right);
        }
        if (preferSortMerge || join.hint().sortMerge()) {
            return new SortMergeJoinExec(keys.leftKeys(), keys.rightKeys(), type, keys.remaining(), left, right);
        }
        // A task of a shuffled join holds its whole partition of both sides, so an outer side may be the one built
        // (its unmatched rows are emitted after the stream), and so may the left side of a semi or anti join (its
        // matched or unmatched rows are): the smaller side is built, whatever the join type.
        boolean buildLeft = leftSize < rightSize;
        return new HashJoinExec(
                keys.leftKeys(), keys.rightKeys(), type, keys.remaining(), buildLeft, false, left, right);
    }

    private boolean small(long size) {
        return broadcastThreshold >= 0 && size <= broadcastThreshold;
    }
}
