package dev.ember.sql.sources;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The options of a read or write ({@code option("header", "true")}), with keys compared without regard to case as in
 * Spark, and typed getters that fail naming the option and the value when it does not parse.
 */
public final class SourceOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    private final TreeMap<String, String> options = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    public SourceOptions(Map<String, String> options) {
        this.options.putAll(options);
    }

    public static SourceOptions empty() {
        return new SourceOptions(Map.of());
    }

    public String get(String key, String defaultValue) {
        return options.getOrDefault(key, defaultValue);
    }

    public boolean contains(String key) {
        return options.containsKey(key);
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        String value = options.get(key);
        if (value == null) {
            return defaultValue;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, value, "true or false");
        };
    }

    public int getInt(String key, int defaultValue) {
        String value = options.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, value, "an integer");
        }
    }

    public long getLong(String key, long defaultValue) {
        String value = options.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, value, "an integer");
        }
    }

    /** A single character option ({@code delimiter}, {@code quote}); {@code \t} and {@code \u0001} escapes allowed. */
    public char getChar(String key, char defaultValue) {
        String value = options.get(key);
        if (value == null) {
            return defaultValue;
        }
        String unescaped =
                switch (value) {
                    case "\\t" -> "\t";
                    case "\\n" -> "\n";
                    case "\\\\" -> "\\";
                    default ->
                        value.startsWith("\\u") && value.length() == 6
                                ? String.valueOf((char) Integer.parseInt(value.substring(2), 16))
                                : value;
                };
        if (unescaped.length() != 1) {
            throw invalid(key, value, "a single character");
        }
        return unescaped.charAt(0);
    }

    /** Every option, keys in order ignoring case. */
    public Map<String, String> asMap() {
        return java.util.Collections.unmodifiableMap(options);
    }

    private static EmberException invalid(String key, String value, String expected) {
        return new EmberException(
                ErrorClass.INVALID_ARGUMENT, "The option " + key + " must be " + expected + ", not '" + value + "'");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SourceOptions that && that.options.equals(options);
    }

    @Override
    public int hashCode() {
        return options.hashCode();
    }

    @Override
    public String toString() {
        return options.toString();
    }
}
