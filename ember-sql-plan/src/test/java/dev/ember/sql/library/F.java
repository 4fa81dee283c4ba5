package dev.ember.sql.library;

import dev.ember.EmberException;
import dev.ember.sql.catalog.FunctionContext;
import dev.ember.sql.catalog.FunctionInfo;
import dev.ember.sql.catalog.FunctionRegistry;
import dev.ember.sql.expressions.BoundReference;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.ValueText;
import dev.ember.sql.expressions.aggregate.AggregateFunction;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Calls of built-in functions on literals, for the tests. */
final class F {
    static final FunctionRegistry REGISTRY = BuiltinFunctions.registry();
    static final FunctionContext UTC = new FunctionContext("UTC", true);

    private F() {}

    /** A literal of a Java value, or the expression itself. */
    static Expression arg(Object value) {
        if (value instanceof Expression expression) {
            return expression;
        }
        return Literal.of(value);
    }

    static Expression call(String name, Object... args) {
        return call(UTC, name, args);
    }

    static Expression call(FunctionContext context, String name, Object... args) {
        List<Expression> arguments = new ArrayList<>();
        for (Object value : args) {
            arguments.add(arg(value));
        }
        FunctionInfo info = REGISTRY.lookup(name).orElseThrow(() -> new AssertionError("no function " + name));
        return info.builder().build(arguments, context);
    }

    static Object eval(String name, Object... args) {
        return call(name, args).eval(InternalRow.EMPTY);
    }

    static Object evalIn(FunctionContext context, String name, Object... args) {
        return call(context, name, args).eval(InternalRow.EMPTY);
    }

    /** The error {@code action} fails with; fails the test when it does not. */
    static EmberException error(Runnable action) {
        try {
            action.run();
        } catch (EmberException e) {
            return e;
        }
        throw new AssertionError("expected an EmberException");
    }

    static Literal lit(Object value, DataType type) {
        return new Literal(value, type);
    }

    static Literal nul(DataType type) {
        return Literal.nullOf(type);
    }

    static Literal date(String text) {
        return new Literal((int) LocalDate.parse(text).toEpochDay(), DataTypes.DateType);
    }

    static int days(String text) {
        return (int) LocalDate.parse(text).toEpochDay();
    }

    /** A timestamp literal of a UTC wall clock written {@code yyyy-MM-ddTHH:mm[:ss[.f]]}. */
    static Literal ts(String text) {
        return new Literal(micros(text), DataTypes.TimestampType);
    }

    static long micros(String text) {
        return ValueText.instantToMicros(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
    }

    static BigDecimal dec(String text) {
        return new BigDecimal(text);
    }

    static Literal array(DataType element, Object... values) {
        return new Literal(new ArrayList<>(Arrays.asList(values)), DataTypes.createArrayType(element));
    }

    static List<Object> list(Object... values) {
        return Arrays.asList(values);
    }

    /**
     * Runs an aggregate built by {@code name} over a column of {@code type} (argument 0, then {@code extra} constant
     * arguments): the values of {@code first} folded into one buffer, those of {@code second} into another, the two
     * merged, and the result.
     */
    static Object aggregate(String name, DataType type, List<?> first, List<?> second, Object... extra) {
        AggregateFunction function = aggregateFunction(name, type, extra);
        Object[] a = function.newBuffer();
        for (Object value : first) {
            function.update(a, InternalRow.of(value));
        }
        Object[] b = function.newBuffer();
        for (Object value : second) {
            function.update(b, InternalRow.of(value));
        }
        function.merge(a, b);
        return function.result(a);
    }

    static AggregateFunction aggregateFunction(String name, DataType type, Object... extra) {
        Object[] args = new Object[extra.length + 1];
        args[0] = new BoundReference(0, type, true);
        System.arraycopy(extra, 0, args, 1, extra.length);
        return (AggregateFunction) call(name, args);
    }
}
