package dev.ember.serializer;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.config.CommonConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Java serialization. Used for everything shipped to tasks (functions, RDD lineage, partitions) and available
 * for data through {@code ember.serializer=java}.
 *
 * <p>Three things beyond {@link ObjectOutputStream}: the stream forgets written objects every
 * {@code ember.serializer.objectStreamReset} objects so that long streams do not pin memory; {@link Optional}
 * (which the JDK does not make serializable, but join results contain) is written through a stand-in and restored
 * on reading; and so are serializable lambdas ({@link LambdaStandIn}), to spare the first job a digest.
 *
 * <p>Reading a byte array is bounded by {@link ReadLimits}: arrays and references by the array's length, depth, and
 * time ({@code ember.serializer.java.readBudget}). Lambdas are rebuilt only through the filter of the stream they
 * were read from, never through a stream of their own without it.
 */
public final class JavaSerializer extends Serializer {
    private static final long serialVersionUID = 1L;

    private static final Map<String, Class<?>> PRIMITIVES = Map.of(
            "boolean", boolean.class,
            "byte", byte.class,
            "char", char.class,
            "short", short.class,
            "int", int.class,
            "long", long.class,
            "float", float.class,
            "double", double.class,
            "void", void.class);

    private final int resetInterval;
    private final Duration readBudget;
    /** Checks every class before it is instantiated on reading; null accepts the JVM-wide filter, if any. */
    private final transient ObjectInputFilter inputFilter;

    public JavaSerializer(EmberConf conf) {
        this(
                conf.get(CommonConfig.JAVA_SERIALIZER_RESET),
                Duration.ofMillis(conf.get(CommonConfig.JAVA_SERIALIZER_READ_BUDGET)),
                null);
    }

    public JavaSerializer() {
        this(100, DEFAULT_READ_BUDGET, null);
    }

    private JavaSerializer(int resetInterval, Duration readBudget, ObjectInputFilter inputFilter) {
        this.resetInterval = resetInterval;
        this.readBudget = readBudget;
        this.inputFilter = inputFilter;
    }

    private static final Duration DEFAULT_READ_BUDGET = Duration.ofSeconds(60);

    /**
     * The same serializer, reading only what {@code filter} allows. A refused class fails the read with
     * {@link ErrorClass#SERIALIZATION_FAILED} and a cause of {@link InvalidClassException}; nothing of it has been
     * instantiated.
     */
    public JavaSerializer withInputFilter(ObjectInputFilter filter) {
        return new JavaSerializer(resetInterval, readBudget, requireNonNull(filter, "filter is null"));
    }

    @Override
    public SerializerInstance newInstance() {
        return new Instance();
    }

    @Override
    public String toString() {
        return "JavaSerializer";
    }

    private final class Instance extends SerializerInstance {
        @Override
        public byte[] serialize(Object value) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            try (ReplacingObjectOutputStream out = new ReplacingObjectOutputStream(bytes)) {
                out.writeObject(value);
            } catch (NotSerializableException e) {
                throw notSerializable(value, e);
            } catch (IOException e) {
                throw new EmberException(
                        ErrorClass.SERIALIZATION_FAILED, "Failed to serialize " + describe(value) + ": " + e, e);
            }
            return bytes.toByteArray();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T deserialize(byte[] bytes, int offset, int length, ClassLoader loader) {
            ClassLoader resolving = loader != null ? loader : classLoader();
            ReadLimits limits = new ReadLimits(
                    length, readBudget, inputFilter != null ? inputFilter : ObjectInputFilter.Config.getSerialFilter());
            try (ResolvingObjectInputStream in = new ResolvingObjectInputStream(
                    new ByteArrayInputStream(bytes, offset, length), resolving, limits)) {
                return (T) in.readObject();
            } catch (ClassNotFoundException e) {
                throw classNotFound(e);
            } catch (MissingClassException e) {
                throw classNotFound(e.missing());
            } catch (InvalidClassException e) {
                if (limits.refusal() != null) {
                    throw new EmberException(
                            ErrorClass.SERIALIZATION_FAILED,
                            "Refused to deserialize " + length + " bytes: " + limits.refusal(),
                            e);
                }
                throw new EmberException(ErrorClass.SERIALIZATION_FAILED, "Failed to deserialize: " + e, e);
            } catch (IOException e) {
                throw new EmberException(ErrorClass.SERIALIZATION_FAILED, "Failed to deserialize: " + e, e);
            }
        }

        @Override
        public SerializationStream serializeStream(OutputStream out) {
            try {
                return new JavaSerializationStream(new ReplacingObjectOutputStream(out), resetInterval);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public DeserializationStream deserializeStream(InputStream in) {
            return new JavaDeserializationStream(in, classLoader(), inputFilter);
        }
    }

    static EmberException notSerializable(Object root, NotSerializableException cause) {
        String path = SerializationDebugger.describePath(root);
        return new EmberException(
                ErrorClass.TASK_NOT_SERIALIZABLE,
                "Object not serializable: " + cause.getMessage()
                        + (path.isEmpty() ? "" : "\nSerialization path:\n" + path),
                cause);
    }

    private static EmberException classNotFound(ClassNotFoundException cause) {
        return new EmberException(
                ErrorClass.SERIALIZATION_FAILED,
                "Failed to deserialize: class " + cause.getMessage() + " is not on the class path of this process",
                cause);
    }

    static String describe(Object value) {
        return value == null ? "null" : "an object of " + value.getClass().getName();
    }

    private static final class JavaSerializationStream extends SerializationStream {
        private final ObjectOutputStream out;
        private final int resetInterval;
        private int written;

        JavaSerializationStream(ObjectOutputStream out, int resetInterval) {
            this.out = out;
            this.resetInterval = resetInterval;
        }

        @Override
        public SerializationStream writeObject(Object value) {
            try {
                out.writeObject(value);
                written++;
                if (resetInterval > 0 && written >= resetInterval) {
                    out.reset();
                    written = 0;
                }
            } catch (NotSerializableException e) {
                throw notSerializable(value, e);
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to write " + describe(value), e);
            }
            return this;
        }

        @Override
        public void flush() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class JavaDeserializationStream extends DeserializationStream {
        private final InputStream source;
        private final ClassLoader loader;
        private final ObjectInputFilter filter;
        private ObjectInputStream in;

        JavaDeserializationStream(InputStream source, ClassLoader loader, ObjectInputFilter filter) {
            this.source = source;
            this.loader = loader;
            this.filter = filter;
        }

        @Override
        public Object readObject() throws EOFException {
            try {
                if (in == null) {
                    // The stream header is read lazily so that an empty stream is simply empty.
                    in = new ResolvingObjectInputStream(source, loader, filter);
                }
                return in.readObject();
            } catch (EOFException e) {
                throw e;
            } catch (ClassNotFoundException e) {
                throw classNotFound(e);
            } catch (MissingClassException e) {
                throw classNotFound(e.missing());
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to read a serialized object", e);
            }
        }

        @Override
        public void close() {
            try {
                if (in != null) {
                    in.close();
                } else {
                    source.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Writes {@link Optional} and its primitive cousins through serializable stand-ins. */
    private static final class ReplacingObjectOutputStream extends ObjectOutputStream {
        ReplacingObjectOutputStream(OutputStream out) throws IOException {
            super(out);
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object value) {
            if (value instanceof Optional<?> optional) {
                return new OptionalStandIn(0, optional.orElse(null), optional.isPresent());
            }
            if (value instanceof OptionalLong optional) {
                return new OptionalStandIn(1, optional.isPresent() ? optional.getAsLong() : null, optional.isPresent());
            }
            if (value instanceof OptionalInt optional) {
                return new OptionalStandIn(2, optional.isPresent() ? optional.getAsInt() : null, optional.isPresent());
            }
            if (value instanceof OptionalDouble optional) {
                return new OptionalStandIn(
                        3, optional.isPresent() ? optional.getAsDouble() : null, optional.isPresent());
            }
            if (value instanceof SerializedLambda lambda) {
                return new LambdaStandIn(lambda);
            }
            return value;
        }
    }

    /**
     * A class the stream names that the loader does not have. Reading stops at once: {@code ObjectInputStream}'s own
     * handling of a {@link ClassNotFoundException} reads on and leaves the objects that hold the missing one
     * unresolved, which surfaces later as a {@link ClassCastException} of some field rather than as the missing class.
     */
    static final class MissingClassException extends InvalidClassException {
        private static final long serialVersionUID = 1L;

        MissingClassException(ClassNotFoundException missing) {
            super(missing.getMessage(), "not on the class path");
            initCause(missing);
        }

        ClassNotFoundException missing() {
            return (ClassNotFoundException) getCause();
        }
    }

    /** Resolves classes with a given loader and turns stand-ins back into what they stand for. */
    static final class ResolvingObjectInputStream extends ObjectInputStream {
        private final ClassLoader loader;
        private final ObjectInputFilter filter;

        /** {@code filter} null: the JVM-wide filter, if any. */
        ResolvingObjectInputStream(InputStream in, ClassLoader loader, ObjectInputFilter filter) throws IOException {
            super(in);
            this.loader = loader;
            this.filter = filter != null ? filter : ObjectInputFilter.Config.getSerialFilter();
            if (filter != null) {
                setObjectInputFilter(filter);
            }
            enableResolveObject(true);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
            String name = description.getName();
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException e) {
                Class<?> primitive = PRIMITIVES.get(name);
                if (primitive != null) {
                    return primitive;
                }
                try {
                    return super.resolveClass(description);
                } catch (ClassNotFoundException missing) {
                    throw new MissingClassException(missing);
                }
            }
        }

        @Override
        protected Object resolveObject(Object value) {
            if (value instanceof OptionalStandIn standIn) {
                return standIn.restore();
            }
            if (value instanceof LambdaStandIn standIn) {
                return standIn.restore(loader, filter);
            }
            return value;
        }
    }

    /**
     * What a serializable lambda is written as: the fields of its {@link SerializedLambda}, with the captured
     * arguments in a list. Written as it is, a {@code SerializedLambda} holds them in an {@code Object[]}, whose
     * serial version (arrays declare none) the JDK computes with a SHA digest the first time, a cost every
     * application's first job paid.
     */
    static final class LambdaStandIn implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String capturingClass;
        private final String functionalInterfaceClass;
        private final String functionalInterfaceMethodName;
        private final String functionalInterfaceMethodSignature;
        private final int implMethodKind;
        private final String implClass;
        private final String implMethodName;
        private final String implMethodSignature;
        private final String instantiatedMethodType;
        private final ArrayList<Object> capturedArgs;

        LambdaStandIn(SerializedLambda lambda) {
            capturingClass = lambda.getCapturingClass();
            functionalInterfaceClass = lambda.getFunctionalInterfaceClass();
            functionalInterfaceMethodName = lambda.getFunctionalInterfaceMethodName();
            functionalInterfaceMethodSignature = lambda.getFunctionalInterfaceMethodSignature();
            implMethodKind = lambda.getImplMethodKind();
            implClass = lambda.getImplClass();
            implMethodName = lambda.getImplMethodName();
            implMethodSignature = lambda.getImplMethodSignature();
            instantiatedMethodType = lambda.getInstantiatedMethodType();
            capturedArgs = new ArrayList<>(lambda.getCapturedArgCount());
            for (int i = 0; i < lambda.getCapturedArgCount(); i++) {
                capturedArgs.add(lambda.getCapturedArg(i));
            }
        }

        /**
         * The lambda again, made by its capturing class's {@code $deserializeLambda$}, as the JDK does for a
         * {@code SerializedLambda}. A capturing class in a named module that does not open it to Ember is left to
         * the JDK itself.
         */
        Object restore(ClassLoader loader, ObjectInputFilter filter) {
            Class<?> capturing;
            try {
                capturing = Class.forName(capturingClass.replace('/', '.'), false, loader);
            } catch (ClassNotFoundException e) {
                throw new EmberException(
                        ErrorClass.SERIALIZATION_FAILED,
                        "Cannot read a lambda: its class " + capturingClass.replace('/', '.') + " is not on the"
                                + " class path of this process",
                        e);
            }
            if (filter != null && filter.checkInput(new ClassOnly(capturing)) == ObjectInputFilter.Status.REJECTED) {
                throw new EmberException(
                        ErrorClass.SERIALIZATION_FAILED,
                        "Refused to read a lambda of " + capturing.getName() + ": the deserialization filter refuses"
                                + " its class");
            }
            SerializedLambda lambda = toSerializedLambda(capturing);
            Method factory;
            try {
                factory = capturing.getDeclaredMethod("$deserializeLambda$", SerializedLambda.class);
                factory.setAccessible(true);
            } catch (NoSuchMethodException | InaccessibleObjectException | SecurityException e) {
                return restoreThroughJdk(lambda, loader, filter);
            }
            try {
                return factory.invoke(null, lambda);
            } catch (IllegalAccessException e) {
                return restoreThroughJdk(lambda, loader, filter);
            } catch (InvocationTargetException e) {
                throw new EmberException(
                        ErrorClass.SERIALIZATION_FAILED,
                        "Cannot read a lambda of " + capturing.getName() + ": " + e.getCause(),
                        e.getCause());
            }
        }

        SerializedLambda toSerializedLambda(Class<?> capturing) {
            return new SerializedLambda(
                    capturing,
                    functionalInterfaceClass,
                    functionalInterfaceMethodName,
                    functionalInterfaceMethodSignature,
                    implMethodKind,
                    implClass,
                    implMethodName,
                    implMethodSignature,
                    instantiatedMethodType,
                    capturedArgs.toArray());
        }

        /** The JDK's own way: a {@code SerializedLambda} read back by a plain object stream resolves itself. */
        static Object restoreThroughJdk(SerializedLambda lambda, ClassLoader loader, ObjectInputFilter filter) {
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                    out.writeObject(lambda);
                }
                try (ObjectInputStream in =
                        new ResolvingObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()), loader, filter)) {
                    return in.readObject();
                }
            } catch (IOException | ClassNotFoundException e) {
                throw new EmberException(
                        ErrorClass.SERIALIZATION_FAILED,
                        "Cannot read a lambda of " + lambda.getCapturingClass().replace('/', '.') + ": " + e,
                        e);
            }
        }
    }

    /** What a filter is asked about a lambda's capturing class before the lambda is rebuilt. */
    private record ClassOnly(Class<?> serialClass) implements ObjectInputFilter.FilterInfo {
        @Override
        public long arrayLength() {
            return -1;
        }

        @Override
        public long depth() {
            return 1;
        }

        @Override
        public long references() {
            return 0;
        }

        @Override
        public long streamBytes() {
            return 0;
        }
    }

    /** What an {@link Optional} is written as. */
    private record OptionalStandIn(int kind, Object value, boolean present) implements Serializable {
        Object restore() {
            return switch (kind) {
                case 0 -> present ? Optional.of(value) : Optional.empty();
                case 1 -> present ? OptionalLong.of((Long) value) : OptionalLong.empty();
                case 2 -> present ? OptionalInt.of((Integer) value) : OptionalInt.empty();
                default -> present ? OptionalDouble.of((Double) value) : OptionalDouble.empty();
            };
        }
    }
}
