package dev.ember.collection;

import dev.ember.Aggregator;
import dev.ember.function.Function2;
import dev.ember.function.Reducers;
import dev.ember.function.ReductionKind;
import dev.ember.util.BoxedPrimitive;
import java.util.Optional;

/**
 * Merges into a key's combiner in place when the merge function computes a {@link ReductionKind}: the JDK's sum,
 * maximum or minimum of boxed numbers, named by one of {@link Reducers}' functions or recognized in a method
 * reference ({@code Long::sum}, {@code Integer::max}, {@code Math::min}, ...) by {@link Reducers#reductionOf}.
 *
 * <p>Called as written, such a function boxes every result, and a hash map holding the combiners stores a new box
 * per record: an allocation, a card-marking store into an old table, and work for the collector. Here the first
 * merge of a key replaces its boxed combiner by a mutable cell, later merges update the cell, and {@link #result}
 * turns the cell back into the box the function would have returned. The arithmetic is the JDK's ({@code +}
 * wrapping on overflow, {@link Math#max(double, double)} for doubles), so results are identical. Anything else (a
 * null, a value of another class through an unchecked cast) is handed to the function itself, which behaves, or
 * fails, exactly as it would have.
 */
public final class InPlaceMerge {
    private static final int SUM = 0;
    private static final int MAX = 1;
    private static final int MIN = 2;

    /** The reduction of each {@link ReductionKind}, by ordinal: immutable, so shared. */
    private static final Reduction[] REDUCTIONS = new Reduction[ReductionKind.values().length];

    static {
        for (ReductionKind kind : ReductionKind.values()) {
            BoxedPrimitive box = kind.operandType() == Long.class
                    ? BoxedPrimitive.LONG
                    : kind.operandType() == Integer.class ? BoxedPrimitive.INT : BoxedPrimitive.DOUBLE;
            int operation =
                    switch (kind.operation()) {
                        case SUM -> SUM;
                        case MAX -> MAX;
                        case MIN -> MIN;
                    };
            REDUCTIONS[kind.ordinal()] = new Reduction(box, operation);
        }
    }

    private InPlaceMerge() {}

    /** The merge on encoded values that computes {@code kind}. */
    static Reduction reduction(ReductionKind kind) {
        return REDUCTIONS[kind.ordinal()];
    }

    /**
     * The aggregator with its {@code mergeValue} merging in place where it can; otherwise the aggregator itself. The
     * reduction is the aggregator's own ({@link Aggregator.Kind.Reduction}), or for a general one the reduction its
     * {@code mergeValue} names; a grouping is left as it is.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <K, V, C> Aggregator<K, V, C> specialize(Aggregator<K, V, C> aggregator) {
        Optional<ReductionKind> reduction = aggregator.mergeValueReduction();
        if (reduction.isEmpty()) {
            return aggregator;
        }
        Function2 merge = new Merge((Function2) aggregator.mergeValue(), reduction(reduction.get()));
        return new Aggregator<>(aggregator.createCombiner(), merge, aggregator.mergeCombiners());
    }

    /**
     * A function that merges in place and otherwise calls {@code function}; or {@code function} itself when it
     * computes no {@link ReductionKind}. What it returns may be a cell: read every result through {@link #result}
     * before it leaves the caller.
     */
    public static Function2<Object, Object, Object> inPlace(Function2<Object, Object, Object> function) {
        Optional<ReductionKind> reduction = Reducers.reductionOf(function);
        return reduction.isEmpty() ? function : new Merge(function, reduction(reduction.get()));
    }

    private static long applyLong(int operation, long a, long b) {
        return operation == SUM ? a + b : operation == MAX ? Math.max(a, b) : Math.min(a, b);
    }

    private static int applyInt(int operation, int a, int b) {
        return operation == SUM ? a + b : operation == MAX ? Math.max(a, b) : Math.min(a, b);
    }

    private static double applyDouble(int operation, double a, double b) {
        return operation == SUM ? a + b : operation == MAX ? Math.max(a, b) : Math.min(a, b);
    }

    /**
     * A reduction's merge on values encoded as longs ({@link BoxedPrimitive}), for cells and for maps that keep
     * combiners in a long array.
     */
    static final class Reduction {
        private final BoxedPrimitive box;
        private final int operation;

        private Reduction(BoxedPrimitive box, int operation) {
            this.box = box;
            this.operation = operation;
        }

        /** Whether {@code value} is exactly the box this reduction merges. */
        boolean takes(Object value) {
            return box.isBoxOf(value);
        }

        /** A value {@link #takes} accepts, as a long. */
        long encode(Object value) {
            return box.encode(value);
        }

        /** The box of an encoded value. */
        Object decode(long bits) {
            return box.decode(bits);
        }

        /** Two encoded values merged, encoded. */
        long apply(long a, long b) {
            if (box == BoxedPrimitive.LONG) {
                return applyLong(operation, a, b);
            }
            if (box == BoxedPrimitive.INT) {
                return applyInt(operation, (int) a, (int) b);
            }
            return Double.doubleToRawLongBits(
                    applyDouble(operation, Double.longBitsToDouble(a), Double.longBitsToDouble(b)));
        }
    }

    /** The combiner as the merge function would have left it: a cell becomes its box, anything else is itself. */
    public static Object result(Object combiner) {
        return combiner instanceof Cell cell ? cell.reduction.decode(cell.bits) : combiner;
    }

    /** A combiner being merged in place: its value encoded, and the reduction that decodes it. */
    private static final class Cell {
        final Reduction reduction;
        long bits;

        Cell(Reduction reduction, long bits) {
            this.reduction = reduction;
            this.bits = bits;
        }
    }

    /** A function computing a reduction: merges boxes of its kind into a cell, hands anything else to the function. */
    private static final class Merge implements Function2<Object, Object, Object> {
        private static final long serialVersionUID = 1L;

        /** The function as given, for everything that is not merged in place. */
        private final Function2<Object, Object, Object> function;

        private final transient Reduction reduction;

        Merge(Function2<Object, Object, Object> function, Reduction reduction) {
            this.function = function;
            this.reduction = reduction;
        }

        /**
         * Serialized as the function as given: its results may be cells, which only the caller that made it reads
         * out.
         */
        private Object writeReplace() {
            return function;
        }

        @Override
        public Object call(Object combiner, Object value) throws Exception {
            if (reduction.takes(value)) {
                if (combiner instanceof Cell cell && cell.reduction.box == reduction.box) {
                    cell.bits = reduction.apply(cell.bits, reduction.encode(value));
                    return cell;
                }
                if (reduction.takes(combiner)) {
                    return new Cell(reduction, reduction.apply(reduction.encode(combiner), reduction.encode(value)));
                }
            }
            return function.call(result(combiner), value);
        }
    }
}
