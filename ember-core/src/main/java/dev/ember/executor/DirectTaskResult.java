package dev.ember.executor;

import dev.ember.AccumulatorV2;
import dev.ember.metrics.TaskMetrics;
import dev.ember.serializer.SerializerInstance;
import java.io.Serializable;
import java.util.List;

/**
 * A successful task's outcome: its value (serialized with the data serializer), its accumulator updates and its
 * metrics.
 */
public record DirectTaskResult(byte[] valueBytes, List<AccumulatorV2<?, ?>> accumulatorUpdates, TaskMetrics metrics)
        implements Serializable {
    /** The value, deserialized with {@code serializer}. */
    public <T> T value(SerializerInstance serializer) {
        return serializer.deserialize(valueBytes);
    }
}
