package dev.ember.sql.library;

import static dev.ember.sql.library.BuiltinFunctions.scalar;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.analysis.ImplicitCasts;
import dev.ember.sql.catalog.FunctionRegistry;
import dev.ember.sql.expressions.Arithmetic;
import dev.ember.sql.expressions.Decimals;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.ScalarKernel;
import dev.ember.sql.expressions.UnaryMinus;
import dev.ember.sql.expressions.Values;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.DoubleType;
import dev.ember.sql.types.FloatType;
import dev.ember.sql.types.NullType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Math functions of arithmetic: absolute values, remainders, signs, extremes, factorials, buckets and random
 * numbers. {@code try_add}, {@code try_subtract}, {@code try_multiply}, {@code try_divide} and {@code try_mod} give
 * null where the operator would fail. Rounding is in {@link MathRoundingFunctions}, functions of real numbers in
 * {@link MathRealFunctions}.
 */
final class MathFunctions {
    private MathFunctions() {}

    static void register(FunctionRegistry r) {
        scalar(r, "_FUNC_(expr) - Returns the absolute value of the numeric value.", MathFunctions::abs, "abs");
        scalar(
                r,
                "_FUNC_([seed]) - Returns a random value uniformly distributed in [0, 1), the sequence fixed by the"
                        + " constant seed when one is given.",
                MathFunctions::rand,
                "rand",
                "random");
        scalar(
                r,
                "_FUNC_(expr, ...) - Returns the greatest value of all parameters, skipping null values.",
                c -> extreme(c, true),
                "greatest");
        scalar(
                r,
                "_FUNC_(expr, ...) - Returns the least value of all parameters, skipping null values.",
                c -> extreme(c, false),
                "least");
        scalar(
                r,
                "_FUNC_(expr1, expr2) - Returns the remainder after expr1/expr2.",
                c -> {
                    Expression[] sides = arithmeticSides(c);
                    return new Arithmetic(Arithmetic.Op.REMAINDER, sides[0], sides[1], c.context.ansi());
                },
                "mod");
        scalar(r, "_FUNC_(expr1, expr2) - Returns the positive value of expr1 mod expr2.", MathFunctions::pmod, "pmod");
        scalar(
                r,
                "_FUNC_(expr) - Returns the negated value of expr.",
                c -> {
                    c.count(1);
                    return new UnaryMinus(c.numeric(0));
                },
                "negative");
        scalar(
                r,
                "_FUNC_(expr) - Returns the value of expr.",
                c -> {
                    c.count(1);
                    return c.numeric(0);
                },
                "positive");
        scalar(
                r,
                "_FUNC_(expr) - Returns the string representation of the long value expr represented in binary.",
                c -> {
                    c.count(1);
                    return c.fn(DataTypes.StringType, a -> Long.toBinaryString((Long) a[0]), c.bigint(0));
                },
                "bin");
        scalar(
                r,
                "_FUNC_(expr) - Returns the factorial of expr, which is [0..20]; null otherwise.",
                c -> {
                    c.count(1);
                    return c.fnNullable(
                            DataTypes.LongType,
                            a -> {
                                int n = (Integer) a[0];
                                if (n < 0 || n > 20) {
                                    return null;
                                }
                                long result = 1;
                                for (int i = 2; i <= n; i++) {
                                    result *= i;
                                }
                                return result;
                            },
                            c.integer(0));
                },
                "factorial");
        scalar(
                r,
                "_FUNC_(value, min_value, max_value, num_bucket) - Returns the bucket number to which value would be"
                        + " assigned in an equiwidth histogram with num_bucket buckets in the range min_value to"
                        + " max_value.",
                MathFunctions::widthBucket,
                "width_bucket");
        tryArithmetic(r, "try_add", Arithmetic.Op.ADD, "the sum of expr1 and expr2");
        tryArithmetic(r, "try_subtract", Arithmetic.Op.SUBTRACT, "expr1 minus expr2");
        tryArithmetic(r, "try_multiply", Arithmetic.Op.MULTIPLY, "expr1 times expr2");
        tryArithmetic(r, "try_divide", Arithmetic.Op.DIVIDE, "expr1 divided by expr2");
        tryArithmetic(r, "try_mod", Arithmetic.Op.REMAINDER, "the remainder of expr1 divided by expr2");
    }

    private static Expression abs(Call c) {
        c.count(1);
        Expression x = c.numeric(0);
        DataType type = x.dataType();
        String where = c.sql();
        return c.fn(
                type,
                a -> {
                    Object v = a[0];
                    if (v instanceof Integer n) {
                        if (n == Integer.MIN_VALUE) {
                            throw overflow(where, type);
                        }
                        return Math.abs(n);
                    }
                    if (v instanceof Long n) {
                        if (n == Long.MIN_VALUE) {
                            throw overflow(where, type);
                        }
                        return Math.abs(n);
                    }
                    if (v instanceof Short n) {
                        if (n == Short.MIN_VALUE) {
                            throw overflow(where, type);
                        }
                        return (short) Math.abs(n);
                    }
                    if (v instanceof Byte n) {
                        if (n == Byte.MIN_VALUE) {
                            throw overflow(where, type);
                        }
                        return (byte) Math.abs(n);
                    }
                    if (v instanceof Double n) {
                        return Math.abs(n);
                    }
                    if (v instanceof Float n) {
                        return Math.abs(n);
                    }
                    return ((BigDecimal) v).abs();
                },
                x);
    }

    static EmberException overflow(String where, DataType type) {
        return new EmberException(
                ErrorClass.ARITHMETIC_OVERFLOW,
                "The value of " + where + " is out of the range of " + type.sql() + "; use a wider type");
    }

    private static Expression extreme(Call c, boolean greatest) {
        c.count(2, -1);
        List<DataType> types = new ArrayList<>();
        for (Expression argument : c.args) {
            types.add(argument.dataType());
        }
        Optional<DataType> wider = ImplicitCasts.widerType(types);
        if (wider.isEmpty() || !wider.get().isOrderable()) {
            throw c.invalid("The arguments of " + c.name + " must have one orderable type, but they are "
                    + String.join(", ", types.stream().map(DataType::sql).toList()));
        }
        DataType type = wider.get();
        List<Expression> args = new ArrayList<>();
        for (Expression argument : c.args) {
            args.add(ImplicitCasts.castIfNeeded(argument, type, c.timeZone()));
        }
        return c.fnNullAware(
                type,
                a -> {
                    Object best = null;
                    for (Object value : a) {
                        if (value == null) {
                            continue;
                        }
                        if (best == null) {
                            best = value;
                        } else {
                            int order = Values.compare(value, best, type);
                            if (greatest ? order > 0 : order < 0) {
                                best = value;
                            }
                        }
                    }
                    return best;
                },
                args);
    }

    /**
     * Both operands of a binary arithmetic function made fit for {@link Arithmetic}: strings become double, two
     * non-decimal numbers the wider type, an integral beside a decimal a decimal, a decimal beside a floating type
     * double.
     */
    static Expression[] arithmeticSides(Call c) {
        c.count(2);
        Expression left = c.numeric(0);
        Expression right = c.numeric(1);
        DataType l = left.dataType();
        DataType r = right.dataType();
        if (l instanceof DecimalType || r instanceof DecimalType) {
            boolean floating = l instanceof DoubleType
                    || l instanceof FloatType
                    || r instanceof DoubleType
                    || r instanceof FloatType;
            DataType lt = floating ? DataTypes.DoubleType : l.isIntegral() ? ImplicitCasts.decimalForOperand(left) : l;
            DataType rt = floating ? DataTypes.DoubleType : r.isIntegral() ? ImplicitCasts.decimalForOperand(right) : r;
            return new Expression[] {
                ImplicitCasts.castIfNeeded(left, lt, c.timeZone()), ImplicitCasts.castIfNeeded(right, rt, c.timeZone())
            };
        }
        DataType wider = ImplicitCasts.widerType(l, r).orElse(DataTypes.DoubleType);
        return new Expression[] {
            ImplicitCasts.castIfNeeded(left, wider, c.timeZone()),
            ImplicitCasts.castIfNeeded(right, wider, c.timeZone())
        };
    }

    private static void tryArithmetic(FunctionRegistry r, String name, Arithmetic.Op op, String what) {
        scalar(
                r,
                "_FUNC_(expr1, expr2) - Returns " + what + ", or null where the operation overflows or divides by"
                        + " zero.",
                c -> {
                    Expression[] sides = arithmeticSides(c);
                    if (op == Arithmetic.Op.DIVIDE && !(sides[0].dataType() instanceof DecimalType)) {
                        sides[0] = ImplicitCasts.castIfNeeded(sides[0], DataTypes.DoubleType, c.timeZone());
                        sides[1] = ImplicitCasts.castIfNeeded(sides[1], DataTypes.DoubleType, c.timeZone());
                    }
                    return new Arithmetic(op, sides[0], sides[1], false);
                },
                name);
    }

    private static Expression pmod(Call c) {
        Expression[] sides = arithmeticSides(c);
        DataType l = sides[0].dataType();
        DataType type = l instanceof DecimalType left
                ? Arithmetic.decimalResult(Arithmetic.Op.REMAINDER, left, (DecimalType) sides[1].dataType())
                : l;
        boolean ansi = c.context.ansi();
        String where = c.sql();
        return c.fnNullable(
                type,
                a -> {
                    if (type instanceof DecimalType decimal) {
                        BigDecimal divisor = (BigDecimal) a[1];
                        if (divisor.signum() == 0) {
                            return divideByZero(ansi, where);
                        }
                        BigDecimal rest = ((BigDecimal) a[0]).remainder(divisor);
                        if (rest.signum() < 0) {
                            rest = rest.add(divisor).remainder(divisor);
                        }
                        return Decimals.fit(rest, decimal, where);
                    }
                    if (type instanceof DoubleType || type instanceof FloatType) {
                        double divisor = ((Number) a[1]).doubleValue();
                        if (divisor == 0) {
                            return divideByZero(ansi, where);
                        }
                        double rest = ((Number) a[0]).doubleValue() % divisor;
                        if (rest < 0) {
                            rest = (rest + divisor) % divisor;
                        }
                        return type instanceof FloatType ? (Object) (float) rest : (Object) rest;
                    }
                    long divisor = ((Number) a[1]).longValue();
                    if (divisor == 0) {
                        return divideByZero(ansi, where);
                    }
                    long rest = ((Number) a[0]).longValue() % divisor;
                    if (rest < 0) {
                        rest = (rest + divisor) % divisor;
                    }
                    return MathRoundingFunctions.integral(BigDecimal.valueOf(rest), type, where);
                },
                sides[0],
                sides[1]);
    }

    private static Object divideByZero(boolean ansi, String where) {
        if (!ansi) {
            return null;
        }
        throw new EmberException(
                ErrorClass.DIVIDE_BY_ZERO,
                "Division by zero in " + where + ". Use try_mod to get null instead, or set ember.sql.ansi.enabled"
                        + " to false");
    }

    private static Expression rand(Call c) {
        c.count(0, 1);
        if (c.size() == 0) {
            return c.fnNondeterministic(
                    DataTypes.DoubleType, a -> ThreadLocalRandom.current().nextDouble(), List.of());
        }
        Object seed = c.constant(0);
        if (!(c.type(0).isIntegral() || c.type(0) instanceof NullType)) {
            throw c.mismatch(0, "a constant INT or BIGINT");
        }
        long fixed = seed == null ? 0L : ((Number) seed).longValue();
        return c.fnNondeterministic(DataTypes.DoubleType, new SeededRandom(fixed), List.of(c.arg(0)));
    }

    /**
     * The values of {@code rand(seed)}: a sequence fixed by the seed, starting anew in each copy of the plan (each task
     * deserializes its own). The generator is the only state a kernel of the library keeps.
     */
    static final class SeededRandom implements ScalarKernel {
        private static final long serialVersionUID = 1L;
        private final long seed;
        private transient SplittableRandom random;

        SeededRandom(long seed) {
            this.seed = seed;
        }

        @Override
        public synchronized Object apply(Object[] arguments) {
            if (random == null) {
                random = new SplittableRandom(seed);
            }
            return random.nextDouble();
        }
    }

    private static Expression widthBucket(Call c) {
        c.count(4);
        return c.fnNullable(
                DataTypes.LongType,
                a -> {
                    double value = (Double) a[0];
                    double min = (Double) a[1];
                    double max = (Double) a[2];
                    long buckets = (Long) a[3];
                    if (buckets <= 0
                            || buckets == Long.MAX_VALUE
                            || min == max
                            || Double.isNaN(value)
                            || !Double.isFinite(min)
                            || !Double.isFinite(max)) {
                        return null;
                    }
                    if (min < max) {
                        if (value < min) {
                            return 0L;
                        }
                        if (value >= max) {
                            return buckets + 1;
                        }
                        return (long) (buckets * (value - min) / (max - min)) + 1;
                    }
                    if (value > min) {
                        return 0L;
                    }
                    if (value <= max) {
                        return buckets + 1;
                    }
                    return (long) (buckets * (min - value) / (min - max)) + 1;
                },
                c.dbl(0),
                c.dbl(1),
                c.dbl(2),
                c.bigint(3));
    }
}
