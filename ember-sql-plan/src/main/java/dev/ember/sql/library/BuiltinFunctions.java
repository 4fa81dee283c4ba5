package dev.ember.sql.library;

import dev.ember.sql.catalog.FunctionInfo;
import dev.ember.sql.catalog.FunctionRegistry;
import dev.ember.sql.expressions.Expression;

/**
 * The library of built-in functions, with Spark's names, argument orders and semantics. {@link #registry()} gives a
 * fresh registry holding all of them; a session copies it and adds its own functions. The functions are grouped by
 * category, each group registering itself: {@link StringFunctions}, {@link StringSearchFunctions}, {@link
 * StringFormatFunctions}, {@link MathFunctions}, {@link MathRoundingFunctions}, {@link MathRealFunctions}, {@link
 * DateTimeFunctions}, {@link DateArithmeticFunctions}, {@link DateFormatFunctions}, {@link ConditionalFunctions},
 * {@link CollectionFunctions}, {@link ArrayOperationFunctions}, {@link MapStructFunctions}, {@link
 * AggregateFunctions} and {@link MiscFunctions}.
 *
 * <p>Every builder receives resolved arguments, checks their count and types (wrapping them in casts where an
 * implicit cast of ANSI mode applies) and returns the bound expression: mostly a {@link
 * dev.ember.sql.expressions.ScalarFunction} whose kernel works on internal values, or an existing expression where
 * one fits ({@code nvl} is a coalesce, {@code if} a CASE), or an aggregate function.
 */
public final class BuiltinFunctions {
    private BuiltinFunctions() {}

    /** A fresh registry holding every built-in function. */
    public static FunctionRegistry registry() {
        FunctionRegistry registry = new FunctionRegistry();
        StringFunctions.register(registry);
        StringSearchFunctions.register(registry);
        StringFormatFunctions.register(registry);
        MathFunctions.register(registry);
        MathRoundingFunctions.register(registry);
        MathRealFunctions.register(registry);
        DateTimeFunctions.register(registry);
        DateArithmeticFunctions.register(registry);
        DateFormatFunctions.register(registry);
        ConditionalFunctions.register(registry);
        CollectionFunctions.register(registry);
        ArrayOperationFunctions.register(registry);
        MapStructFunctions.register(registry);
        AggregateFunctions.register(registry);
        MiscFunctions.register(registry);
        WindowFunctions.register(registry);
        GeneratorFunctions.register(registry);
        HigherOrderFunctions.register(registry);
        IntervalFunctions.register(registry);
        StatisticalAggregates.register(registry);
        BitwiseFunctions.register(registry);
        ConversionFunctions.register(registry);
        TextUtilityFunctions.register(registry);
        CollectionEditFunctions.register(registry);
        return registry;
    }

    /** What a builder does with one call. */
    @FunctionalInterface
    interface Body {
        Expression build(Call call);
    }

    /**
     * Registers a scalar function under each of {@code names}; {@code _FUNC_} in {@code usage} becomes the name it is
     * registered under.
     */
    static void scalar(FunctionRegistry registry, String usage, Body body, String... names) {
        add(registry, FunctionInfo.Kind.SCALAR, usage, body, names);
    }

    static void aggregate(FunctionRegistry registry, String usage, Body body, String... names) {
        add(registry, FunctionInfo.Kind.AGGREGATE, usage, body, names);
    }

    private static void add(
            FunctionRegistry registry, FunctionInfo.Kind kind, String usage, Body body, String... names) {
        for (String name : names) {
            registry.register(
                    name,
                    kind,
                    usage.replace("_FUNC_", name),
                    (arguments, context) -> body.build(new Call(name, arguments, context)));
        }
    }
}
