package dev.ember.sql.plans.logical;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Attribute;
import java.util.List;

/**
 * {@code range(start, end, step)}: a column {@code id} of bigints from {@code start} up to {@code end} exclusive.
 * {@code numPartitions} is 0 for the default parallelism.
 */
public record Range(long start, long end, long step, int numPartitions, Attribute id) implements LeafNode {
    private static final long serialVersionUID = 1L;

    public Range {
        requireNonNull(id, "id is null");
        if (step == 0) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "The step of range() must not be 0");
        }
        if (numPartitions < 0) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "The partition count of range() must be positive, not " + numPartitions);
        }
    }

    /** How many values the range has. */
    public long count() {
        if ((step > 0 && start >= end) || (step < 0 && start <= end)) {
            return 0;
        }
        java.math.BigInteger span = java.math.BigInteger.valueOf(end).subtract(java.math.BigInteger.valueOf(start));
        java.math.BigInteger[] division = span.divideAndRemainder(java.math.BigInteger.valueOf(step));
        long whole = division[0].longValueExact();
        return division[1].signum() == 0 ? whole : whole + 1;
    }

    @Override
    public List<Attribute> output() {
        return List.of(id);
    }

    @Override
    public String simpleString() {
        return "Range (" + start + ", " + end + ", step=" + step
                + (numPartitions > 0 ? ", splits=" + numPartitions : "") + ")";
    }
}
