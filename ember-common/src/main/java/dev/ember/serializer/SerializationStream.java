package dev.ember.serializer;

import java.io.Closeable;
import java.util.Iterator;

/** Writes objects one after another. Keys and values of pairs are written as two objects. */
public abstract class SerializationStream implements Closeable {
    /** Writes one object. */
    public abstract SerializationStream writeObject(Object value);

    /** Writes the key of a pair; the value follows with {@link #writeValue}. */
    public SerializationStream writeKey(Object key) {
        return writeObject(key);
    }

    /** Writes the value of a pair. */
    public SerializationStream writeValue(Object value) {
        return writeObject(value);
    }

    /** Writes every remaining element of {@code values}. */
    public SerializationStream writeAll(Iterator<?> values) {
        while (values.hasNext()) {
            writeObject(values.next());
        }
        return this;
    }

    /** Pushes buffered bytes to the underlying stream. */
    public abstract void flush();

    /** Flushes and closes the underlying stream. */
    @Override
    public abstract void close();
}
