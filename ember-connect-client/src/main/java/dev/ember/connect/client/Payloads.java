package dev.ember.connect.client;

import com.google.protobuf.ByteString;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.serializer.JavaSerializer;
import dev.ember.serializer.SerializerInstance;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.lang.invoke.SerializedLambda;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a job carries in Java serialization (functions, values), written as the engine reads it, and the classes the
 * written objects need: every class in the stream and, for a lambda, the class that wrote it (whose code rebuilds
 * it). Those classes' code is what {@link ClassShipper} uploads.
 */
final class Payloads {
    private static final SerializerInstance SERIALIZER = new JavaSerializer().newInstance();

    private Payloads() {}

    /** {@code value} serialized; its classes added to {@code classes}. {@code what} names it for errors. */
    static ByteString write(Object value, String what, Set<Class<?>> classes) {
        if (value != null) {
            record(value, what, classes);
        }
        try {
            return ByteString.copyFrom(SERIALIZER.serialize(value));
        } catch (EmberException e) {
            throw new EmberException(ErrorClass.TASK_NOT_SERIALIZABLE, what + " is not serializable: " + e.detail(), e);
        }
    }

    private static void record(Object value, String what, Set<Class<?>> classes) {
        ClassLoader loader = value.getClass().getClassLoader();
        try (Recorder recorder = new Recorder(loader, classes)) {
            recorder.writeObject(value);
        } catch (NotSerializableException e) {
            throw new EmberException(
                    ErrorClass.TASK_NOT_SERIALIZABLE,
                    what + " is not serializable: it holds a " + e.getMessage() + "; make that class Serializable or"
                            + " do not capture it (a lambda captures the variables it uses, and `this` when it uses a"
                            + " field or method)");
        } catch (IOException e) {
            throw new EmberException(ErrorClass.TASK_NOT_SERIALIZABLE, what + " could not be serialized: " + e, e);
        }
    }

    /** A stream to nowhere that notes the classes written, and the writers of lambdas. */
    private static final class Recorder extends ObjectOutputStream {
        private final ClassLoader loader;
        private final Set<Class<?>> classes;

        Recorder(ClassLoader loader, Set<Class<?>> classes) throws IOException {
            super(OutputStream.nullOutputStream());
            this.loader = loader;
            this.classes = classes;
            enableReplaceObject(true);
        }

        @Override
        protected void annotateClass(Class<?> type) {
            classes.add(type);
        }

        @Override
        protected void annotateProxyClass(Class<?> type) {
            classes.add(type);
        }

        @Override
        protected Object replaceObject(Object value) {
            if (value instanceof SerializedLambda lambda) {
                note(lambda.getCapturingClass());
                note(lambda.getImplClass());
                return value;
            }
            // The engine's serializer writes these through stand-ins; here only what they hold matters.
            if (value instanceof Optional<?> optional) {
                return new Object[] {optional.orElse(null)};
            }
            if (value instanceof OptionalInt || value instanceof OptionalLong || value instanceof OptionalDouble) {
                return value.toString();
            }
            return value;
        }

        private void note(String slashedName) {
            String name = slashedName.replace('/', '.');
            for (ClassLoader candidate : new ClassLoader[] {
                loader, Thread.currentThread().getContextClassLoader(), Payloads.class.getClassLoader()
            }) {
                try {
                    classes.add(Class.forName(name, false, candidate));
                    return;
                } catch (ClassNotFoundException | LinkageError e) {
                    // Try the next loader; a class none of them has cannot be shipped, and the server says so.
                }
            }
        }
    }

    static Set<Class<?>> newClassSet() {
        return new LinkedHashSet<>();
    }
}
