package dev.ember.connect.rdd;

import com.google.protobuf.ByteString;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.serializer.JavaSerializer;
import dev.ember.serializer.SerializerInstance;

/**
 * Reads what a client serialized (functions, comparators, values) with its session's classes. Reading is bounded by
 * the Java serializer's limits (arrays and references by the bytes given, depth, time); a payload that is not what
 * its place in the job needs is refused with an error naming the place.
 */
final class ClientCode {
    private final ClassLoader loader;
    private final SerializerInstance serializer = new JavaSerializer().newInstance();

    ClientCode(ClassLoader loader) {
        this.loader = loader;
    }

    ClassLoader loader() {
        return loader;
    }

    /** The object in {@code bytes}, which must be a {@code type}; {@code where} names its place for errors. */
    <T> T read(ByteString bytes, Class<T> type, String where) {
        if (bytes.isEmpty()) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, where + " is missing");
        }
        Object value = readValue(bytes, where);
        if (!type.isInstance(value)) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    where + " must be a " + type.getName() + ", not a "
                            + (value == null ? "null" : value.getClass().getName()));
        }
        return type.cast(value);
    }

    /** The object (possibly null) in {@code bytes}. */
    Object readValue(ByteString bytes, String where) {
        byte[] array = bytes.toByteArray();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            return serializer.deserialize(array, 0, array.length, loader);
        } catch (RuntimeException e) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "Could not read " + where + ": " + e.getMessage(), e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** {@code bytes} written by the tasks ({@link ValueChunks}), read back on the driver with the session's classes. */
    Object readResult(byte[] bytes) {
        return serializer.deserialize(bytes, 0, bytes.length, loader);
    }

    byte[] write(Object value) {
        return serializer.serialize(value);
    }
}
