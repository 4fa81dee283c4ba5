package dev.ember.config;

import static java.util.Objects.requireNonNull;

import dev.ember.util.ByteSizes;
import dev.ember.util.Durations;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One {@code ember.*} setting: its key, value type, default and documentation. Entries are built with
 * {@link #key(String)} and registered in {@link ConfigRegistry} as they are created, so a key is declared
 * exactly once in the code base.
 *
 * <pre>{@code
 * static final ConfigEntry<Integer> TASK_MAX_FAILURES = ConfigEntry.key("ember.task.maxFailures")
 *     .doc("Attempts of one task before its job fails.")
 *     .intConf().atLeast(1, "at least 1")
 *     .defaultValue(4);
 * }</pre>
 *
 * @param <T> the type of the value
 */
public final class ConfigEntry<T> {
    private final String key;
    private final String doc;
    private final String expected;
    private final Function<String, T> parser;
    private final Function<T, String> printer;
    private final T defaultValue;
    private final boolean hasDefault;
    private final String defaultText;

    private ConfigEntry(
            String key,
            String doc,
            String expected,
            Function<String, T> parser,
            Function<T, String> printer,
            T defaultValue,
            boolean hasDefault,
            String defaultText) {
        this.key = key;
        this.doc = doc;
        this.expected = expected;
        this.parser = parser;
        this.printer = printer;
        this.defaultValue = defaultValue;
        this.hasDefault = hasDefault;
        this.defaultText = defaultText;
    }

    /** Starts declaring the setting {@code key}. */
    public static Builder key(String key) {
        return new Builder(key);
    }

    public String key() {
        return key;
    }

    public String doc() {
        return doc;
    }

    /** What a valid value looks like, for error messages: "an integer", "a size such as 512m". */
    public String expected() {
        return expected;
    }

    /** The default, if the entry has one. */
    public Optional<T> defaultValue() {
        return hasDefault ? Optional.ofNullable(defaultValue) : Optional.empty();
    }

    /** The default as it was written where the entry is declared (or printed from the value), or {@code <none>}. */
    public String defaultValueString() {
        if (!hasDefault || defaultValue == null) {
            return "<none>";
        }
        return defaultText != null ? defaultText : printer.apply(defaultValue);
    }

    /**
     * Parses a raw value.
     *
     * @throws IllegalArgumentException saying what was expected when the value does not parse or breaks a rule
     */
    public T parse(String raw) {
        requireNonNull(raw, "raw is null");
        return parser.apply(raw);
    }

    /** The string form of a value of this entry. */
    public String print(T value) {
        return printer.apply(value);
    }

    @Override
    public String toString() {
        return "ConfigEntry(" + key + ", default=" + defaultValueString() + ")";
    }

    /** First step of declaring an entry: the key and its doc. */
    public static final class Builder {
        private final String key;
        private String doc = "";

        private Builder(String key) {
            requireNonNull(key, "key is null");
            if (!key.startsWith("ember.")) {
                throw new IllegalArgumentException("Config keys start with 'ember.': " + key);
            }
            this.key = key;
        }

        public Builder doc(String doc) {
            this.doc = requireNonNull(doc, "doc is null");
            return this;
        }

        public TypedBuilder<Integer> intConf() {
            return typed("an integer", raw -> {
                try {
                    return Integer.parseInt(raw.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected an integer");
                }
            });
        }

        public TypedBuilder<Long> longConf() {
            return typed("an integer", raw -> {
                try {
                    return Long.parseLong(raw.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected an integer");
                }
            });
        }

        public TypedBuilder<Double> doubleConf() {
            return typed("a number", raw -> {
                try {
                    return Double.parseDouble(raw.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected a number");
                }
            });
        }

        public TypedBuilder<Boolean> booleanConf() {
            return typed("true or false", raw -> {
                String value = raw.trim().toLowerCase(Locale.ROOT);
                if (value.equals("true")) {
                    return Boolean.TRUE;
                }
                if (value.equals("false")) {
                    return Boolean.FALSE;
                }
                throw new IllegalArgumentException("expected true or false");
            });
        }

        public TypedBuilder<String> stringConf() {
            return typed("a string", raw -> raw);
        }

        /** A size in bytes; a bare number is in {@code defaultUnit}. The value is in bytes. */
        public TypedBuilder<Long> bytesConf(ByteSizes.Unit defaultUnit) {
            return new TypedBuilder<>(
                    key,
                    doc,
                    "a size such as 512m, 2g or 64k",
                    raw -> ByteSizes.parse(raw, defaultUnit),
                    value -> value % (1L << 20) == 0 && value > 0 ? (value >> 20) + "m" : value + "b");
        }

        /** A duration; a bare number is in {@code defaultUnit}. The value is in milliseconds. */
        public TypedBuilder<Long> timeConf(TimeUnit defaultUnit) {
            return new TypedBuilder<>(
                    key,
                    doc,
                    "a duration such as 100ms, 3s or 5min",
                    raw -> Durations.parse(raw, defaultUnit).toMillis(),
                    value -> value + "ms");
        }

        /** One of the constants of {@code type}, case-insensitive. */
        public <E extends Enum<E>> TypedBuilder<E> enumConf(Class<E> type) {
            List<String> names =
                    Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
            String expected = "one of " + String.join(", ", names);
            return new TypedBuilder<>(
                    key,
                    doc,
                    expected,
                    raw -> {
                        String wanted = raw.trim().toUpperCase(Locale.ROOT);
                        for (E constant : type.getEnumConstants()) {
                            if (constant.name().equals(wanted)) {
                                return constant;
                            }
                        }
                        throw new IllegalArgumentException("expected " + expected);
                    },
                    Enum::name);
        }

        /** A comma-separated list of strings; blanks are dropped. */
        public TypedBuilder<List<String>> stringListConf() {
            return new TypedBuilder<>(
                    key,
                    doc,
                    "a comma-separated list",
                    raw -> Arrays.stream(raw.split(","))
                            .map(String::trim)
                            .filter(item -> !item.isEmpty())
                            .toList(),
                    value -> String.join(",", value));
        }

        private <T> TypedBuilder<T> typed(String expected, Function<String, T> parser) {
            return new TypedBuilder<>(key, doc, expected, parser, String::valueOf);
        }
    }

    /**
     * A numeric range, the rule behind most entries. One class for all of them rather than a lambda per entry:
     * every distinct lambda is a class the JVM generates when the entry is declared, at start-up.
     */
    private static final class Bounds<T> implements Predicate<T> {
        private final double min;
        private final boolean minIncluded;
        private final double max;
        private final boolean maxIncluded;

        Bounds(double min, boolean minIncluded, double max, boolean maxIncluded) {
            this.min = min;
            this.minIncluded = minIncluded;
            this.max = max;
            this.maxIncluded = maxIncluded;
        }

        @Override
        public boolean test(T value) {
            double number = ((Number) value).doubleValue();
            return (minIncluded ? number >= min : number > min) && (maxIncluded ? number <= max : number < max);
        }
    }

    /** Second step: rules on the value, then the default. Creating the entry registers it. */
    public static final class TypedBuilder<T> {
        private final String key;
        private final String doc;
        private final String expected;
        private Function<String, T> parser;
        private final Function<T, String> printer;

        private TypedBuilder(
                String key, String doc, String expected, Function<String, T> parser, Function<T, String> printer) {
            this.key = key;
            this.doc = doc;
            this.expected = expected;
            this.parser = parser;
            this.printer = printer;
        }

        /** Adds a rule; a value breaking it is rejected with "must be {@code requirement}". */
        public TypedBuilder<T> check(Predicate<T> rule, String requirement) {
            Function<String, T> previous = parser;
            parser = raw -> {
                T value = previous.apply(raw);
                if (!rule.test(value)) {
                    throw new IllegalArgumentException("must be " + requirement);
                }
                return value;
            };
            return this;
        }

        // The range rules below are for numeric entries (intConf, longConf, doubleConf, bytesConf, timeConf).

        /** Requires a number above zero. */
        public TypedBuilder<T> positive() {
            return check(new Bounds<>(0, false, Double.POSITIVE_INFINITY, true), "positive");
        }

        /** Requires a number of zero or more. */
        public TypedBuilder<T> nonNegative() {
            return check(new Bounds<>(0, true, Double.POSITIVE_INFINITY, true), "non-negative");
        }

        /** Requires a number of at least {@code min}; a value below is rejected with "must be {@code requirement}". */
        public TypedBuilder<T> atLeast(double min, String requirement) {
            return check(new Bounds<>(min, true, Double.POSITIVE_INFINITY, true), requirement);
        }

        /** Requires a number between {@code min} and {@code max}, each bound included or not. */
        public TypedBuilder<T> between(
                double min, boolean minIncluded, double max, boolean maxIncluded, String requirement) {
            return check(new Bounds<>(min, minIncluded, max, maxIncluded), requirement);
        }

        /** Creates and registers the entry with a default. */
        public ConfigEntry<T> defaultValue(T value) {
            requireNonNull(value, "default value is null: use optional()");
            return ConfigRegistry.register(new ConfigEntry<>(key, doc, expected, parser, printer, value, true, null));
        }

        /** Creates and registers the entry with the default given as a string (such as {@code 32k}), parsed now. */
        public ConfigEntry<T> defaultString(String value) {
            return ConfigRegistry.register(
                    new ConfigEntry<>(key, doc, expected, parser, printer, parser.apply(value), true, value));
        }

        /** Creates and registers an entry without a default. */
        public ConfigEntry<T> optional() {
            return ConfigRegistry.register(new ConfigEntry<>(key, doc, expected, parser, printer, null, false, null));
        }
    }
}
