package dev.ember.sql.plans.logical.commands;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.types.StructType;
import java.util.List;
import java.util.Map;

/**
 * {@code CREATE [OR REPLACE] [GLOBAL] TEMPORARY VIEW name [(schema)] USING provider [OPTIONS (...)]}: a temporary view
 * over a data source. {@code userSchema} is null when the statement gives none.
 */
public record CreateTempViewUsing(
        List<String> name,
        boolean replace,
        boolean global,
        StructType userSchema,
        String provider,
        Map<String, String> options)
        implements Command {
    private static final long serialVersionUID = 1L;

    public CreateTempViewUsing {
        name = List.copyOf(name);
        requireNonNull(provider, "provider is null");
        options = Map.copyOf(options);
    }
}
