package dev.ember.sql.execution.adaptive;

import dev.ember.sql.execution.ExecutedSubtrees;
import dev.ember.sql.execution.MeasuredExec;
import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.execution.operators.FilterExec;
import dev.ember.sql.execution.operators.HashAggregateExec;
import dev.ember.sql.execution.operators.HashJoinExec;
import dev.ember.sql.execution.operators.ProjectExec;
import dev.ember.sql.execution.operators.RangeExec;
import dev.ember.sql.execution.operators.RuntimeFilterExec;
import dev.ember.sql.execution.operators.ShuffleExchangeExec;
import dev.ember.sql.execution.operators.SortExec;
import dev.ember.sql.execution.scan.FileScanExec;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Comparison;
import dev.ember.sql.expressions.ExprId;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.In;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.ScalarFunction;
import dev.ember.sql.plans.logical.JoinType;
import dev.ember.sql.plans.logical.SizeEstimates;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Which side of a shuffled hash join adaptive execution runs first, and what the side that ran does for the other:
 * broadcast in its place ({@link AdaptiveRules}), or filter it by its keys ({@link #filterStreamedSide}).
 */
final class JoinSides {
    /** A filter's guessed share of its input is at least this fraction. */
    private static final int MOST_SELECTIVE = 256;

    private JoinSides() {}

    /**
     * The exchanges to run now, of those {@code ready}: all but those a shuffled hash join's side likely small should
     * run before. A side likely small is a ready exchange guessed ({@link #likelyBytes}) no larger than the broadcast
     * threshold and smaller than the other side when that is ready too (or, with no guess for both, the side the
     * planner builds). Run first, it may turn out small enough to be broadcast, and then the other side is never
     * exchanged (TPC-H Q5's orders of one year: a tenth of what lineitem's side would have exchanged), or to filter the
     * other side by its keys ({@link #filterStreamedSide}). So the other side waits, if ready, and so do the ready
     * exchanges under it that a filter could reach (TPC-H Q17's aggregation of every line item by part, which the
     * keys of the parts of one brand and container then cut to a hundredth). A side guessed larger than the threshold
     * lets everything run together: neither would happen. At least one exchange always runs.
     */
    static List<ShuffleExchangeExec> runFirst(
            PhysicalPlan plan, List<ShuffleExchangeExec> ready, AdaptiveSettings settings) {
        if (settings.broadcastThreshold() < 0) {
            return ready;
        }
        List<PhysicalPlan> joins = new ArrayList<>();
        AdaptiveRules.collect(plan, node -> node instanceof HashJoinExec join && !join.broadcast(), joins);
        Set<PhysicalPlan> later = Collections.newSetFromMap(new IdentityHashMap<>());
        for (PhysicalPlan node : joins) {
            HashJoinExec join = (HashJoinExec) node;
            boolean leftReady = containsSame(ready, join.left());
            boolean rightReady = containsSame(ready, join.right());
            if (!leftReady && !rightReady) {
                continue;
            }
            long left = leftReady ? likelyBytes(join.left()) : -1;
            long right = rightReady ? likelyBytes(join.right()) : -1;
            boolean leftFirst;
            if (leftReady && rightReady) {
                leftFirst = left >= 0 && right >= 0 ? left < right : join.buildLeft();
            } else {
                leftFirst = leftReady;
            }
            long first = leftFirst ? left : right;
            boolean bothReady = leftReady && rightReady;
            if (first > settings.broadcastThreshold() || (first < 0 && !bothReady)) {
                continue;
            }
            JoinType type = join.joinType();
            boolean broadcastable = bothReady
                    && (leftFirst
                            ? type == JoinType.INNER || type == JoinType.RIGHT_OUTER
                            : type == JoinType.INNER
                                    || type == JoinType.LEFT_OUTER
                                    || type == JoinType.LEFT_SEMI
                                    || type == JoinType.LEFT_ANTI);
            boolean filters = sameTypes(join.leftKeys(), join.rightKeys())
                    && (leftFirst ? filtersRight(type) : filtersLeft(type));
            PhysicalPlan other = leftFirst ? join.right() : join.left();
            if (broadcastable || (filters && containsSame(ready, other))) {
                later.add(other);
            }
            Set<ExprId> keys = keyIds(leftFirst ? join.rightKeys() : join.leftKeys());
            if (filters && keys != null) {
                deferReachable(other, keys, ready, later);
            }
        }
        List<ShuffleExchangeExec> now = new ArrayList<>();
        for (ShuffleExchangeExec exchange : ready) {
            if (!later.contains(exchange)) {
                now.add(exchange);
            }
        }
        return now.isEmpty() ? ready : now;
    }

    /** Defers the ready exchanges a filter on {@code keys} placed at {@code plan} would pass down through. */
    private static void deferReachable(
            PhysicalPlan plan, Set<ExprId> keys, List<ShuffleExchangeExec> ready, Set<PhysicalPlan> later) {
        if (plan instanceof ShuffleExchangeExec && containsSame(ready, plan)) {
            later.add(plan);
        }
        if (passesKeys(plan, keys)) {
            deferReachable(plan.children().get(0), keys, ready, later);
        }
    }

    /**
     * A shuffled hash join's side not exchanged yet, filtered by the keys of its other side when that side is a
     * computed stage no larger than the broadcast threshold ({@link RuntimeFilterExec}), and the join drops the
     * filtered side's unmatched rows (either side of an inner or semi join, the right side of a left outer or anti
     * join, the left side of a right outer join). It matters where the small side could not be broadcast: the semi or
     * anti join of a small left side, whose rows a broadcast cannot keep (TPC-H Q4's orders of one quarter and their
     * late line items), a left outer join's left side (Q17's parts and their average quantities), or a broadcast the
     * exchange count rejected. The filter goes as far down as the rows carry the keys unchanged: through exchanges that
     * have not run, filters, projections keeping the key columns, and aggregations grouped by them, so that Q17 and
     * Q20 aggregate only the line items of the parts they look at. Keys of different types on the two sides (hashed
     * differently) are left alone.
     */
    static PhysicalPlan filterStreamedSide(PhysicalPlan plan, AdaptiveSettings settings) {
        if (!(plan instanceof HashJoinExec join) || join.broadcast() || !sameTypes(join.leftKeys(), join.rightKeys())) {
            return plan;
        }
        JoinType type = join.joinType();
        Set<ExprId> leftIds = keyIds(join.leftKeys());
        Set<ExprId> rightIds = keyIds(join.rightKeys());
        if (AdaptiveRules.smallStageBytes(join.left(), settings) >= 0
                && filtersRight(type)
                && filterable(join.right(), rightIds, join.left())) {
            PhysicalPlan right = pushFilter(join.right(), rightIds, join.rightKeys(), join.left(), join.leftKeys());
            return join.withChildren(List.of(join.left(), right));
        }
        if (AdaptiveRules.smallStageBytes(join.right(), settings) >= 0
                && filtersLeft(type)
                && filterable(join.left(), leftIds, join.right())) {
            PhysicalPlan left = pushFilter(join.left(), leftIds, join.leftKeys(), join.right(), join.rightKeys());
            return join.withChildren(List.of(left, join.right()));
        }
        return plan;
    }

    /**
     * {@code plan} with a filter on {@code keys} as far down as it goes: below every exchange not run yet, and below
     * whatever passes the key columns ({@code ids}; null when a key is not a column) unchanged.
     */
    private static PhysicalPlan pushFilter(
            PhysicalPlan plan,
            Set<ExprId> ids,
            List<Expression> keys,
            PhysicalPlan source,
            List<Expression> sourceKeys) {
        if (plan instanceof ShuffleExchangeExec || (ids != null && passesKeys(plan, ids))) {
            return plan.withChildren(List.of(pushFilter(plan.children().get(0), ids, keys, source, sourceKeys)));
        }
        return new RuntimeFilterExec(keys, source, sourceKeys, plan);
    }

    /** Whether a filter pushed into {@code plan} ends below an exchange not run yet, where it saves an exchange. */
    private static boolean reachesPendingExchange(PhysicalPlan plan, Set<ExprId> ids) {
        if (plan instanceof ShuffleExchangeExec) {
            return true;
        }
        return ids != null
                && passesKeys(plan, ids)
                && reachesPendingExchange(plan.children().get(0), ids);
    }

    /**
     * Whether a filter on the columns {@code keys} may go below {@code plan}: its rows carry those columns unchanged
     * from its one input, dropping input rows whose keys match nothing drops exactly the output rows whose keys match
     * nothing, and it computes nothing non-deterministic (fewer rows would draw other values).
     */
    private static boolean passesKeys(PhysicalPlan plan, Set<ExprId> keys) {
        if (plan instanceof ShuffleExchangeExec) {
            return true;
        }
        // Below something non-deterministic (rand), fewer rows would draw other values.
        if (plan instanceof FilterExec filter) {
            return filter.condition().deterministic();
        }
        if (plan instanceof ProjectExec project) {
            if (!project.projectList().stream().allMatch(NamedExpression::deterministic)) {
                return false;
            }
            Set<ExprId> passed = new HashSet<>();
            for (NamedExpression expression : project.projectList()) {
                if (expression instanceof Attribute attribute) {
                    passed.add(attribute.exprId());
                }
            }
            return passed.containsAll(keys);
        }
        if (plan instanceof HashAggregateExec aggregate
                && !aggregate.groupingExpressions().isEmpty()
                && aggregate.groupingExpressions().stream().allMatch(Expression::deterministic)
                && aggregate.aggregates().stream().allMatch(Expression::deterministic)
                && aggregate.resultExpressions().stream().allMatch(NamedExpression::deterministic)) {
            Set<ExprId> grouped = new HashSet<>();
            for (Expression grouping : aggregate.groupingExpressions()) {
                if (grouping instanceof Attribute attribute) {
                    grouped.add(attribute.exprId());
                }
            }
            Set<ExprId> output = new HashSet<>();
            for (Attribute attribute : aggregate.output()) {
                output.add(attribute.exprId());
            }
            return grouped.containsAll(keys) && output.containsAll(keys);
        }
        return false;
    }

    /** The ids of the keys when every key is a column; null otherwise (a filter then stays above the exchange). */
    private static Set<ExprId> keyIds(List<Expression> keys) {
        Set<ExprId> ids = new HashSet<>();
        for (Expression key : keys) {
            if (!(key instanceof Attribute attribute)) {
                return null;
            }
            ids.add(attribute.exprId());
        }
        return ids;
    }

    /** Whether a join drops the right side's rows that match nothing, so that they may be filtered out before it. */
    private static boolean filtersRight(JoinType type) {
        return type == JoinType.INNER
                || type == JoinType.LEFT_OUTER
                || type == JoinType.LEFT_SEMI
                || type == JoinType.LEFT_ANTI;
    }

    /** Whether a join drops the left side's rows that match nothing. */
    private static boolean filtersLeft(JoinType type) {
        return type == JoinType.INNER || type == JoinType.RIGHT_OUTER || type == JoinType.LEFT_SEMI;
    }

    /**
     * Whether a filter pushed into {@code side} ends below an exchange not run yet, and no filter by {@code source}'s
     * keys is in it yet, run or not.
     */
    private static boolean filterable(PhysicalPlan side, Set<ExprId> ids, PhysicalPlan source) {
        return reachesPendingExchange(side, ids) && !filteredBy(side, source);
    }

    private static boolean filteredBy(PhysicalPlan plan, PhysicalPlan source) {
        PhysicalPlan node = plan instanceof MeasuredExec measured ? measured.node() : plan;
        if (node instanceof RuntimeFilterExec filter && filter.keySource() == source) {
            return true;
        }
        List<PhysicalPlan> below = new ArrayList<>(plan.children());
        if (node instanceof ExecutedSubtrees executed) {
            below.addAll(executed.executedSubtrees());
        }
        for (PhysicalPlan child : below) {
            if (filteredBy(child, source)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameTypes(List<Expression> left, List<Expression> right) {
        if (left.size() != right.size() || left.isEmpty()) {
            return false;
        }
        for (int i = 0; i < left.size(); i++) {
            if (!left.get(i).dataType().equals(right.get(i).dataType())) {
                return false;
            }
        }
        return true;
    }

    /**
     * A guess at the bytes a plan not run yet produces, only to choose which stage runs first: a scan its files' share
     * of the columns it reads; a range eight bytes a row; a filter its input's share by its conditions (a tenth for
     * each equality to a constant or {@code LIKE} a constant pattern, a quarter for an {@code IN} list, half for any
     * other condition, a {@value #MOST_SELECTIVE}th at least), which makes TPC-H Q12's lineitem, filtered five ways,
     * the side to run before all of orders; an inner or semi join on a broadcast side its streamed side's, cut by the
     * broadcast side's filters (Q17's line items of one brand and container of parts); another join the sum of its
     * sides'; a computed stage its map output; projections, sorts within partitions, aggregations and exchanges their
     * input's. -1 where no guess.
     */
    static long likelyBytes(PhysicalPlan plan) {
        if (plan instanceof QueryStageExec stage) {
            return stage.statistics().totalBytes();
        }
        if (plan instanceof FileScanExec scan) {
            long size = scan.relation().estimatedSizeInBytes();
            if (size < 0) {
                return -1;
            }
            long all = 8;
            for (var field : scan.relation().schema().fields()) {
                all += field.dataType().defaultSize();
            }
            return Math.max(1, (long) ((double) size * SizeEstimates.rowSize(scan.output()) / Math.max(1, all)));
        }
        if (plan instanceof RangeExec range) {
            long rows = range.range().count();
            return rows > Long.MAX_VALUE / 8 ? Long.MAX_VALUE : Math.max(1, rows * 8);
        }
        if (plan instanceof FilterExec filter) {
            long input = likelyBytes(filter.child());
            return input < 0 ? -1 : Math.max(1, input / divisor(filter));
        }
        if (plan instanceof HashJoinExec join) {
            PhysicalPlan streamed = join.buildLeft() ? join.right() : join.left();
            PhysicalPlan built = join.buildLeft() ? join.left() : join.right();
            if (join.broadcast()) {
                long input = likelyBytes(streamed);
                boolean cuts = join.joinType() == JoinType.INNER || join.joinType() == JoinType.LEFT_SEMI;
                return input < 0 || !cuts ? input : Math.max(1, input / filtersBelow(built));
            }
            long left = likelyBytes(join.left());
            long right = likelyBytes(join.right());
            return left < 0 || right < 0 ? -1 : left + Math.min(right, Long.MAX_VALUE - left);
        }
        boolean keepsInput = plan instanceof ProjectExec
                || plan instanceof RuntimeFilterExec
                || (plan instanceof SortExec sort && !sort.global())
                || plan instanceof HashAggregateExec
                || plan instanceof ShuffleExchangeExec;
        return keepsInput ? likelyBytes(plan.children().get(0)) : -1;
    }

    /** By how much a filter's conditions guess its input cut: see {@link #likelyBytes}. */
    private static long divisor(FilterExec filter) {
        long divisor = 1;
        for (Expression condition : Expressions.splitConjuncts(filter.condition())) {
            if (condition instanceof Comparison comparison
                    && comparison.op() == Comparison.Op.EQUAL
                    && (comparison.left() instanceof Literal || comparison.right() instanceof Literal)) {
                divisor *= 10;
            } else if (condition instanceof In) {
                divisor *= 4;
            } else if (condition instanceof ScalarFunction function
                    && (function.name().equalsIgnoreCase("like")
                            || function.name().equalsIgnoreCase("startswith"))
                    && function.children().size() == 2
                    && function.children().get(1) instanceof Literal) {
                divisor *= 10;
            } else {
                divisor *= 2;
            }
            if (divisor >= MOST_SELECTIVE) {
                return MOST_SELECTIVE;
            }
        }
        return divisor;
    }

    /** The cut the filters of a broadcast side's own chain (filters over projections over a scan) guess. */
    private static long filtersBelow(PhysicalPlan plan) {
        long divisor = 1;
        PhysicalPlan current = plan;
        while (current instanceof FilterExec || current instanceof ProjectExec) {
            if (current instanceof FilterExec filter) {
                divisor = Math.min(MOST_SELECTIVE, divisor * divisor(filter));
            }
            current = current.children().get(0);
        }
        return divisor;
    }

    private static boolean containsSame(List<ShuffleExchangeExec> exchanges, PhysicalPlan plan) {
        for (ShuffleExchangeExec exchange : exchanges) {
            if (exchange == plan) {
                return true;
            }
        }
        return false;
    }
}
