package dev.ember.sql.plans.logical.commands;

import java.util.List;
import java.util.Map;

/**
 * {@code CREATE (DATABASE | SCHEMA | NAMESPACE) [IF NOT EXISTS] name [COMMENT c] [LOCATION l] [WITH DBPROPERTIES]};
 * {@code comment} and {@code location} are null when absent.
 */
public record CreateDatabase(
        List<String> nameParts, boolean ifNotExists, String comment, String location, Map<String, String> properties)
        implements Command {
    private static final long serialVersionUID = 1L;

    public CreateDatabase {
        nameParts = List.copyOf(nameParts);
        properties = Map.copyOf(properties);
    }
}
