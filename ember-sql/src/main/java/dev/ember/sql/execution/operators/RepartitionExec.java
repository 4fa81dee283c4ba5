package dev.ember.sql.execution.operators;

import static java.util.Objects.requireNonNull;

import dev.ember.RDD;
import dev.ember.rdd.BlockShuffledRDD;
import dev.ember.sql.execution.ExecutionContext;
import dev.ember.sql.execution.Partitioning;
import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.vector.ColumnBatch;
import java.util.List;

/**
 * A partitioning the user asked for ({@code repartition}, {@code repartitionByRange}, {@code coalesce}): a shuffle
 * into exactly that many partitions, or, without one ({@code partitioning} null), neighbouring partitions merged into
 * {@code numPartitions}. Unlike the exchanges the planner adds, adaptive execution never coalesces or splits it: the
 * count is the user's, and so is the number of files a write makes from it.
 */
public record RepartitionExec(Partitioning partitioning, int numPartitions, PhysicalPlan child) implements UnaryExec {
    private static final long serialVersionUID = 1L;

    public RepartitionExec {
        requireNonNull(child, "child is null");
        if (numPartitions < 1) {
            throw new IllegalArgumentException("numPartitions must be at least 1, not " + numPartitions);
        }
    }

    @Override
    public PhysicalPlan withChildren(List<PhysicalPlan> children) {
        return new RepartitionExec(partitioning, numPartitions, children.get(0));
    }

    @Override
    public List<Attribute> output() {
        return child.output();
    }

    /**
     * Unknown to the planner, even for a hash or range shuffle: an operator that needs its input clustered adds an
     * exchange of its own. Reusing this one for one side of a join would pair it with an exchange that adaptive
     * execution may coalesce, and the two sides would no longer have the same partitions.
     */
    @Override
    public Partitioning outputPartitioning() {
        return numPartitions == 1 ? new Partitioning.Single() : new Partitioning.Unknown(numPartitions);
    }

    @Override
    public RDD<ColumnBatch> execute(ExecutionContext context) {
        RDD<ColumnBatch> input = child.execute(context);
        if (partitioning == null) {
            return input.coalesce(numPartitions);
        }
        ShuffleExchangeExec exchange = new ShuffleExchangeExec(partitioning, child);
        return new BlockShuffledRDD<>(exchange.dependency(input), exchange.reader());
    }

    @Override
    public String simpleString() {
        return partitioning == null
                ? "Coalesce " + numPartitions
                : "Repartition " + ShuffleExchangeExec.describe(partitioning);
    }
}
