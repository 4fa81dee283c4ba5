package dev.ember.sql.library;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.catalog.FunctionInfo;
import dev.ember.sql.catalog.FunctionRegistry;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.LambdaFunction;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.MapType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Functions that take a lambda: {@code transform}, {@code filter}, {@code exists}, {@code forall}, {@code aggregate}
 * ({@code reduce}), {@code zip_with}, {@code map_filter}, {@code transform_keys}, {@code transform_values} and {@code
 * array_sort} with a comparator. Their builders run as soon as the other arguments are resolved: they check those,
 * give the lambda's parameters the types of the elements they will be bound to, and return a {@link HigherOrderCall},
 * whose lambda bodies the analyzer then resolves like any expression (so a body may use the query's columns).
 */
final class HigherOrderFunctions {
    private HigherOrderFunctions() {}

    static void register(FunctionRegistry r) {
        add(
                r,
                "_FUNC_(array, x -> f) - Applies f to each element (or, with (x, i) -> f, to each element and its index)"
                        + " and returns the array of the results.",
                c -> arrayLambda(c, HigherOrderCall.Kind.TRANSFORM),
                "transform");
        add(
                r,
                "_FUNC_(array, x -> p) - Returns the elements for which p is true ((x, i) -> p also gets the index).",
                c -> arrayLambda(c, HigherOrderCall.Kind.FILTER),
                "filter");
        add(
                r,
                "_FUNC_(array, x -> p) - Whether p is true for some element; null if it is for none but null for some.",
                c -> arrayLambda(c, HigherOrderCall.Kind.EXISTS),
                "exists");
        add(
                r,
                "_FUNC_(array, x -> p) - Whether p is true for every element; null if it is false for none but null for"
                        + " some.",
                c -> arrayLambda(c, HigherOrderCall.Kind.FORALL),
                "forall");
        add(
                r,
                "_FUNC_(array, zero, (acc, x) -> merge[, acc -> finish]) - Folds the elements into zero with merge, then"
                        + " applies finish.",
                HigherOrderFunctions::aggregate,
                "aggregate",
                "reduce");
        add(
                r,
                "_FUNC_(array1, array2, (x, y) -> f) - Applies f to the elements of both arrays at each index (null past"
                        + " the end of the shorter one).",
                HigherOrderFunctions::zipWith,
                "zip_with");
        add(
                r,
                "_FUNC_(map, (k, v) -> p) - Returns the entries for which p is true.",
                c -> mapLambda(c, HigherOrderCall.Kind.MAP_FILTER),
                "map_filter");
        add(
                r,
                "_FUNC_(map, (k, v) -> f) - Returns the map with each key replaced by f (keys must stay distinct and not"
                        + " null).",
                c -> mapLambda(c, HigherOrderCall.Kind.TRANSFORM_KEYS),
                "transform_keys");
        add(
                r,
                "_FUNC_(map, (k, v) -> f) - Returns the map with each value replaced by f.",
                c -> mapLambda(c, HigherOrderCall.Kind.TRANSFORM_VALUES),
                "transform_values");
        Optional<FunctionInfo> plainSort = r.lookup("array_sort");
        add(
                r,
                "_FUNC_(array[, (l, r) -> c]) - Sorts the array ascending with nulls last, or by the comparator c, which"
                        + " returns a negative integer, 0 or a positive integer as l is before, equal to or after r.",
                c -> {
                    if (c.size() == 1 && plainSort.isPresent()) {
                        return plainSort.get().builder().build(c.args, c.context);
                    }
                    return arrayLambda(c, HigherOrderCall.Kind.ARRAY_SORT);
                },
                "array_sort");
    }

    private static void add(FunctionRegistry registry, String usage, BuiltinFunctions.Body body, String... names) {
        for (String name : names) {
            registry.register(
                    name,
                    FunctionInfo.Kind.HIGHER_ORDER,
                    usage.replace("_FUNC_", name),
                    (arguments, context) -> body.build(new Call(name, arguments, context)));
        }
    }

    /** {@code f(array, lambda)}: the lambda gets the element, and for transform and filter optionally its index. */
    private static Expression arrayLambda(Call c, HigherOrderCall.Kind kind) {
        c.count(2);
        ArrayType array = CollectionSupport.arrayArg(c, 0);
        LambdaFunction lambda = lambdaArg(c, 1);
        boolean mayIndex = kind == HigherOrderCall.Kind.TRANSFORM || kind == HigherOrderCall.Kind.FILTER;
        if (mayIndex && lambda.parameterNames().size() > 2) {
            throw new EmberException(
                    ErrorClass.DATATYPE_MISMATCH,
                    "The lambda function " + lambda.sql() + " of " + c.name + " takes "
                            + lambda.parameterNames().size() + " parameters, but " + c.name
                            + " passes the element, or the element and its index: x -> ... or (x, i) -> ...");
        }
        boolean indexed = (kind == HigherOrderCall.Kind.TRANSFORM || kind == HigherOrderCall.Kind.FILTER)
                && lambda.parameterNames().size() == 2;
        LambdaFunction bound;
        if (kind == HigherOrderCall.Kind.ARRAY_SORT) {
            DataType element = array.elementType();
            bound = lambda.bind(c.name, List.of(element, element), List.of(array.containsNull(), array.containsNull()));
        } else if (indexed) {
            bound = lambda.bind(
                    c.name, List.of(array.elementType(), DataTypes.IntegerType), List.of(array.containsNull(), false));
        } else {
            bound = lambda.bind(c.name, List.of(array.elementType()), List.of(array.containsNull()));
        }
        return new HigherOrderCall(kind, c.name, List.of(c.arg(0)), List.of(bound));
    }

    private static Expression aggregate(Call c) {
        c.count(3, 4);
        ArrayType array = CollectionSupport.arrayArg(c, 0);
        DataType accumulator = c.type(1);
        LambdaFunction merge = lambdaArg(c, 2)
                .bind(c.name, List.of(accumulator, array.elementType()), List.of(true, array.containsNull()));
        List<LambdaFunction> functions = new ArrayList<>(List.of(merge));
        if (c.size() == 4) {
            functions.add(lambdaArg(c, 3).bind(c.name, List.of(accumulator), List.of(true)));
        }
        return new HigherOrderCall(HigherOrderCall.Kind.AGGREGATE, c.name, List.of(c.arg(0), c.arg(1)), functions);
    }

    private static Expression zipWith(Call c) {
        c.count(3);
        ArrayType first = CollectionSupport.arrayArg(c, 0);
        ArrayType second = CollectionSupport.arrayArg(c, 1);
        LambdaFunction lambda =
                lambdaArg(c, 2).bind(c.name, List.of(first.elementType(), second.elementType()), List.of(true, true));
        return new HigherOrderCall(HigherOrderCall.Kind.ZIP_WITH, c.name, List.of(c.arg(0), c.arg(1)), List.of(lambda));
    }

    private static Expression mapLambda(Call c, HigherOrderCall.Kind kind) {
        c.count(2);
        MapType map = CollectionSupport.mapArg(c, 0);
        LambdaFunction lambda = lambdaArg(c, 1)
                .bind(c.name, List.of(map.keyType(), map.valueType()), List.of(false, map.valueContainsNull()));
        return new HigherOrderCall(kind, c.name, List.of(c.arg(0)), List.of(lambda));
    }

    private static LambdaFunction lambdaArg(Call c, int index) {
        if (c.arg(index) instanceof LambdaFunction lambda) {
            return lambda;
        }
        throw new EmberException(
                ErrorClass.DATATYPE_MISMATCH,
                "The argument " + (index + 1) + " of " + c.name + " must be a lambda function such as x -> x + 1, but"
                        + " it is " + c.arg(index).sql());
    }
}
