package dev.ember.sql.execution;

import dev.ember.events.EmberListenerEvent;
import java.util.List;
import java.util.Map;

/**
 * The listener events of SQL queries: a query began with its physical plan (as a graph whose nodes name the
 * accumulators measuring them), and it ended with those accumulators' values. Jobs the query ran carry its id in
 * their properties ({@link #EXECUTION_ID}).
 */
public final class SqlEvents {
    /** The job property naming the query execution a job belongs to. */
    public static final String EXECUTION_ID = "ember.sql.execution.id";

    private SqlEvents() {}

    /** What a node measures: its name as shown, the accumulator holding it, and its kind: count, nanos, bytes. */
    public record PlanMetric(String name, long accumulatorId, String kind) {}

    /** A node of the plan's graph; {@code id} is its position in a pre-order walk of the tree. */
    public record PlanNode(int id, String name, String description, List<PlanMetric> metrics) {
        public PlanNode {
            metrics = List.copyOf(metrics);
        }
    }

    /** Rows flow from {@code from} (a child) to {@code to} (its parent). */
    public record PlanEdge(int from, int to) {}

    public record PlanGraph(List<PlanNode> nodes, List<PlanEdge> edges) {
        public PlanGraph {
            nodes = List.copyOf(nodes);
            edges = List.copyOf(edges);
        }
    }

    /**
     * A query began.
     *
     * @param description the SQL text, or the action and where it was called
     * @param details where in the user's code, one frame per line
     * @param physicalPlan the plan as {@code EXPLAIN} prints it
     */
    public record ExecutionStart(
            long executionId, String description, String details, String physicalPlan, PlanGraph graph, long time)
            implements EmberListenerEvent.Custom {}

    /**
     * Adaptive execution changed a running query's plan: after each stage it computed, and once more when the plan
     * of its last stage is final. The graph replaces the one the query began with; accumulators of nodes in both
     * keep their ids.
     *
     * @param physicalPlan the plan as {@code EXPLAIN} prints it now (the current plan above the initial one)
     */
    public record ExecutionPlanUpdate(long executionId, String physicalPlan, PlanGraph graph)
            implements EmberListenerEvent.Custom {}

    /**
     * A query ended; {@code error} is null when it succeeded.
     *
     * @param metrics the value of each of the plan's accumulators gathered during this execution, by accumulator id
     */
    public record ExecutionEnd(long executionId, long time, String error, Map<Long, Long> metrics)
            implements EmberListenerEvent.Custom {
        public ExecutionEnd {
            metrics = Map.copyOf(metrics);
        }
    }
}
