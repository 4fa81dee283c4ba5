package dev.ember;

import dev.ember.config.CommonConfig;
import dev.ember.config.ConfigEntry;
import dev.ember.config.ConfigRegistry;
import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Configuration of an Ember application: string key-value pairs, read through typed
 * {@link ConfigEntry ConfigEntries}. Setters return {@code this} so calls chain.
 *
 * <pre>{@code
 * EmberConf conf = new EmberConf().setMaster("local[4]").setAppName("word count")
 *     .set("ember.task.maxFailures", "2");
 * }</pre>
 *
 * <p>{@code new EmberConf()} also reads every JVM system property whose name starts with {@code ember.}, which is
 * how {@code bin/ember submit} passes {@code --master} and {@code --conf} to the application. A value's origin
 * (API call, system property, file and line) is remembered so that a bad value can be reported where it was set.
 *
 * <p>Thread-safe. Once an {@link EmberContext} is created from a conf, the context works on its own copy:
 * later changes to this object do not affect it.
 */
public final class EmberConf implements Serializable, Cloneable {
    private static final long serialVersionUID = 1L;

    private final ConcurrentHashMap<String, String> settings = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> origins = new ConcurrentHashMap<>();

    /** A conf that also loads {@code ember.*} system properties. */
    public EmberConf() {
        this(true);
    }

    /** A conf that loads {@code ember.*} system properties only when {@code loadDefaults} is true. */
    public EmberConf(boolean loadDefaults) {
        if (loadDefaults) {
            for (String name : System.getProperties().stringPropertyNames()) {
                if (name.startsWith("ember.")) {
                    set(name, System.getProperty(name), "system property " + name);
                }
            }
        }
    }

    /** Sets {@code key} to {@code value}. */
    public EmberConf set(String key, String value) {
        return set(key, value, null);
    }

    /**
     * Sets {@code key} to {@code value}, remembering where the setting came from (for error messages), such as
     * {@code "--conf"} or {@code "conf/ember-defaults.conf:12"}.
     */
    public EmberConf set(String key, String value, String origin) {
        if (key == null || key.isBlank()) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "Configuration key is null or blank");
        }
        if (value == null) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "Configuration value for " + key + " is null");
        }
        settings.put(key, value);
        if (origin == null) {
            origins.remove(key);
        } else {
            origins.put(key, origin);
        }
        return this;
    }

    /** Sets a typed entry. */
    public <T> EmberConf set(ConfigEntry<T> entry, T value) {
        return set(entry.key(), entry.print(value));
    }

    /** Sets {@code key} only if it has no value yet. */
    public EmberConf setIfMissing(String key, String value) {
        if (!settings.containsKey(key)) {
            set(key, value);
        }
        return this;
    }

    /** Sets every pair of {@code values}. */
    public EmberConf setAll(Map<String, String> values) {
        values.forEach(this::set);
        return this;
    }

    /** The master URL: {@code local}, {@code local[4]}, {@code local[*]} or {@code local[4,2]} (threads, attempts per task). */
    public EmberConf setMaster(String master) {
        return set(CommonConfig.MASTER.key(), master);
    }

    /** The application name shown in logs, the UI and the cluster. */
    public EmberConf setAppName(String name) {
        return set(CommonConfig.APP_NAME.key(), name);
    }

    /** Jars to ship to executors with the application. */
    public EmberConf setJars(List<String> jars) {
        return set(CommonConfig.JARS, List.copyOf(jars));
    }

    /** Removes {@code key}. */
    public EmberConf remove(String key) {
        settings.remove(key);
        origins.remove(key);
        return this;
    }

    /**
     * The value of {@code key}.
     *
     * @throws NoSuchElementException when the key is not set
     */
    public String get(String key) {
        String value = settings.get(key);
        if (value == null) {
            throw new NoSuchElementException(key + " is not set");
        }
        return value;
    }

    /** The value of {@code key}, or {@code defaultValue} when it is not set. */
    public String get(String key, String defaultValue) {
        return settings.getOrDefault(key, defaultValue);
    }

    /** The value of {@code key} as an int, or {@code defaultValue} when not set. */
    public int getInt(String key, int defaultValue) {
        return getOption(key)
                .map(value -> parseNumber(key, value, Integer::parseInt, "expected an integer"))
                .orElse(defaultValue);
    }

    /** The value of {@code key} as a long, or {@code defaultValue} when not set. */
    public long getLong(String key, long defaultValue) {
        return getOption(key)
                .map(value -> parseNumber(key, value, Long::parseLong, "expected an integer"))
                .orElse(defaultValue);
    }

    /** The value of {@code key} as a double, or {@code defaultValue} when not set. */
    public double getDouble(String key, double defaultValue) {
        return getOption(key)
                .map(value -> parseNumber(key, value, Double::parseDouble, "expected a number"))
                .orElse(defaultValue);
    }

    /** The value of {@code key} as a boolean ({@code true}/{@code false}), or {@code defaultValue} when not set. */
    public boolean getBoolean(String key, boolean defaultValue) {
        return getOption(key)
                .map(value -> {
                    String trimmed = value.trim().toLowerCase(Locale.ROOT);
                    if (!trimmed.equals("true") && !trimmed.equals("false")) {
                        throw invalid(key, value, "expected true or false");
                    }
                    return Boolean.parseBoolean(trimmed);
                })
                .orElse(defaultValue);
    }

    private <N> N parseNumber(
            String key, String value, java.util.function.Function<String, N> parser, String expected) {
        try {
            return parser.apply(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, value, expected);
        }
    }

    private EmberException invalid(String key, String value, String expected) {
        String origin = originOf(key);
        return new EmberException(
                ErrorClass.INVALID_CONFIG_VALUE,
                "Invalid value '" + value + "' for " + key + (origin == null ? "" : " (set in " + origin + ")") + ": "
                        + expected);
    }

    /** The value of {@code key}, if set. */
    public Optional<String> getOption(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    /**
     * The typed value of {@code entry}: the setting parsed, or the entry's default.
     *
     * @throws EmberException {@link ErrorClass#INVALID_CONFIG_VALUE} when the set value does not parse, or
     *     {@link ErrorClass#MISSING_CONFIG} when the entry has no value and no default
     */
    public <T> T get(ConfigEntry<T> entry) {
        return getOptional(entry)
                .or(entry::defaultValue)
                .orElseThrow(() -> new EmberException(
                        ErrorClass.MISSING_CONFIG, entry.key() + " is not set and has no default: " + entry.doc()));
    }

    /** The typed value of {@code entry} if it is set (the default is not consulted). */
    public <T> Optional<T> getOptional(ConfigEntry<T> entry) {
        String raw = settings.get(entry.key());
        if (raw == null) {
            return Optional.empty();
        }
        return Optional.of(parse(entry, raw));
    }

    private <T> T parse(ConfigEntry<T> entry, String raw) {
        return ConfigRegistry.parseOrFail(entry, raw, originOf(entry.key()));
    }

    public boolean contains(String key) {
        return settings.containsKey(key);
    }

    public boolean contains(ConfigEntry<?> entry) {
        return settings.containsKey(entry.key());
    }

    /** Where the value of {@code key} was set, or null when set through the API without an origin. */
    public String originOf(String key) {
        return origins.get(key);
    }

    /** Every setting, sorted by key. */
    public Map<String, String> getAll() {
        return Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    /** Every setting whose key starts with {@code prefix}, with the prefix removed from the keys. */
    public Map<String, String> getAllWithPrefix(String prefix) {
        Map<String, String> result = new TreeMap<>();
        settings.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                result.put(key.substring(prefix.length()), value);
            }
        });
        return Collections.unmodifiableMap(result);
    }

    /**
     * Checks every setting: a bad value of a known key fails; unknown {@code ember.*} keys are returned as
     * warnings (with the closest known key when it looks like a typo).
     */
    public List<String> validate() {
        return ConfigRegistry.validate(this);
    }

    @Override
    public EmberConf clone() {
        EmberConf copy = new EmberConf(false);
        copy.settings.putAll(settings);
        copy.origins.putAll(origins);
        return copy;
    }

    /** All settings one per line, for logs. Values of keys that look secret are hidden. */
    public String toDebugString() {
        StringBuilder builder = new StringBuilder();
        getAll().forEach((key, value) -> builder.append(key)
                .append('=')
                .append(isSecret(key) ? "*********(redacted)" : value)
                .append('\n'));
        return builder.toString();
    }

    static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("secret") || lower.contains("password") || lower.contains("token");
    }

    @Override
    public String toString() {
        return "EmberConf" + getAll().keySet();
    }
}
