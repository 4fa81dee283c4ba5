package dev.ember.sql.library;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Values;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Helpers shared by the array, map and struct functions: argument types, keys compared by value, distinct values,
 * sorting, map lookups and the limit on an array's length.
 */
final class CollectionSupport {
    /** The longest array a function makes. */
    static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 15;

    private CollectionSupport() {}

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

    /** The marker {@link #lookup} gives for a key the map does not hold. */
    static final Object NOT_FOUND = new Object() {};

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
}
