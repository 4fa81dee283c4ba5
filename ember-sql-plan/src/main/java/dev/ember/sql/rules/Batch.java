package dev.ember.sql.rules;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Rules run together: in order, over and over until a pass changes nothing or {@code maxIterations} passes ran
 * ({@code once} is one pass).
 */
public record Batch(String name, int maxIterations, List<Rule> rules) {
    public Batch {
        requireNonNull(name, "name is null");
        rules = List.copyOf(rules);
        if (maxIterations < 1) {
            throw new IllegalArgumentException("A batch runs at least once");
        }
    }

    public static Batch once(String name, Rule... rules) {
        return new Batch(name, 1, List.of(rules));
    }

    public static Batch fixedPoint(String name, int maxIterations, Rule... rules) {
        return new Batch(name, maxIterations, List.of(rules));
    }
}
