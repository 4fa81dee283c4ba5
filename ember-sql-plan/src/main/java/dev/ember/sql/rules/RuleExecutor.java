package dev.ember.sql.rules;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.PlanText;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs batches of rules over a plan. After every rule that changed the plan it checks {@link #checkInvariants}, and
 * fails naming the rule if they broke, so a wrong rule is found where it went wrong rather than far downstream. It
 * counts, per rule, the time spent and how often it changed a plan ({@link #metrics}).
 */
public abstract class RuleExecutor {
    private static final Map<String, RuleMetric> METRICS = new ConcurrentHashMap<>();

    /** The batches, in the order they run. */
    protected abstract List<Batch> batches();

    /**
     * Fails if {@code after} (the plan after {@code rule} changed {@code before}) breaks what this executor keeps; by
     * default nothing is checked.
     */
    protected void checkInvariants(Rule rule, LogicalPlan before, LogicalPlan after) {}

    public LogicalPlan execute(LogicalPlan plan) {
        LogicalPlan current = plan;
        for (Batch batch : batches()) {
            for (int iteration = 1; ; iteration++) {
                LogicalPlan start = current;
                for (Rule rule : batch.rules()) {
                    long began = System.nanoTime();
                    LogicalPlan next;
                    try {
                        next = rule.apply(current);
                    } catch (StackOverflowError e) {
                        throw new EmberException(
                                ErrorClass.INVALID_SQL, "The query is too deeply nested for the rule " + rule.name());
                    }
                    boolean changed = next != current && !next.equals(current);
                    RuleMetric metric = METRICS.computeIfAbsent(rule.name(), name -> new RuleMetric());
                    metric.nanos.add(System.nanoTime() - began);
                    metric.runs.increment();
                    if (changed) {
                        metric.hits.increment();
                        checkInvariants(rule, current, next);
                        current = next;
                    }
                }
                if (iteration >= batch.maxIterations() || start == current || start.equals(current)) {
                    if (batch.maxIterations() > 1 && iteration >= batch.maxIterations() && !start.equals(current)) {
                        throw new EmberException(
                                ErrorClass.INTERNAL_ERROR,
                                "The rule batch '" + batch.name() + "' did not reach a fixed point in "
                                        + batch.maxIterations() + " passes; the plan is now:\n"
                                        + PlanText.tree(current));
                    }
                    break;
                }
            }
        }
        return current;
    }

    /** Per rule name: runs, times it changed a plan, and total nanoseconds, sorted by name. */
    public static Map<String, long[]> metrics() {
        Map<String, long[]> snapshot = new TreeMap<>();
        METRICS.forEach((name, metric) ->
                snapshot.put(name, new long[] {metric.runs.sum(), metric.hits.sum(), metric.nanos.sum()}));
        return snapshot;
    }

    private static final class RuleMetric {
        final LongAdder runs = new LongAdder();
        final LongAdder hits = new LongAdder();
        final LongAdder nanos = new LongAdder();
    }
}
