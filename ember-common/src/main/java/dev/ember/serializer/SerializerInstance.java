package dev.ember.serializer;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Serializes single objects and streams of objects. Not thread-safe: use one instance per thread. Failures are
 * reported as {@link dev.ember.EmberException} with {@link dev.ember.ErrorClass#SERIALIZATION_FAILED} (or
 * {@link dev.ember.ErrorClass#TASK_NOT_SERIALIZABLE} for objects that cannot be written at all), naming the
 * class that failed.
 */
public abstract class SerializerInstance {
    /** The serialized form of {@code value}. */
    public abstract byte[] serialize(Object value);

    /** The object {@code bytes} hold, resolving classes with {@code loader}. */
    public abstract <T> T deserialize(byte[] bytes, int offset, int length, ClassLoader loader);

    /** The object {@code bytes} hold, resolving classes with the serializer's loader. */
    public <T> T deserialize(byte[] bytes) {
        return deserialize(bytes, 0, bytes.length, null);
    }

    /** The object the remaining bytes of {@code buffer} hold; the buffer's position is not changed. */
    public <T> T deserialize(ByteBuffer buffer) {
        if (buffer.hasArray()) {
            return deserialize(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining(), null);
        }
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return deserialize(copy, 0, copy.length, null);
    }

    /** A stream writing objects to {@code out}; closing it closes {@code out}. */
    public abstract SerializationStream serializeStream(OutputStream out);

    /** A stream reading objects from {@code in}; closing it closes {@code in}. */
    public abstract DeserializationStream deserializeStream(InputStream in);
}
