package dev.ember.bench.workload;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Named string values: a workload's parameters, an engine's settings, a reply of the runner protocol. On the
 * wire it is one line of space-separated {@code name=value} tokens with URL-encoded values, so values may hold
 * spaces, paths and nested encodings.
 */
public final class Params {
    private final Map<String, String> values;

    private Params(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static Params empty() {
        return new Params(new LinkedHashMap<>());
    }

    /** Alternating names and values. */
    public static Params of(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must alternate: got an odd count");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(String.valueOf(namesAndValues[i]), String.valueOf(namesAndValues[i + 1]));
        }
        return new Params(map);
    }

    public Params with(String name, Object value) {
        Map<String, String> map = new LinkedHashMap<>(values);
        map.put(name, String.valueOf(value));
        return new Params(map);
    }

    public Map<String, String> asMap() {
        return values;
    }

    public boolean contains(String name) {
        return values.containsKey(name);
    }

    public String get(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing parameter '" + name + "' (have " + values.keySet() + ")");
        }
        return value;
    }

    public String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public long getLong(String name) {
        String value = get(name);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + name + "' is not a whole number: '" + value + "'");
        }
    }

    public int getInt(String name) {
        long value = getLong(name);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("parameter '" + name + "' is out of int range: " + value);
        }
        return (int) value;
    }

    public double getDouble(String name) {
        String value = get(name);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + name + "' is not a number: '" + value + "'");
        }
    }

    public String encode() {
        StringJoiner line = new StringJoiner(" ");
        values.forEach((name, value) -> line.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return line.toString();
    }

    /** Parses {@link #encode()}'s form; a token without '=' is an error naming the token. */
    public static Params decode(String line) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String token : line.trim().split(" ")) {
            if (token.isEmpty()) {
                continue;
            }
            int eq = token.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected name=value, got '" + token + "'");
            }
            map.put(token.substring(0, eq), URLDecoder.decode(token.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return new Params(map);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Params params && params.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
