package dev.ember.function;

/**
 * A reduction the engine can compute in place, on primitive values, without a box per merge: the sum, maximum or
 * minimum of {@code Long}, {@code Integer} or {@code Double} values. A function names one by being one of
 * {@link Reducers}' (or a method reference {@link Reducers#reductionOf} recognizes); the engine then keeps
 * combiners as primitives and calls the function only for a value the reduction cannot take (a null, or a box of
 * another class).
 *
 * <p>The arithmetic is the JDK's: integer sums wrap on overflow as {@link Long#sum} and {@link Integer#sum} do, and
 * doubles follow {@link Math#max(double, double)} and {@link Math#min(double, double)} (a NaN wins, {@code -0.0} is
 * below {@code 0.0}).
 */
public enum ReductionKind {
    LONG_SUM(Long.class, Operation.SUM),
    LONG_MAX(Long.class, Operation.MAX),
    LONG_MIN(Long.class, Operation.MIN),
    INT_SUM(Integer.class, Operation.SUM),
    INT_MAX(Integer.class, Operation.MAX),
    INT_MIN(Integer.class, Operation.MIN),
    DOUBLE_SUM(Double.class, Operation.SUM),
    DOUBLE_MAX(Double.class, Operation.MAX),
    DOUBLE_MIN(Double.class, Operation.MIN);

    /** What a reduction computes of two values. */
    public enum Operation {
        SUM,
        MAX,
        MIN
    }

    private final Class<?> operandType;
    private final Operation operation;

    ReductionKind(Class<?> operandType, Operation operation) {
        this.operandType = operandType;
        this.operation = operation;
    }

    /** The box the reduction merges: {@code Long.class}, {@code Integer.class} or {@code Double.class}. */
    public Class<?> operandType() {
        return operandType;
    }

    public Operation operation() {
        return operation;
    }

    /**
     * Two boxes merged, as the JDK's method does when called through a {@code Function2}: a null fails with
     * {@link NullPointerException}, a box of another class with {@link ClassCastException}.
     */
    Object apply(Object first, Object second) {
        if (operandType == Long.class) {
            long a = (Long) first;
            long b = (Long) second;
            return operation == Operation.SUM ? a + b : operation == Operation.MAX ? Math.max(a, b) : Math.min(a, b);
        }
        if (operandType == Integer.class) {
            int a = (Integer) first;
            int b = (Integer) second;
            return operation == Operation.SUM ? a + b : operation == Operation.MAX ? Math.max(a, b) : Math.min(a, b);
        }
        double a = (Double) first;
        double b = (Double) second;
        return operation == Operation.SUM ? a + b : operation == Operation.MAX ? Math.max(a, b) : Math.min(a, b);
    }
}
