package dev.ember.collection;

import dev.ember.Aggregator;
import dev.ember.function.Function2;
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
        return switch (signature) {
            case LONG -> new LongMerge(function, operation);
            case INT -> new IntMerge(function, operation);
            default -> new DoubleMerge(function, operation);
        };
    }

    /** What a merge function made by {@link #inPlace} computes; null for any other function. */
    static Reduction reductionOf(Function2<?, ?, ?> merge) {
        return merge instanceof Merge recognized ? recognized.reduction : null;
    }

    static long applyLong(int operation, long a, long b) {
        return operation == SUM ? a + b : operation == MAX ? Math.max(a, b) : Math.min(a, b);
    }

    static int applyInt(int operation, int a, int b) {
        return operation == SUM ? a + b : operation == MAX ? Math.max(a, b) : Math.min(a, b);
    }

    static double applyDouble(int operation, double a, double b) {
        return operation == SUM ? a + b : operation == MAX ? Math.max(a, b) : Math.min(a, b);
    }

    /**
     * A recognized merge on values encoded as longs (an {@code int} widened, a {@code double} as its raw bits), for
     * maps that keep combiners in a long array.
     */
    static final class Reduction {
        private static final int LONGS = 0;
        private static final int INTS = 1;
        private static final int DOUBLES = 2;

        private final int values;
        private final int operation;
        private final Class<?> valueClass;

        private Reduction(int values, int operation, Class<?> valueClass) {
            this.values = values;
            this.operation = operation;
            this.valueClass = valueClass;
        }

        /** Whether {@code value} is exactly the box this reduction merges. */
        boolean takes(Object value) {
            return value != null && value.getClass() == valueClass;
        }

        /** A value {@link #takes} accepts, as a long. */
        long encode(Object value) {
            if (values == LONGS) {
                return (Long) value;
            }
            if (values == INTS) {
                return (Integer) value;
            }
            return Double.doubleToRawLongBits((Double) value);
        }

        /** The box of an encoded value. */
        Object decode(long bits) {
            if (values == LONGS) {
                return bits;
            }
            if (values == INTS) {
                return (int) bits;
            }
            return Double.longBitsToDouble(bits);
        }

        /** Two encoded values merged, encoded. */
        long apply(long a, long b) {
            if (values == LONGS) {
                return applyLong(operation, a, b);
            }
            if (values == INTS) {
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
        return combiner instanceof Cell cell ? cell.box() : combiner;
    }

    /** A combiner being merged in place. */
    private abstract static class Cell {
        abstract Object box();
    }

    private static final class LongCell extends Cell {
        long value;

        LongCell(long value) {
            this.value = value;
        }

        @Override
        Object box() {
            return value;
        }
    }

    private static final class IntCell extends Cell {
        int value;

        IntCell(int value) {
            this.value = value;
        }

        @Override
        Object box() {
            return value;
        }
    }

    private static final class DoubleCell extends Cell {
        double value;

        DoubleCell(double value) {
            this.value = value;
        }

        @Override
        Object box() {
            return value;
        }
    }

    private abstract static class Merge implements Function2<Object, Object, Object> {
        private static final long serialVersionUID = 1L;

        /** The function as given, for everything that is not merged in place. */
        final Function2<Object, Object, Object> function;

        final int operation;
        final transient Reduction reduction;

        Merge(Function2<Object, Object, Object> function, int operation, Reduction reduction) {
            this.function = function;
            this.operation = operation;
            this.reduction = reduction;
        }

        final Object fallBack(Object combiner, Object value) throws Exception {
            return function.call(result(combiner), value);
        }
    }

    private static final class LongMerge extends Merge {
        private static final long serialVersionUID = 1L;

        LongMerge(Function2<Object, Object, Object> function, int operation) {
            super(function, operation, new Reduction(Reduction.LONGS, operation, Long.class));
        }

        @Override
        public Object call(Object combiner, Object value) throws Exception {
            if (value instanceof Long v) {
                if (combiner instanceof LongCell cell) {
                    cell.value = applyLong(operation, cell.value, v);
                    return cell;
                }
                if (combiner instanceof Long c) {
                    return new LongCell(applyLong(operation, c, v));
                }
            }
            return fallBack(combiner, value);
        }
    }

    private static final class IntMerge extends Merge {
        private static final long serialVersionUID = 1L;

        IntMerge(Function2<Object, Object, Object> function, int operation) {
            super(function, operation, new Reduction(Reduction.INTS, operation, Integer.class));
        }

        @Override
        public Object call(Object combiner, Object value) throws Exception {
            if (value instanceof Integer v) {
                if (combiner instanceof IntCell cell) {
                    cell.value = applyInt(operation, cell.value, v);
                    return cell;
                }
                if (combiner instanceof Integer c) {
                    return new IntCell(applyInt(operation, c, v));
                }
            }
            return fallBack(combiner, value);
        }
    }

    private static final class DoubleMerge extends Merge {
        private static final long serialVersionUID = 1L;

        DoubleMerge(Function2<Object, Object, Object> function, int operation) {
            super(function, operation, new Reduction(Reduction.DOUBLES, operation, Double.class));
        }

        @Override
        public Object call(Object combiner, Object value) throws Exception {
            if (value instanceof Double v) {
                if (combiner instanceof DoubleCell cell) {
                    cell.value = applyDouble(operation, cell.value, v);
                    return cell;
                }
                if (combiner instanceof Double c) {
                    return new DoubleCell(applyDouble(operation, c, v));
                }
            }
            return fallBack(combiner, value);
        }
    }
}
