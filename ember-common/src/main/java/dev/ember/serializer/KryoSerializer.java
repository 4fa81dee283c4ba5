package dev.ember.serializer;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.MapReferenceResolver;
import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.config.CommonConfig;
import java.io.EOFException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Kryo serialization, the default for shuffle data and serialized cached blocks: several times smaller and faster
 * than Java serialization for the records RDD jobs move around.
 *
 * <p>Every Kryo instance registers, in this order: the classes of {@link JdkKryoSerializers}, those of the
 * {@link KryoRegistrator}s found with {@link ServiceLoader}, the classes in {@code ember.kryo.classesToRegister},
 * then the registrators in {@code ember.kryo.registrator}. Unregistered classes still work (their names are
 * written) unless {@code ember.kryo.registrationRequired} is set.
 *
 * <p>Building a Kryo instance registers hundreds of classes, so instances are kept per thread and per set of
 * settings and reused by every serializer instance and stream on that thread: a task's writer, reader and result
 * all use its thread's Kryo, and the next task on the thread finds it ready. A Kryo is idle between top-level
 * objects, so streams on one thread may interleave their records; a stream is used on the thread that opened it.
 */
public final class KryoSerializer extends Serializer {
    private static final long serialVersionUID = 1L;

    private final int bufferSize;
    private final int maxBufferSize;
    private final boolean referenceTracking;
    private final boolean registrationRequired;
    private final List<String> classesToRegister;
    private final List<String> registrators;

    private transient String settingsKey;

    private static final ThreadLocal<Map<String, Kryo>> THREAD_KRYOS = ThreadLocal.withInitial(HashMap::new);
    private static volatile List<KryoRegistrator> discovered;

    public KryoSerializer(EmberConf conf) {
        this.bufferSize = conf.get(CommonConfig.KRYO_BUFFER).intValue();
        this.maxBufferSize = conf.get(CommonConfig.KRYO_BUFFER_MAX).intValue();
        this.referenceTracking = conf.get(CommonConfig.KRYO_REFERENCE_TRACKING);
        this.registrationRequired = conf.get(CommonConfig.KRYO_REGISTRATION_REQUIRED);
        this.classesToRegister = List.copyOf(conf.get(CommonConfig.KRYO_CLASSES));
        this.registrators = List.copyOf(conf.get(CommonConfig.KRYO_REGISTRATORS));
    }

    /** A Kryo serializer with default settings. */
    public KryoSerializer() {
        this(new EmberConf(false));
    }

    @Override
    public SerializerInstance newInstance() {
        return new Instance();
    }

    @Override
    public boolean supportsRelocationOfSerializedObjects() {
        // Each top-level object is written with a reset of Kryo's graph state, so its bytes stand alone.
        return true;
    }

    @Override
    public String toString() {
        return "KryoSerializer";
    }

    /** A new, fully registered Kryo instance resolving classes with {@code loader}. */
    public Kryo newKryo(ClassLoader loader) {
        Kryo kryo = new Kryo(new RecordClassResolver(), new RecordReferenceResolver());
        kryo.setClassLoader(loader);
        kryo.setRegistrationRequired(registrationRequired);
        kryo.setReferences(referenceTracking);
        kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        kryo.register(
                com.esotericsoftware.kryo.serializers.ClosureSerializer.Closure.class, new LambdaKryoSerializer());
        JdkKryoSerializers.register(kryo);
        for (KryoRegistrator registrator : discoveredRegistrators()) {
            registrator.registerClasses(kryo);
        }
        for (String className : classesToRegister) {
            kryo.register(loadClass(className, loader, "ember.kryo.classesToRegister"));
        }
        for (String className : registrators) {
            Class<?> type = loadClass(className, loader, "ember.kryo.registrator");
            try {
                ((KryoRegistrator) type.getConstructor().newInstance()).registerClasses(kryo);
            } catch (ReflectiveOperationException | ClassCastException e) {
                throw new EmberException(
                        ErrorClass.INVALID_CONFIG_VALUE,
                        "ember.kryo.registrator names " + className + ", which is not a KryoRegistrator with a public"
                                + " no-argument constructor",
                        e);
            }
        }
        return kryo;
    }

    /** The {@link KryoRegistrator}s on Ember's class path, looked up once. */
    private static List<KryoRegistrator> discoveredRegistrators() {
        List<KryoRegistrator> found = discovered;
        if (found == null) {
            List<KryoRegistrator> all = new ArrayList<>();
            ServiceLoader.load(KryoRegistrator.class, KryoSerializer.class.getClassLoader())
                    .forEach(all::add);
            found = List.copyOf(all);
            discovered = found;
        }
        return found;
    }

    /** What makes two Kryo instances interchangeable. */
    private String settingsKey() {
        String key = settingsKey;
        if (key == null) {
            key = referenceTracking + "|" + registrationRequired + "|" + classesToRegister + "|" + registrators;
            settingsKey = key;
        }
        return key;
    }

    /** This thread's Kryo for these settings, resolving classes with {@code loader}. */
    private Kryo threadKryo(ClassLoader loader) {
        Map<String, Kryo> kryos = THREAD_KRYOS.get();
        String key = settingsKey();
        Kryo kryo = kryos.get(key);
        if (kryo == null || kryo.getClassLoader() != loader) {
            // A new Kryo for another loader: Kryo remembers classes by name, and two loaders (two job class scopes)
            // may each have a class of the same name; the old one's classes are not kept alive either.
            kryo = newKryo(loader);
            kryos.put(key, kryo);
        }
        return kryo;
    }

    /**
     * Kryo resets its class-name table after every top-level object, recomputing a table size even when the table
     * is empty; with one top-level object per key and per value of a shuffle that is a measurable share of reading
     * and writing. This clears only tables that hold something.
     */
    private static final class RecordClassResolver extends DefaultClassResolver {
        @Override
        public void reset() {
            if (!kryo.isRegistrationRequired()) {
                if (classToNameId != null && classToNameId.size > 0) {
                    classToNameId.clear(RESET_CAPACITY);
                }
                if (nameIdToClass != null && nameIdToClass.size > 0) {
                    nameIdToClass.clear();
                }
                nextNameId = 0;
            }
        }
    }

    /**
     * The same for the reference tables. References are not tracked for strings and arrays of primitives either:
     * they cannot point back into a graph, and tracking them would put every key and value of a shuffle into
     * the table, to be cleared after each. (Two fields of one record holding the same such array are read back as
     * two equal arrays.)
     */
    private static final class RecordReferenceResolver extends MapReferenceResolver {
        RecordReferenceResolver() {
            super(RESET_CAPACITY);
        }

        @Override
        public boolean useReferences(Class type) {
            return type != String.class
                    && !(type.isArray() && type.getComponentType().isPrimitive())
                    && super.useReferences(type);
        }

        @Override
        public void reset() {
            int read = readObjects.size();
            if (read > 0) {
                readObjects.clear();
                if (read > RESET_CAPACITY) {
                    readObjects.trimToSize();
                    readObjects.ensureCapacity(RESET_CAPACITY);
                }
            }
            if (writtenObjects.size > 0) {
                writtenObjects.clear(RESET_CAPACITY);
            }
        }
    }

    /** Tables grown beyond this by one object are shrunk back when it is done, as Kryo does. */
    private static final int RESET_CAPACITY = 2048;

    private static Class<?> loadClass(String className, ClassLoader loader, String key) {
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            throw new EmberException(
                    ErrorClass.INVALID_CONFIG_VALUE,
                    key + " names " + className + ", which is not on the class path",
                    e);
        }
    }

    private final class Instance extends SerializerInstance {
        private Output output;

        private Kryo kryo(ClassLoader loader) {
            return threadKryo(loader != null ? loader : classLoader());
        }

        @Override
        public byte[] serialize(Object value) {
            if (output == null) {
                output = new Output(bufferSize, maxBufferSize);
            }
            output.reset();
            try {
                kryo(null).writeClassAndObject(output, value);
            } catch (KryoException | IllegalArgumentException e) {
                throw failure("serialize", value, e);
            }
            return output.toBytes();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T deserialize(byte[] bytes, int offset, int length, ClassLoader loader) {
            try {
                return (T) kryo(loader).readClassAndObject(new Input(bytes, offset, length));
            } catch (KryoException | IllegalArgumentException e) {
                throw failure("deserialize", null, e);
            }
        }

        @Override
        public SerializationStream serializeStream(OutputStream out) {
            return new KryoSerializationStream(kryo(null), new Output(out, bufferSize));
        }

        @Override
        public DeserializationStream deserializeStream(InputStream in) {
            return new KryoDeserializationStream(kryo(null), new Input(in, bufferSize));
        }
    }

    static EmberException failure(String action, Object value, RuntimeException cause) {
        String what = value == null ? "" : " an object of " + value.getClass().getName();
        return new EmberException(
                ErrorClass.SERIALIZATION_FAILED,
                "Kryo failed to " + action + what + ": " + cause.getMessage()
                        + (cause.getMessage() != null && cause.getMessage().contains("Buffer overflow")
                                ? " (raise ember.kryoserializer.buffer.max)"
                                : ""),
                cause);
    }

    private static final class KryoSerializationStream extends SerializationStream {
        private final Kryo kryo;
        private final Output output;

        KryoSerializationStream(Kryo kryo, Output output) {
            this.kryo = kryo;
            this.output = output;
        }

        @Override
        public SerializationStream writeObject(Object value) {
            try {
                kryo.writeClassAndObject(output, value);
            } catch (KryoException | IllegalArgumentException e) {
                throw failure("serialize", value, e);
            }
            return this;
        }

        @Override
        public void flush() {
            output.flush();
        }

        @Override
        public void close() {
            output.close();
        }
    }

    private static final class KryoDeserializationStream extends DeserializationStream {
        private final Kryo kryo;
        private final Input input;

        KryoDeserializationStream(Kryo kryo, Input input) {
            this.kryo = kryo;
            this.input = input;
        }

        @Override
        public Object readObject() throws EOFException {
            if (input.end()) {
                throw new EOFException();
            }
            try {
                return kryo.readClassAndObject(input);
            } catch (KryoException | IllegalArgumentException e) {
                throw failure("deserialize", null, e);
            }
        }

        @Override
        public void close() {
            input.close();
        }
    }
}
