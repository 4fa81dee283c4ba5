package dev.ember.sql.library;

import static dev.ember.sql.library.BuiltinFunctions.scalar;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.analysis.ImplicitCasts;
import dev.ember.sql.catalog.FunctionRegistry;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.ScalarFunction;
import dev.ember.sql.expressions.ScalarKernel;
import dev.ember.sql.expressions.Values;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DateType;
import dev.ember.sql.types.DayTimeIntervalType;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.NullType;
import dev.ember.sql.types.TimestampNTZType;
import dev.ember.sql.types.YearMonthIntervalType;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Array functions that build arrays, read and change their elements: {@code array}, searching, element access,
 * sizes, slices, sequences, appending and removing. Sets, ordering and zipping are in {@link ArrayOperationFunctions},
 * maps and structs in {@link MapStructFunctions}.
 */
final class CollectionFunctions {
    private CollectionFunctions() {}

    static void register(FunctionRegistry r) {
        scalar(r, "_FUNC_(expr, ...) - Returns an array with the given elements.", CollectionFunctions::array, "array");
        scalar(
                r,
                "_FUNC_(array, value) - Returns true if the array contains the value.",
                c -> elementSearch(c, DataTypes.BooleanType, true),
                "array_contains");
        scalar(
                r,
                "_FUNC_(array, element) - Returns the (1-based) index of the first matching element of the array as"
                        + " long, or 0 if no match is found.",
                c -> elementSearch(c, DataTypes.LongType, false),
                "array_position");
        scalar(
                r,
                "_FUNC_(array, element) - Removes all elements that equal to element from array.",
                CollectionFunctions::arrayRemove,
                "array_remove");
        scalar(
                r,
                "_FUNC_(element, count) - Returns the array containing element count times.",
                CollectionFunctions::arrayRepeat,
                "array_repeat");
        scalar(
                r,
                "_FUNC_(array, index) - Returns element of array at given (1-based) index; a negative index counts"
                        + " from the end. _FUNC_(map, key) - Returns value for given key, or null.",
                c -> elementAt(c, c.context.ansi()),
                "element_at");
        scalar(
                r,
                "_FUNC_(array, index) - Returns element of array at given (1-based) index, or null when it is out of"
                        + " bounds. _FUNC_(map, key) - Returns value for given key, or null.",
                c -> elementAt(c, false),
                "try_element_at");
        scalar(
                r,
                "_FUNC_(expr) - Returns the size of an array or a map; null for null input.",
                CollectionFunctions::size,
                "size",
                "cardinality",
                "array_size");
        scalar(
                r,
                "_FUNC_(arrayOfArrays) - Transforms an array of arrays into a single array.",
                CollectionFunctions::flatten,
                "flatten");
        scalar(
                r,
                "_FUNC_(x, start, length) - Subsets array x starting from index start (array indices start at 1, or"
                        + " starting from the end if start is negative) with the specified length.",
                CollectionFunctions::slice,
                "slice");
        scalar(
                r,
                "_FUNC_(start, stop[, step]) - Generates an array of elements from start to stop (inclusive),"
                        + " incrementing by step: numbers, or dates and timestamps stepped by an interval (1 day by"
                        + " default).",
                CollectionFunctions::sequence,
                "sequence");
        scalar(
                r,
                "_FUNC_(array, element) - Adds element at the end of the array.",
                c -> appendElement(c, true),
                "array_append");
        scalar(
                r,
                "_FUNC_(array, element) - Adds element at the beginning of the array.",
                c -> appendElement(c, false),
                "array_prepend");
        scalar(
                r,
                "_FUNC_(array) - Removes null values from the array.",
                c -> {
                    c.count(1);
                    ArrayType type = CollectionSupport.arrayArg(c, 0);
                    return c.fn(
                            new ArrayType(type.elementType(), false),
                            a -> {
                                List<Object> kept = new ArrayList<>();
                                for (Object element : (List<?>) a[0]) {
                                    if (element != null) {
                                        kept.add(element);
                                    }
                                }
                                return kept;
                            },
                            c.arg(0));
                },
                "array_compact");
    }

    private static Expression array(Call c) {
        List<Expression> elements = ConditionalFunctions.widen(c, c.args);
        DataType element =
                elements.isEmpty() ? DataTypes.NullType : elements.get(0).dataType();
        boolean containsNull = elements.stream().anyMatch(Expression::nullable);
        return new ScalarFunction(
                c.name,
                elements,
                new ArrayType(element, containsNull),
                false,
                false,
                true,
                a -> new ArrayList<>(Arrays.asList(a)));
    }

    /** An array and a value cast to one element type: the array's, widened with the value's. */
    private static Expression[] arrayAndElement(Call c) {
        c.count(2);
        ArrayType array = CollectionSupport.arrayArg(c, 0);
        Optional<DataType> element = ImplicitCasts.widerType(array.elementType(), c.type(1));
        if (element.isEmpty()) {
            throw c.mismatch(1, array.elementType().sql());
        }
        return new Expression[] {
            ImplicitCasts.castIfNeeded(c.arg(0), new ArrayType(element.get(), array.containsNull()), c.timeZone()),
            ImplicitCasts.castIfNeeded(c.arg(1), element.get(), c.timeZone())
        };
    }

    private static Expression elementSearch(Call c, DataType result, boolean contains) {
        Expression[] args = arrayAndElement(c);
        DataType element = args[1].dataType();
        if (contains) {
            return c.fnNullable(
                    result,
                    a -> {
                        boolean sawNull = false;
                        for (Object value : (List<?>) a[0]) {
                            if (value == null) {
                                sawNull = true;
                            } else if (Values.equal(value, a[1], element)) {
                                return true;
                            }
                        }
                        return sawNull ? null : false;
                    },
                    args);
        }
        return c.fn(
                result,
                a -> {
                    List<?> values = (List<?>) a[0];
                    for (int i = 0; i < values.size(); i++) {
                        if (values.get(i) != null && Values.equal(values.get(i), a[1], element)) {
                            return (long) i + 1;
                        }
                    }
                    return 0L;
                },
                args);
    }

    private static Expression arrayRemove(Call c) {
        Expression[] args = arrayAndElement(c);
        DataType element = args[1].dataType();
        return c.fn(
                args[0].dataType(),
                a -> {
                    List<Object> kept = new ArrayList<>();
                    for (Object value : (List<?>) a[0]) {
                        if (value == null || !Values.equal(value, a[1], element)) {
                            kept.add(value);
                        }
                    }
                    return kept;
                },
                args);
    }

    private static Expression arrayRepeat(Call c) {
        c.count(2);
        String where = c.sql();
        return c.fnNullAware(
                new ArrayType(c.type(0), c.arg(0).nullable()),
                a -> {
                    if (a[1] == null) {
                        return null;
                    }
                    int count = Math.max(0, (Integer) a[1]);
                    if (count > CollectionSupport.MAX_ARRAY_LENGTH) {
                        throw CollectionSupport.tooLong(where, count);
                    }
                    List<Object> repeated = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        repeated.add(a[0]);
                    }
                    return repeated;
                },
                List.of(c.arg(0), c.integer(1)));
    }

    private static Expression elementAt(Call c, boolean failOutOfBounds) {
        c.count(2);
        String where = c.sql();
        if (c.type(0) instanceof MapType map) {
            Expression key = c.as(1, map.keyType());
            DataType keyType = map.keyType();
            return c.fnNullable(
                    map.valueType(),
                    a -> {
                        Object value = CollectionSupport.lookup((Map<?, ?>) a[0], a[1], keyType);
                        return value == CollectionSupport.NOT_FOUND ? null : value;
                    },
                    c.arg(0),
                    key);
        }
        ArrayType array = CollectionSupport.arrayArg(c, 0);
        return c.fnNullable(
                array.elementType(),
                a -> {
                    List<?> values = (List<?>) a[0];
                    int index = (Integer) a[1];
                    if (index == 0) {
                        throw new EmberException(
                                ErrorClass.INVALID_ARGUMENT,
                                "The index 0 is invalid in " + where + ": SQL array indices start at 1");
                    }
                    int position = index > 0 ? index - 1 : values.size() + index;
                    if (position < 0 || position >= values.size()) {
                        if (failOutOfBounds) {
                            throw new EmberException(
                                    ErrorClass.INVALID_ARGUMENT,
                                    "The index " + index + " is out of bounds in " + where + ": the array has "
                                            + values.size() + " elements. Use try_element_at to get null instead");
                        }
                        return null;
                    }
                    return values.get(position);
                },
                c.arg(0),
                c.integer(1));
    }

    private static Expression size(Call c) {
        c.count(1);
        if (c.type(0) instanceof MapType) {
            return c.fn(DataTypes.IntegerType, a -> ((Map<?, ?>) a[0]).size(), c.arg(0));
        }
        CollectionSupport.arrayArg(c, 0);
        return c.fn(DataTypes.IntegerType, a -> ((List<?>) a[0]).size(), c.arg(0));
    }

    private static Expression flatten(Call c) {
        c.count(1);
        ArrayType outer = CollectionSupport.arrayArg(c, 0);
        if (!(outer.elementType() instanceof ArrayType inner)) {
            throw c.mismatch(0, "an ARRAY of ARRAYs");
        }
        String where = c.sql();
        return c.fnNullable(
                inner,
                a -> {
                    List<Object> flat = new ArrayList<>();
                    for (Object part : (List<?>) a[0]) {
                        if (part == null) {
                            return null;
                        }
                        flat.addAll((List<?>) part);
                        if (flat.size() > CollectionSupport.MAX_ARRAY_LENGTH) {
                            throw CollectionSupport.tooLong(where, flat.size());
                        }
                    }
                    return flat;
                },
                c.arg(0));
    }

    private static Expression slice(Call c) {
        c.count(3);
        ArrayType type = CollectionSupport.arrayArg(c, 0);
        String where = c.sql();
        return c.fn(
                type,
                a -> {
                    List<?> values = (List<?>) a[0];
                    int start = (Integer) a[1];
                    int length = (Integer) a[2];
                    if (start == 0) {
                        throw new EmberException(
                                ErrorClass.INVALID_ARGUMENT,
                                "The start 0 of " + where + " is invalid: SQL array indices start at 1, or count from"
                                        + " the end when negative");
                    }
                    if (length < 0) {
                        throw new EmberException(
                                ErrorClass.INVALID_ARGUMENT,
                                "The length " + length + " of " + where + " must not be negative");
                    }
                    int from = start > 0 ? start - 1 : values.size() + start;
                    if (from < 0 || from >= values.size()) {
                        return new ArrayList<>();
                    }
                    int to = (int) Math.min(values.size(), (long) from + length);
                    return new ArrayList<Object>(values.subList(from, to));
                },
                c.arg(0),
                c.integer(1),
                c.integer(2));
    }

    private static Expression sequence(Call c) {
        c.count(2, 3);
        String where = c.sql();
        DataType startType = c.type(0);
        if (startType.isIntegral() && c.type(1).isIntegral()) {
            DataType type = ImplicitCasts.widerType(startType, c.type(1)).orElseThrow();
            List<Expression> args = new ArrayList<>(List.of(
                    ImplicitCasts.castIfNeeded(c.arg(0), type, c.timeZone()),
                    ImplicitCasts.castIfNeeded(c.arg(1), type, c.timeZone())));
            if (c.size() == 3) {
                args.add(c.as(2, type));
            }
            ScalarKernel kernel = a -> {
                long start = ((Number) a[0]).longValue();
                long stop = ((Number) a[1]).longValue();
                long step = a.length > 2 ? ((Number) a[2]).longValue() : (start <= stop ? 1 : -1);
                List<Object> out = new ArrayList<>();
                for (long value : steps(start, stop, step, where)) {
                    out.add(MathRoundingFunctions.integral(BigDecimal.valueOf(value), type, where));
                }
                return out;
            };
            return c.fn(new ArrayType(type, false), kernel, args.toArray(new Expression[0]));
        }
        if (!(c.isDatetime(0) && c.isDatetime(1))) {
            throw c.invalid("The bounds of sequence must be both integral numbers, or dates or timestamps");
        }
        boolean dates = startType instanceof DateType && c.type(1) instanceof DateType;
        DataType stepType = c.size() == 3 ? c.type(2) : DataTypes.DayTimeIntervalType;
        if (!(stepType instanceof YearMonthIntervalType || stepType instanceof DayTimeIntervalType)) {
            throw c.mismatch(2, "an INTERVAL");
        }
        boolean months = stepType instanceof YearMonthIntervalType;
        Expression step = c.size() == 3 ? c.arg(2) : null;
        if (dates) {
            List<Expression> args = new ArrayList<>(List.of(c.date(0), c.date(1)));
            if (step != null) {
                args.add(step);
            }
            ScalarKernel kernel = a -> {
                int start = (Integer) a[0];
                int stop = (Integer) a[1];
                List<Object> out = new ArrayList<>();
                if (months) {
                    int stepMonths = (Integer) a[2];
                    java.time.LocalDate first = DateTimes.day(start);
                    for (long i = 0; ; i++) {
                        long value = first.plusMonths(i * stepMonths).toEpochDay();
                        if (stepMonths > 0 ? value > stop : stepMonths < 0 ? value < stop : i > 0) {
                            break;
                        }
                        out.add((int) value);
                        if (stepMonths == 0 && start != stop || out.size() > CollectionSupport.MAX_ARRAY_LENGTH) {
                            throw badStep(where);
                        }
                    }
                    return out;
                }
                long stepDays = a.length > 2 ? (Long) a[2] / 86_400_000_000L : (start <= stop ? 1 : -1);
                for (long value : steps(start, stop, stepDays, where)) {
                    out.add((int) value);
                }
                return out;
            };
            return c.fn(new ArrayType(DataTypes.DateType, false), kernel, args.toArray(new Expression[0]));
        }
        Expression start = c.timestamp(0);
        DataType type = start.dataType();
        Expression stop = ImplicitCasts.castIfNeeded(c.arg(1), type, c.timeZone());
        ZoneId zone = type instanceof TimestampNTZType ? java.time.ZoneOffset.UTC : ZoneId.of(c.timeZone());
        List<Expression> args = new ArrayList<>(List.of(start, stop));
        if (step != null) {
            args.add(step);
        }
        ScalarKernel kernel = a -> {
            long first = (Long) a[0];
            long last = (Long) a[1];
            List<Object> out = new ArrayList<>();
            if (months) {
                int stepMonths = (Integer) a[2];
                java.time.LocalDateTime local = DateTimes.local(first, zone);
                for (long i = 0; ; i++) {
                    long value = DateTimes.micros(local.plusMonths(i * stepMonths), zone);
                    if (stepMonths > 0 ? value > last : stepMonths < 0 ? value < last : i > 0) {
                        break;
                    }
                    out.add(value);
                    if (stepMonths == 0 && first != last || out.size() > CollectionSupport.MAX_ARRAY_LENGTH) {
                        throw badStep(where);
                    }
                }
                return out;
            }
            long stepMicros = a.length > 2 ? (Long) a[2] : (first <= last ? 86_400_000_000L : -86_400_000_000L);
            for (long value : steps(first, last, stepMicros, where)) {
                out.add(value);
            }
            return out;
        };
        return c.fn(new ArrayType(type, false), kernel, args.toArray(new Expression[0]));
    }

    private static EmberException badStep(String where) {
        return new EmberException(
                ErrorClass.INVALID_ARGUMENT,
                "Illegal sequence boundaries in " + where + ": the step must be nonzero and go from start toward stop");
    }

    /** The values from {@code start} to {@code stop} (inclusive) by {@code step}. */
    private static long[] steps(long start, long stop, long step, String where) {
        if (step == 0 && start != stop || step > 0 && start > stop || step < 0 && start < stop) {
            throw badStep(where);
        }
        if (start == stop) {
            return new long[] {start};
        }
        long count = (stop - start) / step + 1;
        if (count > CollectionSupport.MAX_ARRAY_LENGTH) {
            throw CollectionSupport.tooLong(where, count);
        }
        long[] values = new long[(int) count];
        for (int i = 0; i < count; i++) {
            values[i] = start + i * step;
        }
        return values;
    }

    private static Expression appendElement(Call c, boolean atEnd) {
        Expression[] args = arrayAndElement(c);
        ArrayType type = (ArrayType) args[0].dataType();
        return c.fnNullAware(
                new ArrayType(type.elementType(), type.containsNull() || args[1].nullable()),
                a -> {
                    if (a[0] == null) {
                        return null;
                    }
                    List<Object> out = new ArrayList<>((List<?>) a[0]);
                    if (atEnd) {
                        out.add(a[1]);
                    } else {
                        out.add(0, a[1]);
                    }
                    return out;
                },
                List.of(args));
    }

    /** {@code concat} of arrays: one array of the wider element type, null if any argument is null. */
    static Expression concatArrays(Call c) {
        for (int i = 0; i < c.size(); i++) {
            if (!(c.type(i) instanceof ArrayType || c.type(i) instanceof NullType)) {
                throw c.mismatch(i, "an ARRAY, as the other arguments are");
            }
        }
        List<Expression> args = ConditionalFunctions.widen(c, c.args);
        String where = c.sql();
        return c.fn(
                args.get(0).dataType(),
                a -> {
                    List<Object> out = new ArrayList<>();
                    for (Object part : a) {
                        out.addAll((List<?>) part);
                        if (out.size() > CollectionSupport.MAX_ARRAY_LENGTH) {
                            throw CollectionSupport.tooLong(where, out.size());
                        }
                    }
                    return out;
                },
                args.toArray(new Expression[0]));
    }
}
