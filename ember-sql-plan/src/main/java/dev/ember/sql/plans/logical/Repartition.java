package dev.ember.sql.plans.logical;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.SortOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The rows spread over partitions as asked: {@code repartition(n)} (in turn, through a shuffle),
 * {@code repartition(n, cols)} (by the hash of {@code cols}), {@code repartitionByRange(n, orders)} (by ranges of the
 * sort orders), or {@code coalesce(n)} ({@code shuffle} false: neighbouring partitions merged, no shuffle). A count of
 * 0 leaves it to {@code ember.sql.shuffle.partitions}. The rows themselves do not change.
 */
public record Repartition(List<Expression> partitionExpressions, int numPartitions, boolean shuffle, LogicalPlan child)
        implements LogicalPlan {
    private static final long serialVersionUID = 1L;

    public Repartition {
        partitionExpressions = List.copyOf(partitionExpressions);
        requireNonNull(child, "child is null");
        if (numPartitions < 0 || (!shuffle && numPartitions < 1)) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    (shuffle ? "repartition" : "coalesce") + " needs a partition count of at least " + (shuffle ? 0 : 1)
                            + ", not " + numPartitions);
        }
        if (!shuffle && !partitionExpressions.isEmpty()) {
            throw new IllegalArgumentException("coalesce takes no partitioning expressions");
        }
        long orders = partitionExpressions.stream()
                .filter(SortOrder.class::isInstance)
                .count();
        if (orders != 0 && orders != partitionExpressions.size()) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "repartition takes either columns (hash partitioning) or sort orders (range partitioning), not"
                            + " both");
        }
    }

    /** Whether the rows go to ranges of sort orders ({@code repartitionByRange}). */
    public boolean byRange() {
        return !partitionExpressions.isEmpty() && partitionExpressions.get(0) instanceof SortOrder;
    }

    @Override
    public List<LogicalPlan> children() {
        return List.of(child);
    }

    @Override
    public LogicalPlan withChildren(List<LogicalPlan> children) {
        return new Repartition(partitionExpressions, numPartitions, shuffle, children.get(0));
    }

    @Override
    public List<Attribute> output() {
        return child.output();
    }

    @Override
    public List<Expression> expressions() {
        return partitionExpressions;
    }

    @Override
    public LogicalPlan mapExpressions(Function<Expression, Expression> function) {
        List<Expression> mapped = new ArrayList<>(partitionExpressions.size());
        boolean changed = false;
        for (Expression expression : partitionExpressions) {
            Expression next = function.apply(expression);
            changed |= next != expression;
            mapped.add(next);
        }
        return changed ? new Repartition(mapped, numPartitions, shuffle, child) : this;
    }

    @Override
    public String simpleString() {
        String count = numPartitions == 0 ? "default" : String.valueOf(numPartitions);
        if (!shuffle) {
            return "Coalesce " + count;
        }
        String how = partitionExpressions.isEmpty() ? "round robin" : byRange() ? "range " : "hash ";
        return "Repartition " + count + ", " + how
                + (partitionExpressions.isEmpty() ? "" : PlanText.list(partitionExpressions));
    }
}
