package dev.ember.sql.execution.adaptive;

import dev.ember.MapOutputStatistics;
import dev.ember.rdd.BlockShuffledRDD.ReadSpec;
import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.execution.operators.ExpandExec;
import dev.ember.sql.execution.operators.FilterExec;
import dev.ember.sql.execution.operators.GenerateExec;
import dev.ember.sql.execution.operators.HashAggregateExec;
import dev.ember.sql.execution.operators.HashJoinExec;
import dev.ember.sql.execution.operators.LimitExec;
import dev.ember.sql.execution.operators.LocalTableScanExec;
import dev.ember.sql.execution.operators.ProjectExec;
import dev.ember.sql.execution.operators.RuntimeFilterExec;
import dev.ember.sql.execution.operators.ShuffleExchangeExec;
import dev.ember.sql.execution.operators.SortExec;
import dev.ember.sql.execution.operators.SortMergeJoinExec;
import dev.ember.sql.execution.operators.TakeOrderedExec;
import dev.ember.sql.execution.operators.WindowExec;
import dev.ember.sql.planner.EnsureRequirements;
import dev.ember.sql.plans.logical.JoinType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The revisions adaptive execution makes to a plan once some of its stages have run.
 *
 * <p>Above the computed stages ({@link #replan}): operators over an empty input become empty themselves, and a
 * shuffled hash join whose one side turned out no larger than the broadcast threshold, while the other side's exchange
 * has not run yet, becomes a broadcast hash join without that exchange. A revision that would need more exchanges
 * than the plan it replaces is dropped.
 *
 * <p>Within the plan of the stage about to run ({@link #optimizeStage}), whose inputs have all run: how to read
 * those inputs ({@link StageReads}) — a shuffled join's skewed partitions split, small partitions read together —
 * kept only where every operator still gets its input spread as it requires.
 */
final class AdaptiveRules {
    private AdaptiveRules() {}

    // ---- above the computed stages

    static PhysicalPlan replan(PhysicalPlan plan, AdaptiveSettings settings) {
        EnsureRequirements requirements = new EnsureRequirements(settings.shufflePartitions());
        PhysicalPlan current = plan;
        PhysicalPlan pruned = transformUp(current, AdaptiveRules::emptyIfInputEmpty);
        if (pruned != current) {
            current = requirements.apply(pruned);
        }
        if (settings.broadcastThreshold() >= 0) {
            PhysicalPlan broadcast = transformUp(current, node -> broadcastSmallSide(node, settings));
            if (broadcast != current) {
                PhysicalPlan ensured = requirements.apply(broadcast);
                if (exchanges(ensured) <= exchanges(current)) {
                    current = ensured;
                }
            }
            current = transformUp(current, node -> JoinSides.filterStreamedSide(node, settings));
        }
        return current;
    }

    /** An empty relation with {@code plan}'s output where its input being empty makes its output empty. */
    private static PhysicalPlan emptyIfInputEmpty(PhysicalPlan plan) {
        if (isEmpty(plan)) {
            return plan;
        }
        if (plan instanceof HashJoinExec || plan instanceof SortMergeJoinExec) {
            JoinType type = joinType(plan);
            boolean leftEmpty = isEmpty(strip(plan.children().get(0)));
            boolean rightEmpty = isEmpty(strip(plan.children().get(1)));
            boolean empty =
                    switch (type) {
                        case INNER, CROSS, LEFT_SEMI -> leftEmpty || rightEmpty;
                        case LEFT_OUTER, LEFT_ANTI -> leftEmpty;
                        case RIGHT_OUTER -> rightEmpty;
                        case FULL_OUTER -> leftEmpty && rightEmpty;
                    };
            return empty ? empty(plan) : plan;
        }
        boolean rowsOnlyFromInput = plan instanceof ProjectExec
                || plan instanceof FilterExec
                || plan instanceof RuntimeFilterExec
                || plan instanceof SortExec
                || plan instanceof LimitExec
                || plan instanceof TakeOrderedExec
                || plan instanceof ShuffleExchangeExec
                || plan instanceof ExpandExec
                || plan instanceof GenerateExec
                || plan instanceof WindowExec
                || (plan instanceof HashAggregateExec aggregate
                        && !aggregate.groupingExpressions().isEmpty());
        return rowsOnlyFromInput && isEmpty(plan.children().get(0)) ? empty(plan) : plan;
    }

    private static boolean isEmpty(PhysicalPlan plan) {
        return (plan instanceof QueryStageExec stage && stage.statistics().totalBytes() == 0)
                || (plan instanceof LocalTableScanExec local && local.rows().isEmpty());
    }

    private static PhysicalPlan empty(PhysicalPlan plan) {
        return new LocalTableScanExec(plan.output(), List.of());
    }

    /**
     * A shuffled hash join as a broadcast hash join when a side it may build is a computed stage small enough. A
     * sort-merge join stays one: it was asked for, by a {@code MERGE} hint or {@code preferSortMergeJoin}.
     */
    private static PhysicalPlan broadcastSmallSide(PhysicalPlan plan, AdaptiveSettings settings) {
        if (!(plan instanceof HashJoinExec join) || join.broadcast()) {
            return plan;
        }
        JoinType type = joinType(plan);
        PhysicalPlan left = strip(plan.children().get(0));
        PhysicalPlan right = strip(plan.children().get(1));
        long leftBytes = smallStageBytes(left, settings);
        long rightBytes = smallStageBytes(right, settings);
        boolean buildRight = rightBytes >= 0
                && (type == JoinType.INNER
                        || type == JoinType.LEFT_OUTER
                        || type == JoinType.LEFT_SEMI
                        || type == JoinType.LEFT_ANTI);
        boolean buildLeft = leftBytes >= 0 && (type == JoinType.INNER || type == JoinType.RIGHT_OUTER);
        // Worth it only while the other side's exchange has not run: a broadcast side is built whole in every JVM
        // (by every task with one slot), so against a side already exchanged it saves nothing and builds a table of
        // the whole side where the shuffled join built a share of it per task.
        buildLeft &= right instanceof ShuffleExchangeExec;
        buildRight &= left instanceof ShuffleExchangeExec;
        if (buildRight && buildLeft) {
            buildLeft = leftBytes < rightBytes;
            buildRight = !buildLeft;
        }
        if (!buildLeft && !buildRight) {
            return plan;
        }
        if (buildLeft) {
            right = withoutPendingExchange(right);
        } else {
            left = withoutPendingExchange(left);
        }
        return new HashJoinExec(
                join.leftKeys(), join.rightKeys(), type, join.condition(), buildLeft, true, left, right);
    }

    /** The bytes of a computed stage no larger than the broadcast threshold, or -1. */
    static long smallStageBytes(PhysicalPlan plan, AdaptiveSettings settings) {
        if (plan instanceof QueryStageExec stage) {
            long bytes = stage.statistics().totalBytes();
            return bytes <= settings.broadcastThreshold() ? bytes : -1;
        }
        return -1;
    }

    /** An exchange not run yet is not needed by a broadcast join's streamed side. */
    private static PhysicalPlan withoutPendingExchange(PhysicalPlan plan) {
        return plan instanceof ShuffleExchangeExec exchange ? exchange.child() : plan;
    }

    // ---- the plan of the stage about to run

    static PhysicalPlan optimizeStage(PhysicalPlan stagePlan, AdaptiveSettings settings) {
        PhysicalPlan plan = transformUp(stagePlan, AdaptiveRules::buildSmallerSide);
        List<QueryStageExec> stages = new ArrayList<>();
        collectStages(plan, stages, Collections.newSetFromMap(new IdentityHashMap<>()));
        if (stages.isEmpty() || !stages.stream().allMatch(QueryStageExec::readAsWritten)) {
            return plan;
        }
        int partitions = stages.get(0).statistics().numPartitions();
        if (partitions <= 1 || stages.stream().anyMatch(s -> s.statistics().numPartitions() != partitions)) {
            return plan;
        }
        if (settings.skewJoin() && stages.size() == 2) {
            PhysicalPlan split = splitSkewedJoin(plan, stages.get(0), stages.get(1), settings);
            if (split != null) {
                return split;
            }
        }
        if (settings.coalescePartitions()) {
            List<MapOutputStatistics> statistics =
                    stages.stream().map(QueryStageExec::statistics).toList();
            long total = statistics.stream()
                    .mapToLong(MapOutputStatistics::totalBytes)
                    .sum();
            List<List<ReadSpec>> specs = StageReads.coalesce(statistics, settings.coalesceTarget(total));
            if (specs != null) {
                Map<PhysicalPlan, PhysicalPlan> replaced = new IdentityHashMap<>();
                for (int i = 0; i < stages.size(); i++) {
                    replaced.put(stages.get(i), stages.get(i).withSpecs(specs.get(i), "coalesced"));
                }
                PhysicalPlan coalesced = replace(plan, replaced);
                if (requirementsMet(coalesced, node -> false)) {
                    return coalesced;
                }
            }
        }
        return plan;
    }

    /**
     * A shuffled hash join building the side that turned out smaller. The planner chose from estimates, which for a
     * side that is itself a join multiply the sizes of its inputs (TPC-H Q21's lineitem of one nation's suppliers
     * joined with orders, then tested against the whole of lineitem: the tested side was built). Here each side's bytes
     * are estimated from the stages under it: a stage's map output; a shuffled inner or outer join the sum of its sides
     * (a join on one side's keys meets each row of the other at most once); a broadcast join its streamed side; a semi
     * or anti join, a filter, a projection or an aggregation at most its input. A side with another operator under it
     * keeps the planner's choice.
     */
    private static PhysicalPlan buildSmallerSide(PhysicalPlan plan) {
        if (!(plan instanceof HashJoinExec join) || join.broadcast()) {
            return plan;
        }
        long left = stageBytes(join.left());
        long right = stageBytes(join.right());
        if (left < 0 || right < 0 || left == right || (left < right) == join.buildLeft()) {
            return plan;
        }
        return new HashJoinExec(
                join.leftKeys(),
                join.rightKeys(),
                join.joinType(),
                join.condition(),
                left < right,
                false,
                join.left(),
                join.right());
    }

    /** The bytes of a stage plan's output, estimated from the computed stages it reads (see above), or -1. */
    private static long stageBytes(PhysicalPlan plan) {
        if (plan instanceof QueryStageExec stage) {
            return stage.statistics().totalBytes();
        }
        if (plan instanceof HashJoinExec join && join.broadcast()) {
            return stageBytes(join.buildLeft() ? join.right() : join.left());
        }
        if (plan instanceof HashJoinExec join) {
            long left = stageBytes(join.left());
            long right = stageBytes(join.right());
            if (left < 0 || right < 0) {
                return -1;
            }
            return join.joinType() == JoinType.LEFT_SEMI || join.joinType() == JoinType.LEFT_ANTI
                    ? left
                    : left + Math.min(right, Long.MAX_VALUE - left);
        }
        boolean keepsAtMost = plan instanceof FilterExec
                || plan instanceof ProjectExec
                || (plan instanceof SortExec sort && !sort.global())
                || plan instanceof HashAggregateExec;
        return keepsAtMost ? stageBytes(plan.children().get(0)) : -1;
    }

    /** The plan with the one shuffled join over {@code a} and {@code b} reading its skewed partitions in pieces. */
    private static PhysicalPlan splitSkewedJoin(
            PhysicalPlan plan, QueryStageExec a, QueryStageExec b, AdaptiveSettings settings) {
        List<PhysicalPlan> joins = new ArrayList<>();
        collect(plan, node -> isShuffledJoin(node) && sides(node, a, b) != null, joins);
        if (joins.size() != 1) {
            return null;
        }
        PhysicalPlan join = joins.get(0);
        QueryStageExec[] sides = sides(join, a, b);
        JoinType type = joinType(join);
        boolean splitLeft = type == JoinType.INNER
                || type == JoinType.LEFT_OUTER
                || type == JoinType.LEFT_SEMI
                || type == JoinType.LEFT_ANTI;
        boolean splitRight = type == JoinType.INNER || type == JoinType.RIGHT_OUTER;
        List<List<ReadSpec>> specs =
                StageReads.splitSkewed(sides[0].statistics(), sides[1].statistics(), splitLeft, splitRight, settings);
        if (specs == null) {
            return null;
        }
        int pieces = specs.get(0).size();
        QueryStageExec left = sides[0].withSpecs(specs.get(0), "skewed partitions split, " + pieces + " tasks");
        QueryStageExec right = sides[1].withSpecs(specs.get(1), "skewed partitions split, " + pieces + " tasks");
        Map<PhysicalPlan, PhysicalPlan> replaced = new IdentityHashMap<>();
        replaced.put(sides[0], left);
        replaced.put(sides[1], right);
        PhysicalPlan split = replace(plan, replaced);
        // The split join's sides are aligned piece by piece; everything above it must still be satisfied.
        return requirementsMet(split, node -> isShuffledJoin(node) && sides(node, left, right) != null) ? split : null;
    }

    /** The join's (left, right) stages when they are {@code a} and {@code b} in either order; else null. */
    private static QueryStageExec[] sides(PhysicalPlan join, QueryStageExec a, QueryStageExec b) {
        PhysicalPlan left = strip(join.children().get(0));
        PhysicalPlan right = strip(join.children().get(1));
        if (left == a && right == b) {
            return new QueryStageExec[] {a, b};
        }
        if (left == b && right == a) {
            return new QueryStageExec[] {b, a};
        }
        return null;
    }

    private static boolean requirementsMet(PhysicalPlan plan, Predicate<PhysicalPlan> exempt) {
        if (!exempt.test(plan) && !EnsureRequirements.satisfied(plan)) {
            return false;
        }
        for (PhysicalPlan child : plan.children()) {
            if (!requirementsMet(child, exempt)) {
                return false;
            }
        }
        return true;
    }

    // ---- walking plans

    /** The exchanges that can run now: none of their descendants is an exchange that has not run. */
    static List<ShuffleExchangeExec> readyExchanges(PhysicalPlan plan) {
        List<ShuffleExchangeExec> ready = new ArrayList<>();
        collectReady(plan, ready);
        return ready;
    }

    private static void collectReady(PhysicalPlan plan, List<ShuffleExchangeExec> ready) {
        if (plan instanceof ShuffleExchangeExec exchange && exchanges(exchange.child()) == 0) {
            if (ready.stream().noneMatch(found -> found == exchange)) {
                ready.add(exchange);
            }
            return;
        }
        for (PhysicalPlan child : plan.children()) {
            collectReady(child, ready);
        }
    }

    static int exchanges(PhysicalPlan plan) {
        List<PhysicalPlan> found = new ArrayList<>();
        collect(plan, node -> node instanceof ShuffleExchangeExec, found);
        return found.size();
    }

    static void collect(PhysicalPlan plan, Predicate<PhysicalPlan> test, List<PhysicalPlan> found) {
        if (test.test(plan)) {
            found.add(plan);
        }
        for (PhysicalPlan child : plan.children()) {
            collect(child, test, found);
        }
    }

    private static void collectStages(PhysicalPlan plan, List<QueryStageExec> stages, Set<PhysicalPlan> seen) {
        if (plan instanceof QueryStageExec stage) {
            if (seen.add(stage)) {
                stages.add(stage);
            }
            return;
        }
        for (PhysicalPlan child : plan.children()) {
            collectStages(child, stages, seen);
        }
    }

    /** {@code plan} with each node found in {@code replaced} (by identity) swapped for its value. */
    static PhysicalPlan replace(PhysicalPlan plan, Map<PhysicalPlan, ? extends PhysicalPlan> replaced) {
        PhysicalPlan swapped = replaced.get(plan);
        if (swapped != null) {
            return swapped;
        }
        return transformChildren(plan, child -> replace(child, replaced));
    }

    /** {@code rule} applied to every node, children first. */
    static PhysicalPlan transformUp(PhysicalPlan plan, UnaryOperator<PhysicalPlan> rule) {
        return rule.apply(transformChildren(plan, child -> transformUp(child, rule)));
    }

    private static PhysicalPlan transformChildren(PhysicalPlan plan, UnaryOperator<PhysicalPlan> function) {
        List<PhysicalPlan> children = plan.children();
        if (children.isEmpty()) {
            return plan;
        }
        List<PhysicalPlan> changed = new ArrayList<>(children.size());
        boolean any = false;
        for (PhysicalPlan child : children) {
            PhysicalPlan next = function.apply(child);
            any |= next != child;
            changed.add(next);
        }
        return any ? plan.withChildren(changed) : plan;
    }

    private static boolean isShuffledJoin(PhysicalPlan plan) {
        return (plan instanceof HashJoinExec join && !join.broadcast()) || plan instanceof SortMergeJoinExec;
    }

    private static JoinType joinType(PhysicalPlan join) {
        return join instanceof HashJoinExec hash ? hash.joinType() : ((SortMergeJoinExec) join).joinType();
    }

    /** A join's input without the sort a sort-merge join needs within partitions. */
    private static PhysicalPlan strip(PhysicalPlan plan) {
        return plan instanceof SortExec sort && !sort.global() ? sort.child() : plan;
    }
}
