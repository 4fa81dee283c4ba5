package dev.ember.sql.analysis;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.expressions.WindowDefinition;
import dev.ember.sql.expressions.WindowExpression;
import dev.ember.sql.expressions.WindowFrame;
import dev.ember.sql.expressions.WindowSpec;
import dev.ember.sql.expressions.aggregate.AggregateExpression;
import dev.ember.sql.expressions.window.WindowFunction;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DateType;
import dev.ember.sql.types.DayTimeIntervalType;
import dev.ember.sql.types.TimestampNTZType;
import dev.ember.sql.types.TimestampType;
import java.util.ArrayList;
import java.util.List;

/**
 * What the analyzer knows of window expressions: whether an expression has aggregates that are not the function of
 * a window ({@code sum(x)} in {@code rank() OVER (ORDER BY sum(x))}, not in {@code sum(x) OVER ()}), Spark's default
 * frames, and the checks of a window: a ranking function needs an ORDER BY, frame offsets are constants of the right
 * type, a RANGE frame with an offset orders by one numeric or datetime key.
 */
public final class WindowExpressions {
    private WindowExpressions() {}

    /** Whether any select item holds a window expression. */
    static boolean hasWindow(List<? extends Expression> expressions) {
        for (Expression expression : expressions) {
            if (dev.ember.sql.expressions.Expressions.anyMatch(expression, WindowExpression.class::isInstance)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code expression} has an aggregate call that is not the function of a window expression. */
    public static boolean hasAggregateOutsideWindows(Expression expression) {
        if (expression instanceof AggregateExpression) {
            return true;
        }
        if (expression instanceof WindowExpression window) {
            for (Expression inner : windowedInputs(window)) {
                if (hasAggregateOutsideWindows(inner)) {
                    return true;
                }
            }
            return false;
        }
        for (Expression child : expression.children()) {
            if (hasAggregateOutsideWindows(child)) {
                return true;
            }
        }
        return false;
    }

    /** The expressions a window expression reads: its function's arguments (and FILTER) and its window's. */
    static List<Expression> windowedInputs(WindowExpression window) {
        List<Expression> inputs = new ArrayList<>();
        if (window.function() instanceof AggregateExpression aggregate) {
            inputs.addAll(aggregate.function().children());
            if (aggregate.filter() != null) {
                inputs.add(aggregate.filter());
            }
        } else {
            inputs.addAll(window.function().children());
        }
        inputs.add(window.window());
        return inputs;
    }

    /** The window expression with its frame made explicit (Spark's defaults), after checking it. */
    static WindowExpression normalize(WindowExpression expression) {
        WindowDefinition definition = expression.window();
        if (!(definition instanceof WindowSpec spec)) {
            throw new EmberException(
                    ErrorClass.INVALID_SQL, "The window " + definition.sql() + " is not defined in a WINDOW clause");
        }
        Expression function = expression.function();
        WindowFrame frame = spec.frame();
        if (function instanceof WindowFunction windowFunction && windowFunction.orderBased()) {
            if (spec.orderBy().isEmpty()) {
                throw new EmberException(
                        ErrorClass.INVALID_SQL,
                        "The window function " + windowFunction.prettyName() + "() needs an ordered window: add ORDER"
                                + " BY to " + expression.sql());
            }
            // Order-based functions ignore the frame; one frame for all keeps their windows comparable.
            frame = new WindowFrame(
                    WindowFrame.Type.ROWS, WindowFrame.Bound.UNBOUNDED_PRECEDING, WindowFrame.Bound.CURRENT_ROW);
        } else if (function instanceof AggregateExpression aggregate) {
            if (aggregate.distinct()) {
                throw new EmberException(
                        ErrorClass.UNSUPPORTED_FEATURE,
                        "DISTINCT aggregates over a window are not supported: " + expression.sql());
            }
        } else if (!(function instanceof WindowFunction)) {
            throw new EmberException(
                    ErrorClass.INVALID_SQL,
                    function.sql() + " cannot be computed over a window: OVER takes a window function or an aggregate"
                            + " function");
        }
        if (frame == null) {
            frame = spec.orderBy().isEmpty()
                    ? new WindowFrame(
                            WindowFrame.Type.ROWS,
                            WindowFrame.Bound.UNBOUNDED_PRECEDING,
                            WindowFrame.Bound.UNBOUNDED_FOLLOWING)
                    : new WindowFrame(
                            WindowFrame.Type.RANGE,
                            WindowFrame.Bound.UNBOUNDED_PRECEDING,
                            WindowFrame.Bound.CURRENT_ROW);
        } else {
            checkFrame(frame, spec, expression);
        }
        return new WindowExpression(function, new WindowSpec(spec.partitionBy(), spec.orderBy(), frame));
    }

    private static void checkFrame(WindowFrame frame, WindowSpec spec, WindowExpression expression) {
        boolean offsets = false;
        for (WindowFrame.Bound bound : List.of(frame.lower(), frame.upper())) {
            Expression offset = bound.offset();
            if (offset == null) {
                continue;
            }
            offsets = true;
            if (!offset.foldable()) {
                throw invalidFrame(expression, "the offset " + offset.sql() + " is not a constant");
            }
            DataType type = offset.dataType();
            if (frame.type() == WindowFrame.Type.ROWS && !type.isIntegral()) {
                throw invalidFrame(
                        expression, "a ROWS offset must be an integer, but " + offset.sql() + " is " + type.sql());
            }
            if (!type.isNumeric() && !(type instanceof DayTimeIntervalType)) {
                throw invalidFrame(expression, "the offset " + offset.sql() + " must be a number or an interval");
            }
            Object value = offset.eval(InternalRow.EMPTY);
            if (value == null) {
                throw invalidFrame(expression, "the offset " + offset.sql() + " is null");
            }
        }
        if (frame.type() == WindowFrame.Type.RANGE && offsets) {
            if (spec.orderBy().size() != 1) {
                throw invalidFrame(
                        expression,
                        "a RANGE frame with an offset needs exactly one ORDER BY key, not "
                                + spec.orderBy().size());
            }
            SortOrder key = spec.orderBy().get(0);
            DataType keyType = key.child().dataType();
            for (WindowFrame.Bound bound : List.of(frame.lower(), frame.upper())) {
                if (bound.offset() == null) {
                    continue;
                }
                DataType offsetType = bound.offset().dataType();
                boolean ok;
                if (keyType.isNumeric()) {
                    ok = offsetType.isNumeric();
                } else if (keyType instanceof DateType) {
                    ok = offsetType.isIntegral() || offsetType instanceof DayTimeIntervalType;
                } else if (keyType instanceof TimestampType || keyType instanceof TimestampNTZType) {
                    ok = offsetType instanceof DayTimeIntervalType;
                } else {
                    throw invalidFrame(
                            expression,
                            "a RANGE frame with an offset needs a numeric, date or timestamp ORDER BY key, but "
                                    + key.child().sql() + " is " + keyType.sql());
                }
                if (!ok) {
                    throw invalidFrame(
                            expression,
                            "the offset " + bound.offset().sql() + " of type " + offsetType.sql()
                                    + " does not apply to the ORDER BY key of type " + keyType.sql());
                }
            }
        }
        if (frame.type() == WindowFrame.Type.ROWS && position(frame.lower()) > position(frame.upper())) {
            throw invalidFrame(
                    expression,
                    "the lower bound " + frame.lower().sql() + " is after the upper bound "
                            + frame.upper().sql());
        }
    }

    /** Where a ROWS bound is relative to the current row, for comparing bounds. */
    private static double position(WindowFrame.Bound bound) {
        return switch (bound.kind()) {
            case UNBOUNDED_PRECEDING -> Double.NEGATIVE_INFINITY;
            case PRECEDING -> -((Number) bound.offset().eval(InternalRow.EMPTY)).doubleValue();
            case CURRENT_ROW -> 0;
            case FOLLOWING -> ((Number) bound.offset().eval(InternalRow.EMPTY)).doubleValue();
            case UNBOUNDED_FOLLOWING -> Double.POSITIVE_INFINITY;
        };
    }

    private static EmberException invalidFrame(WindowExpression expression, String why) {
        return new EmberException(
                ErrorClass.INVALID_SQL, "The window frame of " + expression.sql() + " is invalid: " + why);
    }
}
