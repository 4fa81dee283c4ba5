package dev.ember.sql.execution;

import dev.ember.RDD;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.vector.ColumnBatch;
import java.io.Serializable;
import java.util.List;

/**
 * A node of a physical plan: how part of a query runs. Each node turns the RDDs of column batches of its children into
 * one of its own ({@link #execute}); the work happens when a job runs over the result, in tasks, a partition at a time.
 *
 * <p>A node declares what it needs of its inputs ({@link #requiredChildDistribution}, {@link #requiredChildOrdering})
 * and what its output guarantees ({@link #outputPartitioning}, {@link #outputOrdering}); the planner's {@code
 * EnsureRequirements} inserts the exchanges and sorts that bridge the two, so an operator never checks them itself.
 *
 * <p>Nodes are immutable and serializable: the closures of their RDDs capture the nodes' bound expressions and travel
 * to executors. {@code execute} runs on the driver and must not run jobs, except where a node's nature needs one (a
 * broadcast collects its build side; a range exchange samples its input).
 */
public interface PhysicalPlan extends Serializable {
    List<PhysicalPlan> children();

    PhysicalPlan withChildren(List<PhysicalPlan> children);

    /** The columns of the batches this node produces, in order. */
    List<Attribute> output();

    /** The node as one line, without its children; {@code EXPLAIN} prints these. */
    String simpleString();

    RDD<ColumnBatch> execute(ExecutionContext context);

    /** How the output's rows are spread over partitions. */
    default Partitioning outputPartitioning() {
        return new Partitioning.Unknown(0);
    }

    /** The order of the rows within each output partition; empty for none. */
    default List<SortOrder> outputOrdering() {
        return List.of();
    }

    /** Per child: how its rows must be spread for this node to be correct. */
    default List<Distribution> requiredChildDistribution() {
        return children().stream()
                .map(child -> (Distribution) Distribution.Unspecified.INSTANCE)
                .toList();
    }

    /** Per child: the order its rows must have within a partition; empty for none. */
    default List<List<SortOrder>> requiredChildOrdering() {
        return children().stream().map(child -> List.<SortOrder>of()).toList();
    }
}
