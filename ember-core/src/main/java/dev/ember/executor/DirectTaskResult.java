package dev.ember.executor;

import dev.ember.AccumulatorV2;
import dev.ember.metrics.TaskMetrics;
import dev.ember.serializer.SerializerInstance;
import java.io.Serializable;
import java.util.List;

/**
 * A successful task's outcome: its value, its accumulator updates and its metrics.
 *
 * <p>The value is serialized with the data serializer, except for the small values of actions such as
 * {@code count}, {@code sum} or {@code reduce} over numbers: null, boxed primitives and short strings travel as they
 * are, so a task returning one never needs a data serializer instance (building Kryo's is the largest single cost
 * of an application's first task).
 *
 * <p>A class rather than a record for the reason given on {@link TaskBinary}.
 */
public final class DirectTaskResult implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Strings up to this many characters travel as they are. */
    static final int PLAIN_STRING_MAX = 1024;

    private final byte[] valueBytes;
    private final Serializable plainValue;
    private final List<AccumulatorV2<?, ?>> accumulatorUpdates;
    private final TaskMetrics metrics;

    /** A result whose value is {@code valueBytes}, serialized with the data serializer. */
    public DirectTaskResult(byte[] valueBytes, List<AccumulatorV2<?, ?>> accumulatorUpdates, TaskMetrics metrics) {
        this(valueBytes, null, accumulatorUpdates, metrics);
    }

    private DirectTaskResult(
            byte[] valueBytes,
            Serializable plainValue,
            List<AccumulatorV2<?, ?>> accumulatorUpdates,
            TaskMetrics metrics) {
        this.valueBytes = valueBytes;
        this.plainValue = plainValue;
        this.accumulatorUpdates = accumulatorUpdates;
        this.metrics = metrics;
    }

    /** A result for {@code value}, serialized with {@code serializer} unless it can travel as it is. */
    public static DirectTaskResult of(
            Object value,
            SerializerInstance serializer,
            List<AccumulatorV2<?, ?>> accumulatorUpdates,
            TaskMetrics metrics) {
        if (isPlain(value)) {
            return new DirectTaskResult(null, (Serializable) value, accumulatorUpdates, metrics);
        }
        return new DirectTaskResult(serializer.serialize(value), null, accumulatorUpdates, metrics);
    }

    static boolean isPlain(Object value) {
        return value == null
                || value instanceof Long
                || value instanceof Integer
                || value instanceof Double
                || value instanceof Boolean
                || value instanceof Float
                || value instanceof Short
                || value instanceof Byte
                || value instanceof Character
                || value instanceof String text && text.length() <= PLAIN_STRING_MAX;
    }

    /** The size of the value in bytes, serialized or estimated, for {@code ember.driver.maxResultSize}. */
    public long valueSize() {
        if (valueBytes != null) {
            return valueBytes.length;
        }
        return plainValue instanceof String text ? 2L * text.length() : 8;
    }

    public List<AccumulatorV2<?, ?>> accumulatorUpdates() {
        return accumulatorUpdates;
    }

    public TaskMetrics metrics() {
        return metrics;
    }

    /** The value, deserialized with {@code serializer} if it was serialized. */
    @SuppressWarnings("unchecked")
    public <T> T value(SerializerInstance serializer) {
        return valueBytes != null ? serializer.deserialize(valueBytes) : (T) plainValue;
    }
}
