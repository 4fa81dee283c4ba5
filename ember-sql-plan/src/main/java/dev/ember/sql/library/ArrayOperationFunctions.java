package dev.ember.sql.library;

import static dev.ember.sql.library.BuiltinFunctions.scalar;

import dev.ember.sql.catalog.FunctionRegistry;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.Values;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Array functions that work on the elements as a whole: distinct values and set operations, joining into a string,
 * extremes, sorting and zipping.
 */
final class ArrayOperationFunctions {
    private ArrayOperationFunctions() {}

    static void register(FunctionRegistry r) {
        scalar(
                r,
                "_FUNC_(array) - Removes duplicate values from the array.",
                c -> {
                    c.count(1);
                    ArrayType type = CollectionSupport.arrayArg(c, 0);
                    return c.fn(type, a -> CollectionSupport.distinct((List<?>) a[0], List.of()), c.arg(0));
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
                ArrayOperationFunctions::arrayJoin,
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
                "_FUNC_(array) - Sorts the input array in ascending order, null elements last.",
                c -> {
                    c.count(1);
                    ArrayType type = CollectionSupport.arrayArg(c, 0);
                    return c.fn(
                            type,
                            a -> CollectionSupport.sorted((List<?>) a[0], type.elementType(), true, false),
                            c.arg(0));
                },
                "array_sort");
        scalar(
                r,
                "_FUNC_(array[, ascendingOrder]) - Sorts the input array in ascending or descending order; null"
                        + " elements come first in ascending order and last in descending order.",
                ArrayOperationFunctions::sortArray,
                "sort_array");
        scalar(
                r,
                "_FUNC_(a1, a2, ...) - Returns a merged array of structs in which the N-th struct contains all N-th"
                        + " values of input arrays.",
                ArrayOperationFunctions::arraysZip,
                "arrays_zip");
    }

    private static Expression setOperation(Call c, String operation) {
        c.count(2);
        CollectionSupport.arrayArg(c, 0);
        CollectionSupport.arrayArg(c, 1);
        List<Expression> args = ConditionalFunctions.widen(c, c.args);
        ArrayType type = (ArrayType) args.get(0).dataType();
        return c.fn(
                type,
                a -> {
                    List<?> left = (List<?>) a[0];
                    List<?> right = (List<?>) a[1];
                    switch (operation) {
                        case "except":
                            return CollectionSupport.distinct(left, right);
                        case "union":
                            List<Object> all = new ArrayList<>(left);
                            all.addAll(right);
                            return CollectionSupport.distinct(all, List.of());
                        default:
                            Set<Object> inRight = new HashSet<>();
                            for (Object value : right) {
                                inRight.add(CollectionSupport.key(value));
                            }
                            List<Object> common = new ArrayList<>();
                            for (Object value : CollectionSupport.distinct(left, List.of())) {
                                if (inRight.contains(CollectionSupport.key(value))) {
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
        CollectionSupport.arrayArg(c, 0);
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
        ArrayType type = CollectionSupport.arrayArg(c, 0);
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

    private static Expression sortArray(Call c) {
        c.count(1, 2);
        ArrayType type = CollectionSupport.arrayArg(c, 0);
        boolean ascending = true;
        if (c.size() == 2) {
            Object value = c.constant(1);
            if (!(value instanceof Boolean flag)) {
                throw c.mismatch(1, "a constant BOOLEAN");
            }
            ascending = flag;
        }
        boolean asc = ascending;
        return c.fn(type, a -> CollectionSupport.sorted((List<?>) a[0], type.elementType(), asc, asc), c.arg(0));
    }

    private static Expression arraysZip(Call c) {
        c.count(1, -1);
        List<StructField> fields = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            ArrayType type = CollectionSupport.arrayArg(c, i);
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
}
