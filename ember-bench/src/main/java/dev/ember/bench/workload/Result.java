package dev.ember.bench.workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a workload computed, as named whole numbers, decimals and strings: the check that both engines got the
 * same answer. Whole numbers and strings must be equal; decimals (sums of doubles, added in whatever order an
 * engine's tasks finish) must agree to a relative tolerance.
 */
public final class Result {
    private final Map<String, Object> values = new LinkedHashMap<>();

    public Result put(String name, long value) {
        values.put(name, value);
        return this;
    }

    public Result put(String name, double value) {
        values.put(name, value);
        return this;
    }

    public Result put(String name, String value) {
        values.put(name, value);
        return this;
    }

    public Map<String, Object> values() {
        return values;
    }

    public String encode() {
        Params params = Params.empty();
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            Object value = entry.getValue();
            String typed = value instanceof Long ? "l:" + value : value instanceof Double ? "d:" + value : "s:" + value;
            params = params.with(entry.getKey(), typed);
        }
        return params.encode();
    }

    public static Result decode(String line) {
        Result result = new Result();
        for (Map.Entry<String, String> entry : Params.decode(line).asMap().entrySet()) {
            String typed = entry.getValue();
            if (typed.length() < 2 || typed.charAt(1) != ':') {
                throw new IllegalArgumentException("result value '" + entry.getKey() + "' has no type: " + typed);
            }
            String text = typed.substring(2);
            switch (typed.charAt(0)) {
                case 'l' -> result.put(entry.getKey(), Long.parseLong(text));
                case 'd' -> result.put(entry.getKey(), Double.parseDouble(text));
                case 's' -> result.put(entry.getKey(), text);
                default ->
                    throw new IllegalArgumentException(
                            "result value '" + entry.getKey() + "' has unknown type: " + typed);
            }
        }
        return result;
    }

    /** The differences between two results, empty when they agree. */
    public static List<String> differences(Result expected, Result actual, double relativeTolerance) {
        List<String> differences = new ArrayList<>();
        if (!expected.values.keySet().equals(actual.values.keySet())) {
            differences.add("fields differ: " + expected.values.keySet() + " vs " + actual.values.keySet());
            return differences;
        }
        for (Map.Entry<String, Object> entry : expected.values.entrySet()) {
            Object a = entry.getValue();
            Object b = actual.values.get(entry.getKey());
            boolean same;
            if (a instanceof Double x && b instanceof Double y) {
                double scale = Math.max(Math.abs(x), Math.abs(y));
                same = Math.abs(x - y) <= relativeTolerance * Math.max(scale, 1e-300) || x.equals(y);
            } else {
                same = a.equals(b);
            }
            if (!same) {
                differences.add(entry.getKey() + ": " + a + " vs " + b);
            }
        }
        return differences;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
