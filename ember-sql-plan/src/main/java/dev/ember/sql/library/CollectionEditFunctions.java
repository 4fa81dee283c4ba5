package dev.ember.sql.library;

import static dev.ember.sql.library.BuiltinFunctions.scalar;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.analysis.ImplicitCasts;
import dev.ember.sql.catalog.FunctionRegistry;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.ScalarFunction;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.MapType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Functions that build collections from others: {@code map_concat}, {@code str_to_map}, {@code get}, {@code
 * array_insert} and {@code shuffle}. Duplicate map keys are an error, as with Spark's default policy.
 */
final class CollectionEditFunctions {
    private CollectionEditFunctions() {}

    static void register(FunctionRegistry r) {
        scalar(
                r,
                "_FUNC_(map, ...) - Returns the union of all the given maps; a key in two of them is an error.",
                CollectionEditFunctions::mapConcat,
                "map_concat");
        scalar(
                r,
                "_FUNC_(text[, pairDelim[, keyValueDelim]]) - Splits text into key-value pairs by the regular"
                        + " expressions pairDelim (',') and keyValueDelim (':'); a key without a value maps to null.",
                CollectionEditFunctions::strToMap,
                "str_to_map");
        scalar(
                r,
                "_FUNC_(array, index) - Returns the element at the 0-based index, null when it is out of bounds.",
                c -> {
                    c.count(2);
                    ArrayType type = CollectionSupport.arrayArg(c, 0);
                    return c.fnNullable(
                            type.elementType(),
                            a -> {
                                List<?> array = (List<?>) a[0];
                                int index = (Integer) a[1];
                                return index < 0 || index >= array.size() ? null : array.get(index);
                            },
                            c.arg(0),
                            c.integer(1));
                },
                "get");
        scalar(
                r,
                "_FUNC_(array, pos, value) - Inserts value at the 1-based position pos (counted from the end when"
                        + " negative, -1 appending), padding with nulls past the end.",
                CollectionEditFunctions::arrayInsert,
                "array_insert");
        scalar(
                r,
                "_FUNC_(array) - Returns the elements of the array in a random order.",
                c -> {
                    c.count(1);
                    CollectionSupport.arrayArg(c, 0);
                    return c.fnNondeterministic(
                            c.type(0),
                            a -> {
                                if (a[0] == null) {
                                    return null;
                                }
                                List<Object> shuffled = new ArrayList<>((List<?>) a[0]);
                                Collections.shuffle(shuffled);
                                return shuffled;
                            },
                            List.of(c.arg(0)));
                },
                "shuffle");
    }

    private static Expression mapConcat(Call c) {
        if (c.size() == 0) {
            return c.fn(new MapType(DataTypes.StringType, DataTypes.StringType, false), a -> new LinkedHashMap<>());
        }
        DataType wider = CollectionSupport.mapArg(c, 0);
        for (int i = 1; i < c.size(); i++) {
            CollectionSupport.mapArg(c, i);
            wider = ImplicitCasts.widerType(wider, c.type(i))
                    .orElseThrow(() -> c.invalid("The maps must have the same key and value types"));
        }
        MapType type = (MapType) wider;
        List<Expression> maps = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            maps.add(c.as(i, type));
        }
        String where = c.sql();
        return new ScalarFunction(c.name, maps, type, true, false, true, a -> {
            Map<Object, Object> merged = new LinkedHashMap<>();
            for (Object map : a) {
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) map).entrySet()) {
                    CollectionSupport.putKey(merged, entry.getKey(), entry.getValue(), type.keyType(), where);
                }
            }
            return merged;
        });
    }

    private static Expression strToMap(Call c) {
        c.count(1, 3);
        String pairs = c.size() > 1 ? constantString(c, 1) : ",";
        String keyValue = c.size() > 2 ? constantString(c, 2) : ":";
        Pattern pairPattern = Pattern.compile(pairs);
        Pattern keyValuePattern = Pattern.compile(keyValue);
        String where = c.sql();
        return c.fn(
                new MapType(DataTypes.StringType, DataTypes.StringType, true),
                a -> {
                    Map<Object, Object> map = new LinkedHashMap<>();
                    for (String pair : pairPattern.split((String) a[0], -1)) {
                        String[] parts = keyValuePattern.split(pair, 2);
                        CollectionSupport.putKey(
                                map, parts[0], parts.length > 1 ? parts[1] : null, DataTypes.StringType, where);
                    }
                    return map;
                },
                c.string(0));
    }

    private static String constantString(Call c, int index) {
        Object value = c.constant(index);
        if (!(value instanceof String text)) {
            throw c.mismatch(index, "a constant STRING");
        }
        return text;
    }

    private static Expression arrayInsert(Call c) {
        c.count(3);
        ArrayType array = CollectionSupport.arrayArg(c, 0);
        DataType element = ImplicitCasts.widerType(array.elementType(), c.type(2))
                .orElseThrow(() -> c.mismatch(2, array.elementType().sql()));
        ArrayType result = new ArrayType(element, true);
        String where = c.sql();
        return new ScalarFunction(
                c.name, List.of(c.as(0, result), c.integer(1), c.as(2, element)), result, false, true, true, a -> {
                    if (a[0] == null || a[1] == null) {
                        return null;
                    }
                    List<Object> values = new ArrayList<>((List<?>) a[0]);
                    int position = (Integer) a[1];
                    if (position == 0) {
                        throw new EmberException(
                                ErrorClass.INVALID_ARGUMENT,
                                "The position 0 is not valid in " + where + "; positions start at 1 (or -1 from the"
                                        + " end)");
                    }
                    int index = position > 0 ? position - 1 : values.size() + position + 1;
                    if (index < 0) {
                        List<Object> padded = new ArrayList<>();
                        padded.add(a[2]);
                        for (int i = index + 1; i < 0; i++) {
                            padded.add(null);
                        }
                        padded.addAll(values);
                        return padded;
                    }
                    while (values.size() < index) {
                        values.add(null);
                    }
                    values.add(index, a[2]);
                    return values;
                });
    }
}
