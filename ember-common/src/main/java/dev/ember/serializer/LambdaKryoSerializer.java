package dev.ember.serializer;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * Writes serializable lambdas (such as a comparator held by a result object) inside Kryo streams through Java
 * serialization, which replaces them by {@link java.lang.invoke.SerializedLambda} without reflective access to JDK
 * internals. Kryo maps every lambda class to {@code ClosureSerializer.Closure} when writing class names, so this
 * serializer is registered for that class.
 */
final class LambdaKryoSerializer extends Serializer<Object> {
    private final JavaSerializer java = new JavaSerializer();

    @Override
    public void write(Kryo kryo, Output output, Object lambda) {
        byte[] bytes;
        try {
            bytes = java.newInstance().serialize(lambda);
        } catch (RuntimeException e) {
            throw new KryoException(
                    "Cannot serialize lambda " + lambda.getClass().getName()
                            + ": only lambdas whose target interface is Serializable can be written",
                    e);
        }
        output.writeVarInt(bytes.length, true);
        output.writeBytes(bytes);
    }

    @Override
    public Object read(Kryo kryo, Input input, Class<? extends Object> type) {
        int length = input.readVarInt(true);
        byte[] bytes = input.readBytes(length);
        return java.newInstance().deserialize(bytes, 0, length, kryo.getClassLoader());
    }
}
