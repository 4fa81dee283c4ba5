package dev.ember.sql.catalog;

import static java.util.Objects.requireNonNull;

/**
 * What a function builder may depend on besides its arguments: the session's time zone (for functions between
 * timestamps and text or dates) and whether ANSI mode is on (errors instead of nulls for bad input).
 */
public record FunctionContext(String timeZone, boolean ansi) {
    public static final FunctionContext DEFAULT = new FunctionContext("UTC", true);

    public FunctionContext {
        requireNonNull(timeZone, "timeZone is null");
    }
}
