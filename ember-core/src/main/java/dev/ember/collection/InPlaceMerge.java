package dev.ember.collection;

import dev.ember.Aggregator;
import dev.ember.function.Function2;
import dev.ember.util.BoxedPrimitive;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Merges into a key's combiner in place when the merge function is a method reference to one of the JDK's own sums,
 * maxima or minima of boxed numbers ({@code Long::sum}, {@code Integer::max}, {@code Math::min}, ...).
 *
 * <p>Called as written, such a function boxes every result, and a hash map holding the combiners stores a new box
 * per record: an allocation, a card-marking store into an old table, and work for the collector. Here the first
 * merge of a key replaces its boxed combiner by a mutable cell, later merges update the cell, and {@link #result}
 * turns the cell back into the box the function would have returned. The arithmetic is the function's own
 * ({@code +} wrapping on overflow, {@link Math#max(double, double)} for doubles), so results are identical. Anything
 * else (a null, a value of another class through an unchecked cast) is handed to the function itself, which
 * behaves, or fails, exactly as it would have.
 *
 * <p>The function is recognized from its serialized form ({@link SerializedLambda}): a non-capturing reference to
 * a static method. A lambda written out ({@code (a, b) -> a + b}) or a function in a module that does not open its
 * lambdas to Ember is used as it is.
 */
public final class InPlaceMerge {
    private static final int SUM = 0;
    private static final int MAX = 1;
    private static final int MIN = 2;

    private static final String LONG = "(JJ)J";
    private static final String INT = "(II)I";
    private static final String DOUBLE = "(DD)D";

    /** The boxes a recognized method's signature merges. */
    private static final Map<String, BoxedPrimitive> BOXES =
            Map.of(LONG, BoxedPrimitive.LONG, INT, BoxedPrimitive.INT, DOUBLE, BoxedPrimitive.DOUBLE);

    /** {@code class.method(signature)} of each recognized method to its operation. */
    private static final Map<String, Integer> OPERATIONS = Map.ofEntries(
            Map.entry("java/lang/Long.sum" + LONG, SUM),
            Map.entry("java/lang/Long.max" + LONG, MAX),
            Map.entry("java/lang/Long.min" + LONG, MIN),
            Map.entry("java/lang/Math.max" + LONG, MAX),
            Map.entry("java/lang/Math.min" + LONG, MIN),
            Map.entry("java/lang/Integer.sum" + INT, SUM),
            Map.entry("java/lang/Integer.max" + INT, MAX),
            Map.entry("java/lang/Integer.min" + INT, MIN),
            Map.entry("java/lang/Math.max" + INT, MAX),
            Map.entry("java/lang/Math.min" + INT, MIN),
            Map.entry("java/lang/Double.sum" + DOUBLE, SUM),
            Map.entry("java/lang/Double.max" + DOUBLE, MAX),
            Map.entry("java/lang/Double.min" + DOUBLE, MIN),
            Map.entry("java/lang/Math.max" + DOUBLE, MAX),
            Map.entry("java/lang/Math.min" + DOUBLE, MIN));

    private InPlaceMerge() {}

    /** The aggregator with its {@code mergeValue} merging in place where it can; otherwise the aggregator itself. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <K, V, C> Aggregator<K, V, C> specialize(Aggregator<K, V, C> aggregator) {
        Function2 merge = inPlace((Function2) aggregator.mergeValue());
        return merge == aggregator.mergeValue()
                ? aggregator
                : new Aggregator<>(aggregator.createCombiner(), merge, aggregator.mergeCombiners());
    }

    /**
     * A function that merges in place and otherwise calls {@code function}; or {@code function} itself. What it
     * returns may be a cell: read every result through {@link #result} before it leaves the caller.
     */
    public static Function2<Object, Object, Object> inPlace(Function2<Object, Object, Object> function) {
        SerializedLambda lambda = serializedForm(function);
        if (lambda == null
                || lambda.getCapturedArgCount() != 0
                || lambda.getImplMethodKind() != MethodHandleInfo.REF_invokeStatic) {
            return function;
        }
        String signature = lambda.getImplMethodSignature();
        Integer operation = OPERATIONS.get(lambda.getImplClass() + "." + lambda.getImplMethodName() + signature);
        if (operation == null) {
            return function;
        }
        return new Merge(function, new Reduction(BOXES.get(signature), operation));
    }

    /** What a merge function made by {@link #inPlace} computes; null for any other function. */
    static Reduction reductionOf(Function2<?, ?, ?> merge) {
        return merge instanceof Merge recognized ? recognized.reduction : null;
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
     * A recognized merge on values encoded as longs ({@link BoxedPrimitive}), for cells and for maps that keep
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

    /** The serialized form of a serializable lambda, or null for anything else or a lambda Ember may not open. */
    private static SerializedLambda serializedForm(Object function) {
        Class<?> type = function.getClass();
        if (!type.isSynthetic()) {
            return null;
        }
        try {
            Method writeReplace = type.getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            return writeReplace.invoke(function) instanceof SerializedLambda lambda ? lambda : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
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

    /** A recognized function: merges boxes of its kind into a cell, hands anything else to the function. */
    private static final class Merge implements Function2<Object, Object, Object> {
        private static final long serialVersionUID = 1L;

        /** The function as given, for everything that is not merged in place. */
        private final Function2<Object, Object, Object> function;

        private final transient Reduction reduction;

        Merge(Function2<Object, Object, Object> function, Reduction reduction) {
            this.function = function;
            this.reduction = reduction;
        }

        /** Serialized as the function itself, which is recognized again wherever it is read back. */
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
