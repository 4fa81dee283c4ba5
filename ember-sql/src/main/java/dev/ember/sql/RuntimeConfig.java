package dev.ember.sql;

import dev.ember.EmberConf;
import dev.ember.config.ConfigEntry;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A session's settings: what {@code SET k=v} and {@code conf().set} changed in this session, over the engine's
 * configuration. Keys written with Spark's {@code spark.} prefix are read as the {@code ember.} key of the same name,
 * so queries and notebooks brought from Spark keep working ({@code SET spark.sql.shuffle.partitions=4}).
 */
public final class RuntimeConfig {
    private final EmberConf base;
    private final Map<String, String> overrides = new ConcurrentHashMap<>();

    RuntimeConfig(EmberConf base) {
        this.base = base;
    }

    static String normalize(String key) {
        String trimmed = key.trim();
        return trimmed.startsWith("spark.") ? "ember." + trimmed.substring("spark.".length()) : trimmed;
    }

    /** Settings read once, when the session starts; changing them later would change nothing, so it fails. */
    static final java.util.Set<String> STATIC_KEYS = java.util.Set.of(SqlConfig.WAREHOUSE_DIR.key());

    private volatile boolean started;

    /** From now on the static settings are fixed. */
    void markStarted() {
        started = true;
    }

    public void set(String key, String value) {
        String normalized = normalize(key);
        if (started
                && STATIC_KEYS.contains(normalized)
                && !value.equals(getOption(normalized).orElse(null))) {
            throw new dev.ember.EmberException(
                    dev.ember.ErrorClass.INVALID_CONFIG_VALUE,
                    "The setting " + normalized + " is read when a session starts and cannot change afterwards; give it"
                            + " to EmberSession.builder().config(...) or --conf before the first session");
        }
        dev.ember.config.ConfigRegistry.find(normalized)
                .ifPresent(entry -> dev.ember.config.ConfigRegistry.parseOrFail(entry, value, "SET " + key));
        overrides.put(normalized, value);
    }

    public void set(String key, long value) {
        set(key, Long.toString(value));
    }

    public void set(String key, boolean value) {
        set(key, Boolean.toString(value));
    }

    public void unset(String key) {
        String normalized = normalize(key);
        if (started && STATIC_KEYS.contains(normalized)) {
            return; // fixed for the session's life, as set() says
        }
        overrides.remove(normalized);
    }

    public String get(String key) {
        return getOption(key)
                .orElseThrow(() -> new java.util.NoSuchElementException("The setting " + key + " is not set"));
    }

    public String get(String key, String defaultValue) {
        return getOption(key).orElse(defaultValue);
    }

    public Optional<String> getOption(String key) {
        String normalized = normalize(key);
        String value = overrides.get(normalized);
        if (value != null) {
            return Optional.of(value);
        }
        if (base.contains(normalized)) {
            return Optional.of(base.get(normalized));
        }
        return dev.ember.config.ConfigRegistry.find(normalized)
                .map(ConfigEntry::defaultValueString)
                .filter(text -> !text.equals("<none>"));
    }

    /** The value of a typed setting, this session's if it set one. */
    <T> T get(ConfigEntry<T> entry) {
        String value = overrides.get(entry.key());
        return value == null ? base.get(entry) : entry.parse(value);
    }

    /** Every setting this session or the engine set, sorted by key. */
    public Map<String, String> getAll() {
        Map<String, String> all = new TreeMap<>();
        for (Map.Entry<String, String> entry : base.getAll().entrySet()) {
            all.put(entry.getKey(), entry.getValue());
        }
        all.putAll(overrides);
        return all;
    }

    /** The keys this session set. */
    java.util.Set<String> overriddenKeys() {
        return java.util.Set.copyOf(overrides.keySet());
    }

    public boolean isModifiable(String key) {
        String normalized = normalize(key);
        return normalized.startsWith("ember.sql.") && !STATIC_KEYS.contains(normalized);
    }
}
