package dev.ember.sql.library;

import static dev.ember.sql.library.BuiltinFunctions.scalar;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.analysis.ImplicitCasts;
import dev.ember.sql.catalog.FunctionRegistry;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.NamedExpression;
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
import dev.ember.sql.types.StringType;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import dev.ember.sql.types.TimestampNTZType;
import dev.ember.sql.types.YearMonthIntervalType;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Functions of arrays, maps and structs. Array positions are 1-based; elements are compared with SQL equality (NaN
 * equals NaN, decimals by value, binaries by content). Under ANSI mode {@code element_at} of an array fails for an
 * index past the end ({@code try_element_at} gives null); a missing map key gives null. {@code size} of null is null.
 * Maps are built in insertion order and refuse null and duplicate keys. Higher-order functions (with lambdas) are
 * not here.
 */
final class CollectionFunctions {
    /** The longest array a function makes. */
    static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 15;

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
                "_FUNC_(array) - Removes duplicate values from the array.",
                c -> {
                    c.count(1);
                    ArrayType type = arrayArg(c, 0);
                    return c.fn(type, a -> distinct((List<?>) a[0], List.of()), c.arg(0));
                },
                "array_distinct");
        scalar(
                r,
                "_FUNC_(array1, array2) - Returns an array of the elements in array1 but not in array2, without"
                        + " duplicates.",
                c -> setOperation(c, "except"),
                "array_except");
        scalar(
                r,
                "_FUNC_(array1, array2) - Returns an array of the elements in the intersection of array1 and array2,"
                        + " without duplicates.",
                c -> setOperation(c, "intersect"),
                "array_intersect");
        scalar(
                r,
                "_FUNC_(array1, array2) - Returns an array of the elements in the union of array1 and array2, without"
                        + " duplicates.",
                c -> setOperation(c, "union"),
                "array_union");
        scalar(
                r,
                "_FUNC_(array, delimiter[, nullReplacement]) - Concatenates the elements of the given array using the"
                        + " delimiter and an optional string to replace nulls (nulls are skipped otherwise).",
                CollectionFunctions::arrayJoin,
                "array_join");
        scalar(
                r,
                "_FUNC_(array) - Returns the maximum value in the array. NaN is greater than any non-NaN elements;"
                        + " null elements are skipped.",
                c -> arrayExtreme(c, true),
                "array_max");
        scalar(
                r,
                "_FUNC_(array) - Returns the minimum value in the array; null elements are skipped.",
                c -> arrayExtreme(c, false),
                "array_min");
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
                "_FUNC_(array) - Sorts the input array in ascending order, null elements last.",
                c -> {
                    c.count(1);
                    ArrayType type = arrayArg(c, 0);
                    return c.fn(type, a -> sorted((List<?>) a[0], type.elementType(), true, false), c.arg(0));
                },
                "array_sort");
        scalar(
                r,
                "_FUNC_(array[, ascendingOrder]) - Sorts the input array in ascending or descending order; null"
                        + " elements come first in ascending order and last in descending order.",
                CollectionFunctions::sortArray,
                "sort_array");
        scalar(
                r,
                "_FUNC_(a1, a2, ...) - Returns a merged array of structs in which the N-th struct contains all N-th"
                        + " values of input arrays.",
                CollectionFunctions::arraysZip,
                "arrays_zip");
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
                "_FUNC_(key0, value0, key1, value1, ...) - Creates a map with the given key/value pairs.",
                CollectionFunctions::map,
                "map");
        scalar(
                r,
                "_FUNC_(map) - Returns an unordered array containing the keys of the map.",
                c -> {
                    c.count(1);
                    MapType type = mapArg(c, 0);
                    return c.fn(
                            new ArrayType(type.keyType(), false),
                            a -> new ArrayList<Object>(((Map<?, ?>) a[0]).keySet()),
                            c.arg(0));
                },
                "map_keys");
        scalar(
                r,
                "_FUNC_(map) - Returns an unordered array containing the values of the map.",
                c -> {
                    c.count(1);
                    MapType type = mapArg(c, 0);
                    return c.fn(
                            new ArrayType(type.valueType(), type.valueContainsNull()),
                            a -> new ArrayList<Object>(((Map<?, ?>) a[0]).values()),
                            c.arg(0));
                },
                "map_values");
        scalar(
                r,
                "_FUNC_(map) - Returns an unordered array of all entries in the given map.",
                c -> {
                    c.count(1);
                    MapType type = mapArg(c, 0);
                    StructType entry = entryType(type);
                    return c.fn(
                            new ArrayType(entry, false),
                            a -> {
                                List<Object> entries = new ArrayList<>();
                                for (Map.Entry<?, ?> e : ((Map<?, ?>) a[0]).entrySet()) {
                                    entries.add(new Object[] {e.getKey(), e.getValue()});
                                }
                                return entries;
                            },
                            c.arg(0));
                },
                "map_entries");
        scalar(
                r,
                "_FUNC_(keys, values) - Creates a map with a pair of the given key/value arrays. All elements in keys"
                        + " should not be null.",
                CollectionFunctions::mapFromArrays,
                "map_from_arrays");
        scalar(
                r,
                "_FUNC_(arrayOfEntries) - Returns a map created from the given array of entries.",
                CollectionFunctions::mapFromEntries,
                "map_from_entries");
        scalar(
                r,
                "_FUNC_(map, key) - Returns true if the map contains the key.",
                c -> {
                    c.count(2);
                    MapType type = mapArg(c, 0);
                    Expression key = c.as(1, type.keyType());
                    DataType keyType = type.keyType();
                    return c.fn(
                            DataTypes.BooleanType,
                            a -> lookup((Map<?, ?>) a[0], a[1], keyType) != NOT_FOUND,
                            c.arg(0),
                            key);
                },
                "map_contains_key");
        scalar(
                r,
                "_FUNC_(col1, col2, col3, ...) - Creates a struct with the given field values.",
                CollectionFunctions::struct,
                "struct");
        scalar(
                r,
                "_FUNC_(name1, val1, name2, val2, ...) - Creates a struct with the given field names and values.",
                CollectionFunctions::namedStruct,
                "named_struct");
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
                    ArrayType type = arrayArg(c, 0);
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

    static ArrayType arrayArg(Call c, int index) {
        if (c.type(index) instanceof ArrayType array) {
            return array;
        }
        throw c.mismatch(index, "an ARRAY");
    }

    static MapType mapArg(Call c, int index) {
        if (c.type(index) instanceof MapType map) {
            return map;
        }
        throw c.mismatch(index, "a MAP");
    }

    static StructType entryType(MapType type) {
        return new StructType(List.of(
                new StructField("key", type.keyType(), false),
                new StructField("value", type.valueType(), type.valueContainsNull())));
    }

    /**
     * A value that is equal (as a Java object) to another exactly when the two are equal in SQL: binaries by
     * content, -0.0 as 0.0, decimals without trailing zeros, arrays and structs element by element.
     */
    static Object key(Object value) {
        if (value instanceof byte[] bytes) {
            return ByteBuffer.wrap(bytes);
        }
        if (value instanceof Double d) {
            return d == 0.0 ? 0.0 : d;
        }
        if (value instanceof Float f) {
            return f == 0.0f ? 0.0f : f;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
        }
        if (value instanceof List<?> list) {
            List<Object> keys = new ArrayList<>(list.size());
            for (Object element : list) {
                keys.add(key(element));
            }
            return keys;
        }
        if (value instanceof Object[] fields) {
            return key(Arrays.asList(fields));
        }
        return value;
    }

    /** The elements of {@code values} without duplicates and without those of {@code excluded}, in first order. */
    static List<Object> distinct(List<?> values, List<?> excluded) {
        Set<Object> seen = new HashSet<>();
        for (Object value : excluded) {
            seen.add(key(value));
        }
        List<Object> result = new ArrayList<>();
        for (Object value : values) {
            if (seen.add(key(value))) {
                result.add(value);
            }
        }
        return result;
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
        ArrayType array = arrayArg(c, 0);
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

    private static Expression setOperation(Call c, String operation) {
        c.count(2);
        arrayArg(c, 0);
        arrayArg(c, 1);
        List<Expression> args = ConditionalFunctions.widen(c, c.args);
        ArrayType type = (ArrayType) args.get(0).dataType();
        return c.fn(
                type,
                a -> {
                    List<?> left = (List<?>) a[0];
                    List<?> right = (List<?>) a[1];
                    switch (operation) {
                        case "except":
                            return distinct(left, right);
                        case "union":
                            List<Object> all = new ArrayList<>(left);
                            all.addAll(right);
                            return distinct(all, List.of());
                        default:
                            Set<Object> inRight = new HashSet<>();
                            for (Object value : right) {
                                inRight.add(key(value));
                            }
                            List<Object> common = new ArrayList<>();
                            for (Object value : distinct(left, List.of())) {
                                if (inRight.contains(key(value))) {
                                    common.add(value);
                                }
                            }
                            return common;
                    }
                },
                args.get(0),
                args.get(1));
    }

    private static Expression arrayJoin(Call c) {
        c.count(2, 3);
        arrayArg(c, 0);
        Expression strings = c.as(0, new ArrayType(DataTypes.StringType, true), "ARRAY<STRING>");
        List<Expression> args = new ArrayList<>(List.of(strings, c.string(1)));
        if (c.size() == 3) {
            args.add(c.string(2));
        }
        boolean replace = c.size() == 3;
        return c.fnNullAware(
                DataTypes.StringType,
                a -> {
                    if (a[0] == null || a[1] == null || replace && a[2] == null) {
                        return null;
                    }
                    StringBuilder out = new StringBuilder();
                    boolean first = true;
                    for (Object element : (List<?>) a[0]) {
                        Object text = element == null && replace ? a[2] : element;
                        if (text == null) {
                            continue;
                        }
                        if (!first) {
                            out.append((String) a[1]);
                        }
                        out.append((String) text);
                        first = false;
                    }
                    return out.toString();
                },
                args);
    }

    private static Expression arrayExtreme(Call c, boolean max) {
        c.count(1);
        ArrayType type = arrayArg(c, 0);
        DataType element = type.elementType();
        if (!element.isOrderable()) {
            throw c.mismatch(0, "an ARRAY of orderable elements");
        }
        return c.fnNullable(
                element,
                a -> {
                    Object best = null;
                    for (Object value : (List<?>) a[0]) {
                        if (value != null) {
                            if (best == null) {
                                best = value;
                            } else {
                                int order = Values.compare(value, best, element);
                                if (max ? order > 0 : order < 0) {
                                    best = value;
                                }
                            }
                        }
                    }
                    return best;
                },
                c.arg(0));
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
                    if (count > MAX_ARRAY_LENGTH) {
                        throw tooLong(where, count);
                    }
                    List<Object> repeated = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        repeated.add(a[0]);
                    }
                    return repeated;
                },
                List.of(c.arg(0), c.integer(1)));
    }

    static EmberException tooLong(String where, long length) {
        return new EmberException(
                ErrorClass.INVALID_ARGUMENT,
                "The array of " + where + " would have " + length + " elements, more than the " + MAX_ARRAY_LENGTH
                        + " an array holds");
    }

    static List<Object> sorted(List<?> values, DataType element, boolean ascending, boolean nullsFirst) {
        Comparator<Object> order = Values.comparator(element);
        if (!ascending) {
            order = order.reversed();
        }
        Comparator<Object> withNulls = nullsFirst ? Comparator.nullsFirst(order) : Comparator.nullsLast(order);
        List<Object> copy = new ArrayList<>(values);
        copy.sort(withNulls);
        return copy;
    }

    private static Expression sortArray(Call c) {
        c.count(1, 2);
        ArrayType type = arrayArg(c, 0);
        boolean ascending = true;
        if (c.size() == 2) {
            Object value = c.constant(1);
            if (!(value instanceof Boolean flag)) {
                throw c.mismatch(1, "a constant BOOLEAN");
            }
            ascending = flag;
        }
        boolean asc = ascending;
        return c.fn(type, a -> sorted((List<?>) a[0], type.elementType(), asc, asc), c.arg(0));
    }

    private static Expression arraysZip(Call c) {
        c.count(1, -1);
        List<StructField> fields = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            ArrayType type = arrayArg(c, i);
            String name = c.arg(i) instanceof NamedExpression named ? named.name() : String.valueOf(i);
            fields.add(new StructField(name, type.elementType(), true));
        }
        return c.fn(
                new ArrayType(new StructType(fields), false),
                a -> {
                    int longest = 0;
                    for (Object array : a) {
                        longest = Math.max(longest, ((List<?>) array).size());
                    }
                    List<Object> zipped = new ArrayList<>(longest);
                    for (int i = 0; i < longest; i++) {
                        Object[] row = new Object[a.length];
                        for (int j = 0; j < a.length; j++) {
                            List<?> array = (List<?>) a[j];
                            row[j] = i < array.size() ? array.get(i) : null;
                        }
                        zipped.add(row);
                    }
                    return zipped;
                },
                c.args.toArray(new Expression[0]));
    }

    /** The marker {@link #lookup} gives for a key the map does not hold. */
    private static final Object NOT_FOUND = new Object() {};

    /** The value of {@code key} in {@code map} (null may be a value), or {@link #NOT_FOUND}. */
    static Object lookup(Map<?, ?> map, Object key, DataType keyType) {
        Object value = map.get(key);
        if (value != null || map.containsKey(key)) {
            return value;
        }
        if (key instanceof String || key instanceof Integer || key instanceof Long) {
            return NOT_FOUND;
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (Values.equal(entry.getKey(), key, keyType)) {
                return entry.getValue();
            }
        }
        return NOT_FOUND;
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
                        Object value = lookup((Map<?, ?>) a[0], a[1], keyType);
                        return value == NOT_FOUND ? null : value;
                    },
                    c.arg(0),
                    key);
        }
        ArrayType array = arrayArg(c, 0);
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
        arrayArg(c, 0);
        return c.fn(DataTypes.IntegerType, a -> ((List<?>) a[0]).size(), c.arg(0));
    }

    private static Expression flatten(Call c) {
        c.count(1);
        ArrayType outer = arrayArg(c, 0);
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
                        if (flat.size() > MAX_ARRAY_LENGTH) {
                            throw tooLong(where, flat.size());
                        }
                    }
                    return flat;
                },
                c.arg(0));
    }

    /** Puts a key into a map being built, refusing null and duplicate keys. */
    static void putKey(Map<Object, Object> map, Object key, Object value, DataType keyType, String where) {
        if (key == null) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "A map key cannot be null, in " + where);
        }
        if (lookup(map, key, keyType) != NOT_FOUND) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "Duplicate map key " + key + " was found in " + where + "; map keys must be distinct");
        }
        map.put(key, value);
    }

    private static Expression map(Call c) {
        if (c.size() % 2 != 0) {
            throw new EmberException(
                    ErrorClass.UNRESOLVED_ROUTINE,
                    "The function map takes an even number of arguments, but " + c.size() + " were given: " + c.sql());
        }
        List<Expression> keys = new ArrayList<>();
        List<Expression> values = new ArrayList<>();
        for (int i = 0; i < c.size(); i += 2) {
            keys.add(c.arg(i));
            values.add(c.arg(i + 1));
        }
        keys = ConditionalFunctions.widen(c, keys);
        values = ConditionalFunctions.widen(c, values);
        DataType keyType = keys.isEmpty() ? DataTypes.NullType : keys.get(0).dataType();
        DataType valueType =
                values.isEmpty() ? DataTypes.NullType : values.get(0).dataType();
        if (!keyType.isOrderable() || keyType instanceof MapType) {
            throw c.invalid("The keys of a map cannot be maps");
        }
        List<Expression> args = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            args.add(keys.get(i));
            args.add(values.get(i));
        }
        boolean valueNulls = values.stream().anyMatch(Expression::nullable);
        String where = c.sql();
        return new ScalarFunction(c.name, args, new MapType(keyType, valueType, valueNulls), false, false, true, a -> {
            Map<Object, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < a.length; i += 2) {
                putKey(map, a[i], a[i + 1], keyType, where);
            }
            return map;
        });
    }

    private static Expression mapFromArrays(Call c) {
        c.count(2);
        ArrayType keys = arrayArg(c, 0);
        ArrayType values = arrayArg(c, 1);
        DataType keyType = keys.elementType();
        String where = c.sql();
        return c.fn(
                new MapType(keyType, values.elementType(), values.containsNull()),
                a -> {
                    List<?> k = (List<?>) a[0];
                    List<?> v = (List<?>) a[1];
                    if (k.size() != v.size()) {
                        throw new EmberException(
                                ErrorClass.INVALID_ARGUMENT,
                                "The key and value arrays of " + where + " must have the same length, but they have "
                                        + k.size() + " and " + v.size() + " elements");
                    }
                    Map<Object, Object> map = new LinkedHashMap<>();
                    for (int i = 0; i < k.size(); i++) {
                        putKey(map, k.get(i), v.get(i), keyType, where);
                    }
                    return map;
                },
                c.arg(0),
                c.arg(1));
    }

    private static Expression mapFromEntries(Call c) {
        c.count(1);
        ArrayType array = arrayArg(c, 0);
        if (!(array.elementType() instanceof StructType entry) || entry.size() != 2) {
            throw c.mismatch(0, "an ARRAY of STRUCTs of two fields");
        }
        DataType keyType = entry.field(0).dataType();
        String where = c.sql();
        return c.fnNullable(
                new MapType(keyType, entry.field(1).dataType(), entry.field(1).nullable()),
                a -> {
                    Map<Object, Object> map = new LinkedHashMap<>();
                    for (Object element : (List<?>) a[0]) {
                        if (element == null) {
                            return null;
                        }
                        Object[] pair = (Object[]) element;
                        putKey(map, pair[0], pair[1], keyType, where);
                    }
                    return map;
                },
                c.arg(0));
    }

    private static Expression struct(Call c) {
        c.count(1, -1);
        List<StructField> fields = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            Expression argument = c.arg(i);
            String name = argument instanceof NamedExpression named ? named.name() : "col" + (i + 1);
            fields.add(new StructField(name, argument.dataType(), argument.nullable()));
        }
        return new ScalarFunction(
                c.name, c.args, new StructType(fields), false, false, true, a -> Arrays.copyOf(a, a.length));
    }

    private static Expression namedStruct(Call c) {
        if (c.size() == 0 || c.size() % 2 != 0) {
            throw new EmberException(
                    ErrorClass.UNRESOLVED_ROUTINE,
                    "The function named_struct takes a positive even number of arguments, but " + c.size()
                            + " were given: " + c.sql());
        }
        List<StructField> fields = new ArrayList<>();
        List<Expression> values = new ArrayList<>();
        for (int i = 0; i < c.size(); i += 2) {
            if (!(c.type(i) instanceof StringType) || !c.isConstant(i) || c.constant(i) == null) {
                throw c.mismatch(i, "a constant STRING naming a field");
            }
            fields.add(new StructField(
                    (String) c.constant(i), c.type(i + 1), c.arg(i + 1).nullable()));
            values.add(c.arg(i + 1));
        }
        return new ScalarFunction(
                c.name, values, new StructType(fields), false, false, true, a -> Arrays.copyOf(a, a.length));
    }

    private static Expression slice(Call c) {
        c.count(3);
        ArrayType type = arrayArg(c, 0);
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
                    out.add(MathFunctions.integral(BigDecimal.valueOf(value), type, where));
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
                    java.time.LocalDate first = DateTimeFunctions.day(start);
                    for (long i = 0; ; i++) {
                        long value = first.plusMonths(i * stepMonths).toEpochDay();
                        if (stepMonths > 0 ? value > stop : stepMonths < 0 ? value < stop : i > 0) {
                            break;
                        }
                        out.add((int) value);
                        if (stepMonths == 0 && start != stop || out.size() > MAX_ARRAY_LENGTH) {
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
                java.time.LocalDateTime local = DateTimeFunctions.local(first, zone);
                for (long i = 0; ; i++) {
                    long value = DateTimeFunctions.micros(local.plusMonths(i * stepMonths), zone);
                    if (stepMonths > 0 ? value > last : stepMonths < 0 ? value < last : i > 0) {
                        break;
                    }
                    out.add(value);
                    if (stepMonths == 0 && first != last || out.size() > MAX_ARRAY_LENGTH) {
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
        if (count > MAX_ARRAY_LENGTH) {
            throw tooLong(where, count);
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
                        if (out.size() > MAX_ARRAY_LENGTH) {
                            throw tooLong(where, out.size());
                        }
                    }
                    return out;
                },
                args.toArray(new Expression[0]));
    }
}
