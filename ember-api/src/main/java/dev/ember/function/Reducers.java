package dev.ember.function;

import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;

/**
 * Merge functions that name their reduction, for {@code reduceByKey}, {@code foldByKey}, {@code aggregateByKey},
 * {@code combineByKey} and the actions {@code reduce}, {@code fold} and {@code aggregate}:
 *
 * <pre>{@code
 * counts.reduceByKey(Reducers.longSum());
 * }</pre>
 *
 * Each computes exactly what the JDK method of the same name computes ({@code Long::sum}, {@code Integer::max},
 * {@code Math::min}, ...), but says so ({@link NamedReduction}), so the engine merges its values in place, without
 * a box per merge (see {@link ReductionKind}). A method reference to one of those JDK methods is recognized too, as
 * a convenience; {@link #reductionOf} is where both are told apart from any other function.
 */
public final class Reducers {
    private static final NamedReduction<Long> LONG_SUM = new Reducer<>(ReductionKind.LONG_SUM, "longSum");
    private static final NamedReduction<Long> LONG_MAX = new Reducer<>(ReductionKind.LONG_MAX, "longMax");
    private static final NamedReduction<Long> LONG_MIN = new Reducer<>(ReductionKind.LONG_MIN, "longMin");
    private static final NamedReduction<Integer> INT_SUM = new Reducer<>(ReductionKind.INT_SUM, "intSum");
    private static final NamedReduction<Integer> INT_MAX = new Reducer<>(ReductionKind.INT_MAX, "intMax");
    private static final NamedReduction<Integer> INT_MIN = new Reducer<>(ReductionKind.INT_MIN, "intMin");
    private static final NamedReduction<Double> DOUBLE_SUM = new Reducer<>(ReductionKind.DOUBLE_SUM, "doubleSum");
    private static final NamedReduction<Double> DOUBLE_MAX = new Reducer<>(ReductionKind.DOUBLE_MAX, "doubleMax");
    private static final NamedReduction<Double> DOUBLE_MIN = new Reducer<>(ReductionKind.DOUBLE_MIN, "doubleMin");

    private static final String LONG = "(JJ)J";
    private static final String INT = "(II)I";
    private static final String DOUBLE = "(DD)D";

    /** {@code class.method(signature)} of each JDK method a method reference is recognized as, to its reduction. */
    private static final Map<String, ReductionKind> METHODS = Map.ofEntries(
            Map.entry("java/lang/Long.sum" + LONG, ReductionKind.LONG_SUM),
            Map.entry("java/lang/Long.max" + LONG, ReductionKind.LONG_MAX),
            Map.entry("java/lang/Long.min" + LONG, ReductionKind.LONG_MIN),
            Map.entry("java/lang/Math.max" + LONG, ReductionKind.LONG_MAX),
            Map.entry("java/lang/Math.min" + LONG, ReductionKind.LONG_MIN),
            Map.entry("java/lang/Integer.sum" + INT, ReductionKind.INT_SUM),
            Map.entry("java/lang/Integer.max" + INT, ReductionKind.INT_MAX),
            Map.entry("java/lang/Integer.min" + INT, ReductionKind.INT_MIN),
            Map.entry("java/lang/Math.max" + INT, ReductionKind.INT_MAX),
            Map.entry("java/lang/Math.min" + INT, ReductionKind.INT_MIN),
            Map.entry("java/lang/Double.sum" + DOUBLE, ReductionKind.DOUBLE_SUM),
            Map.entry("java/lang/Double.max" + DOUBLE, ReductionKind.DOUBLE_MAX),
            Map.entry("java/lang/Double.min" + DOUBLE, ReductionKind.DOUBLE_MIN),
            Map.entry("java/lang/Math.max" + DOUBLE, ReductionKind.DOUBLE_MAX),
            Map.entry("java/lang/Math.min" + DOUBLE, ReductionKind.DOUBLE_MIN));

    private Reducers() {}

    /** {@link Long#sum}: wraps on overflow. */
    public static NamedReduction<Long> longSum() {
        return LONG_SUM;
    }

    public static NamedReduction<Long> longMax() {
        return LONG_MAX;
    }

    public static NamedReduction<Long> longMin() {
        return LONG_MIN;
    }

    /** {@link Integer#sum}: wraps on overflow. */
    public static NamedReduction<Integer> intSum() {
        return INT_SUM;
    }

    public static NamedReduction<Integer> intMax() {
        return INT_MAX;
    }

    public static NamedReduction<Integer> intMin() {
        return INT_MIN;
    }

    public static NamedReduction<Double> doubleSum() {
        return DOUBLE_SUM;
    }

    /** {@link Math#max(double, double)}: a NaN wins, {@code 0.0} is above {@code -0.0}. */
    public static NamedReduction<Double> doubleMax() {
        return DOUBLE_MAX;
    }

    /** {@link Math#min(double, double)}: a NaN wins, {@code -0.0} is below {@code 0.0}. */
    public static NamedReduction<Double> doubleMin() {
        return DOUBLE_MIN;
    }

    /** The function of {@link Reducers} that computes {@code reduction}. */
    public static NamedReduction<?> of(ReductionKind reduction) {
        return switch (reduction) {
            case LONG_SUM -> LONG_SUM;
            case LONG_MAX -> LONG_MAX;
            case LONG_MIN -> LONG_MIN;
            case INT_SUM -> INT_SUM;
            case INT_MAX -> INT_MAX;
            case INT_MIN -> INT_MIN;
            case DOUBLE_SUM -> DOUBLE_SUM;
            case DOUBLE_MAX -> DOUBLE_MAX;
            case DOUBLE_MIN -> DOUBLE_MIN;
        };
    }

    /**
     * The reduction {@code function} computes, if the engine can tell: a {@link NamedReduction} says so; otherwise a
     * non-capturing method reference to one of the JDK methods above ({@code Long::sum}, {@code Math::max}, ...) is
     * recognized from its serialized form ({@link SerializedLambda}). Anything else, a lambda written out
     * ({@code (a, b) -> a + b}) or a lambda of a module that does not open it to Ember included, computes none the
     * engine knows, and is called as it is. The one place where the engine decides whether a function names a
     * reduction.
     */
    public static Optional<ReductionKind> reductionOf(Function2<?, ?, ?> function) {
        if (function instanceof NamedReduction<?> named) {
            return Optional.of(named.reduction());
        }
        SerializedLambda lambda = serializedForm(function);
        if (lambda == null
                || lambda.getCapturedArgCount() != 0
                || lambda.getImplMethodKind() != MethodHandleInfo.REF_invokeStatic) {
            return Optional.empty();
        }
        return Optional.ofNullable(METHODS.get(
                lambda.getImplClass() + "." + lambda.getImplMethodName() + lambda.getImplMethodSignature()));
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

    /** A function of this class: the JDK's arithmetic on boxes, and the name of its reduction. */
    record Reducer<T>(ReductionKind reduction, String name) implements NamedReduction<T> {
        private static final long serialVersionUID = 1L;

        @Override
        @SuppressWarnings("unchecked")
        public T call(T first, T second) {
            return (T) reduction.apply(first, second);
        }

        @Override
        public String toString() {
            return "Reducers." + name + "()";
        }
    }
}
