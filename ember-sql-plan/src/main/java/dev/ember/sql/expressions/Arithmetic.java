package dev.ember.sql.expressions;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.types.ByteType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.DoubleType;
import dev.ember.sql.types.FloatType;
import dev.ember.sql.types.IntegerType;
import dev.ember.sql.types.LongType;
import dev.ember.sql.types.ShortType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * {@code left op right} on numbers. The analyzer makes both sides the same type before (except for decimals, which
 * keep their own precision and scale); the result type is that type, or for decimals the type Spark's precision rules
 * give ({@link #decimalResult}). Under ANSI mode an overflow or a division by zero fails the query; {@code
 * failOnError} false (the {@code try_} functions) gives null instead.
 */
public record Arithmetic(Op op, Expression left, Expression right, boolean failOnError) implements Expression {
    private static final long serialVersionUID = 1L;

    /** The operators, with their SQL symbols. */
    public enum Op {
        ADD("+"),
        SUBTRACT("-"),
        MULTIPLY("*"),
        DIVIDE("/"),
        REMAINDER("%"),
        /** {@code a DIV b}: the integral quotient as bigint. */
        INTEGRAL_DIVIDE("div");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    public Arithmetic {
        requireNonNull(op, "op is null");
        requireNonNull(left, "left is null");
        requireNonNull(right, "right is null");
    }

    public Arithmetic(Op op, Expression left, Expression right) {
        this(op, left, right, true);
    }

    @Override
    public List<Expression> children() {
        return List.of(left, right);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new Arithmetic(op, children.get(0), children.get(1), failOnError);
    }

    @Override
    public DataType dataType() {
        if (op == Op.INTEGRAL_DIVIDE) {
            return dev.ember.sql.types.DataTypes.LongType;
        }
        if (left.dataType() instanceof DecimalType l && right.dataType() instanceof DecimalType r) {
            return decimalResult(op, l, r);
        }
        return left.dataType();
    }

    /** The result type of {@code op} on decimals, by Spark's rules, capped at 38 digits. */
    public static DecimalType decimalResult(Op op, DecimalType l, DecimalType r) {
        int p1 = l.precision();
        int s1 = l.scale();
        int p2 = r.precision();
        int s2 = r.scale();
        switch (op) {
            case ADD, SUBTRACT -> {
                int scale = Math.max(s1, s2);
                return DecimalType.bounded(Math.max(p1 - s1, p2 - s2) + scale + 1, scale);
            }
            case MULTIPLY -> {
                return DecimalType.bounded(p1 + p2 + 1, s1 + s2);
            }
            case DIVIDE -> {
                int scale = Math.max(DecimalType.MINIMUM_ADJUSTED_SCALE, s1 + p2 + 1);
                return DecimalType.bounded(p1 - s1 + s2 + scale, scale);
            }
            case REMAINDER -> {
                int scale = Math.max(s1, s2);
                return DecimalType.bounded(Math.min(p1 - s1, p2 - s2) + scale, scale);
            }
            default -> throw new IllegalArgumentException("No decimal result type for " + op);
        }
    }

    @Override
    public boolean nullable() {
        return left.nullable() || right.nullable() || !failOnError;
    }

    @Override
    public boolean foldable() {
        return left.foldable() && right.foldable();
    }

    @Override
    public Object eval(InternalRow input) {
        Object a = left.eval(input);
        if (a == null) {
            return null;
        }
        Object b = right.eval(input);
        if (b == null) {
            return null;
        }
        try {
            return compute(a, b);
        } catch (EmberException e) {
            if (failOnError) {
                throw e;
            }
            return null;
        }
    }

    /** {@code a op b} for non-null values of the operand types. */
    public Object compute(Object a, Object b) {
        DataType type = left.dataType();
        if (op == Op.INTEGRAL_DIVIDE) {
            return integralDivide(a, b, type);
        }
        if (type instanceof DecimalType) {
            return decimal((BigDecimal) a, (BigDecimal) b);
        }
        if (type instanceof DoubleType) {
            return floating(((Double) a), ((Double) b));
        }
        if (type instanceof FloatType) {
            return (float) floating(((Float) a), ((Float) b));
        }
        long result = integral(((Number) a).longValue(), ((Number) b).longValue(), type);
        if (type instanceof IntegerType) {
            return (int) result;
        }
        if (type instanceof ShortType) {
            return (short) result;
        }
        if (type instanceof ByteType) {
            return (byte) result;
        }
        return result;
    }

    private long integral(long a, long b, DataType type) {
        long result;
        try {
            result = exactIntegral(a, b, type);
        } catch (ArithmeticException e) {
            throw overflow(type);
        }
        if (!fits(result, type)) {
            throw overflow(type);
        }
        return result;
    }

    private long exactIntegral(long a, long b, DataType type) {
        long result;
        switch (op) {
            case ADD -> result = type instanceof LongType ? Math.addExact(a, b) : a + b;
            case SUBTRACT -> result = type instanceof LongType ? Math.subtractExact(a, b) : a - b;
            case MULTIPLY -> result = type instanceof LongType ? Math.multiplyExact(a, b) : a * b;
            case REMAINDER -> {
                if (b == 0) {
                    throw divideByZero();
                }
                result = a % b;
            }
            case DIVIDE -> {
                if (b == 0) {
                    throw divideByZero();
                }
                result = a / b;
            }
            default -> throw new IllegalStateException(op.name());
        }
        return result;
    }

    private static boolean fits(long value, DataType type) {
        if (type instanceof IntegerType) {
            return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
        }
        if (type instanceof ShortType) {
            return value >= Short.MIN_VALUE && value <= Short.MAX_VALUE;
        }
        if (type instanceof ByteType) {
            return value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE;
        }
        return true;
    }

    private double floating(double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUBTRACT -> a - b;
            case MULTIPLY -> a * b;
            case DIVIDE -> {
                if (b == 0) {
                    throw divideByZero();
                }
                yield a / b;
            }
            case REMAINDER -> {
                if (b == 0) {
                    throw divideByZero();
                }
                yield a % b;
            }
            default -> throw new IllegalStateException(op.name());
        };
    }

    private BigDecimal decimal(BigDecimal a, BigDecimal b) {
        DecimalType result = (DecimalType) dataType();
        BigDecimal value =
                switch (op) {
                    case ADD -> a.add(b);
                    case SUBTRACT -> a.subtract(b);
                    case MULTIPLY -> a.multiply(b);
                    case DIVIDE -> {
                        if (b.signum() == 0) {
                            throw divideByZero();
                        }
                        yield a.divide(b, new MathContext(DecimalType.MAX_PRECISION + 2, RoundingMode.HALF_UP));
                    }
                    case REMAINDER -> {
                        if (b.signum() == 0) {
                            throw divideByZero();
                        }
                        yield a.remainder(b);
                    }
                    default -> throw new IllegalStateException(op.name());
                };
        return Decimals.fit(value, result, this::sql);
    }

    private Object integralDivide(Object a, Object b, DataType type) {
        if (type instanceof DecimalType) {
            BigDecimal divisor = (BigDecimal) b;
            if (divisor.signum() == 0) {
                throw divideByZero();
            }
            BigDecimal quotient = ((BigDecimal) a).divideToIntegralValue(divisor);
            if (quotient.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                throw overflow(dev.ember.sql.types.DataTypes.LongType);
            }
            return quotient.longValue();
        }
        long divisor = ((Number) b).longValue();
        if (divisor == 0) {
            throw divideByZero();
        }
        long dividend = ((Number) a).longValue();
        if (dividend == Long.MIN_VALUE && divisor == -1) {
            throw overflow(dev.ember.sql.types.DataTypes.LongType);
        }
        return dividend / divisor;
    }

    private EmberException divideByZero() {
        return new EmberException(
                ErrorClass.DIVIDE_BY_ZERO,
                "Division by zero in " + sql() + ". Use try_divide to get null instead, or set"
                        + " ember.sql.ansi.enabled to false");
    }

    private EmberException overflow(DataType type) {
        return new EmberException(
                ErrorClass.ARITHMETIC_OVERFLOW,
                "The value of " + sql() + " is out of the range of " + type.sql()
                        + ". Use a wider type (a cast to BIGINT or DECIMAL), or try_add/try_multiply to get null");
    }

    @Override
    public String sql() {
        return "(" + left.sql() + " " + op.symbol() + " " + right.sql() + ")";
    }
}
