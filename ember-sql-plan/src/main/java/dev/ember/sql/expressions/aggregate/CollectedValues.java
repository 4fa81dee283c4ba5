package dev.ember.sql.expressions.aggregate;

import java.util.ArrayList;
import java.util.List;

/**
 * The buffer of an aggregate that keeps every value it is given ({@code percentile}, {@code mode}, {@code
 * string_agg}): one slot holding a list, which arrives from a merge or a spill as an immutable list and is copied into
 * an {@link ArrayList} the first time it grows.
 */
final class CollectedValues {
    private CollectedValues() {}

    @SuppressWarnings("unchecked")
    private static List<Object> mutable(Object[] buffer) {
        if (!(buffer[0] instanceof ArrayList)) {
            buffer[0] = new ArrayList<>((List<Object>) buffer[0]);
        }
        return (List<Object>) buffer[0];
    }

    static Object[] newBuffer() {
        return new Object[] {new ArrayList<>()};
    }

    static void add(Object[] buffer, Object value) {
        mutable(buffer).add(value);
    }

    static void addAll(Object[] buffer, Object[] other) {
        mutable(buffer).addAll((List<?>) other[0]);
    }

    static List<?> values(Object[] buffer) {
        return (List<?>) buffer[0];
    }
}
