package dev.ember.serializer;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.config.CommonConfig;
import java.io.Serializable;
import java.lang.reflect.Constructor;
import java.util.Locale;

/**
 * Creates {@link SerializerInstance}s. A serializer is itself serializable so that it can travel with a shuffle
 * dependency to the executors that write and read the data.
 *
 * <p>Which classes a deserializer resolves: the loader given to the call, else the calling thread's context class
 * loader (which the executor sets to the application's loader).
 */
public abstract class Serializer implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A new instance; instances are cheap, not thread-safe, and may be reused for many streams. */
    public abstract SerializerInstance newInstance();

    /**
     * Whether serialized records may be reordered in a stream without changing what they deserialize to, that is
     * each record's bytes stand alone. Sorting serialized records requires it.
     */
    public boolean supportsRelocationOfSerializedObjects() {
        return false;
    }

    /** The loader to resolve classes with. */
    protected ClassLoader classLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : Serializer.class.getClassLoader();
    }

    /**
     * The serializer named by {@code ember.serializer}: {@code kryo}, {@code java}, or the name of a class with a
     * constructor taking an {@link EmberConf} or none.
     */
    public static Serializer fromConf(EmberConf conf) {
        String name = conf.get(CommonConfig.SERIALIZER);
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "kryo", "dev.ember.serializer.kryoserializer" -> new KryoSerializer(conf);
            case "java", "dev.ember.serializer.javaserializer" -> new JavaSerializer(conf);
            default -> instantiate(name.trim(), conf);
        };
    }

    private static Serializer instantiate(String className, EmberConf conf) {
        try {
            Class<?> type =
                    Class.forName(className, true, Thread.currentThread().getContextClassLoader());
            if (!Serializer.class.isAssignableFrom(type)) {
                throw new EmberException(
                        ErrorClass.INVALID_CONFIG_VALUE,
                        "ember.serializer names " + className + ", which does not extend "
                                + Serializer.class.getName());
            }
            try {
                Constructor<?> withConf = type.getConstructor(EmberConf.class);
                return (Serializer) withConf.newInstance(conf);
            } catch (NoSuchMethodException e) {
                return (Serializer) type.getConstructor().newInstance();
            }
        } catch (ReflectiveOperationException e) {
            throw new EmberException(
                    ErrorClass.INVALID_CONFIG_VALUE,
                    "ember.serializer names " + className + ", which cannot be instantiated: " + e,
                    e);
        }
    }
}
