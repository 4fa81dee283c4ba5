package dev.ember.sql.catalog;

import static java.util.Objects.requireNonNull;

/**
 * A function as the registry knows it.
 *
 * @param name its name, in lower case
 * @param kind scalar, aggregate or generator (a function that makes rows, such as {@code explode})
 * @param usage one line saying what it does, as {@code DESCRIBE FUNCTION} and {@code SHOW FUNCTIONS} show it: {@code
 *     upper(str) - Returns str with all characters changed to upper case.}
 * @param builder makes the expression of a call
 */
public record FunctionInfo(String name, Kind kind, String usage, FunctionBuilder builder) {
    /** What a call of the function is. */
    public enum Kind {
        SCALAR,
        AGGREGATE,
        GENERATOR,
        WINDOW,
        /** A scalar function that takes a lambda ({@code transform}, {@code filter}...), built once its other
         * arguments are resolved, before its lambda's body is. */
        HIGHER_ORDER
    }

    public FunctionInfo {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(usage, "usage is null");
        requireNonNull(builder, "builder is null");
    }
}
