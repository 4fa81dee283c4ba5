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
import dev.ember.sql.types.ByteType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.DoubleType;
import dev.ember.sql.types.FloatType;
import dev.ember.sql.types.IntegerType;
import dev.ember.sql.types.LongType;
import dev.ember.sql.types.NullType;
import dev.ember.sql.types.ShortType;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Math functions. Functions of real numbers take and give double. {@code round} rounds half up and {@code bround}
 * half to even; on a decimal they give a decimal of the new scale, on other numbers the input's type. {@code ceil}
 * and {@code floor} give bigint, or a decimal of scale 0 for a decimal (of the given scale with a second argument).
 * {@code try_add}, {@code try_subtract}, {@code try_multiply}, {@code try_divide} and {@code try_mod} give null where
 * the operator would fail.
 */
final class MathFunctions {
    private MathFunctions() {}

    /** A function of one double, serializable so that kernels holding it travel to executors. */
    @FunctionalInterface
    interface DoubleFn extends Serializable {
        double apply(double x);
    }

    /** A function of two doubles. */
    @FunctionalInterface
    interface DoubleFn2 extends Serializable {
        double apply(double x, double y);
    }

    static void register(FunctionRegistry r) {
        scalar(r, "_FUNC_(expr) - Returns the absolute value of the numeric value.", MathFunctions::abs, "abs");
        unary(r, "acos", "the inverse cosine (a.k.a. arc cosine) of expr", Math::acos);
        unary(r, "asin", "the inverse sine (a.k.a. arc sine) of expr", Math::asin);
        unary(r, "atan", "the inverse tangent (a.k.a. arc tangent) of expr", Math::atan);
        unary(r, "cbrt", "the cube root of expr", Math::cbrt);
        unary(r, "cos", "the cosine of expr", Math::cos);
        unary(r, "cosh", "the hyperbolic cosine of expr", Math::cosh);
        unary(r, "sin", "the sine of expr", Math::sin);
        unary(r, "sinh", "the hyperbolic sine of expr", Math::sinh);
        unary(r, "tan", "the tangent of expr", Math::tan);
        unary(r, "tanh", "the hyperbolic tangent of expr", Math::tanh);
        unary(r, "cot", "the cotangent of expr", x -> 1 / Math.tan(x));
        unary(r, "degrees", "expr radians converted to degrees", Math::toDegrees);
        unary(r, "radians", "expr degrees converted to radians", Math::toRadians);
        unary(r, "exp", "e to the power of expr", Math::exp);
        unary(r, "expm1", "exp(expr) - 1", Math::expm1);
        unary(r, "sqrt", "the square root of expr", Math::sqrt);
        unary(r, "signum", "-1.0, 0.0 or 1.0 as expr is negative, 0 or positive", Math::signum);
        unary(r, "sign", "-1.0, 0.0 or 1.0 as expr is negative, 0 or positive", Math::signum);
        logarithm(r, "ln", "the natural logarithm (base e) of expr", 0, Math::log);
        logarithm(r, "log10", "the logarithm of expr with base 10", 0, Math::log10);
        logarithm(r, "log2", "the logarithm of expr with base 2", 0, x -> Math.log(x) / Math.log(2));
        logarithm(r, "log1p", "log(1 + expr)", -1, Math::log1p);
        scalar(
                r,
                "_FUNC_([base, ]expr) - Returns the logarithm of expr with base (e when omitted); null when either"
                        + " is not positive.",
                c -> {
                    c.count(1, 2);
                    if (c.size() == 1) {
                        return c.fnNullable(
                                DataTypes.DoubleType,
                                a -> (Double) a[0] <= 0 ? null : Math.log((Double) a[0]),
                                c.dbl(0));
                    }
                    return c.fnNullable(
                            DataTypes.DoubleType,
                            a -> {
                                double base = (Double) a[0];
                                double x = (Double) a[1];
                                return base <= 0 || x <= 0 ? null : Math.log(x) / Math.log(base);
                            },
                            c.dbl(0),
                            c.dbl(1));
                },
                "log");
        binary(
                r,
                "atan2",
                "(exprY, exprX) - Returns the angle in radians between the positive x-axis of a plane"
                        + " and the point given by the coordinates (exprX, exprY).",
                Math::atan2);
        binary(r, "pow", "(expr1, expr2) - Raises expr1 to the power of expr2.", Math::pow);
        binary(r, "power", "(expr1, expr2) - Raises expr1 to the power of expr2.", Math::pow);
        binary(r, "hypot", "(expr1, expr2) - Returns sqrt(expr1^2 + expr2^2) without overflow.", Math::hypot);
        scalar(
                r,
                "_FUNC_(expr[, scale]) - Returns the smallest number after rounding up that is not smaller than expr.",
                c -> ceilFloor(c, RoundingMode.CEILING),
                "ceil",
                "ceiling");
        scalar(
                r,
                "_FUNC_(expr[, scale]) - Returns the largest number after rounding down that is not greater than"
                        + " expr.",
                c -> ceilFloor(c, RoundingMode.FLOOR),
                "floor");
        scalar(r, "_FUNC_() - Returns Euler's number, e.", c -> constant(c, Math.E), "e");
        scalar(r, "_FUNC_() - Returns pi.", c -> constant(c, Math.PI), "pi");
        scalar(
                r,
                "_FUNC_([seed]) - Returns a random value uniformly distributed in [0, 1), the sequence fixed by the"
                        + " constant seed when one is given.",
                MathFunctions::rand,
                "rand",
                "random");
        scalar(
                r,
                "_FUNC_(expr, d) - Returns expr rounded to d decimal places using HALF_UP rounding mode.",
                c -> round(c, RoundingMode.HALF_UP),
                "round");
        scalar(
                r,
                "_FUNC_(expr, d) - Returns expr rounded to d decimal places using HALF_EVEN rounding mode.",
                c -> round(c, RoundingMode.HALF_EVEN),
                "bround");
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
                "_FUNC_(expr) - Returns true if expr is NaN, or false otherwise.",
                c -> {
                    c.count(1);
                    return new dev.ember.sql.expressions.ScalarFunction(
                            c.name,
                            List.of(c.dbl(0)),
                            DataTypes.BooleanType,
                            false,
                            false,
                            true,
                            a -> a[0] != null && Double.isNaN((Double) a[0]));
                },
                "isnan");
        scalar(
                r,
                "_FUNC_(expr1, expr2) - Returns expr1 if it's not NaN, or expr2 otherwise.",
                c -> {
                    c.count(2);
                    return c.fnNullAware(
                            DataTypes.DoubleType,
                            a -> a[0] == null ? null : Double.isNaN((Double) a[0]) ? a[1] : a[0],
                            List.of(c.dbl(0), c.dbl(1)));
                },
                "nanvl");
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

    private static void unary(FunctionRegistry r, String name, String what, DoubleFn fn) {
        scalar(
                r,
                "_FUNC_(expr) - Returns " + what + ".",
                c -> {
                    c.count(1);
                    return c.fn(DataTypes.DoubleType, a -> fn.apply((Double) a[0]), c.dbl(0));
                },
                name);
    }

    /** A logarithm: null for arguments at or below {@code lowest}. */
    private static void logarithm(FunctionRegistry r, String name, String what, double lowest, DoubleFn fn) {
        scalar(
                r,
                "_FUNC_(expr) - Returns " + what + "; null when expr is not above " + (int) lowest + ".",
                c -> {
                    c.count(1);
                    return c.fnNullable(
                            DataTypes.DoubleType,
                            a -> (Double) a[0] <= lowest ? null : fn.apply((Double) a[0]),
                            c.dbl(0));
                },
                name);
    }

    private static void binary(FunctionRegistry r, String name, String usage, DoubleFn2 fn) {
        scalar(
                r,
                "_FUNC_" + usage,
                c -> {
                    c.count(2);
                    return c.fn(DataTypes.DoubleType, a -> fn.apply((Double) a[0], (Double) a[1]), c.dbl(0), c.dbl(1));
                },
                name);
    }

    private static Expression constant(Call c, double value) {
        c.count(0);
        return c.fn(DataTypes.DoubleType, a -> value);
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

    /** The decimal type a number of {@code type} is rounded in: itself, an integral's, or decimal(38,18). */
    private static DecimalType asDecimal(DataType type) {
        if (type instanceof DecimalType decimal) {
            return decimal;
        }
        if (type.isIntegral()) {
            return DecimalType.forIntegral(type);
        }
        return DecimalType.SYSTEM_DEFAULT;
    }

    /** The type of a decimal of {@code type} rounded to {@code scale} places: one more integral digit, at most 38. */
    static DecimalType roundedType(DecimalType type, int scale) {
        int integral = type.precision() - type.scale() + 1;
        if (scale < 0) {
            return new DecimalType(Math.min(Math.max(integral, -scale + 1), DecimalType.MAX_PRECISION), 0);
        }
        int newScale = Math.min(type.scale(), scale);
        return new DecimalType(Math.min(integral + newScale, DecimalType.MAX_PRECISION), newScale);
    }

    private static BigDecimal toDecimal(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Double || value instanceof Float) {
            return new BigDecimal(value.toString());
        }
        return BigDecimal.valueOf(((Number) value).longValue());
    }

    private static Expression ceilFloor(Call c, RoundingMode mode) {
        c.count(1, 2);
        Expression x = c.numeric(0);
        DataType type = x.dataType();
        String where = c.sql();
        if (c.size() == 2) {
            Object scaleValue = c.constant(1);
            if (!(scaleValue instanceof Number) || !c.type(1).isIntegral()) {
                throw c.mismatch(1, "a constant INT");
            }
            int scale = ((Number) scaleValue).intValue();
            DecimalType result = roundedType(asDecimal(type), scale);
            return c.fn(
                    result,
                    a -> {
                        if (a[0] instanceof Double d && !Double.isFinite(d)
                                || a[0] instanceof Float f && !Float.isFinite(f)) {
                            throw overflow(where, result);
                        }
                        return Decimals.fit(
                                toDecimal(a[0]).setScale(scale, mode).setScale(result.scale()), result, where);
                    },
                    x);
        }
        if (type instanceof DecimalType decimal) {
            DecimalType result = new DecimalType(
                    Math.min(Math.max(decimal.precision() - decimal.scale() + 1, 1), DecimalType.MAX_PRECISION), 0);
            return c.fn(result, a -> Decimals.fit(((BigDecimal) a[0]).setScale(0, mode), result, where), x);
        }
        if (type.isIntegral()) {
            return c.fn(DataTypes.LongType, a -> ((Number) a[0]).longValue(), x);
        }
        boolean up = mode == RoundingMode.CEILING;
        return c.fn(
                DataTypes.LongType,
                a -> {
                    double d = ((Number) a[0]).doubleValue();
                    return (long) (up ? Math.ceil(d) : Math.floor(d));
                },
                x);
    }

    private static Expression round(Call c, RoundingMode mode) {
        c.count(1, 2);
        Expression x = c.numeric(0);
        int scale = 0;
        if (c.size() == 2) {
            Object value = c.constant(1);
            if (!c.type(1).isIntegral() || value == null) {
                throw c.mismatch(1, "a constant INT");
            }
            scale = ((Number) value).intValue();
        }
        int places = scale;
        DataType type = x.dataType();
        String where = c.sql();
        if (type instanceof DecimalType decimal) {
            DecimalType result = roundedType(decimal, places);
            return c.fn(
                    result,
                    a -> Decimals.fit(
                            ((BigDecimal) a[0]).setScale(places, mode).setScale(result.scale()), result, where),
                    x);
        }
        if (type instanceof DoubleType) {
            return c.fn(
                    type,
                    a -> {
                        double d = (Double) a[0];
                        return Double.isFinite(d)
                                ? new BigDecimal(Double.toString(d))
                                        .setScale(places, mode)
                                        .doubleValue()
                                : d;
                    },
                    x);
        }
        if (type instanceof FloatType) {
            return c.fn(
                    type,
                    a -> {
                        float f = (Float) a[0];
                        return Float.isFinite(f)
                                ? new BigDecimal(Float.toString(f))
                                        .setScale(places, mode)
                                        .floatValue()
                                : f;
                    },
                    x);
        }
        if (places >= 0) {
            return c.fn(type, a -> a[0], x);
        }
        return c.fn(
                type,
                a -> {
                    BigDecimal rounded = BigDecimal.valueOf(((Number) a[0]).longValue())
                            .setScale(places, mode)
                            .setScale(0);
                    return integral(rounded, type, where);
                },
                x);
    }

    /** {@code value} as a value of the integral {@code type}, or an overflow error. */
    static Object integral(BigDecimal value, DataType type, String where) {
        long bound = type instanceof ByteType
                ? Byte.MAX_VALUE
                : type instanceof ShortType ? Short.MAX_VALUE : type instanceof IntegerType ? Integer.MAX_VALUE : 0;
        if (type instanceof LongType) {
            try {
                return value.longValueExact();
            } catch (ArithmeticException e) {
                throw overflow(where, type);
            }
        }
        if (value.compareTo(BigDecimal.valueOf(bound)) > 0 || value.compareTo(BigDecimal.valueOf(-bound - 1)) < 0) {
            throw overflow(where, type);
        }
        long n = value.longValue();
        if (type instanceof ByteType) {
            return (byte) n;
        }
        if (type instanceof ShortType) {
            return (short) n;
        }
        return (int) n;
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
            DataType lt = floating ? DataTypes.DoubleType : l.isIntegral() ? DecimalType.forIntegral(l) : l;
            DataType rt = floating ? DataTypes.DoubleType : r.isIntegral() ? DecimalType.forIntegral(r) : r;
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
                    return integral(BigDecimal.valueOf(rest), type, where);
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
