package dev.ember.sql.planner;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.execution.Distribution;
import dev.ember.sql.execution.Partitioning;
import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.execution.operators.ShuffleExchangeExec;
import dev.ember.sql.execution.operators.SortExec;
import dev.ember.sql.expressions.SortOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Inserts the exchanges that give each operator's children the distribution it requires, bottom up:
 *
 * <ul>
 *   <li>all rows in one partition: an exchange to a single partition, unless the child has one already;
 *   <li>clustered by keys: a hash exchange by those keys into {@code shufflePartitions} partitions, unless the child
 *       is hash-partitioned by a subset of them. When two children must agree (a join's sides, a set operation's
 *       inputs), both are exchanged by exactly their keys into the same number of partitions unless they already are;
 *       when one already is (the output of a join on the same keys below) and the keys' types agree, only the other is
 *       exchanged, into as many partitions;
 *   <li>ordered across partitions: a range exchange into {@code shufflePartitions} partitions, its bounds sampled
 *       from the child, unless the child is in one partition or already in those ranges;
 *   <li>broadcast: nothing (the operator broadcasts its build side itself).
 * </ul>
 *
 * Then a child whose order within partitions does not start with the order the operator requires is sorted (a
 * {@code SortExec} that is not global), after the exchange.
 *
 * Then every requirement is checked again, so a plan that would run wrong fails here instead.
 */
public final class EnsureRequirements {
    private final int shufflePartitions;

    public EnsureRequirements(int shufflePartitions) {
        this.shufflePartitions = shufflePartitions;
    }

    public PhysicalPlan apply(PhysicalPlan plan) {
        List<PhysicalPlan> children = new ArrayList<>();
        for (PhysicalPlan child : plan.children()) {
            children.add(apply(child));
        }
        PhysicalPlan node = children.isEmpty() ? plan : plan.withChildren(children);
        List<Distribution> required = node.requiredChildDistribution();
        List<PhysicalPlan> satisfied = new ArrayList<>(node.children());
        boolean pairwise = required.size() == 2
                && required.stream().allMatch(d -> d instanceof Distribution.Clustered clustered && clustered.exact());
        if (pairwise) {
            satisfied = new ArrayList<>(copartition(node.children(), required));
        } else {
            for (int i = 0; i < required.size(); i++) {
                satisfied.set(i, satisfy(satisfied.get(i), required.get(i)));
            }
        }
        List<List<SortOrder>> ordering = node.requiredChildOrdering();
        for (int i = 0; i < ordering.size(); i++) {
            satisfied.set(i, sortIfNeeded(satisfied.get(i), ordering.get(i)));
        }
        PhysicalPlan result = satisfied.equals(node.children()) ? node : node.withChildren(satisfied);
        check(result);
        return result;
    }

    private PhysicalPlan satisfy(PhysicalPlan child, Distribution distribution) {
        if (distribution instanceof Distribution.Unspecified || distribution instanceof Distribution.Broadcast) {
            return child;
        }
        if (child.outputPartitioning().satisfies(distribution)) {
            return child;
        }
        if (distribution instanceof Distribution.AllTuples) {
            return new ShuffleExchangeExec(new Partitioning.Single(), child);
        }
        if (distribution instanceof Distribution.Ordered ordered) {
            return new ShuffleExchangeExec(new Partitioning.Range(ordered.ordering(), shufflePartitions), child);
        }
        Distribution.Clustered clustered = (Distribution.Clustered) distribution;
        if (clustered.expressions().isEmpty()) {
            return new ShuffleExchangeExec(new Partitioning.Single(), child);
        }
        return new ShuffleExchangeExec(new Partitioning.Hash(clustered.expressions(), shufflePartitions), child);
    }

    /** The child sorted within its partitions when its order does not start with {@code required}. */
    private static PhysicalPlan sortIfNeeded(PhysicalPlan child, List<SortOrder> required) {
        List<SortOrder> actual = child.outputOrdering();
        if (required.isEmpty()
                || (actual.size() >= required.size()
                        && actual.subList(0, required.size()).equals(required))) {
            return child;
        }
        return new SortExec(required, false, child);
    }

    /** Both children hashed by exactly their keys into the same number of partitions. */
    private List<PhysicalPlan> copartition(List<PhysicalPlan> children, List<Distribution> required) {
        Distribution.Clustered left = (Distribution.Clustered) required.get(0);
        Distribution.Clustered right = (Distribution.Clustered) required.get(1);
        Partitioning leftPartitioning = children.get(0).outputPartitioning();
        Partitioning rightPartitioning = children.get(1).outputPartitioning();
        if (leftPartitioning instanceof Partitioning.Hash l
                && rightPartitioning instanceof Partitioning.Hash r
                && l.expressions().equals(left.expressions())
                && r.expressions().equals(right.expressions())
                && l.numPartitions() == r.numPartitions()) {
            return children;
        }
        // One side already hashed by exactly its keys (the output of a join on the same keys below): only the other
        // is exchanged, into as many partitions. Equal values hash alike only when the keys' types are the same.
        boolean sameTypes = left.expressions().size() == right.expressions().size();
        for (int i = 0; sameTypes && i < left.expressions().size(); i++) {
            sameTypes = left.expressions()
                    .get(i)
                    .dataType()
                    .equals(right.expressions().get(i).dataType());
        }
        if (sameTypes && !left.expressions().isEmpty()) {
            if (leftPartitioning instanceof Partitioning.Hash l
                    && l.expressions().equals(left.expressions())) {
                return List.of(
                        children.get(0),
                        new ShuffleExchangeExec(
                                new Partitioning.Hash(right.expressions(), l.numPartitions()), children.get(1)));
            }
            if (rightPartitioning instanceof Partitioning.Hash r
                    && r.expressions().equals(right.expressions())) {
                return List.of(
                        new ShuffleExchangeExec(
                                new Partitioning.Hash(left.expressions(), r.numPartitions()), children.get(0)),
                        children.get(1));
            }
        }
        if (left.expressions().isEmpty()) {
            return List.of(
                    new ShuffleExchangeExec(new Partitioning.Single(), children.get(0)),
                    new ShuffleExchangeExec(new Partitioning.Single(), children.get(1)));
        }
        return List.of(
                new ShuffleExchangeExec(new Partitioning.Hash(left.expressions(), shufflePartitions), children.get(0)),
                new ShuffleExchangeExec(
                        new Partitioning.Hash(right.expressions(), shufflePartitions), children.get(1)));
    }

    private static void check(PhysicalPlan node) {
        String unmet = unmetRequirement(node);
        if (unmet != null) {
            throw new EmberException(ErrorClass.INTERNAL_ERROR, unmet);
        }
    }

    /** Whether every child of {@code node} is spread as the node requires (its children are not checked). */
    public static boolean satisfied(PhysicalPlan node) {
        return unmetRequirement(node) == null;
    }

    private static String unmetRequirement(PhysicalPlan node) {
        List<Distribution> required = node.requiredChildDistribution();
        for (int i = 0; i < required.size(); i++) {
            Distribution distribution = required.get(i);
            PhysicalPlan child = node.children().get(i);
            boolean ok = distribution instanceof Distribution.Unspecified
                    || distribution instanceof Distribution.Broadcast
                    || child.outputPartitioning().satisfies(distribution)
                    || (distribution instanceof Distribution.Clustered clustered
                            && clustered.exact()
                            && child.outputPartitioning() instanceof Partitioning.Hash hash
                            && hash.expressions().equals(clustered.expressions()))
                    || (child.outputPartitioning() instanceof Partitioning.Single);
            if (!ok) {
                return "The input of " + node.simpleString() + " is " + child.outputPartitioning() + ", not "
                        + distribution;
            }
        }
        return null;
    }
}
