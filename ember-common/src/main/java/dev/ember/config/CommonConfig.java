package dev.ember.config;

import dev.ember.util.ByteSizes;
import dev.ember.util.LogLevel;
import java.util.List;

/** Settings read by ember-common: the application's identity, serializers and compression. */
public final class CommonConfig implements ConfigProvider {
    public static final ConfigEntry<String> MASTER = ConfigEntry.key("ember.master")
            .doc("Where the application runs: local, local[N], local[*], local-cluster[W,C,M] or ember://host:port.")
            .stringConf()
            .optional();

    public static final ConfigEntry<String> APP_NAME = ConfigEntry.key("ember.app.name")
            .doc("The application's name in logs, the UI and the cluster.")
            .stringConf()
            .optional();

    public static final ConfigEntry<LogLevel> LOG_LEVEL = ConfigEntry.key("ember.log.level")
            .doc("Log level of the driver and the executors, as Spark names them (ALL, TRACE, DEBUG, INFO, WARN,"
                    + " ERROR, FATAL, OFF); unset, the logging configuration decides.")
            .enumConf(LogLevel.class)
            .optional();

    public static final ConfigEntry<List<String>> JARS = ConfigEntry.key("ember.jars")
            .doc("Comma-separated jars shipped to executors with the application.")
            .stringListConf()
            .defaultValue(List.of());

    public static final ConfigEntry<String> SERIALIZER = ConfigEntry.key("ember.serializer")
            .doc("Serializer for shuffle data and serialized cached blocks: kryo, java, or a Serializer class name.")
            .stringConf()
            .defaultValue("kryo");

    public static final ConfigEntry<Long> JAVA_SERIALIZER_READ_BUDGET = ConfigEntry.key(
                    "ember.serializer.java.readBudget")
            .doc("Longest time reading one Java-serialized object from bytes (a task, a task result) may take before"
                    + " it is refused; arrays and references are also limited by the bytes read.")
            .timeConf(java.util.concurrent.TimeUnit.MILLISECONDS)
            .positive()
            .defaultString("60s");

    public static final ConfigEntry<Integer> JAVA_SERIALIZER_RESET = ConfigEntry.key(
                    "ember.serializer.objectStreamReset")
            .doc("Java serialization forgets written objects every this many objects, so streams do not pin"
                    + " memory; -1 never resets.")
            .intConf()
            .defaultValue(100);

    public static final ConfigEntry<Boolean> KRYO_REFERENCE_TRACKING = ConfigEntry.key("ember.kryo.referenceTracking")
            .doc("Track shared and cyclic references in Kryo; needed for object graphs with cycles.")
            .booleanConf()
            .defaultValue(true);

    public static final ConfigEntry<Boolean> KRYO_REGISTRATION_REQUIRED = ConfigEntry.key(
                    "ember.kryo.registrationRequired")
            .doc("Fail on classes not registered with Kryo instead of writing their names.")
            .booleanConf()
            .defaultValue(false);

    public static final ConfigEntry<List<String>> KRYO_CLASSES = ConfigEntry.key("ember.kryo.classesToRegister")
            .doc("Comma-separated classes to register with Kryo.")
            .stringListConf()
            .defaultValue(List.of());

    public static final ConfigEntry<List<String>> KRYO_REGISTRATORS = ConfigEntry.key("ember.kryo.registrator")
            .doc("Comma-separated dev.ember.serializer.KryoRegistrator classes applied to every Kryo instance.")
            .stringListConf()
            .defaultValue(List.of());

    public static final ConfigEntry<Long> KRYO_BUFFER = ConfigEntry.key("ember.kryoserializer.buffer")
            .doc("Initial size of Kryo's serialization buffer.")
            .bytesConf(ByteSizes.Unit.KIB)
            .between(0, false, 2L << 30, false, "between 1b and 2g")
            .defaultString("64k");

    public static final ConfigEntry<Long> KRYO_BUFFER_MAX = ConfigEntry.key("ember.kryoserializer.buffer.max")
            .doc("Largest size Kryo's buffer may grow to; one object must fit in it.")
            .bytesConf(ByteSizes.Unit.MIB)
            .between(0, false, 2L << 30, false, "between 1b and 2g")
            .defaultString("64m");

    public static final ConfigEntry<String> COMPRESSION_CODEC = ConfigEntry.key("ember.io.compression.codec")
            .doc("Codec for shuffle, spill, broadcast and serialized cached data: lz4 or none.")
            .stringConf()
            .defaultValue("lz4");

    public static final ConfigEntry<Long> LZ4_BLOCK_SIZE = ConfigEntry.key("ember.io.compression.lz4.blockSize")
            .doc("Block size of the LZ4 codec.")
            .bytesConf(ByteSizes.Unit.KIB)
            .between(64, true, 32L << 20, true, "between 64b and 32m")
            .defaultString("32k");

    @Override
    public List<ConfigEntry<?>> entries() {
        return List.of(
                MASTER,
                APP_NAME,
                JARS,
                SERIALIZER,
                JAVA_SERIALIZER_RESET,
                JAVA_SERIALIZER_READ_BUDGET,
                KRYO_REFERENCE_TRACKING,
                KRYO_REGISTRATION_REQUIRED,
                KRYO_CLASSES,
                KRYO_REGISTRATORS,
                KRYO_BUFFER,
                KRYO_BUFFER_MAX,
                COMPRESSION_CODEC,
                LZ4_BLOCK_SIZE);
    }
}
