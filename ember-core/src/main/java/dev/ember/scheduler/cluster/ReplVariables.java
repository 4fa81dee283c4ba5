package dev.ember.scheduler.cluster;

import dev.ember.serializer.SerializerInstance;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The variables of an interpreter's class, carried from the driver to executors. JShell keeps a variable declared at
 * the prompt ({@code int k = 3;}) in a static field of the class it compiles for that snippet, and lambdas read the
 * field; an executor that loads the class from the driver ({@link ReplClassLoader}) would see the field's default
 * value. So the driver serves, with each class, the values of its static fields as they are when the executor asks
 * ({@link dev.ember.util.ReplClasses}), and the executor sets them before the class is used.
 *
 * <p>What travels: each static, non-final field whose value is not null and serializes with the closure serializer,
 * up to {@value #MAX_VALUE_BYTES} bytes each; the others (the context itself, say) stay at their defaults. A value is
 * taken once per executor, when it first loads the class: assigning the variable again later ({@code k = 5;}) is not
 * seen by executors that loaded it already, while declaring it again ({@code int k = 5;}) compiles a new class.
 */
final class ReplVariables {
    private static final Logger LOG = LoggerFactory.getLogger(ReplVariables.class);
    static final int MAX_VALUE_BYTES = 64 << 20;

    private ReplVariables() {}

    /** The values of {@code type}'s variables, serialized: a map of field name to the value's own bytes. */
    static byte[] snapshot(Class<?> type, SerializerInstance serializer) {
        Map<String, byte[]> values = new LinkedHashMap<>();
        for (Field field : variables(type)) {
            try {
                Object value = field.get(null);
                if (value == null) {
                    continue;
                }
                byte[] bytes = serializeWithin(value, serializer);
                if (bytes != null) {
                    values.put(field.getName(), bytes);
                } else {
                    LOG.warn(
                            "Variable {} of {} serializes to more than {} bytes: executors see its default value",
                            field.getName(),
                            type.getName(),
                            MAX_VALUE_BYTES);
                }
            } catch (IllegalAccessException | RuntimeException e) {
                // A context, a thread, a socket...: values that cannot travel stay at their defaults on executors.
                LOG.info("Variable {} of {} stays on the driver: {}", field.getName(), type.getName(), e.toString());
            }
        }
        return serializer.serialize(values);
    }

    /** {@code value} serialized, or null when it takes more than {@value #MAX_VALUE_BYTES} bytes (stopped there). */
    private static byte[] serializeWithin(Object value, SerializerInstance serializer) {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        java.io.OutputStream bounded = new java.io.FilterOutputStream(buffer) {
            @Override
            public void write(int b) throws java.io.IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws java.io.IOException {
                if (buffer.size() + length > MAX_VALUE_BYTES) {
                    throw new TooLarge();
                }
                out.write(bytes, offset, length);
            }
        };
        try (dev.ember.serializer.SerializationStream stream = serializer.serializeStream(bounded)) {
            stream.writeObject(value);
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof TooLarge) {
                    return null;
                }
            }
            throw e;
        }
        return buffer.toByteArray();
    }

    /** Thrown by the bounded stream of {@link #serializeWithin} at the cap. */
    private static final class TooLarge extends java.io.IOException {
        private static final long serialVersionUID = 1L;
    }

    /** Sets {@code type}'s variables to the values in {@code state}, read with {@code loader}. */
    static void restore(Class<?> type, byte[] state, SerializerInstance serializer, ClassLoader loader) {
        Map<String, byte[]> values = serializer.deserialize(state, 0, state.length, loader);
        for (Field field : variables(type)) {
            byte[] bytes = values.get(field.getName());
            if (bytes == null) {
                continue;
            }
            try {
                field.set(null, serializer.deserialize(bytes, 0, bytes.length, loader));
            } catch (IllegalAccessException | RuntimeException e) {
                LOG.warn(
                        "Cannot set variable {} of {} from the driver's value; it keeps its default: {}",
                        field.getName(),
                        type.getName(),
                        e.toString());
            }
        }
    }

    private static java.util.List<Field> variables(Class<?> type) {
        java.util.List<Field> fields = new java.util.ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isStatic(modifiers) && !Modifier.isFinal(modifiers) && !field.isSynthetic()) {
                try {
                    field.setAccessible(true);
                    fields.add(field);
                } catch (RuntimeException e) {
                    LOG.debug("Variable {} of {} is not accessible: {}", field.getName(), type.getName(), e.toString());
                }
            }
        }
        return fields;
    }
}
