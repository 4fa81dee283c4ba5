package dev.ember.sql.library;

import static dev.ember.sql.library.BuiltinFunctions.scalar;

import dev.ember.sql.catalog.FunctionRegistry;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.types.DataTypes;
import java.io.Serializable;
import java.util.List;

/**
 * Math functions of real numbers, which take and give double: trigonometry, logarithms, powers and roots, the
 * constants e and pi, and NaN tests.
 */
final class MathRealFunctions {
    private MathRealFunctions() {}

    static void register(FunctionRegistry r) {
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
        unary(r, "sec", "the secant of expr", x -> 1 / Math.cos(x));
        unary(r, "csc", "the cosecant of expr", x -> 1 / Math.sin(x));
        unary(r, "rint", "the double value closest to expr that is an integer (ties to the even one)", Math::rint);
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
        scalar(r, "_FUNC_() - Returns Euler's number, e.", c -> constant(c, Math.E), "e");
        scalar(r, "_FUNC_() - Returns pi.", c -> constant(c, Math.PI), "pi");
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
    }

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
}
