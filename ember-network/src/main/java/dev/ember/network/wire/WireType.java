package dev.ember.network.wire;

/**
 * The encoding of a registered type that is not a record (a class with private state, or one of the JDK's). Both
 * methods run on the thread that encodes or decodes the message; {@code read} must consume exactly what
 * {@code write} produced and check what it reads (a failed check throws {@link WireFormatException}).
 */
public interface WireType<T> {
    void write(T value, WireOutput out);

    T read(WireInput in);
}
