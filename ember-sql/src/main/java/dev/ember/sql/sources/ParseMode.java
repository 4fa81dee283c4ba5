package dev.ember.sql.sources;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.util.Locale;

/** What a reader does with a record that does not fit the schema: the {@code mode} option. */
public enum ParseMode {
    /** Keeps the record: the fields that did not parse are null, the raw record goes to the corrupt record column. */
    PERMISSIVE,
    /** Drops the record. */
    DROPMALFORMED,
    /** Fails the query with {@link ErrorClass#MALFORMED_RECORD}, naming the file and the line. */
    FAILFAST;

    /** The mode the {@code mode} option names (any case), PERMISSIVE by default. */
    public static ParseMode from(SourceOptions options) {
        String value = options.get("mode", "PERMISSIVE");
        return switch (value.trim().toUpperCase(Locale.ROOT)) {
            case "PERMISSIVE" -> PERMISSIVE;
            case "DROPMALFORMED" -> DROPMALFORMED;
            case "FAILFAST" -> FAILFAST;
            default ->
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT,
                        "The option mode must be PERMISSIVE, DROPMALFORMED or FAILFAST, not '" + value + "'");
        };
    }
}
