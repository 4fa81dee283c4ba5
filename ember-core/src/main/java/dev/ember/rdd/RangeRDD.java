package dev.ember.rdd;

import dev.ember.EmberContext;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.Partition;
import dev.ember.RDD;
import dev.ember.TaskContext;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The numbers {@code start, start + step, ...} up to but excluding {@code end}, generated in the tasks: nothing
 * is materialized on the driver. Slices are cut like a collection's.
 */
public final class RangeRDD extends RDD<Long> {
    private static final long serialVersionUID = 1L;

    private final long start;
    private final long step;
    private final long count;
    private final int numSlices;

    private record Slice(int index, long first, long size) implements Partition {}

    public RangeRDD(EmberContext context, long start, long end, long step, int numSlices) {
        super(context, List.of());
        if (step == 0) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "range step cannot be 0");
        }
        if (numSlices < 1) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "Positive number of partitions required, not " + numSlices);
        }
        this.start = start;
        this.step = step;
        this.numSlices = numSlices;
        BigInteger span = BigInteger.valueOf(end).subtract(BigInteger.valueOf(start));
        BigInteger steps = BigInteger.valueOf(step);
        BigInteger[] division = span.divideAndRemainder(steps);
        BigInteger elements = division[0].add(division[1].signum() != 0 ? BigInteger.ONE : BigInteger.ZERO);
        if (elements.signum() <= 0) {
            this.count = 0;
        } else if (elements.bitLength() >= 63) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "range(" + start + ", " + end + ", " + step + ") has more than " + Long.MAX_VALUE + " elements");
        } else {
            this.count = elements.longValue();
        }
    }

    @Override
    protected List<Partition> getPartitions() {
        List<Partition> slices = new ArrayList<>(numSlices);
        for (int i = 0; i < numSlices; i++) {
            long from = BigInteger.valueOf(count)
                    .multiply(BigInteger.valueOf(i))
                    .divide(BigInteger.valueOf(numSlices))
                    .longValue();
            long to = BigInteger.valueOf(count)
                    .multiply(BigInteger.valueOf(i + 1L))
                    .divide(BigInteger.valueOf(numSlices))
                    .longValue();
            slices.add(new Slice(i, start + from * step, to - from));
        }
        return slices;
    }

    @Override
    protected Iterator<Long> compute(Partition split, TaskContext context) {
        Slice slice = (Slice) split;
        return new Iterator<>() {
            private long produced;
            private long next = slice.first();

            @Override
            public boolean hasNext() {
                if ((produced & 0x3FFF) == 0 && context != null) {
                    context.killTaskIfInterrupted();
                }
                return produced < slice.size();
            }

            @Override
            public Long next() {
                if (produced >= slice.size()) {
                    throw new NoSuchElementException();
                }
                long value = next;
                next += step;
                produced++;
                return value;
            }
        };
    }
}
